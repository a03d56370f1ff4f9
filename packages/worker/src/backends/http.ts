// Shared HTTP plumbing for backends: retry before any output, and error mapping.
import { BackendError } from '../errors.js';
import { isAbortError, isClientErrorStatus } from '../job.js';
import { causeText } from '../util/errors.js';
import { Backoff, realSleep, type Sleep } from '../util/timing.js';

export interface RetryOptions {
  /** Extra attempts after the first (default per backend). */
  retries?: number;
  /** First back-off step in ms (doubles, jittered). */
  retryBaseMs?: number;
  sleep?: Sleep;
  random?: () => number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * POSTs JSON and returns an OK response. Retries (with back-off) on connection errors and the given statuses;
 * any other non-2xx becomes a BackendError (clientError for 400/413/422).
 */
export async function postJson(
  fetchImpl: FetchLike,
  url: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal: AbortSignal; retryOn: readonly number[] },
  retry: RetryOptions & { retries: number; retryBaseMs: number },
): Promise<Response> {
  const backoff = new Backoff({
    initialMs: retry.retryBaseMs,
    maxMs: retry.retryBaseMs * 16,
    random: retry.random,
  });
  const sleep = retry.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: JSON.stringify(body),
        signal: init.signal,
      });
    } catch (error) {
      if (init.signal.aborted || isAbortError(error)) throw error;
      if (attempt < retry.retries) {
        await sleep(backoff.next(), init.signal);
        continue;
      }
      throw new BackendError(`backend unreachable at ${url}: ${causeText(error)}`, { cause: error });
    }
    if (response.ok) return response;
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    if (init.retryOn.includes(response.status) && attempt < retry.retries) {
      await sleep(backoff.next(), init.signal);
      continue;
    }
    throw new BackendError(`backend HTTP ${response.status}${detail ? `: ${detail}` : ''}`, {
      status: response.status,
      clientError: isClientErrorStatus(response.status),
    });
  }
}

/** Throws the signal's reason as an AbortError-shaped error when aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    const error = new Error('job aborted');
    error.name = 'AbortError';
    throw error;
  }
}

/**
 * GETs a backend's health URL for a probe: returns the response when the server answered in a way that means it
 * can take jobs. Throws when it is unreachable, failing (5xx) or refusing our key (401/403): jobs would fail too.
 * Other answers (a 404 from a server without this route) still show a live server.
 */
export async function probeGet(
  fetchImpl: FetchLike,
  url: string,
  init: { headers?: Record<string, string>; signal: AbortSignal },
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'GET', headers: init.headers, signal: init.signal });
  } catch (error) {
    throw new BackendError(`unreachable at ${url}: ${causeText(error)}`, { cause: error });
  }
  if (response.status >= 500 || response.status === 401 || response.status === 403) {
    await response.body?.cancel().catch(() => {});
    throw new BackendError(`GET ${url} answered HTTP ${response.status}`, { status: response.status });
  }
  return response;
}
