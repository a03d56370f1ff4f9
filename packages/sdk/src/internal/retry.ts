/** Server-suggested waits are honoured only inside this window; anything else uses the backoff. */
export const MAX_SERVER_DELAY_MS = 60_000;
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_JITTER = 0.25;

/**
 * Whether a failed response is worth another attempt. The server decides first (`x-should-retry`);
 * otherwise 408 (request timeout), 409 (lock conflict), 429 (rate limit) and every 5xx.
 */
export function shouldRetry(response: Response): boolean {
  const hint = response.headers.get('x-should-retry')?.trim().toLowerCase();
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  const { status } = response;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A wait before a retry: how long, and whether the server asked for it or it is our own backoff. */
export interface RetryWait {
  ms: number;
  from: 'Retry-After' | 'backoff';
}

/**
 * How long to wait before retry number `retriesDone + 1`. A `retry-after-ms` / `retry-after` hint
 * within 0–60 s wins; otherwise 0.5 s · 2^retriesDone capped at 8 s, minus up to 25 % jitter so many
 * clients failing together do not come back together.
 */
export function retryWait(
  headers: Headers | undefined,
  retriesDone: number,
  random: () => number = Math.random,
  now: number = Date.now(),
): RetryWait {
  const hinted = headers ? parseRetryAfterMs(headers, now) : undefined;
  if (hinted !== undefined && hinted >= 0 && hinted <= MAX_SERVER_DELAY_MS) {
    return { ms: hinted, from: 'Retry-After' };
  }
  const base = Math.min(INITIAL_DELAY_MS * 2 ** retriesDone, MAX_DELAY_MS);
  return { ms: base * (1 - random() * MAX_JITTER), from: 'backoff' };
}

/**
 * A wait suggested by the server: `retry-after-ms` (milliseconds), else `retry-after` as seconds or
 * an HTTP date. Returns `undefined` when absent or unparsable; range checks are the caller's.
 */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value)) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date - now;
}
