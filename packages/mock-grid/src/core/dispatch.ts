/**
 * Giving jobs to WS connections (push, no polling): a new or requeued job goes to an idle connection that
 * can take it, and a connection with a free slot takes the oldest matching job or waits as idle.
 */
import type { Conn, Job } from './entities.js';
import { lease } from './leases.js';
import { unfit } from './matching.js';
import { emptySkipped } from './queue.js';
import type { GridState } from './state.js';

/** Gives a just-queued job to an idle WS connection that can take it. */
export function push(state: GridState, job: Job): void {
  if (state.idleAny.size === 0) return;
  if (job.models.length === 0) {
    for (const conn of state.idleAny) {
      if (unfit(job, conn.worker) === null) {
        lease(state, job, conn.worker, conn);
        return;
      }
    }
    return;
  }
  for (const model of job.models) {
    const idle = state.idleByModel.get(model);
    if (!idle) continue;
    for (const conn of idle) {
      if (unfit(job, conn.worker) === null) {
        lease(state, job, conn.worker, conn);
        return;
      }
    }
  }
}

/**
 * A WS connection has a free slot: give it the oldest matching job or park it as idle. Trampolined: a
 * sink that answers a job synchronously (an in-process worker) re-enters here from `complete`, and
 * that connection is fed by the outer loop instead of recursing once per queued job.
 */
export function feed(state: GridState, conn: Conn): void {
  state.feedQueue.push(conn);
  if (state.feeding) return;
  state.feeding = true;
  try {
    for (let next = state.feedQueue.shift(); next; next = state.feedQueue.shift()) feedOne(state, next);
  } finally {
    state.feeding = false;
  }
}

function feedOne(state: GridState, conn: Conn): void {
  if (conn.closed || conn.current) return;
  const job = state.queue.take(conn.worker, (j) => unfit(j, conn.worker), emptySkipped());
  if (job) lease(state, job, conn.worker, conn);
  else setIdle(state, conn, true);
}

export function setIdle(state: GridState, conn: Conn, idle: boolean): void {
  if (conn.idle === idle) return;
  conn.idle = idle;
  if (idle) {
    state.idleAny.add(conn);
    conn.idleModels = conn.worker.models;
    for (const model of conn.idleModels) {
      let set = state.idleByModel.get(model);
      if (!set) {
        set = new Set();
        state.idleByModel.set(model, set);
      }
      set.add(conn);
    }
  } else {
    state.idleAny.delete(conn);
    for (const model of conn.idleModels) state.idleByModel.get(model)?.delete(conn);
    conn.idleModels = [];
  }
}
