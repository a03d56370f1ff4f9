/**
 * What the HTTP doors answer while the grid shuts down (docs/mock-grid.md "Shutdown"). From the moment
 * shutdown begins, requests that would take new work — a chat completion, a Horde async submit, a Horde pop —
 * are refused with 503 and `Retry-After`; everything else (status, cancel, a pop worker's submit, the views)
 * is still answered, so jobs in flight can finish. When the grace period ends, what is still open is handed
 * back: a chat stream ends with a `StreamErrorChunk` of type `service_unavailable` and `[DONE]`
 * (openapi/components/v1.yaml), a chat still waiting for its JSON answer gets the 503.
 */
import { surfaceOf } from './router.js';
import { type DoorResponse, type JsonResponse, json } from './types.js';

export const SHUTDOWN_MESSAGE = 'The grid is shutting down (service restart); send the request again later.';

/** The operations that take new work: refused once shutdown has begun. */
const NEW_WORK: readonly { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/v1\/chat\/completions$/ },
  { method: 'POST', path: /^\/api\/v2\/generate\/text\/async$/ },
  { method: 'POST', path: /^\/api\/v2\/generate\/text\/pop$/ },
];

export function takesNewWork(method: string, path: string): boolean {
  return NEW_WORK.some((w) => w.method === method && w.path.test(path));
}

/** The 503 in the surface's error shape (`{detail}` on /v1, `{message, rc}` on the Horde). */
export function shuttingDown(path: string, retryAfterS: number): JsonResponse {
  const headers = { 'retry-after': String(Math.max(1, Math.ceil(retryAfterS))), connection: 'close' };
  return surfaceOf(path) === 'v1'
    ? json(503, { detail: SHUTDOWN_MESSAGE }, headers)
    : json(503, { message: SHUTDOWN_MESSAGE, rc: 'MaintenanceMode' }, headers);
}

/** The stream event that ends an SSE answer cut by the shutdown (then `[DONE]`). */
export const SHUTDOWN_EVENT = JSON.stringify({
  error: { message: SHUTDOWN_MESSAGE, type: 'service_unavailable' },
});

/**
 * A response that the hand-back can end early. The server aborts the door request's signal at the hand-back,
 * so the door lets go of its jobs (cancels them, as when a client disconnects); an SSE stream then ends with
 * `SHUTDOWN_EVENT` and `[DONE]` instead of whatever the door would still have sent.
 */
export function endOnHandBack(out: DoorResponse, handBack: AbortSignal): DoorResponse {
  if (out.kind !== 'sse') return out;
  return { ...out, events: cutShort(out.events, handBack) };
}

async function* cutShort(events: AsyncIterable<string>, handBack: AbortSignal): AsyncGenerator<string> {
  const it = events[Symbol.asyncIterator]();
  let stop: (() => void) | undefined;
  const stopped = new Promise<'stop'>((resolve) => {
    stop = () => resolve('stop');
    if (handBack.aborted) stop();
    else handBack.addEventListener('abort', stop, { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([it.next(), stopped]);
      // Checked after every step: the door may answer the abort (its own `[DONE]`) before `stopped` settles.
      if (next === 'stop' || handBack.aborted) {
        yield SHUTDOWN_EVENT;
        yield '[DONE]';
        return;
      }
      if (next.done) return;
      yield next.value;
      if (next.value === '[DONE]') return;
    }
  } finally {
    if (stop) handBack.removeEventListener('abort', stop);
    // Not awaited: a door generator still waiting for its next event finishes once the abort reaches it.
    void Promise.resolve(it.return?.()).catch(() => {});
  }
}
