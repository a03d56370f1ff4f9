/**
 * The mock's `slow-body` scenario (docs/mock-grid.md "Scenarios and faults"): a response's body as slices of
 * `pace.bytes`, one every `pace.everyMs` of real time, for both transports (node server, msw). No `node:`
 * import: the msw entry uses it too.
 */
import { type DoorResponse, type Pace, sseItem } from './types.js';

/** The body's bytes, `pace.bytes` at a time, waiting `pace.everyMs` before each slice after the first. */
export async function* pacedBody(
  out: Exclude<DoorResponse, { kind: 'reset' }>,
  pace: Pace,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  for await (const text of bodyTexts(out)) {
    const bytes = encoder.encode(text);
    for (let at = 0; at < bytes.length; at += pace.bytes) {
      if (!first) await sleep(pace.everyMs);
      first = false;
      if (signal?.aborted) return;
      yield bytes.subarray(at, at + pace.bytes);
    }
  }
}

/** The content type a paced JSON or raw body is sent with (an SSE stream keeps its own headers). */
export function pacedContentType(out: Exclude<DoorResponse, { kind: 'reset' | 'sse' }>): string {
  return out.kind === 'json' ? 'application/json' : out.contentType;
}

async function* bodyTexts(out: Exclude<DoorResponse, { kind: 'reset' }>): AsyncGenerator<string> {
  if (out.kind === 'json') yield JSON.stringify(out.body);
  else if (out.kind === 'raw') yield out.body;
  else for await (const item of out.events) yield sseItem(out, item);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
