import { describe, expect, it } from 'vitest';
import { horde, makeGrid, popBody, wsWorker } from './helpers.js';

describe('queue scale: no walk over the whole queue per operation', () => {
  // A fixed amount of work (about 4 s on a quiet machine, 14 s beside a CPU burner): the limit only stops a hang.
  it('100,000 queued jobs are enqueued and assigned with O(1) queue work each', () => {
    const N = 100_000;
    const { grid } = makeGrid({ maxInFlight: N });
    // A job nobody here can take sits at the head of the lane the whole time.
    horde(grid, { nsfw: true }, 'blocker');
    for (let i = 0; i < N; i++) {
      grid.submit({
        source: 'horde',
        apiKey: 'client-key',
        request: { prompt: 'p', models: ['m1'], nsfw: false, params: { max_length: 32 } },
      });
    }
    const enqueued = grid.counters();
    expect(enqueued.queued).toBe(N + 1);
    expect(enqueued.inspected).toBeLessThanOrEqual(2 * (N + 1));

    const worker = grid.checkIn(popBody({ nsfw: false }));
    let assigned = 0;
    let nsfwSkips = 0;
    for (let i = 0; i < N; i++) {
      const { job, skipped } = grid.assign(worker.id);
      if (job) assigned++;
      nsfwSkips += skipped.nsfw;
    }
    expect(assigned).toBe(N);
    // The blocker was looked at (and skipped) once per pop.
    expect(nsfwSkips).toBe(N);
    const after = grid.counters();
    expect(after.queued).toBe(1);
    // Each assignment looks at a bounded number of entries (a few per pop, plus amortised compaction),
    // never at all 100,000.
    expect((after.inspected - enqueued.inspected) / N).toBeLessThan(8);
  }, 60_000);

  it('queue positions stay right while jobs leave from anywhere', () => {
    const { grid } = makeGrid({ maxInFlight: 1000 });
    const subs = Array.from(
      { length: 10 },
      (_, i) => horde(grid, { models: [i % 2 === 0 ? 'even' : 'odd'] }).sub,
    );
    grid.cancel(subs[3]!.id);
    grid.pop(popBody({ models: ['even'] }));
    expect(subs.map((s) => grid.status(s.id).queue_position)).toEqual([0, 1, 2, 0, 3, 4, 5, 6, 7, 8]);
    // A WS worker for odd takes the oldest odd job (index 1).
    wsWorker(grid, { models: ['odd'] });
    expect(grid.status(subs[1]!.id).queue_position).toBe(0);
    expect(grid.status(subs[9]!.id).queue_position).toBe(7);
  });
});

describe('worker scale: requests never walk the workers that went away', () => {
  it('1,000 offline pop workers and 1,000 closed WS workers cost one look each, once', () => {
    const N = 1000;
    const { grid, clock } = makeGrid({ maxInFlight: 10_000 });
    for (let i = 0; i < N; i++) grid.checkIn(popBody({ name: `pop-${i}`, models: ['m1'] }));
    for (let i = 0; i < N; i++) {
      const { reg } = wsWorker(grid, { name: `gone-${i}`, models: ['m1'] });
      grid.release(reg.connectionId);
    }
    clock.advance(301_000); // every pop worker is past the 300 s offline rule
    wsWorker(grid, { name: 'live', models: ['m1'], max_length: 1 });
    // Nothing can serve `max_length: 64`, so each request stays queued and asks "is m1 possible?" again.
    const ask = () =>
      grid.submit({
        source: 'horde',
        apiKey: 'client-key',
        request: { prompt: 'p', models: ['m1'], params: { max_length: 64 } },
      });
    ask();
    const before = grid.counters().workersInspected;
    for (let i = 0; i < 200; i++) ask();
    for (let i = 0; i < 50; i++) grid.status(ask().id);
    const perRequest = (grid.counters().workersInspected - before) / 300;
    expect(perRequest).toBeLessThan(4);
    // The views agree: one online worker, m1 online.
    expect(grid.onlineModels()).toEqual(['m1']);
    expect(grid.hordeWorkers().map((w) => w.name)).toEqual(['live']);
    // Models whose workers all went away cost nothing either (every `auto` request lists the online models).
    for (let i = 0; i < N; i++) {
      const { reg } = wsWorker(grid, { name: `solo-${i}`, models: [`solo-model-${i}`] });
      grid.release(reg.connectionId);
    }
    expect(grid.counters().modelsIndexed).toBe(1);
    expect(grid.onlineModels()).toEqual(['m1']);
    // A pop worker that comes back is found again.
    grid.checkIn(popBody({ name: 'pop-7', models: ['m2'] }));
    expect(grid.onlineModels()).toEqual(['m1', 'm2']);
  });
});
