import type { RequestOptions } from '../client';
import { type APIPromise, type WithRequestID, withRequestId } from '../core/api-promise';
import {
  AIPGError,
  APIConnectionError,
  APITimeoutError,
  InternalServerError,
  JobFaultedError,
  RateLimitError,
} from '../core/errors';
import type {
  HordeAsyncResponse,
  HordeTextAsyncRequest,
  HordeTextGeneration,
  HordeTextStatus,
} from '../generated/openapi';
import { checkTimeout } from '../internal/options';
import { parseRetryAfterMs } from '../internal/retry';
import { abortError, linkedController, raceAbort } from '../internal/signals';
import { sleep } from '../internal/sleep';
import { APIResource } from './resource';
import { TextWorker } from './text-worker';

// The Horde text types, named as in the spec (openapi/components/horde.yaml); editors show these names.
export type {
  HordeAsyncResponse,
  HordeGenerationState,
  HordeGenMetadata,
  HordeProgress,
  HordeTextAsyncRequest,
  HordeTextGeneration,
  HordeTextParams,
  HordeTextStatus,
  HordeWarning,
} from '../generated/openapi';
/** What `text.generate()` and `text.submit()` send: the spec's `HordeTextAsyncRequest`. */
export type TextGenerateParams = HordeTextAsyncRequest;
/** What `text.submit()` resolves: the spec's `HordeAsyncResponse` (the job id and its kudos cost). */
export type TextJobSubmitted = HordeAsyncResponse;
/** A polled job state: the spec's `HordeTextStatus`. */
export type TextJobStatus = HordeTextStatus;
/** One finished generation of a job: the spec's `HordeTextGeneration`. */
export type TextGeneration = HordeTextGeneration;

/** The finished job: the final status plus its id (and, non-enumerable, the final status read's request id). */
export type TextJobResult = WithRequestID<TextJobStatus & { id: string }>;

export interface TextGenerateOptions {
  /**
   * Aborting rejects with `APIUserAbortError` at once and cancels the job on the grid (one best-effort
   * `DELETE`) — also when the abort lands while the submit is in flight: then as soon as its id arrives.
   */
  signal?: AbortSignal | undefined;
  /** Called with every polled status (queue position, wait time, finished count …). */
  onProgress?: ((status: TextJobStatus) => void) | undefined;
  /**
   * Fixed wait between status polls, in ms. Default: adaptive — 1 s, then ×1.5 per poll up to 10 s.
   * A poll-after hint from the server always wins.
   */
  pollIntervalMs?: number | undefined;
  /**
   * Give up after this many ms in total (submit + waiting): the job is cancelled and the call rejects
   * with `APITimeoutError`. Default: the client's `timeout` (10 min).
   */
  timeout?: number | undefined;
}

export const FIRST_POLL_DELAY_MS = 1_000;
export const POLL_BACKOFF_FACTOR = 1.5;
export const MAX_POLL_DELAY_MS = 10_000;
/** Server hints above this are clamped: the text status endpoint allows 60 requests/min per job anyway. */
export const MAX_POLL_HINT_MS = 60_000;
/** The cancel sent on abort gets its own short budget (the caller's signal is already aborted). */
const CANCEL_TIMEOUT_MS = 10_000;

/**
 * AI Horde v2 text jobs (`/api/v2/generate/text/*`): asynchronous — submit, poll the status, read the
 * generations. The live AIPG grid retired this API (410 `GoneError`); it serves AI Horde and
 * self-hosted forks, and the mock grid.
 */
export class Text extends APIResource {
  /** The worker side: `text.worker.pop()` a job, `text.worker.submit()` its generation. */
  readonly worker: TextWorker = new TextWorker(this._client);

  /**
   * Submits, waits and returns the finished job: `{ id, generations, kudos, … }`.
   *
   * Polling: the first status is read after 1 s, then every 1.5× longer up to 10 s (or every
   * `pollIntervalMs`); a server hint — `x-poll-after-ms` (ms) or `retry-after` (seconds / HTTP date) on
   * the status response — wins, clamped to 0–60 s. When a poll reports `done`, one final status read
   * returns the result. `faulted` → `JobFaultedError` (no cancel: the grid already gave up).
   */
  async generate(params: TextGenerateParams, options: TextGenerateOptions = {}): Promise<TextJobResult> {
    const budget = checkTimeout(options.timeout ?? this._client.timeout);
    if (options.pollIntervalMs !== undefined && !(options.pollIntervalMs >= 0)) {
      throw new AIPGError(`pollIntervalMs must be ≥ 0 (got ${String(options.pollIntervalMs)})`);
    }
    const { controller, dispose } = linkedController([options.signal]);
    const deadline = setTimeout(
      () => controller.abort(new APITimeoutError({ message: `Text job not done within ${budget} ms.` })),
      budget,
    );
    const signal = controller.signal;
    let id: string | undefined;
    // The submit is not cut off when the caller aborts: the Horde may already have queued the job, and
    // only its id lets us cancel it. It gets CANCEL_TIMEOUT_MS more to answer, then is dropped.
    const submitControl = new AbortController();
    let submitted: Promise<TextJobSubmitted> | undefined;
    try {
      if (signal.aborted) throw abortError(signal);
      submitted = this.submit(params, { signal: submitControl.signal });
      id = (await raceAbort(submitted, signal)).id;
      let delay = options.pollIntervalMs ?? backoffMs(0);
      for (let polls = 1; ; polls++) {
        await sleep(delay, signal);
        let polled: { data: TextJobStatus; response: Response };
        try {
          polled = await this.status(id, { signal }).withResponse();
        } catch (error) {
          // Still rate limited, or the server / network briefly unwell, after the pipeline's retries: the
          // job itself is fine, so poll again later (the overall `timeout` still bounds the wait). Anything
          // else — a 404 for an expired job, an abort — ends the wait.
          if (signal.aborted || !isTransientPollFailure(error)) throw error;
          const hinted = error instanceof RateLimitError ? error.retryAfterMs : undefined;
          delay = Math.min(Math.max(hinted ?? backoffMs(polls), 0), MAX_POLL_HINT_MS);
          continue;
        }
        const { data: status, response } = polled;
        options.onProgress?.(status);
        if (status.faulted) throw new JobFaultedError(id, status);
        if (status.done) {
          // One last read once `done` flips, so the result is the settled state (all generations in).
          const final = await this.status(id, { signal });
          if (final.faulted) throw new JobFaultedError(id, final);
          return withRequestId({ ...final, id }, final._request_id);
        }
        delay = pollHintMs(response.headers) ?? options.pollIntervalMs ?? backoffMs(polls);
      }
    } catch (error) {
      const jobStillWanted = id !== undefined && !(error instanceof JobFaultedError);
      if (jobStillWanted) {
        // Whatever stopped us (abort, deadline, a failing onProgress, a network error), nobody will
        // collect the result: free the queue slot and the kudos. Once, best effort.
        await this.#cancelQuietly(id!);
      } else if (id === undefined && submitted && signal.aborted) {
        // Aborted mid-submit: cancel the job once (if ever) its id arrives; don't keep the caller waiting.
        const drop = setTimeout(() => submitControl.abort(), CANCEL_TIMEOUT_MS);
        submitted
          .then((job) => this.#cancelQuietly(job.id))
          .catch(() => {})
          .finally(() => clearTimeout(drop));
      }
      if (signal.aborted) throw abortError(signal);
      throw error;
    } finally {
      clearTimeout(deadline);
      dispose();
    }
  }

  /** `POST /api/v2/generate/text/async`: queues the job; returns `{ id, kudos, message? }` (202). */
  submit(params: TextGenerateParams, options?: RequestOptions): APIPromise<TextJobSubmitted> {
    const request = { method: 'POST', path: '/api/v2/generate/text/async', body: params } as const;
    return this._client.call(options, request);
  }

  /** `GET /api/v2/generate/text/status/{id}` (limited to 60/min per job on the Horde). */
  status(id: string, options?: RequestOptions): APIPromise<TextJobStatus> {
    return this._client.call(options, {
      method: 'GET',
      path: '/api/v2/generate/text/status/{id}',
      params: { id },
    });
  }

  /** `DELETE /api/v2/generate/text/status/{id}`: drops generations not yet started; returns the status. */
  cancel(id: string, options?: RequestOptions): APIPromise<TextJobStatus> {
    const request = { method: 'DELETE', path: '/api/v2/generate/text/status/{id}', params: { id } } as const;
    return this._client.call(options, request);
  }

  /** One best-effort `DELETE` with its own short budget (the caller's signal may already be aborted). */
  #cancelQuietly(id: string): Promise<void> {
    return this.cancel(id, { maxRetries: 0, timeout: CANCEL_TIMEOUT_MS }).then(
      () => {},
      () => {},
    );
  }
}

function isTransientPollFailure(error: unknown): boolean {
  return (
    error instanceof RateLimitError ||
    error instanceof InternalServerError ||
    error instanceof APIConnectionError
  );
}

/** The adaptive wait before poll `n + 1` (0-based): 1 s · 1.5ⁿ, capped at 10 s, whole milliseconds. */
export function backoffMs(n: number): number {
  return Math.round(Math.min(FIRST_POLL_DELAY_MS * POLL_BACKOFF_FACTOR ** n, MAX_POLL_DELAY_MS));
}

/** `x-poll-after-ms`, else `retry-after-ms` / `retry-after` (seconds or HTTP date); clamped to 0–60 s. */
export function pollHintMs(headers: Headers, now: number = Date.now()): number | undefined {
  const raw = headers.get('x-poll-after-ms');
  const hint =
    raw !== null && raw.trim() !== '' && Number.isFinite(Number(raw))
      ? Number(raw)
      : parseRetryAfterMs(headers, now);
  return hint === undefined ? undefined : Math.min(Math.max(hint, 0), MAX_POLL_HINT_MS);
}
