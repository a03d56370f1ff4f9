/** WS worker connections: registering one, and what happens when one goes away (closed, replaced, evicted). */

import { feed, setIdle } from './dispatch.js';
import type { Conn } from './entities.js';
import { GridError } from './errors.js';
import { gridEmit, rethrowLater } from './events.js';
import { requeue } from './failures.js';
import { uuid } from './ids.js';
import { endGen } from './leases.js';
import type { GridState } from './state.js';
import type { WorkerSink, WsRegisterInput, WsRegistration } from './types.js';
import { claimWorker, forgetOffline, indexWorker, isOnline, updateWorker } from './worker-registry.js';

/** `Grid.register`: see there for the errors. */
export function connect(state: GridState, input: WsRegisterInput, sink: WorkerSink): WsRegistration {
  const now = state.clock.now();
  const account = state.accounts.authenticate(input.apikey, 'worker.connect');
  const worker = claimWorker(state, account, input.name, input.models, 'ws');
  if (worker.cooldownUntil !== null && now < worker.cooldownUntil) {
    throw new GridError('WorkerCooldown', `Worker '${worker.name}' was evicted; retry later`, {
      retryAfterMs: worker.cooldownUntil - now,
    });
  }
  const previous = worker.conn;
  updateWorker(state, worker, {
    kind: 'ws',
    models: input.models ?? [],
    maxLength: input.max_length,
    maxContextLength: input.max_context_length,
    nsfw: input.nsfw,
    bridgeAgent: input.bridge_agent ?? 'grid-ws',
  });
  if (previous) {
    dropConn(state, previous, 'replaced by a new connection');
    callSink(state, previous, () =>
      previous.sink.close('replaced', 'Replaced by a newer connection with the same name'),
    );
  }
  const conn: Conn = {
    id: uuid(state.settings.random),
    worker,
    sink,
    current: null,
    connectedAt: now,
    idle: false,
    idleModels: [],
    closed: false,
  };
  state.conns.set(conn.id, conn);
  worker.conn = conn;
  // Dropping the replaced connection above took the worker out of the scan sets.
  indexWorker(state, worker);
  worker.lastSeenAt = now;
  const registration = { workerId: worker.id, connectionId: conn.id };
  gridEmit(state, { type: 'worker.online', at: now, workerId: worker.id, name: worker.name, kind: 'ws' });
  callSink(state, conn, () => sink.ready(registration));
  feed(state, conn);
  return registration;
}

/** Calls the connection's sink; a sink that throws is a dead connection (its error is rethrown later). */
export function callSink(state: GridState, conn: Conn, call: () => void): void {
  try {
    call();
  } catch (error) {
    // A sink that cannot write is a dead connection.
    if (!conn.closed) dropConn(state, conn, 'sink failed');
    rethrowLater(error);
  }
}

/** The connection is gone: its live job goes back to the front of the queue, with no failure counted. */
export function dropConn(state: GridState, conn: Conn, reason: string): void {
  if (conn.closed) return;
  const now = state.clock.now();
  setIdle(state, conn, false);
  conn.closed = true;
  state.conns.delete(conn.id);
  const worker = conn.worker;
  if (worker.conn === conn) worker.conn = null;
  if (!isOnline(state, worker)) forgetOffline(state, worker);
  worker.uptimeMs += now - conn.connectedAt;
  worker.lastSeenAt = now;
  const gen = conn.current;
  conn.current = null;
  if (gen) {
    if (gen.state === 'active') {
      const job = gen.job!;
      endGen(state, gen, 'aborted', `worker ${reason}`);
      // A disconnect is not the job's fault: back to the front, no failure counted.
      requeue(state, job, `worker ${reason}`, now);
    } else if (gen.timer) {
      state.clock.clearTimer(gen.timer);
      gen.timer = null;
    }
  }
  gridEmit(state, { type: 'worker.offline', at: now, workerId: worker.id, name: worker.name, reason });
}
