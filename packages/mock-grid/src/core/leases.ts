/**
 * Generations: a job leased to one worker until it is done, fails, is cancelled or its lease runs out.
 * Also who may submit for a generation, and the tombstones that answer late submits.
 */
import { callSink } from './connections.js';
import { chooseModel, servedMaxLength, wsPayload } from './convert.js';
import { feed, setIdle } from './dispatch.js';
import type { Conn, Generation, Job, Worker } from './entities.js';
import { GridError } from './errors.js';
import { emit, jobIds } from './events.js';
import { retryOrFault } from './failures.js';
import { uuid } from './ids.js';
import type { GridState } from './state.js';
import type { ProgressInput, WorkerRef } from './types.js';

/** Takes `job` out of the queue and leases it to `worker`: pushed to `conn` (WS), or popped (conn null). */
export function lease(state: GridState, job: Job, worker: Worker, conn: Conn | null): Generation {
  state.queue.remove(job);
  const now = state.clock.now();
  const model = chooseModel(job, worker);
  const leaseMs = conn ? state.settings.wsLeaseMs : state.settings.popLeaseMs;
  const gen: Generation = {
    id: uuid(state.settings.random),
    job,
    jobId: job.id,
    worker,
    conn,
    model,
    maxLength: servedMaxLength(job, worker),
    state: 'active',
    abortReason: null,
    assignedAt: now,
    firstTokenAt: null,
    timer: null,
    deadline: now + leaseMs,
    finishReason: null,
    endedAt: 0,
  };
  gen.timer = state.clock.setTimer(() => leaseTimer(state, gen), leaseMs);
  state.gens.set(gen.id, gen);
  job.gen = gen;
  job.state = 'leased';
  if (conn) {
    setIdle(state, conn, false);
    conn.current = gen;
  } else worker.popGens.add(gen);
  emit(state, job, {
    type: 'assigned',
    ...jobIds(job),
    at: now,
    worker: { id: worker.id, name: worker.name, kind: conn ? 'ws' : 'pop' },
    generationId: gen.id,
    model,
  });
  if (conn && gen.state === 'active') {
    const offer = { id: gen.id, model, payload: wsPayload(job, worker, model) };
    callSink(state, conn, () => conn.sink.job(offer));
  }
  return gen;
}

function leaseTimer(state: GridState, gen: Generation): void {
  gen.timer = null;
  const now = state.clock.now();
  if (gen.state === 'active' && gen.deadline > now) {
    // Token frames pushed the deadline on; re-arm for the rest.
    gen.timer = state.clock.setTimer(() => leaseTimer(state, gen), gen.deadline - now);
    return;
  }
  if (gen.state === 'aborted' && gen.conn?.current === gen) {
    // A cancelled job whose worker never confirmed: free the connection anyway.
    freeDrained(state, gen.conn);
    return;
  }
  if (gen.state !== 'active') return;
  const job = gen.job!;
  const conn = gen.conn;
  gen.worker.uncompletedJobs++;
  endGen(state, gen, 'aborted', 'lease expired');
  if (conn) callSink(state, conn, () => conn.sink.cancel(gen.id));
  job.failures++;
  retryOrFault(state, job, 'lease expired');
  if (conn) feed(state, conn);
}

/**
 * Ends a generation. A WS connection whose job was cancelled stays busy ("draining") until the worker
 * answers the cancel with `done`/`error` or one more lease passes, so it never holds two jobs.
 */
export function endGen(
  state: GridState,
  gen: Generation,
  genState: 'done' | 'aborted',
  reason: string | null,
  drain = false,
): void {
  if (gen.timer) state.clock.clearTimer(gen.timer);
  gen.timer = null;
  gen.state = genState;
  gen.abortReason = reason;
  gen.endedAt = state.clock.now();
  if (gen.job) gen.job.gen = null;
  gen.job = null;
  if (gen.conn) {
    if (drain && !gen.conn.closed) {
      gen.timer = state.clock.setTimer(() => leaseTimer(state, gen), state.settings.wsLeaseMs);
    } else if (gen.conn.current === gen) gen.conn.current = null;
  } else gen.worker.popGens.delete(gen);
  // A WS worker's late `done` is acked with den 0 whether the id is remembered or not, so WS
  // generations are forgotten sooner (memory at thousands of jobs per second).
  if (gen.conn)
    state.wsRetention.pushBack({ at: gen.endedAt + state.settings.wsRetentionMs, kind: 'gen', id: gen.id });
  else state.retention.pushBack({ at: gen.endedAt + state.settings.retentionMs, kind: 'gen', id: gen.id });
}

function freeDrained(state: GridState, conn: Conn): void {
  const gen = conn.current;
  if (!gen) return;
  if (gen.timer) state.clock.clearTimer(gen.timer);
  gen.timer = null;
  conn.current = null;
  feed(state, conn);
}

/** Finds the generation a worker submits for, enforcing who may submit it and whether it is still live. */
export function resolve(state: GridState, generationId: string, by: WorkerRef): Generation {
  // The key first: a bad key is a 401 whatever the id (the live Horde crashed with a 500 here, §6.9).
  const account = 'apiKey' in by ? state.accounts.lookup(by.apiKey) : null;
  const gen = state.gens.get(generationId);
  if (!gen)
    throw new GridError('InvalidJobID', `Processing Generation with ID ${generationId} does not exist.`, {
      field: 'id',
    });
  if (account) {
    if (gen.worker.owner !== account) {
      throw new GridError('WrongCredentials', 'This API key does not own the worker of this generation');
    }
    // The owner's WS connection holds it: a Horde submit cannot finish it.
    if (gen.conn) {
      throw new GridError('AbortedGen', 'This generation is leased to a WebSocket connection', {
        field: 'id',
      });
    }
  }
  const sameConn = 'connectionId' in by && gen.conn !== null && gen.conn.id === by.connectionId;
  if ('connectionId' in by && !sameConn) {
    throw new GridError('AbortedGen', 'This generation is not leased to this connection', { field: 'id' });
  }
  if (gen.state === 'done') {
    throw new GridError('DuplicateGen', 'This generation was already submitted', { field: 'id' });
  }
  if (gen.state === 'aborted') {
    if (gen.conn && gen.conn.current === gen) freeDrained(state, gen.conn);
    throw new GridError('AbortedGen', `This generation was aborted (${gen.abortReason ?? 'stale'})`, {
      field: 'id',
    });
  }
  return gen;
}

/** Whether `by` holds the generation (a token frame's check; never throws). */
export function owns(state: GridState, gen: Generation, by: WorkerRef): boolean {
  if ('connectionId' in by) return gen.conn !== null && gen.conn.id === by.connectionId;
  try {
    return gen.conn === null && gen.worker.owner === state.accounts.lookup(by.apiKey);
  } catch {
    return false;
  }
}

/** `Grid.progress`: a token frame for a live generation pushes its WS lease on. */
export function progress(state: GridState, input: ProgressInput): boolean {
  const gen = state.gens.get(input.generationId);
  if (gen?.state !== 'active' || !owns(state, gen, input.by)) return false;
  const job = gen.job!;
  const now = state.clock.now();
  if (gen.firstTokenAt === null) gen.firstTokenAt = now;
  if (job.state === 'leased') job.state = 'streaming';
  if (gen.conn) gen.deadline = now + state.settings.wsLeaseMs;
  if (input.finish_reason) gen.finishReason = input.finish_reason;
  emit(state, job, { type: 'token', ...jobIds(job), at: now, delta: input.delta });
  return true;
}
