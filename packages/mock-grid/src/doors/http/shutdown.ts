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
 * so the door lets go of its jobs (cancels them, as when a client disconnects) and its event stream ends; an
 * SSE stream then ends with `SHUTDOWN_EVENT` and `[DONE]` instead of whatever the door would still have sent.
 */
export function endOnHandBack(out: DoorResponse, handBack: AbortSignal): DoorResponse {
  if (out.kind !== 'sse') return out;
  const { events } = out;
  return { ...out, events: { [Symbol.asyncIterator]: () => new CutShort(events, handBack) } };
}

const OVER: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The door's events, checked against the hand-back after every step. One `then` per event and no listener:
 * the hand-back aborts the door's request first, which ends the door's stream, so the step the door takes
 * next (an event or its end) is where the cut shows — the door may even answer the abort with its own
 * `[DONE]`, which is replaced too.
 */
class CutShort implements AsyncIterator<string> {
  readonly #it: AsyncIterator<string>;
  /** Set once the stream is over: what is still to send (the cut's `[DONE]`), else nothing. */
  #tail: string[] | undefined;

  constructor(
    events: AsyncIterable<string>,
    private readonly handBack: AbortSignal,
  ) {
    this.#it = events[Symbol.asyncIterator]();
  }

  next(): Promise<IteratorResult<string>> {
    if (this.#tail) {
      const value = this.#tail.shift();
      return Promise.resolve(value === undefined ? OVER : { value, done: false });
    }
    return this.#it.next().then((step) => {
      if (this.handBack.aborted) {
        this.#over(['[DONE]']);
        return { value: SHUTDOWN_EVENT, done: false };
      }
      if (step.done) this.#over([]);
      else if (step.value === '[DONE]') this.#over([]);
      return step.done ? OVER : step;
    });
  }

  return(): Promise<IteratorResult<string>> {
    this.#over([]);
    return Promise.resolve(OVER);
  }

  #over(tail: string[]): void {
    if (this.#tail) return;
    this.#tail = tail;
    // Not awaited: a door generator still waiting for its next event finishes once the abort reaches it.
    void Promise.resolve(this.#it.return?.()).catch(() => {});
  }
}
