import { describe, expect, it } from 'vitest';
import { type Grid, isGridError } from '../../src/core/index.js';
import { chat, horde, makeGrid, types, wsWorker } from './helpers.js';

function failOnce(grid: Grid, sink: { last: { id: string } }, by: { connectionId: string }) {
  grid.complete({ generationId: sink.last.id, by, text: '' });
}

describe('WS worker strikes, eviction and cooldown', () => {
  it('an empty completion is a failure and a strike; the job is requeued', () => {
    const { grid, events } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { sub, events: jobEvents } = chat(grid);
    expect(grid.complete({ generationId: sink.last.id, by, text: '' })).toEqual({ reward: 0 });
    expect(grid.worker('ws-1')?.strikes).toBe(1);
    expect(events.some((e) => e.type === 'worker.strike')).toBe(true);
    expect(types(jobEvents)).toEqual(['queued', 'assigned', 'requeued', 'assigned']);
    expect(grid.job(sub.jobIds[0]!)?.attempts).toBe(1);
  });

  it('a cancelled done with no text is not a failure', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { events } = chat(grid);
    grid.complete({ generationId: sink.last.id, by, text: '', cancelled: true });
    expect(types(events)).toEqual(['queued', 'assigned', 'done']);
    expect(grid.worker('ws-1')?.strikes).toBe(0);
  });

  it('client_error: the job fails to the client, no strike, no retry', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { events } = chat(grid);
    grid.fail({ generationId: sink.last.id, by, message: 'context too long', clientError: true });
    expect(types(events)).toEqual(['queued', 'assigned', 'failed']);
    const failed = events.at(-1);
    expect(failed).toMatchObject({ type: 'failed', clientError: true, message: 'context too long' });
    expect(grid.worker('ws-1')?.strikes).toBe(0);
    expect(grid.account('client-key').inFlight).toBe(0);
  });

  it('a worker error without client_error is a strike and a requeue', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { events } = chat(grid);
    grid.fail({ generationId: sink.last.id, by, message: 'backend down' });
    expect(types(events)).toEqual(['queued', 'assigned', 'requeued', 'assigned']);
    expect(grid.worker('ws-1')?.strikes).toBe(1);
  });

  it('6 strikes in 300 s evict with the 30 s → 2 min → 10 min → 1 h ladder; re-registration waits', () => {
    const { grid, clock, events } = makeGrid({ maxAttempts: 1000 });
    horde(grid);
    const cooldowns: number[] = [];
    for (let round = 0; round < 5; round++) {
      // The connection is pushed the requeued job on registration.
      const { sink, by } = wsWorker(grid);
      expect(sink.jobs).toHaveLength(1);
      for (let i = 0; i < 6; i++) failOnce(grid, sink, by);
      expect(sink.closed?.reason).toBe('evicted');
      const evicted = events.filter((e) => e.type === 'worker.evicted').at(-1);
      const cooldownMs = evicted?.type === 'worker.evicted' ? evicted.cooldownMs : -1;
      cooldowns.push(cooldownMs);
      try {
        wsWorker(grid);
        expect.unreachable();
      } catch (error) {
        expect(isGridError(error, 'WorkerCooldown') && error.retryAfterMs).toBe(cooldownMs);
      }
      clock.advance(cooldownMs - 1);
      expect(() => wsWorker(grid)).toThrow(/evicted/);
      clock.advance(1);
    }
    expect(cooldowns).toEqual([30_000, 120_000, 600_000, 3_600_000, 3_600_000]);
  });

  it('strikes older than 300 s do not count', () => {
    // A lease longer than the wait, so the wait itself is not a lease expiry (which is a strike too).
    const { grid, clock } = makeGrid({ maxAttempts: 1000, wsLeaseMs: 3_600_000 });
    horde(grid);
    const { sink, by } = wsWorker(grid);
    for (let i = 0; i < 5; i++) failOnce(grid, sink, by);
    clock.advance(300_000);
    failOnce(grid, sink, by);
    expect(sink.closed).toBeNull();
    expect(grid.worker('ws-1')?.strikes).toBe(1);
  });

  it('the ladder resets after a clean hour', () => {
    const { grid, clock, events } = makeGrid({ maxAttempts: 1000 });
    horde(grid);
    const evictOnce = () => {
      const { sink, by } = wsWorker(grid);
      for (let i = 0; i < 6; i++) failOnce(grid, sink, by);
      const e = events.filter((x) => x.type === 'worker.evicted').at(-1);
      return e?.type === 'worker.evicted' ? e.cooldownMs : -1;
    };
    expect(evictOnce()).toBe(30_000);
    clock.advance(30_000);
    expect(evictOnce()).toBe(120_000);
    clock.advance(120_000 + 3_600_000);
    expect(evictOnce()).toBe(30_000);
  });

  it('a re-register with the same name replaces the older connection and requeues its job', () => {
    const { grid } = makeGrid();
    const first = wsWorker(grid);
    const { events } = horde(grid);
    const second = wsWorker(grid);
    expect(first.sink.closed?.reason).toBe('replaced');
    expect(second.reg.workerId).toBe(first.reg.workerId);
    expect(second.reg.connectionId).not.toBe(first.reg.connectionId);
    expect(types(events)).toEqual(['queued', 'assigned', 'requeued', 'assigned']);
    expect(second.sink.jobs).toHaveLength(1);
    expect(grid.workerList().count).toBe(1);
  });

  it('a replaced idle connection is never pushed a job, even when the models changed', () => {
    const { grid } = makeGrid();
    const first = wsWorker(grid, { models: ['old-model'] });
    const second = wsWorker(grid, { models: ['new-model'] });
    expect(first.sink.closed?.reason).toBe('replaced');
    const { sub } = horde(grid, { models: ['old-model'] });
    expect(first.sink.jobs).toHaveLength(0);
    expect(grid.job(sub.jobIds[0]!)?.state).toBe('queued');
    horde(grid, { models: ['new-model'] });
    expect(second.sink.jobs).toHaveLength(1);
  });
});
