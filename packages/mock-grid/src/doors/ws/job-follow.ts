import type { GridCore, JobEvent, RequestAsker } from '../../core/index.js';

/**
 * Follows one async job's events for the client WebSocket's `jobs.subscribe` (spec:
 * openapi/components/client-ws.yaml `ClientWsJobSubscribe`): the one place the door reads a job's events,
 * so it can move to another source without touching the door.
 */

export interface JobFollower {
  stop(): void;
}

export interface JobFollowSink {
  /** One event, in order, numbered from 1 (`seq`). */
  event(event: Record<string, unknown>): void;
  /** The job's last terminal event has been sent. */
  end(): void;
}

const TERMINAL = new Set(['done', 'failed', 'faulted', 'cancelled']);

/**
 * Events of request `jobId` from now on, numbered per subscription; `after` skips that many. Throws
 * `RequestNotFound` for an id the asker may not see. (It numbers only what happens from the subscription on,
 * so a resume with `after` is exact only while the same events are replayed.)
 */
export function followJob(
  grid: GridCore,
  jobId: string,
  asker: RequestAsker,
  after: number | undefined,
  sink: JobFollowSink,
): JobFollower {
  const status = grid.status(jobId, asker);
  if (status.done || status.faulted) {
    sink.end();
    return { stop: () => {} };
  }
  let seq = 0;
  let unsubscribe: (() => void) | undefined;
  let over = false;
  const stop = () => {
    over = true;
    unsubscribe?.();
  };
  unsubscribe = grid.subscribe(jobId, (e: JobEvent) => {
    if (over) return;
    seq++;
    if (after === undefined || seq > after) sink.event(wireEvent(e, seq));
    if (TERMINAL.has(e.type)) {
      const now = grid.status(jobId);
      if (now.done || now.faulted) {
        stop();
        sink.end();
      }
    }
  });
  return { stop };
}

function wireEvent(e: JobEvent, seq: number): Record<string, unknown> {
  const { jobId, requestId, ...rest } = e;
  return { seq, job_id: requestId, ...rest };
}
