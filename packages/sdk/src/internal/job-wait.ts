import type { RequestOptions } from '../client';
import {
  AIPGError,
  APIConnectionError,
  APITimeoutError,
  InternalServerError,
  JobFaultedError,
  RateLimitError,
} from '../core/errors';
import type { HordeTextStatus, JobEvent } from '../generated/openapi';
import { checkTimeout } from './options';
import { parseRetryAfterMs } from './retry';
import { abortError, linkedController, raceAbort } from './signals';
import { sleep } from './sleep';

/**
 * The submit → wait → one final read loop of the AI Horde's asynchronous jobs, shared by text jobs
 * (docs/sdk/horde-text-jobs.md) and image requests (docs/sdk/images.md). The wait follows the job's pushed
 * events where the grid has them (`GET /v1/jobs/{id}/events`, docs/sdk/jobs.md) and polls otherwise: pacing,
 * server hints, transient poll failures, the overall timeout, and the one best-effort cancel when nobody will
 * collect the result.
 */

export const FIRST_POLL_DELAY_MS = 1_000;
export const POLL_BACKOFF_FACTOR = 1.5;
export const MAX_POLL_DELAY_MS = 10_000;
/** Server hints above this are clamped: the status endpoints allow 60 (text) or 600 (image check) a minute. */
export const MAX_POLL_HINT_MS = 60_000;
/** The cancel sent on abort gets its own short budget (the caller's signal is already aborted). */
const CANCEL_TIMEOUT_MS = 10_000;

/** The options every wait-for-a-Horde-job helper takes. */
export interface JobWaitOptions<TPolled> {
  /**
   * Aborting rejects with `APIUserAbortError` at once and cancels the job on the grid (one best-effort
   * `DELETE`) — also when the abort lands while the submit is in flight: then as soon as its id arrives.
   */
  signal?: AbortSignal | undefined;
  /**
   * Called with every polled state (queue position, wait time, finished count …). On push, with the state the
   * events imply, after each event but `token`: the counts, `queue_position`, `restarted`, `kudos`, images'
   * `progress.progress_percent`; `wait_time` is 0 and text `generations` stay empty until the final read.
   */
  onProgress?: ((state: TPolled) => void) | undefined;
  /**
   * How the job's end is learnt. `push` (the default): its events (`grid.jobs.watch`, an AIPG extension),
   * falling back to polling on a grid without them (404 or 405 on the events endpoint) or when the watch keeps
   * failing; `poll`: polling only.
   */
  wait?: 'push' | 'poll' | undefined;
  /** On push: every event of the job as it arrives, tokens included. */
  onEvent?: ((event: JobEvent) => void) | undefined;
  /**
   * Fixed wait between polls, in ms. Default: adaptive — 1 s, then ×1.5 per poll up to 10 s.
   * A poll-after hint from the server always wins.
   */
  pollIntervalMs?: number | undefined;
  /**
   * Give up after this many ms in total (submit + waiting): the job is cancelled and the call rejects
   * with `APITimeoutError`. Default: the client's `timeout` (10 min).
   */
  timeout?: number | undefined;
}

/** What one kind of job does at each step; every call gets the wait's signal. */
export interface JobSteps<TPolled, TResult> {
  /** What messages call the job: `Text job`, `Image request`. */
  what: string;
  submit(options: RequestOptions): Promise<{ id: string; kudos?: number | undefined }>;
  poll(id: string, options: RequestOptions): Promise<{ data: TPolled; response: Response }>;
  /** The job's pushed events (`grid.jobs.watch`); absent: poll only. */
  watch?(id: string, options: RequestOptions): AsyncIterable<JobEvent>;
  /** A polled state as the events imply it (`onProgress` on push): the shared fields plus the kind's own. */
  pushed?(state: PushedState): TPolled;
  /** Runs once a poll reports `done`: reads the settled state (throwing `JobFaultedError` if it faulted). */
  finish(id: string, options: RequestOptions): Promise<TResult>;
  cancel(id: string, options: RequestOptions): Promise<unknown>;
}

/**
 * Submits, polls until `done`, then returns `steps.finish`. Polling: the first poll after 1 s, then every
 * 1.5× longer up to 10 s (or every `pollIntervalMs`); a server hint — `x-poll-after-ms` (ms) or
 * `retry-after` (seconds / HTTP date) — wins, clamped to 0–60 s. A 429, 5xx or connection error on a poll
 * (after the pipeline's retries) waits and polls again. `faulted` → `JobFaultedError` (no cancel: the grid
 * already gave up). Anything else that ends the wait cancels the job once, best effort.
 */
export async function waitForJob<TPolled extends { done: boolean; faulted: boolean }, TResult>(
  clientTimeout: number,
  steps: JobSteps<TPolled, TResult>,
  options: JobWaitOptions<TPolled>,
): Promise<TResult> {
  const budget = checkTimeout(options.timeout ?? clientTimeout);
  const { pollIntervalMs } = options;
  if (pollIntervalMs !== undefined && !(pollIntervalMs >= 0)) {
    throw new AIPGError(`pollIntervalMs must be ≥ 0 (got ${String(pollIntervalMs)})`);
  }
  const { controller, dispose } = linkedController([options.signal]);
  const deadline = setTimeout(
    () => controller.abort(new APITimeoutError({ message: `${steps.what} not done within ${budget} ms.` })),
    budget,
  );
  const signal = controller.signal;
  const cancelQuietly = (id: string) =>
    steps.cancel(id, { maxRetries: 0, timeout: CANCEL_TIMEOUT_MS }).catch(() => {});
  let id: string | undefined;
  // The submit is not cut off when the caller aborts: the Horde may already have queued the job, and
  // only its id lets us cancel it. It gets CANCEL_TIMEOUT_MS more to answer, then is dropped.
  const submitControl = new AbortController();
  let submitted: Promise<{ id: string; kudos?: number | undefined }> | undefined;
  try {
    if (signal.aborted) throw abortError(signal);
    submitted = steps.submit({ signal: submitControl.signal });
    const job = await raceAbort(submitted, signal);
    id = job.id;
    if (steps.watch && options.wait !== 'poll') {
      if (await followEvents(id, job.kudos ?? 0, steps, options, signal))
        return await steps.finish(id, { signal });
    }
    let delay = pollIntervalMs ?? backoffMs(0);
    for (let polls = 1; ; polls++) {
      await sleep(delay, signal);
      let polled: { data: TPolled; response: Response };
      try {
        polled = await steps.poll(id, { signal });
      } catch (error) {
        // Still rate limited, or the server / network briefly unwell, after the pipeline's retries: the
        // job itself is fine, so poll again later (the overall `timeout` still bounds the wait). Anything
        // else — a 404 for an expired job, an abort — ends the wait.
        if (signal.aborted || !isTransientFailure(error)) throw error;
        const hinted = error instanceof RateLimitError ? error.retryAfterMs : undefined;
        delay = Math.min(Math.max(hinted ?? backoffMs(polls), 0), MAX_POLL_HINT_MS);
        continue;
      }
      const { data: state, response } = polled;
      options.onProgress?.(state);
      if (state.faulted) throw new JobFaultedError(id, state, steps.what);
      // One last read once `done` flips, so the result is the settled state (everything in).
      if (state.done) return await steps.finish(id, { signal });
      delay = pollHintMs(response.headers) ?? pollIntervalMs ?? backoffMs(polls);
    }
  } catch (error) {
    if (id !== undefined && !(error instanceof JobFaultedError)) {
      // Whatever stopped us (abort, deadline, a failing onProgress, a network error), nobody will
      // collect the result: free the queue slot and the kudos. Once, best effort.
      await cancelQuietly(id);
    } else if (id === undefined && submitted && signal.aborted) {
      // Aborted mid-submit: cancel the job once (if ever) its id arrives; don't keep the caller waiting.
      const drop = setTimeout(() => submitControl.abort(), CANCEL_TIMEOUT_MS);
      submitted
        .then((job) => cancelQuietly(job.id))
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

/** The fields a Horde text status and an image check share, as a job's events imply them. */
export type PushedState = Pick<
  HordeTextStatus,
  | 'finished'
  | 'processing'
  | 'restarted'
  | 'waiting'
  | 'done'
  | 'faulted'
  | 'wait_time'
  | 'queue_position'
  | 'kudos'
  | 'is_possible'
> & { progress?: { progress_percent: number } };

/**
 * Follows the job's events until its final one (true), or returns false when the grid has no events (404 /
 * 405) or the watch failed past its reconnects: the caller polls instead. An abort or a throwing callback ends
 * the wait with its error.
 */
async function followEvents<TPolled, TResult>(
  id: string,
  kudos: number,
  steps: JobSteps<TPolled, TResult>,
  options: JobWaitOptions<TPolled>,
  signal: AbortSignal,
): Promise<boolean> {
  const { onEvent, onProgress } = options;
  // Per generation (by index): its queue position while it waits (≥ 0), else PROCESSING, FINISHED or ENDED
  // (failed, faulted, cancelled); and its last percent (images).
  const where: number[] = [];
  const pct: number[] = [];
  let restarted = 0;
  let faulted = false;
  let calling = false;
  try {
    for await (const event of steps.watch!(id, { signal })) {
      const { index: i, type } = event;
      if (type === 'queued') where[i] = event.position;
      else if (type === 'requeued') restarted++;
      else if (type === 'assigned') where[i] = PROCESSING;
      else if (type === 'progress') pct[i] = event.pct ?? 0;
      else if (type !== 'token') {
        where[i] = type === 'done' ? FINISHED : ENDED;
        faulted ||= type === 'faulted';
      }
      calling = true;
      onEvent?.(event);
      if (onProgress && type !== 'token') {
        const state: PushedState = {
          finished: 0,
          processing: 0,
          restarted,
          waiting: 0,
          done: false,
          faulted,
          wait_time: 0,
          queue_position: 0,
          kudos,
          is_possible: true,
        };
        let sum = 0;
        for (const [j, w] of where.entries()) {
          if (w === FINISHED) state.finished++;
          else if (w === PROCESSING) state.processing++;
          else if (w >= 0) {
            state.waiting++;
            if (w > 0 && !(state.queue_position > 0 && state.queue_position < w)) state.queue_position = w;
          }
          sum += w === FINISHED ? 100 : (pct[j] ?? 0);
        }
        state.done = state.waiting + state.processing === 0;
        if (pct.length) state.progress = { progress_percent: sum / where.length };
        onProgress(steps.pushed ? steps.pushed(state) : (state as TPolled));
      }
      calling = false;
      if (isFinalJobEvent(event)) return true;
    }
  } catch (error) {
    if (calling) throw error;
    if (signal.aborted) throw abortError(signal);
  }
  return false;
}

const PROCESSING = -1;
const FINISHED = -2;
const ENDED = -3;

/** Whether `event` is the last of its job's stream (it ends the request's last generation: `final: true`). */
export function isFinalJobEvent(event: JobEvent): boolean {
  return 'final' in event && event.final === true;
}

/** A failure that waiting cures: a rate limit, the server briefly unwell, the network (polls and watches). */
export function isTransientFailure(error: unknown): boolean {
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
