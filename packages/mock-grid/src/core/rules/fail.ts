/**
 * Trigger: an attempt ends without a result — a worker error, an empty or faulted submit, or a lease that
 * ran out (a strike, and the job is not handed back to that worker). The job goes back to the front of the
 * queue, or is faulted after `maxAttempts` failures (and the request's other jobs are cancelled); an error the
 * worker blames on the client fails the job at once, and so does any failure after a streaming client got
 * part of the answer (moves.ts `takeBack`).
 */
import type { Books } from '../books/index.js';
import type { Generation, Job } from '../entities.js';
import { close, endBatch, freeDrained, requeue, takeBack } from '../moves.js';
import { jobIds, type Outbox } from '../outbox.js';
import { errored, timedOut } from './verify.js';

type FailBooks = Pick<
  Books,
  | 'clock'
  | 'settings'
  | 'accounts'
  | 'generations'
  | 'connections'
  | 'queue'
  | 'requests'
  | 'stats'
  | 'workers'
  | 'verification'
>;

/**
 * A worker error or an empty completion (`clientError`: the client's fault, no strike, no retry). A WS media
 * job fails as a whole (all its images); `avoid` (an image that failed verification) keeps the job from
 * going back to the same worker, so another one serves it.
 */
export function fail(
  b: FailBooks,
  out: Outbox,
  gen: Generation,
  message: string,
  clientError: boolean,
  avoid = false,
): void {
  // A probe or canary that failed is a failed check, never requeued (rules/verify.ts).
  if (gen.job?.req.check) {
    errored(b, out, gen, message);
    return;
  }
  const conn = gen.conn;
  const worker = gen.worker;
  // One mark against the worker per failed attempt (a WS media job's images are one attempt).
  if (!clientError) worker.standing.failed(b.clock.now(), 'error');
  for (const [job, g] of endBatch(b, gen, 'finish', clientError ? 'client error' : 'failed')) {
    if (clientError) {
      close(b, out, job, { type: 'failed', ...jobIds(job), at: b.clock.now(), message, clientError: true });
      continue;
    }
    worker.uncompletedJobs++;
    if (avoid) avoidWorker(job, worker.id);
    retryOrFault(b, out, job, g, message);
  }
  if (!clientError && conn) out.strike(worker);
  if (conn && !conn.closed) out.feed(conn);
}

/**
 * A WS media job the worker stopped on its own (`done` with `cancelled: true`, no cancel asked): nothing is
 * paid and it is no strike; its images go back to the queue for another worker, with no failure counted.
 */
export function giveBack(b: FailBooks, out: Outbox, gen: Generation): void {
  const conn = gen.conn;
  const worker = gen.worker;
  worker.standing.failed(b.clock.now(), 'cancelled');
  for (const [job] of endBatch(b, gen, 'finish', 'cancelled by the worker')) {
    avoidWorker(job, worker.id);
    requeue(b, out, job, 'the worker cancelled the job');
  }
  if (conn && !conn.closed) out.feed(conn);
}

function avoidWorker(job: Job, workerId: string): void {
  job.avoid ??= new Set();
  job.avoid.add(workerId);
}

/** A generation's timer fired: its lease ran out, or the drain after a cancel did. */
export function leaseTimer(b: FailBooks, out: Outbox, gen: Generation): void {
  const now = b.clock.now();
  // A check's lease is its time limit, whatever its token frames said (rules/verify.ts).
  if (gen.state === 'active' && gen.job?.req.check) {
    timedOut(b, out, gen);
    return;
  }
  if (gen.state === 'active' && gen.deadline > now) {
    // Token frames pushed the deadline on; re-arm for the rest.
    b.generations.arm(gen, gen.deadline - now);
    return;
  }
  // A cancelled job whose worker never confirmed: free the connection anyway.
  if (gen.state === 'aborted' && gen.conn?.current === gen) {
    freeDrained(b, out, gen.conn);
    return;
  }
  if (gen.state !== 'active') return;
  const conn = gen.conn;
  const worker = gen.worker;
  // A WS media job's lease is its first generation's, and all its images are taken back with it.
  const ended = endBatch(b, gen, 'abort', 'lease expired');
  worker.standing.failed(now, 'timeout');
  if (conn) out.cancelFrame(conn, gen.id);
  for (const [job, g] of ended) {
    worker.uncompletedJobs++;
    // Letting a lease run out is that worker's failure: a strike, and the job is not handed back to it (a
    // hung worker that still answers pings would otherwise take it again and again until it faulted).
    avoidWorker(job, worker.id);
    retryOrFault(b, out, job, g, 'lease expired');
  }
  out.strike(worker);
  if (conn) out.feed(conn);
}

/** After a counted failure: requeue the job (unless its streamed output already reached the client), or
 *  fault it after `maxAttempts` (and cancel its request's other jobs). */
function retryOrFault(b: FailBooks, out: Outbox, job: Job, gen: Generation, reason: string): void {
  job.failures++;
  if (job.failures < b.settings.maxAttempts) {
    takeBack(b, out, job, gen, reason);
    return;
  }
  close(b, out, job, {
    type: 'faulted',
    ...jobIds(job),
    at: b.clock.now(),
    message: `The job failed ${job.failures} times (last: ${reason})`,
  });
  // A faulted request is done (Horde: the waiting prompt is faulted): its other jobs stop.
  for (const sibling of job.req.jobs) if (sibling !== job) out.cancel(sibling);
}
