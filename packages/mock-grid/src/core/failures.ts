/**
 * A generation that did not finish: the job goes back to the front of the queue, or is faulted after
 * `maxAttempts` failures; an error the worker blames on the client fails the job at once.
 */
import { feed, push } from './dispatch.js';
import type { Generation, Job } from './entities.js';
import { emit, jobIds } from './events.js';
import { endGen } from './leases.js';
import { cancelJob, closeJob, finishReq } from './requests.js';
import type { GridState } from './state.js';
import { strike } from './strikes.js';

/** A worker error or an empty completion (`clientError`: the client's fault, no strike, no retry). */
export function failGen(state: GridState, gen: Generation, message: string, clientError: boolean): void {
  const job = gen.job!;
  const conn = gen.conn;
  const worker = gen.worker;
  const now = state.clock.now();
  endGen(state, gen, 'done', clientError ? 'client error' : 'failed');
  if (clientError) {
    state.stats.failed++;
    closeJob(job, 'failed');
    emit(state, job, { type: 'failed', ...jobIds(job), at: now, message, clientError: true });
    finishReq(state, job.req);
  } else {
    worker.uncompletedJobs++;
    job.failures++;
    retryOrFault(state, job, message);
    if (conn) strike(state, worker);
  }
  if (conn && !conn.closed) feed(state, conn);
}

/** After a counted failure: requeue the job, or fault it (and cancel its request's other jobs). */
export function retryOrFault(state: GridState, job: Job, reason: string): void {
  const now = state.clock.now();
  if (job.failures >= state.settings.maxAttempts) {
    state.stats.faulted++;
    closeJob(job, 'faulted');
    emit(state, job, {
      type: 'faulted',
      ...jobIds(job),
      at: now,
      message: `The job failed ${job.failures} times (last: ${reason})`,
    });
    // A faulted request is done (Horde: the waiting prompt is faulted): its other jobs stop.
    for (const sibling of job.req.jobs) cancelJob(state, sibling);
    finishReq(state, job.req);
    return;
  }
  requeue(state, job, reason, now);
}

/** Back to the front of the queue, keeping its age, and straight to an idle WS connection if one fits. */
export function requeue(state: GridState, job: Job, reason: string, now: number): void {
  job.state = 'queued';
  state.queue.add(job, true);
  emit(state, job, { type: 'requeued', ...jobIds(job), at: now, reason });
  push(state, job);
}
