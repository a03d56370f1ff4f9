import { describe, expect, it, vi } from 'vitest';
import type { WorkerSink, WsRegistration } from '../../src/core/index.js';
import { chat, FakeSink, makeGrid, types, wsWorker } from './helpers.js';

// Effects (events, sink calls, follow-ups) are delivered after the transition that caused them, in the
// order they were queued: a listener or sink that calls back into the grid sees a finished transition.

/** A FakeSink that also records acks in its frame log. */
class AckingSink extends FakeSink {
  acks: { id: string; den: number }[] = [];
  ack(id: string, den: number): void {
    this.acks.push({ id, den });
    this.log.push(`ack:${id}`);
  }
}

describe('effects after the transition', () => {
  it("a done is acked before the connection's next job, with the reward as den", () => {
    const { grid } = makeGrid();
    const sink = new AckingSink();
    const reg = grid.register({ apikey: 'worker-key', name: 'ws-1', models: ['m1'] }, sink);
    const by = { connectionId: reg.connectionId };
    chat(grid);
    chat(grid);
    const first = sink.last.id;
    const { reward } = grid.complete({ generationId: first, by, text: 'Hello there, friend' });
    const second = sink.last.id;
    expect(second).not.toBe(first);
    expect(sink.log).toEqual(['ready', `job:${first}`, `ack:${first}`, `job:${second}`]);
    expect(sink.acks).toEqual([{ id: first, den: reward }]);
    expect(reward).toBeGreaterThan(0);
  });

  it('stale and failed dones are acked with den 0, the same way, before any next job', () => {
    const { grid } = makeGrid();
    const sink = new AckingSink();
    const reg = grid.register({ apikey: 'worker-key', name: 'ws-1', models: ['m1'] }, sink);
    const by = { connectionId: reg.connectionId };
    chat(grid);
    const first = sink.last.id;
    // Empty: a failure (requeued to the same, now free, connection).
    expect(grid.complete({ generationId: first, by, text: '' }).reward).toBe(0);
    const retry = sink.last.id;
    expect(sink.log.slice(-2)).toEqual([`ack:${first}`, `job:${retry}`]);
    // Stale: the core still acks it (den 0), and the call throws the stale code for the Horde door.
    expect(() => grid.complete({ generationId: first, by, text: 'late' })).toThrow(/already submitted/);
    expect(() => grid.complete({ generationId: 'nope', by, text: 'x' })).toThrow(/does not exist/);
    expect(sink.acks.slice(-2)).toEqual([
      { id: first, den: 0 },
      { id: 'nope', den: 0 },
    ]);
    expect(grid.fail({ generationId: first, by })).toEqual({ accepted: false, reason: 'DuplicateGen' });
  });

  it('a listener that cancels on `assigned` sees the assignment finished; the worker gets job, then cancel', () => {
    const { grid } = makeGrid();
    const { sink } = wsWorker(grid);
    const seen: string[] = [];
    grid.submit({
      source: 'v1',
      apiKey: 'client-key',
      request: { model: 'm1', messages: [{ role: 'user', content: 'Hi' }] },
      listener: (e) => {
        seen.push(e.type);
        if (e.type === 'assigned') {
          // The transition is complete: the job is leased, and the generation is the one in the event.
          expect(grid.job(e.jobId)).toMatchObject({ state: 'leased', generationId: e.generationId });
          grid.cancel(e.jobId);
        }
      },
    });
    expect(seen).toEqual(['queued', 'assigned', 'cancelled']);
    expect(sink.log).toEqual(['ready', `job:${sink.last.id}`, `cancel:${sink.last.id}`]);
    expect(grid.account('client-key').inFlight).toBe(0);
  });

  it('a sink that throws is a dead connection: its job goes to the next idle worker, nothing is lost', () => {
    const { grid, events } = makeGrid();
    const broken: WorkerSink = {
      ready: () => {},
      job: () => {
        throw new Error('socket gone');
      },
      cancel: () => {},
      close: () => {},
    };
    // The sink's error is rethrown from a microtask, outside the grid call: catch it here.
    const later: (() => void)[] = [];
    vi.stubGlobal('queueMicrotask', (fn: () => void) => later.push(fn));
    try {
      grid.register({ apikey: 'worker-key', name: 'broken', models: ['m1'] }, broken);
      const good = wsWorker(grid, { name: 'good' });
      const { sub, events: jobEvents } = chat(grid);
      // The broken connection was the older idle one, so it was offered the job first.
      expect(types(jobEvents)).toEqual(['queued', 'assigned', 'requeued', 'assigned']);
      expect(good.sink.jobs).toHaveLength(1);
      expect(grid.job(sub.jobIds[0]!)?.workerName).toBe('good');
      expect(events.some((e) => e.type === 'worker.offline' && e.reason === 'sink failed')).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(later).toHaveLength(1);
    expect(later[0]!).toThrow('socket gone');
  });

  it('a worker that answers inside `job` is fed the next job by the same loop, not a nested call', () => {
    const { grid } = makeGrid({ maxInFlight: 1000 });
    for (let i = 0; i < 500; i++)
      grid.submit({ source: 'horde', apiKey: 'c', request: { prompt: 'p', models: ['m1'] } });
    let depth = 0;
    let maxDepth = 0;
    let reg: WsRegistration | null = null;
    const log: string[] = [];
    grid.register(
      { apikey: 'w', name: 'sync', models: ['m1'] },
      {
        ready: (r) => {
          reg = r;
        },
        job: (offer) => {
          depth++;
          maxDepth = Math.max(maxDepth, depth);
          grid.complete({ generationId: offer.id, by: { connectionId: reg!.connectionId }, text: 'done' });
          log.push(`job:${offer.id}`);
          depth--;
        },
        ack: (id) => log.push(`ack:${id}`),
        cancel: () => {},
        close: () => {},
      },
    );
    expect(maxDepth).toBe(1);
    expect(grid.counters().queued).toBe(0);
    // Every job's ack comes before the next job is handed over.
    for (let i = 0; i + 2 < log.length; i += 2) {
      expect(log[i]!.startsWith('job:')).toBe(true);
      expect(log[i + 1]).toBe(`ack:${log[i]!.slice(4)}`);
    }
  });
});
