import type { RequestOptions } from '../client';
import { type APIPromise, type WithRequestID, withRequestId } from '../core/api-promise';
import { JobFaultedError } from '../core/errors';
import type {
  HordeAsyncResponse,
  HordeTextAsyncRequest,
  HordeTextGeneration,
  HordeTextStatus,
} from '../generated/openapi';
import { type JobWaitOptions, waitForJob } from '../internal/job-wait';
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

/** How `text.generate()` waits: `signal`, `wait` (push or poll), `onEvent`, `onProgress`, `pollIntervalMs`, `timeout`. */
export type TextGenerateOptions = JobWaitOptions<TextJobStatus>;

// The pacing constants and helpers now live with the loop both kinds of Horde job share.
export {
  backoffMs,
  FIRST_POLL_DELAY_MS,
  MAX_POLL_DELAY_MS,
  MAX_POLL_HINT_MS,
  POLL_BACKOFF_FACTOR,
  pollHintMs,
} from '../internal/job-wait';

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
   * Push (the default, `wait: 'push'`): the job's events (`grid.jobs.watch`, an AIPG extension) tell the moment
   * it is done — no polling; `onEvent` gets each one, `onProgress` the state they imply. A grid without them
   * (404 / 405 on `/v1/jobs/{id}/events`) is polled instead, as with `wait: 'poll'`.
   *
   * Polling: the first status is read after 1 s, then every 1.5× longer up to 10 s (or every
   * `pollIntervalMs`); a server hint — `x-poll-after-ms` (ms) or `retry-after` (seconds / HTTP date) on
   * the status response — wins, clamped to 0–60 s. When a poll reports `done`, one final status read
   * returns the result. `faulted` → `JobFaultedError` (no cancel: the grid already gave up).
   */
  generate(params: TextGenerateParams, options: TextGenerateOptions = {}): Promise<TextJobResult> {
    return waitForJob(
      this._client.timeout,
      {
        what: 'Text job',
        submit: (request) => this.submit(params, request),
        poll: (id, request) => this.status(id, request).withResponse(),
        watch: (id, request) => this._client.jobs.watch(id, request),
        pushed: (state) => ({ ...state, generations: [] }),
        finish: async (id, request) => {
          const final = await this.status(id, request);
          if (final.faulted) throw new JobFaultedError(id, final);
          return withRequestId({ ...final, id }, final._request_id);
        },
        cancel: (id, request) => this.cancel(id, request),
      },
      options,
    );
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
}
