/** Strikes and eviction of WS workers (docs/mock-grid-core.md "Strikes and eviction"). */
import { callSink, dropConn } from './connections.js';
import type { Worker } from './entities.js';
import { gridEmit } from './events.js';
import type { GridState } from './state.js';

/** One strike; `strikeLimit` of them within `strikeWindowMs` evict the worker. */
export function strike(state: GridState, worker: Worker): void {
  const now = state.clock.now();
  const windowStart = now - state.settings.strikeWindowMs;
  while (worker.strikes.length > 0 && worker.strikes[0]! <= windowStart) worker.strikes.shift();
  worker.strikes.push(now);
  gridEmit(state, {
    type: 'worker.strike',
    at: now,
    workerId: worker.id,
    name: worker.name,
    strikes: worker.strikes.length,
  });
  if (worker.strikes.length >= state.settings.strikeLimit) evict(state, worker);
}

/** Closes the worker's connection and refuses it for the next step of the cooldown ladder. */
function evict(state: GridState, worker: Worker): void {
  const now = state.clock.now();
  if (worker.lastEvictionEnd !== null && now - worker.lastEvictionEnd >= state.settings.ladderResetMs)
    worker.evictions = 0;
  const ladder = state.settings.cooldownLadderMs;
  const cooldownMs = ladder[Math.min(worker.evictions, ladder.length - 1)]!;
  worker.evictions++;
  worker.cooldownUntil = now + cooldownMs;
  worker.lastEvictionEnd = now + cooldownMs;
  worker.strikes = [];
  gridEmit(state, { type: 'worker.evicted', at: now, workerId: worker.id, name: worker.name, cooldownMs });
  const conn = worker.conn;
  if (conn) {
    dropConn(state, conn, 'evicted');
    callSink(state, conn, () =>
      conn.sink.close(
        'evicted',
        `Too many failed jobs; reconnect allowed in ${Math.ceil(cooldownMs / 1000)} s`,
      ),
    );
  }
}
