// Time is injected (sleep + random) so reconnect and back-off schedules can be tested without real waits.

/**
 * The worker's one way to wait. Its abort meaning, for every implementation (the real one below and the
 * `sleep` a test passes to createWorker): an abort **resolves** the wait early, it never rejects. Every
 * caller is a loop that looks at its signal (drain, cancel) right after waking, so an abort means "stop
 * waiting", not an error. (The SDK's own sleep, which rejects, is internal to its request pipeline; the
 * worker's grid calls run with `maxRetries: 0`, so no worker wait goes through it.)
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** A doubling back-off from `initialMs` up to `maxMs`. */
export interface BackoffSchedule {
  initialMs: number;
  maxMs: number;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Multiplier per step (default 2). */
  factor?: number;
  /** Returns [0, 1); default Math.random. */
  random?: () => number;
}

/**
 * Exponential back-off with "equal jitter": each delay is between half and all of the nominal step, so
 * many workers restarting together do not reconnect in lock-step, yet the delay never collapses to zero.
 */
export class Backoff {
  private attempt = 0;
  constructor(private readonly options: BackoffOptions) {}

  /** The nominal (un-jittered) delay of the next step. */
  get nominalMs(): number {
    const { initialMs, maxMs, factor = 2 } = this.options;
    return Math.min(maxMs, initialMs * factor ** this.attempt);
  }

  /** The next jittered delay; advances the schedule. */
  next(): number {
    const nominal = this.nominalMs;
    this.attempt += 1;
    const random = this.options.random ?? Math.random;
    return Math.round(nominal / 2 + (nominal / 2) * random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
