import type { RequestOptions } from '../client';
import {
  AIPGError,
  APIConnectionError,
  APIError,
  APITimeoutError,
  InternalServerError,
  RateLimitError,
} from '../core/errors';
import { decodeSSE } from '../core/streaming';
import type { JobEvent } from '../generated/openapi';
import { retryWait } from '../internal/retry';
import { abortError, linkedController } from '../internal/signals';
import { sleep } from '../internal/sleep';
import { APIResource } from './resource';

// The job event types, named as in the spec (openapi/components/events.yaml).
export type {
  JobAssignedEvent,
  JobCancelledEvent,
  JobDoneEvent,
  JobEvent,
  JobEventType,
  JobFailedEvent,
  JobFaultedEvent,
  JobImageResult,
  JobProgressEvent,
  JobQueuedEvent,
  JobRequeuedEvent,
  JobTokenEvent,
} from '../generated/openapi';

/** Reconnects in a row that may fail (no event in between) before `watch` gives up. */
export const DEFAULT_WATCH_RECONNECTS = 5;
/** A stream silent this long (no event, no keep-alive: the grid sends one every 15 s) is reconnected. */
export const DEFAULT_WATCH_IDLE_MS = 60_000;

export interface JobWatchOptions extends Omit<RequestOptions, 'timeout'> {
  /** Start after this `seq` (a resumed watch): the events after it, nothing twice. Default 0: from the first. */
  after?: number | undefined;
  /** Failed reconnects in a row (no event between them) before the watch throws. Default 5. */
  maxReconnects?: number | undefined;
  /** Reconnect when the stream is silent this long, in ms (keep-alives count). Default 60 000. */
  idleTimeout?: number | undefined;
}

/** Whether `event` is the last of its job's stream (the event that ends the request's last generation). */
export function isFinalJobEvent(event: JobEvent): boolean {
  return (
    (event.type === 'done' ||
      event.type === 'failed' ||
      event.type === 'faulted' ||
      event.type === 'cancelled') &&
    event.final === true
  );
}

/**
 * A job's pushed events (`GET /v1/jobs/{id}/events`, an AIPG extension the mock grid serves;
 * docs/sdk/jobs.md): the job's lifecycle as it happens, without polling.
 */
export class Jobs extends APIResource {
  /**
   * The events of job `id` (a Horde async id, or a job submitted through the client WebSocket or a batch), as
   * they happen: `for await (const event of grid.jobs.watch(id)) …`. Typed by `type` (`queued`, `assigned`,
   * `progress`, `token`, `done`, `failed`, `faulted`, `cancelled`, `requeued`); ends after the final event.
   *
   * A dropped connection (a network error, a 5xx or 429, a stream that ends early or goes silent past
   * `idleTimeout`) is reconnected through the client's pipeline with `Last-Event-ID`, after a backoff: the
   * events continue after the last one received — nothing missed, nothing twice. It throws after
   * `maxReconnects` failed reconnects in a row; `NotFoundError` (unknown id, or a grid without the events
   * endpoint: 404, and 405 as `APIError`) and other 4xx at once. `signal` stops it (`APIUserAbortError`);
   * leaving the loop early closes the connection. The job itself is never cancelled by a watch.
   */
  watch(id: string, options: JobWatchOptions = {}): AsyncGenerator<JobEvent, void, undefined> {
    const {
      after = 0,
      maxReconnects = DEFAULT_WATCH_RECONNECTS,
      idleTimeout = DEFAULT_WATCH_IDLE_MS,
    } = options;
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new AIPGError(`after must be a non-negative integer (got ${String(after)})`);
    }
    if (!Number.isSafeInteger(maxReconnects) || maxReconnects < 0) {
      throw new AIPGError(`maxReconnects must be a non-negative integer (got ${String(maxReconnects)})`);
    }
    if (!(idleTimeout > 0)) throw new AIPGError(`idleTimeout must be > 0 ms (got ${String(idleTimeout)})`);
    return this.#watch(id, options, after, maxReconnects, idleTimeout);
  }

  async *#watch(
    id: string,
    options: JobWatchOptions,
    after: number,
    maxReconnects: number,
    idleTimeout: number,
  ): AsyncGenerator<JobEvent, void, undefined> {
    const { signal, maxRetries, headers } = options;
    let last = after;
    let failures = 0;
    for (;;) {
      // One connection: its own controller, so an idle stream can be cut without ending the watch.
      const { controller, dispose } = linkedController([signal]);
      let idle: ReturnType<typeof setTimeout> | undefined;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(
          () => controller.abort(new APITimeoutError({ message: 'The job event stream went silent.' })),
          idleTimeout,
        );
      };
      let failure: unknown;
      try {
        touch();
        const { data } = await this._client.callWithResponse<ReadableStream<Uint8Array>>(
          { signal: controller.signal, maxRetries, headers: { ...headers, 'last-event-id': String(last) } },
          {
            method: 'GET',
            path: '/v1/jobs/{id}/events',
            params: { id },
            headers: { Accept: 'text/event-stream' },
          },
          'stream',
        );
        // Any bytes — events or the grid's keep-alive comments — show the stream is alive.
        const body = data.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, out) {
              touch();
              out.enqueue(chunk);
            },
          }),
        );
        for await (const message of decodeSSE(body, controller.signal)) {
          const event = JSON.parse(message.data) as JobEvent;
          // The grid resumes after `Last-Event-ID`; an event at or before it is never handed on twice.
          if (!(event.seq > last)) continue;
          last = event.seq;
          failures = 0;
          yield event;
          if (isFinalJobEvent(event)) return;
        }
        failure = new APIConnectionError({ message: 'The job event stream ended before its final event.' });
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        failure = error;
      } finally {
        clearTimeout(idle);
        controller.abort();
        dispose();
      }
      if (!isTransient(failure) || failures >= maxReconnects) throw failure;
      const wait = retryWait(failure instanceof APIError ? failure.headers : undefined, failures);
      failures++;
      this._client.logger.debug(
        `job event stream dropped; reconnecting after seq ${last} in ${Math.round(wait.ms)} ms`,
        {
          id,
        },
      );
      await sleep(wait.ms, signal);
    }
  }
}

/** A failure a reconnect may cure: the network (a body read that broke), a timeout, a 5xx, a rate limit. */
function isTransient(error: unknown): boolean {
  if (error instanceof SyntaxError) return false; // not an event stream: reconnecting will not help
  if (!(error instanceof AIPGError)) return true;
  return (
    error instanceof APIConnectionError ||
    error instanceof InternalServerError ||
    error instanceof RateLimitError
  );
}
