/**
 * Trigger: a worker is free for a job. A Horde pop takes the oldest matching queued job; a just-queued job
 * is offered to an idle WS connection (push, nothing polls); a WS connection with a free slot takes the
 * oldest matching job or waits as idle.
 */
import type { Books } from '../books/index.js';
import { emptyImageSkipped, emptySkipped } from '../books/queue.js';
import { popPayload } from '../convert.js';
import type { Conn, Generation, Job, Worker } from '../entities.js';
import { GridError } from '../errors.js';
import { mediaSlots, popImagePayload } from '../image-convert.js';
import { unfit, unfitImage } from '../matching.js';
import { lease, leaseImages } from '../moves.js';
import type { Outbox } from '../outbox.js';
import { type Candidate, route } from '../routing/route.js';
import type { ImagePopResult, PopResult } from '../types.js';
import { handOut } from './verify.js';

type AssignBooks = Pick<
  Books,
  'clock' | 'settings' | 'accounts' | 'queue' | 'generations' | 'connections' | 'workers' | 'verification'
>;

/** A Horde pop's second half: the oldest matching job for a checked-in worker, with skip counts. */
export function assignPop(b: AssignBooks, out: Outbox, workerId: string): PopResult {
  const worker = b.workers.byId.get(workerId);
  if (!worker) throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`);
  const skipped = emptySkipped();
  // A probe or canary waiting for the worker comes first (rules/verify.ts).
  let gen = handOut(b, out, worker, null);
  if (!gen) {
    const next = b.queue.take(worker, (j) => unfit(j, worker), skipped);
    if (!next) return { workerId, job: null, skipped };
    gen = lease(b, out, next, worker, null);
  }
  const job = gen.job!;
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

/** Leases `job` (an image job: with the rest of its batch) to a WS connection; returns the (first) generation. */
function push(b: AssignBooks, out: Outbox, job: Job, conn: Conn): Generation {
  if (job.req.image) return leaseImages(b, out, batchFor(job, conn.worker), conn.worker, conn)[0]!;
  return lease(b, out, job, conn.worker, conn);
}

const check = (job: Job, worker: Worker): string | null =>
  job.req.image ? unfitImage(job, worker) : unfit(job, worker);

/**
 * Command `dispatch`: a job that is still queued goes to the idle WS connection the router picks among those
 * serving its models (routing/route.ts), and the decision goes with the generation (`grid.routing`).
 */
export function dispatch(b: AssignBooks, out: Outbox, job: Job): void {
  if (job.state !== 'queued') return; // taken or cancelled since it was queued
  const idle = b.connections.idleServing(job);
  if (idle.length === 0) return;
  const candidates: Candidate[] = idle.map((conn) => ({ worker: conn.worker, free: 1 }));
  const decision = route(job, candidates, b.clock.now(), check);
  if (!decision.winner) return;
  const conn = idle[candidates.indexOf(decision.winner)]!;
  push(b, out, job, conn).route = decision;
}

/** Command `feed`: a live connection with a free slot takes the oldest matching job, or waits idle. */
export function feed(b: AssignBooks, out: Outbox, conn: Conn): void {
  if (conn.closed || conn.current) return;
  const worker = conn.worker;
  // A probe or canary waiting for the worker comes first (rules/verify.ts).
  if (handOut(b, out, worker, conn)) return;
  const job = worker.media
    ? b.queue.take(worker, (j) => unfitImage(j, worker), emptyImageSkipped())
    : b.queue.take(worker, (j) => unfit(j, worker), emptySkipped());
  if (job) push(b, out, job, conn);
  else b.connections.setIdle(conn, true);
}
