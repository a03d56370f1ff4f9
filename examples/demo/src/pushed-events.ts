// One Horde text job followed by its pushed events (`grid.jobs.watch`: GET /v1/jobs/{id}/events, an AIPG
// extension the mock grid serves; docs/sdk/jobs.md): each event printed the moment it reaches the client, with
// its seq, and nothing polls. The grid's own view of the same job is printed beside it, under [horde].
import type { Grid, JobEvent } from '@aipg/sdk';
import { type Printer, step } from './printer.js';

/** Token events printed together on one line. */
const TOKENS_A_LINE = 5;

/** What one pushed event says, in a few words. */
function describe(event: JobEvent): string {
  switch (event.type) {
    case 'queued':
      return `position ${event.position} in the queue`;
    case 'requeued':
      return `back to the queue: ${event.reason}`;
    case 'assigned':
      return `worker ${event.worker.name}${event.worker.region ? ` in ${event.worker.region}` : ''}, model ${event.model}`;
    case 'progress':
      return event.tokens !== undefined ? `${event.tokens} tokens so far` : `${event.pct}%`;
    case 'token':
      return JSON.stringify(event.delta.content ?? '');
    case 'done':
      return `"${event.text ?? ''}" (${event.finish_reason}, ${event.usage?.completion_tokens} tokens)`;
    case 'failed':
    case 'faulted':
      return event.message;
    case 'cancelled':
      return 'cancelled';
  }
}

/**
 * Submits one Horde text job with `sdk` and prints its events as they arrive — token events five to a line (their
 * seqs and text), so the grid's streamed line beside them stays readable.
 * Returns them all.
 */
export async function showPushedEvents(sdk: Grid, out: Printer, model: string): Promise<JobEvent[]> {
  const { id } = await sdk.text.submit({
    prompt: 'Name one use for a spare GPU.',
    params: { max_length: 40 },
    models: [model],
  });
  const events: JobEvent[] = [];
  let run: JobEvent[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const seqs = run.length === 1 ? `#${run[0]!.seq}` : `#${run[0]!.seq}–${run.at(-1)!.seq}`;
    const text = run.map((e) => (e.type === 'token' ? (e.delta.content ?? '') : '')).join('');
    out.line('events', `${step(`${seqs} token`)}×${run.length} ${JSON.stringify(text)}`);
    run = [];
  };
  for await (const event of sdk.jobs.watch(id)) {
    events.push(event);
    if (event.type === 'token') {
      run.push(event);
      if (run.length === TOKENS_A_LINE) flush();
      continue;
    }
    flush();
    out.line('events', `${step(`#${event.seq} ${event.type}`)}${describe(event)}`);
  }
  return events;
}
