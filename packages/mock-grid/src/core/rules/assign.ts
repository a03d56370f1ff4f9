/**
 * Trigger: a worker is free for a job. A Horde pop takes the oldest matching queued job; a just-queued job
 * is offered to an idle WS connection (push, nothing polls); a WS connection with a free slot takes the
 * oldest matching job or waits as idle.
 */
import type { Books } from '../books/index.js';
import { emptyImageSkipped, emptySkipped } from '../books/queue.js';
import { popPayload } from '../convert.js';
import type { Conn, Job, Worker } from '../entities.js';
import { GridError } from '../errors.js';
import { mediaSlots, popImagePayload } from '../image-convert.js';
import { unfit, unfitImage } from '../matching.js';
import { lease, leaseImages } from '../moves.js';
import type { Outbox } from '../outbox.js';
import type { ImagePopResult, PopResult } from '../types.js';

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

/**
 * An image pop's second half: the oldest matching image job and up to the worker's `amount` images of its
 * request in all, with skip counts.
 */
export function assignImagePop(b: AssignBooks, out: Outbox, workerId: string): ImagePopResult {
  const worker = b.workers.byId.get(workerId);
  if (!worker?.media) throw new GridError('WorkerNotFound', `Image worker ID '${workerId}' not found`);
  const skipped = emptyImageSkipped();
  const job = b.queue.take(worker, (j) => unfitImage(j, worker), skipped);
  if (!job) return { workerId, job: null, skipped };
  const image = job.req.image!;
  const gens = leaseImages(b, out, batchFor(job, worker), worker, null);
  const source = image.source;
  return {
    workerId,
    skipped,
    job: {
      ids: gens.map((g) => g.id),
      jobIds: gens.map((g) => g.jobId),
      model: gens[0]!.model,
      payload: popImagePayload(image, gens),
      ttl: Math.round(b.settings.imagePopLeaseMs / 1000),
      slots: mediaSlots(image, gens, false),
      sourceKey: source && 'key' in source ? source.key : null,
      sourceUrl: source && 'url' in source ? source.url : null,
      sourceProcessing: image.sourceProcessing ?? 'txt2img',
    },
  };
}

/**
 * The images a worker takes together: `first` and the next queued images of its request that it may take, up
 * to its `amount` (docs/spec.md "Images": the mock grid splits `n` across workers by their `amount`).
 */
function batchFor(first: Job, worker: Worker): Job[] {
  const jobs = [first];
  const amount = worker.media?.amount ?? 1;
  for (const job of first.req.jobs) {
    if (jobs.length >= amount) break;
    if (job !== first && job.state === 'queued' && unfitImage(job, worker) === null) jobs.push(job);
  }
  return jobs;
}

/** Leases `job` (an image job: with the rest of its batch) to a WS connection. */
function push(b: AssignBooks, out: Outbox, job: Job, conn: Conn): void {
  if (job.req.image) leaseImages(b, out, batchFor(job, conn.worker), conn.worker, conn);
  else lease(b, out, job, conn.worker, conn);
}

/** Command `dispatch`: a job that is still queued goes to an idle WS connection that can take it. */
export function dispatch(b: AssignBooks, out: Outbox, job: Job): void {
  if (job.state !== 'queued') return; // taken or cancelled since it was queued
  const conn = b.connections.idleFor(job);
  if (conn) push(b, out, job, conn);
}

/** Command `feed`: a live connection with a free slot takes the oldest matching job, or waits idle. */
export function feed(b: AssignBooks, out: Outbox, conn: Conn): void {
  if (conn.closed || conn.current) return;
  const worker = conn.worker;
  const job = worker.media
    ? b.queue.take(worker, (j) => unfitImage(j, worker), emptyImageSkipped())
    : b.queue.take(worker, (j) => unfit(j, worker), emptySkipped());
  if (job) push(b, out, job, conn);
  else b.connections.setIdle(conn, true);
}
