/**
 * Trigger: a worker is free for a job. A just-queued job goes to the free worker the router picks
 * (routing/route.ts): an idle WS connection (pushed at once) or a pop worker standing by (kept for its next
 * pop). A Horde pop takes the job kept for it, else the oldest matching queued job; a WS connection with a free
 * slot takes the oldest matching job or waits as idle.
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
import { type Candidate, ROUTE_WINDOW, type RouteDecision, route } from '../routing/route.js';
import type { ImagePopResult, PopResult } from '../types.js';
import { handOut } from './verify.js';

type AssignBooks = Pick<
  Books,
  | 'clock'
  | 'settings'
  | 'accounts'
  | 'queue'
  | 'generations'
  | 'connections'
  | 'workers'
  | 'verification'
  | 'later'
>;

/** A Horde pop's second half: the oldest matching job for a checked-in worker, with skip counts. */
export function assignPop(b: AssignBooks, out: Outbox, workerId: string): PopResult {
  const worker = b.workers.byId.get(workerId);
  if (!worker) throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`);
  const skipped = emptySkipped();
  // A probe or canary waiting for the worker comes first (rules/verify.ts).
  let gen = handOut(b, out, worker, null);
  if (!gen) {
    const next = nextForPop(b, out, worker, () => b.queue.take(worker, (j) => unfit(j, worker), skipped));
    if (!next) return { workerId, job: null, skipped };
    gen = lease(b, out, next.job, worker, null);
    gen.route = next.decision;
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
  const next = nextForPop(b, out, worker, () => b.queue.take(worker, (j) => unfitImage(j, worker), skipped));
  if (!next) return { workerId, job: null, skipped };
  const { job } = next;
  const image = job.req.image!;
  const gens = leaseImages(b, out, batchFor(job, worker), worker, null);
  for (const gen of gens) gen.route = next.decision;
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

/** Leases `job` (an image job: with the rest of its batch) to a WS connection; returns its generations. */
function push(b: AssignBooks, out: Outbox, job: Job, conn: Conn): Generation[] {
  if (job.req.image) return leaseImages(b, out, batchFor(job, conn.worker), conn.worker, conn);
  return [lease(b, out, job, conn.worker, conn)];
}

const check = (job: Job, worker: Worker): string | null =>
  job.req.image ? unfitImage(job, worker) : unfit(job, worker);

/**
 * Command `dispatch`: a job that is still queued goes to the free worker the router picks (routing/route.ts)
 * among the idle WS connections serving its models and the pop workers standing by: pushed to a connection at
 * once, or kept for a pop worker's next pop. The decision goes with the generation (`grid.routing`).
 */
export function dispatch(b: AssignBooks, out: Outbox, job: Job): void {
  if (job.state !== 'queued' || job.reservedFor !== null) return; // taken, cancelled or kept since it was queued
  const now = b.clock.now();
  const idle = b.connections.idleServing(job, ROUTE_WINDOW);
  const candidates: Candidate[] = idle.map((conn) => ({ worker: conn.worker, free: 1 }));
  const popFrom = candidates.length;
  for (const worker of b.workers.standby) {
    if (worker.standbyUntil <= now || !b.workers.isOnline(worker)) {
      b.workers.standby.delete(worker);
      continue;
    }
    // Pop workers compete on the same terms: free capacity is their free threads.
    candidates.push({ worker, free: (worker.threads - worker.popGens.size) / worker.threads });
  }
  if (candidates.length === 0) return;
  const decision = route(job, candidates, now, check);
  if (!decision.winner) return;
  const index = candidates.indexOf(decision.winner);
  if (index >= popFrom) {
    keep(b, out, job, decision.winner.worker, decision);
    return;
  }
  // The images leased with it in one batch went where it went, for the same reasons.
  for (const gen of push(b, out, job, idle[index]!)) gen.route = decision;
}

/**
 * The job a pop gets: the one the router kept for this worker, else what `take` finds (the oldest it may take),
 * with the router's decision when it was kept. A pop that gets nothing stands the worker by.
 */
function nextForPop(
  b: AssignBooks,
  out: Outbox,
  worker: Worker,
  take: () => Job | null,
): { job: Job; decision: RouteDecision | null } | null {
  let kept = takeKept(worker);
  if (kept && check(kept, worker) !== null) {
    // The worker changed since (its models, its limits): the job goes to someone else.
    release(kept);
    out.dispatch(kept);
    kept = null;
  }
  const job = kept ?? take();
  if (!job) {
    standBy(b, worker);
    return null;
  }
  const decision = kept?.reservation?.decision ?? null;
  if (kept) release(kept);
  busy(b, worker);
  return { job, decision };
}

/** A pop that found nothing: the worker counts as free for the router for `popStandbyMs`. */
function standBy(b: AssignBooks, worker: Worker): void {
  if (worker.popGens.size >= worker.threads) return;
  worker.standbyUntil = b.clock.now() + b.settings.routing.popStandbyMs;
  b.workers.standby.add(worker);
}

/**
 * The router chose a pop worker: the job stays queued but is kept for that worker's next pop. If it does not pop
 * within `popStandbyMs`, the job is let go and routed again without it.
 */
function keep(b: AssignBooks, out: Outbox, job: Job, worker: Worker, decision: RouteDecision): void {
  b.workers.standby.delete(worker);
  worker.standbyUntil = 0;
  job.reservedFor = worker;
  worker.reserved = job;
  const cancel = b.later(b.settings.routing.popStandbyMs, () => {
    if (job.reservedFor !== worker) return;
    release(job);
    dispatch(b, out, job);
  });
  job.reservation = { decision, cancel };
}

/** A pop that got a job: the worker asks again when it wants more, and is not free meanwhile. */
function busy(b: AssignBooks, worker: Worker): void {
  worker.standbyUntil = 0;
  b.workers.standby.delete(worker);
}

/** The job kept for this pop worker, if it is still queued. */
function takeKept(worker: Worker): Job | null {
  const job = worker.reserved;
  if (job === null) return null;
  if (job.state === 'queued' && job.reservedFor === worker) return job;
  worker.reserved = null;
  return null;
}

/** Ends a job's reservation (used, or let go). */
function release(job: Job): void {
  job.reservation?.cancel();
  job.reservation = null;
  if (job.reservedFor?.reserved === job) job.reservedFor.reserved = null;
  job.reservedFor = null;
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
