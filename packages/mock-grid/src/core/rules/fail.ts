/**
 * Trigger: an attempt ends without a result — a worker error, an empty or faulted submit, or a lease that
 * ran out (a strike, and the job is not handed back to that worker). The job goes back to the front of the
 * queue, or is faulted after `maxAttempts` failures (and the request's other jobs are cancelled); an error the
 * worker blames on the client fails the job at once, and so does any failure after a streaming client got
 * part of the answer (moves.ts `takeBack`).
 */
import type { Books } from '../books/index.js';
import type { Generation, Job } from '../entities.js';
import { close, endGeneration, freeDrained, takeBack } from '../moves.js';
import { jobIds, type Outbox } from '../outbox.js';

type FailBooks = Pick<Books, 'clock' | 'settings' | 'generations' | 'queue' | 'requests' | 'stats'>;

/** A worker error or an empty completion (`clientError`: the client's fault, no strike, no retry). */
export function fail(
  b: FailBooks,
  out: Outbox,
  gen: Generation,
  message: string,
  clientError: boolean,
): void {
  const job = gen.job!;
  const conn = gen.conn;
  const worker = gen.worker;
  endGeneration(b, gen, 'finish', clientError ? 'client error' : 'failed');
  if (clientError) {
    close(b, out, job, { type: 'failed', ...jobIds(job), at: b.clock.now(), message, clientError: true });
  } else {
    worker.uncompletedJobs++;
    retryOrFault(b, out, job, gen, message);
    if (conn) out.strike(worker);
  }
  if (conn && !conn.closed) out.feed(conn);
}

/** A generation's timer fired: its lease ran out, or the drain after a cancel did. */
export function leaseTimer(b: FailBooks, out: Outbox, gen: Generation): void {
  const now = b.clock.now();
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
  const job = gen.job!;
  const conn = gen.conn;
  const worker = gen.worker;
  worker.uncompletedJobs++;
  endGeneration(b, gen, 'abort', 'lease expired');
  if (conn) out.cancelFrame(conn, gen.id);
  // Letting a lease run out is that worker's failure: a strike, and the job is not handed back to it (a hung
  // worker that still answers pings would otherwise take it again and again until it faulted).
  job.avoid ??= new Set();
  job.avoid.add(worker.id);
  retryOrFault(b, out, job, gen, 'lease expired');
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
