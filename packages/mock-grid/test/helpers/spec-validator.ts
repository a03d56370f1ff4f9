import { loadSpec } from '../../src/validation/load.js';
import { fieldName, type SpecValidators } from '../../src/validation/spec.js';

/**
 * Checks every response a test receives against the spec: the operation is found from the method + path (the
 * spec's own path templates, not the grid's router), the status must be declared for it, and the JSON body (or
 * each SSE `data:` event) must match the declared schema. Wire it in as the `fetch` of every client in a test and
 * call `assertClean()` after each test.
 */
export interface SpecCheck {
  fetch: typeof fetch;
  violations: string[];
  /** Throws if any response (or SSE event that reached the client) broke the spec. */
  assertClean(): Promise<void>;
  /** Validates one server → worker WebSocket frame against `WsServerFrame`. */
  checkServerFrame(frame: unknown): void;
}

interface Template {
  method: string;
  regex: RegExp;
  operationId: string;
}

function templates(spec: SpecValidators): Template[] {
  const out: Template[] = [];
  for (const op of spec.operations.values()) {
    const parts = op.pathTemplate.split(/(\{[^}]+\})/);
    const last = parts.filter((p) => p.startsWith('{')).length;
    let seen = 0;
    const source = parts
      .map((p) => {
        if (!p.startsWith('{')) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        seen++;
        // The last parameter may hold slashes (model ids like `grid/llama-3`).
        return seen === last ? '(.+)' : '([^/]+)';
      })
      .join('');
    out.push({ method: op.method, regex: new RegExp(`^${source}$`), operationId: op.operationId });
  }
  // Literal paths win over templated ones (`/v1/workers/ws` vs `/v1/workers/{id}`).
  return out.sort((a, b) => Number(a.regex.source.includes('(')) - Number(b.regex.source.includes('(')));
}

/** Independent of the grid's own normaliser on purpose: doubled slashes and the `/v2` alias. */
function specPath(url: string): string {
  let path = new URL(url).pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/v2' || path.startsWith('/v2/')) path = `/api${path}`;
  return path;
}

// Tests may stub the global `fetch` with the checked one (clients without a `fetch` option): then the original
// is used. Otherwise the global is read per call, so msw's interception (installed by `listen()`) applies.
const realFetch = globalThis.fetch;

export function createSpecCheck(): SpecCheck {
  const spec = loadSpec();
  const table = templates(spec);
  const violations: string[] = [];

  const describe = (where: string, problems: { path: (string | number)[]; message: string }[]) =>
    `${where}: ${problems.map((p) => `${fieldName(p.path)} ${p.message}`).join('; ')}`;

  const checkedFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const inner = globalThis.fetch === checkedFetch ? realFetch : globalThis.fetch;
    const response = await inner(request);
    const path = specPath(request.url);
    const op = table.find((t) => t.method === request.method && t.regex.test(path));
    const where = `${request.method} ${path} → ${response.status}`;
    if (!op) {
      // Routes outside the spec (404s for unknown paths) have nothing to check against.
      return response;
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('text/event-stream')) {
      const validator = spec.response(op.operationId, response.status, 'text/event-stream');
      if (validator === undefined) violations.push(`${where}: status not declared in the spec`);
      // Inspect the events as they pass to the client: a client that stops reading still cancels the stream.
      const inspector =
        op.operationId === 'streamJobEvents'
          ? jobEventInspector(where, spec, violations, describe)
          : sseInspector(where, spec, violations, describe);
      const body = response.body!.pipeThrough(inspector);
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    const validator = spec.response(op.operationId, response.status);
    if (validator === undefined) {
      violations.push(`${where}: status not declared in the spec for ${op.operationId}`);
      return response;
    }
    const text = await response.clone().text();
    if (validator === null) {
      if (text.length > 0)
        violations.push(`${where}: the spec declares no JSON body, got ${text.slice(0, 200)}`);
      return response;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      violations.push(`${where}: body is not JSON: ${text.slice(0, 200)}`);
      return response;
    }
    const problems = validator(body);
    if (problems.length) violations.push(describe(`${where} ${op.operationId}`, problems));
    return response;
  };

  return {
    fetch: checkedFetch,
    violations,
    async assertClean() {
      if (violations.length) {
        const list = violations.splice(0);
        throw new Error(`responses broke the spec:\n  ${list.join('\n  ')}`);
      }
    },
    checkServerFrame(frame) {
      // A media session's frames are `WsMediaServerFrame` (openapi/components/ws.yaml): either union will do.
      const problems = spec.schema('WsServerFrame')(frame);
      if (problems.length && spec.schema('WsMediaServerFrame')(frame).length === 0) return;
      if (problems.length)
        violations.push(describe(`WS frame ${JSON.stringify(frame).slice(0, 200)}`, problems));
    },
  };
}

function sseInspector(
  where: string,
  spec: SpecValidators,
  violations: string[],
  describe: (where: string, problems: { path: (string | number)[]; message: string }[]) => string,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let buffer = '';
  let sawDone = false;
  const events = () => {
    let cut = buffer.indexOf('\n\n');
    while (cut !== -1) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) {
          violations.push(`${where}: SSE line without "data: ": ${line.slice(0, 100)}`);
          continue;
        }
        const data = line.slice(6);
        if (data === '[DONE]') {
          sawDone = true;
          continue;
        }
        if (sawDone) violations.push(`${where}: SSE event after [DONE]`);
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(data) as Record<string, unknown>;
        } catch {
          violations.push(`${where}: SSE data is not JSON: ${data.slice(0, 100)}`);
          continue;
        }
        const schema = 'error' in parsed ? 'StreamErrorChunk' : 'ChatCompletionChunk';
        const problems = spec.schema(schema)(parsed);
        if (problems.length) violations.push(describe(`${where} SSE ${schema}`, problems));
      }
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      events();
      controller.enqueue(chunk);
    },
    flush() {
      if (!sawDone) violations.push(`${where}: SSE stream ended without data: [DONE]`);
    },
  });
}

/**
 * Checks a job event stream (`GET /v1/jobs/{id}/events`, `JobEventStreamEvent`): every event has `id`, `event` and
 * `data` lines, `data` is a `JobEvent` whose `seq` and `type` are the `id` and `event`, seqs only go up, comment
 * lines are keep-alives, and nothing follows the `final` event.
 */
function jobEventInspector(
  where: string,
  spec: SpecValidators,
  violations: string[],
  describe: (where: string, problems: { path: (string | number)[]; message: string }[]) => string,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let buffer = '';
  let lastSeq = -1;
  let sawFinal = false;
  const events = () => {
    let cut = buffer.indexOf('\n\n');
    while (cut !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(': ');
        if (colon === -1) {
          violations.push(`${where}: SSE line without "field: ": ${line.slice(0, 100)}`);
          continue;
        }
        fields[line.slice(0, colon)] = line.slice(colon + 2);
      }
      if (Object.keys(fields).length === 0) continue;
      const problems = spec.schema('JobEventStreamEvent')(fields);
      if (problems.length) violations.push(describe(`${where} SSE JobEventStreamEvent`, problems));
      if (sawFinal) violations.push(`${where}: SSE event after the final one`);
      let event: { seq?: unknown; type?: unknown; final?: unknown };
      try {
        event = JSON.parse(fields.data ?? '') as typeof event;
      } catch {
        violations.push(`${where}: SSE data is not JSON: ${String(fields.data).slice(0, 100)}`);
        continue;
      }
      if (String(event.seq) !== fields.id || event.type !== fields.event) {
        violations.push(
          `${where}: SSE id/event ${fields.id}/${fields.event} differ from seq/type ${String(event.seq)}/${String(event.type)}`,
        );
      }
      if (typeof event.seq === 'number') {
        if (event.seq <= lastSeq) violations.push(`${where}: seq ${event.seq} after ${lastSeq}`);
        lastSeq = event.seq;
      }
      if (event.final === true) sawFinal = true;
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      events();
      controller.enqueue(chunk);
    },
  });
}
