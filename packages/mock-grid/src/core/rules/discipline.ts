/**
 * Trigger: a WS worker failed a job (command `strike`). `strikeLimit` strikes within `strikeWindowMs` evict
 * it: its connection is closed and a reconnect is refused for the next step of the cooldown ladder
 * (docs/mock-grid-core.md "Strikes and eviction").
 */
import type { Books } from '../books/index.js';
import type { Worker } from '../entities.js';
import { dropConnection } from '../moves.js';
import type { Outbox } from '../outbox.js';

type DisciplineBooks = Pick<
  Books,
  'clock' | 'settings' | 'generations' | 'connections' | 'workers' | 'queue' | 'requests' | 'stats'
>;

export function strike(b: DisciplineBooks, out: Outbox, worker: Worker): void {
  const now = b.clock.now();
  const windowStart = now - b.settings.strikeWindowMs;
  while (worker.strikes.length > 0 && worker.strikes[0]! <= windowStart) worker.strikes.shift();
  worker.strikes.push(now);
  out.gridEvent({
    type: 'worker.strike',
    at: now,
    workerId: worker.id,
    name: worker.name,
    strikes: worker.strikes.length,
  });
  if (worker.strikes.length >= b.settings.strikeLimit) evict(b, out, worker);
}

function evict(b: DisciplineBooks, out: Outbox, worker: Worker): void {
  const now = b.clock.now();
  if (worker.lastEvictionEnd !== null && now - worker.lastEvictionEnd >= b.settings.ladderResetMs)
    worker.evictions = 0;
  const ladder = b.settings.cooldownLadderMs;
  const cooldownMs = ladder[Math.min(worker.evictions, ladder.length - 1)]!;
  worker.evictions++;
  worker.cooldownUntil = now + cooldownMs;
  worker.lastEvictionEnd = now + cooldownMs;
  worker.strikes = [];
  worker.standing.failed(now, 'evicted');
  out.gridEvent({ type: 'worker.evicted', at: now, workerId: worker.id, name: worker.name, cooldownMs });
  const conn = worker.conn;
  if (!conn) return;
  dropConnection(b, out, conn, 'evicted');
  const message = `Too many failed jobs; reconnect allowed in ${Math.ceil(cooldownMs / 1000)} s`;
  out.close(conn, 'evicted', message);
}
