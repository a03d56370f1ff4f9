import type { RequestOptions } from '../client';
import { AIPGError, APIConnectionError, APIError, APITimeoutError } from '../core/errors';
import { decodeSSE } from '../core/streaming';
import type { JobEvent } from '../generated/openapi';
import { isFinalJobEvent, isTransientFailure } from '../internal/job-wait';

export { isFinalJobEvent };

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
  async *watch(id: string, options: JobWatchOptions = {}): AsyncGenerator<JobEvent, void, undefined> {
    const { signal, maxRetries, headers } = options;
    let last = options.after ?? 0;
    const reconnects = options.maxReconnects ?? DEFAULT_WATCH_RECONNECTS;
    const idleMs = options.idleTimeout ?? DEFAULT_WATCH_IDLE_MS;
    if (!(last >= 0 && reconnects >= 0 && idleMs > 0)) {
      throw new AIPGError('after and maxReconnects must be ≥ 0, idleTimeout > 0');
    }
    for (let failures = 0; ; ) {
      // One connection: its own controller, so a silent stream can be cut without ending the watch.
      const { controller, dispose } = linkedController([signal]);
      let idle: ReturnType<typeof setTimeout> | undefined;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(new APITimeoutError()), idleMs);
      };
      let failure: unknown = new APIConnectionError({ message: 'The job event stream ended early.' });
      try {
        touch();
        const { data } = await this._client.callWithResponse<ReadableStream<Uint8Array>>(
          { signal: controller.signal, maxRetries, headers: { ...headers, 'last-event-id': String(last) } },
          { method: 'GET', path: '/v1/jobs/{id}/events', params: { id } },
          'stream',
        );
        // Any bytes — events or the grid's keep-alive comments — show the stream is alive.
        const body = data.pipeThrough(
          new TransformStream({
            transform(chunk, out) {
              touch();
              out.enqueue(chunk);
            },
          }),
        );
        for await (const message of decodeSSE(body, controller.signal)) {
          const event = JSON.parse(message.data) as JobEvent;
          // The grid resumes after `Last-Event-ID`; an event at or before it is never handed on twice.
          if (event.seq > last) {
            last = event.seq;
            failures = 0;
            yield event;
            if (isFinalJobEvent(event)) return;
          }
        }
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        failure = error;
      } finally {
        clearTimeout(idle);
        controller.abort();
        dispose();
      }
      // A body read that broke is the network's; a reply that is not an event stream is not cured by retrying.
      const transient =
        !(failure instanceof SyntaxError) && (!(failure instanceof AIPGError) || isTransientFailure(failure));
      if (!transient || failures >= reconnects) throw failure;
      await sleep(
        retryWait(failure instanceof APIError ? failure.headers : undefined, failures++).ms,
        signal,
      );
    }
  }
}
