/** Delivering events: to a job's and its request's listeners, and to the grid-wide stream. */
import type { Job } from './entities.js';
import type { GridState } from './state.js';
import type { GridEvent, JobEvent } from './types.js';

/** Rethrows `error` from a microtask: it still surfaces as an uncaught error, but not in the caller. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/** The ids every job event carries. */
export function jobIds(job: Job): { jobId: string; requestId: string; index: number } {
  return { jobId: job.id, requestId: job.req.id, index: job.index };
}

/** A job event: to the job's listeners, its request's listeners, then the grid-wide stream. */
export function emit(state: GridState, job: Job, event: JobEvent): void {
  if (job.listeners) for (const l of [...job.listeners]) safeCall(l, event);
  if (job.req.listeners) for (const l of [...job.req.listeners]) safeCall(l, event);
  gridEmit(state, event);
}

export function gridEmit(state: GridState, event: GridEvent): void {
  for (const l of state.listeners) safeCall(l, event);
}

/** A throwing listener must not leave the core half-way through a transition: its error is rethrown
 *  from a microtask instead (it still surfaces as an uncaught error). */
function safeCall<E>(listener: (e: E) => void, event: E): void {
  try {
    listener(event);
  } catch (error) {
    rethrowLater(error);
  }
}
