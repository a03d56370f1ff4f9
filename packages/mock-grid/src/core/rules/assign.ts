/**
 * Trigger: a worker is free for a job. A Horde pop takes the oldest matching queued job; a just-queued job
 * is offered to an idle WS connection (push, nothing polls); a WS connection with a free slot takes the
 * oldest matching job or waits as idle.
 */
import type { Books } from '../books/index.js';
import { emptySkipped } from '../books/queue.js';
import { popPayload } from '../convert.js';
import type { Conn, Job } from '../entities.js';
import { GridError } from '../errors.js';
import { unfit } from '../matching.js';
import { lease } from '../moves.js';
import type { Outbox } from '../outbox.js';
import type { PopResult } from '../types.js';

type AssignBooks = Pick<Books, 'clock' | 'settings' | 'queue' | 'generations' | 'connections' | 'workers'>;

/** A Horde pop's second half: the oldest matching job for a checked-in worker, with skip counts. */
export function assignPop(b: AssignBooks, out: Outbox, workerId: string): PopResult {
  const worker = b.workers.byId.get(workerId);
  if (!worker) throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`);
  const skipped = emptySkipped();
  const job = b.queue.take(worker, (j) => unfit(j, worker), skipped);
  if (!job) return { workerId, job: null, skipped };
  const gen = lease(b, out, job, worker, null);
  return {
    workerId,
    skipped,
    job: {
      id: gen.id,
      jobId: job.id,
      model: gen.model,
      payload: popPayload(job, worker),
      ttl: b.settings.popTtlSeconds,
    },
  };
}

/** Command `dispatch`: a job that is still queued goes to an idle WS connection that can take it. */
export function dispatch(b: AssignBooks, out: Outbox, job: Job): void {
  if (job.state !== 'queued') return; // taken or cancelled since it was queued
  const conn = b.connections.idleFor(job);
  if (conn) lease(b, out, job, conn.worker, conn);
}

/** Command `feed`: a live connection with a free slot takes the oldest matching job, or waits idle. */
export function feed(b: AssignBooks, out: Outbox, conn: Conn): void {
  if (conn.closed || conn.current) return;
  const job = b.queue.take(conn.worker, (j) => unfit(j, conn.worker), emptySkipped());
  if (job) lease(b, out, job, conn.worker, conn);
  else b.connections.setIdle(conn, true);
}
