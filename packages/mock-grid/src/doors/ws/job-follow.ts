import type { GridCore, RequestAsker, WatchListener } from '../../core/index.js';

/**
 * Follows one async job's events for the client WebSocket's `jobs.subscribe` (spec:
 * openapi/components/client-ws.yaml `ClientWsJobSubscribe`): the core's numbered event log of the request
 * (`GridCore.watch`, docs/mock-grid-core.md "Job events"), the same one `GET /v1/jobs/{id}/events` reads, so a
 * resume with `after` gets exactly the events after it, whichever of the two the client used before.
 */

export interface JobFollower {
  stop(): void;
}

export interface JobFollowSink {
  /** One `JobEvent` (spec), in `seq` order. */
  event: WatchListener;
  /** The request's final event has been sent (or it had ended before `after`). */
  end(): void;
}

/** Events of request `jobId` after `after` (default all). Throws `RequestNotFound` for one the asker may not see. */
export function followJob(
  grid: GridCore,
  jobId: string,
  asker: RequestAsker,
  after: number | undefined,
  sink: JobFollowSink,
): JobFollower {
  const stop = grid.watch(jobId, { asker, after: after ?? 0, onEnd: () => sink.end() }, sink.event);
  return { stop };
}
