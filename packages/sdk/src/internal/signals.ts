import { AIPGError, APIUserAbortError } from '../core/errors';

/**
 * The error to throw for an aborted signal. The SDK aborts its own signals with one of its errors
 * (a timeout, a linked user abort), which pass through; any other reason — `controller.abort()`,
 * a custom reason — is the caller's abort and becomes `APIUserAbortError` (reason kept as `cause`).
 */
export function abortError(signal: AbortSignal): AIPGError {
  const reason: unknown = signal.reason;
  if (reason instanceof AIPGError) return reason;
  return new APIUserAbortError({ cause: reason });
}

/**
 * An AbortController that also aborts (with the same reason) when any of `signals` does.
 * Call `dispose()` when done so a long-lived caller signal does not collect listeners.
 */
export function linkedController(signals: Array<AbortSignal | undefined>): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  const dispose = () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  return { controller, dispose };
}

/**
 * `promise`'s outcome, or — as soon as `signal` aborts — a rejection with {@link abortError}. The
 * promise itself is not cancelled: it runs on, for a caller that still needs its result.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
