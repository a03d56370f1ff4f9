// How the router shares traffic (docs/mock-grid-core.md "Routing"), on crafted fleets and a driven clock: shares
// are counted jobs, never timings.
import { describe, expect, it } from 'vitest';
import { Fleet, type ScriptedWorker, servedBy } from './harness.js';

describe('routing shares', () => {
  it('equal workers share the load within a few percent, one request at a time and all at once', () => {
    const fleet = new Fleet(['a', 'b', 'c', 'd'].map((name) => ({ name, tokensPerS: 100, ttftMs: 100 })));
    fleet.sequential(400);
    for (const share of Object.values(fleet.shares())) expect(share).toBeCloseTo(0.25, 1);
    for (const share of Object.values(fleet.shares())) expect(Math.abs(share - 0.25)).toBeLessThan(0.02);
    const before = fleet.snapshot();
    fleet.burst(400);
    for (const share of Object.values(fleet.shares(before)))
      expect(Math.abs(share - 0.25)).toBeLessThan(0.03);
  });

  it('with more free workers than one decision looks at (64), each still gets its turn', () => {
    const fleet = new Fleet(Array.from({ length: 100 }, (_, i) => ({ name: `w${i}` })));
    const ends = fleet.sequential(2_000);
    expect(ends[0]?.type === 'done' && ends[0].grid.routing?.considered).toBe(64);
    const counts = fleet.workers.map((w) => w.completed);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...counts)).toBeLessThanOrEqual(25);
  });

  it('a worker twice as fast gets about twice the share', () => {
    const fleet = new Fleet([
      { name: 'fast', tokensPerS: 200, ttftMs: 100 },
      { name: 'slow', tokensPerS: 100, ttftMs: 100 },
    ]);
    fleet.sequential(600);
    const { fast, slow } = fleet.shares();
    expect(fast! / slow!).toBeGreaterThan(1.8);
    expect(fast! / slow!).toBeLessThan(2.2);
  });

  it('a faulty worker drains to near zero, no request is lost, and it recovers once it works again', () => {
    const fleet = new Fleet([
      { name: 'good-1' },
      { name: 'good-2' },
      { name: 'good-3' },
      { name: 'flaky', failing: true },
    ]);
    const ends = fleet.sequential(300);
    // Every request is answered: the flaky worker's failures went back to the queue and to another worker.
    expect(ends.every((e) => e.type === 'done')).toBe(true);
    const flaky = fleet.byName('flaky') as ScriptedWorker;
    // It was tried at first and then hardly at all.
    expect(flaky.offered).toBeGreaterThan(0);
    expect(flaky.offered / 300).toBeLessThan(0.05);
    const early = flaky.offered;
    fleet.sequential(200);
    expect(flaky.offered - early).toBeLessThan(5);
    const standing = fleet.grid.worker('flaky')!;
    // Its failures fade between the rare tries, so its reliability hovers well under a healthy worker's (≈ 1).
    expect(standing.reliability).toBeLessThan(0.75);
    expect(standing.reputation).toBeLessThan(20);

    // Fixed, and its bad marks fade: after two hours it is trusted with traffic again, and it earns it back.
    flaky.failing = false;
    fleet.clock.advance(2 * 3_600_000);
    const recovered = fleet.grid.worker('flaky')!;
    expect(recovered.reliability).toBeGreaterThan(0.8);
    expect(recovered.reputation).toBeGreaterThan(standing.reputation);
    const before = fleet.snapshot();
    fleet.sequential(400);
    const share = fleet.shares(before).flaky!;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.26);
    expect(fleet.grid.worker('flaky')!.reputation).toBeGreaterThan(recovered.reputation);
  });

  it('pop and WebSocket workers compete on the same terms', () => {
    const fleet = new Fleet([{ name: 'ws', tokensPerS: 100, ttftMs: 100 }]);
    // The same measured speed: a pop worker does not stream, so its whole generation time counts as decoding
    // (16 tokens in 160 ms, as the WS worker decodes them after its first token).
    fleet.addPop({ name: 'pop', tokensPerS: 100, ttftMs: 0, pollMs: 1_000 });
    const ends = fleet.sequential(200);
    expect(ends.every((e) => e.type === 'done')).toBe(true);
    const { ws, pop } = fleet.shares();
    expect(Math.abs(ws! - 0.5)).toBeLessThan(0.1);
    expect(Math.abs(pop! - 0.5)).toBeLessThan(0.1);
    // A job kept for the pop worker says so in its explanation.
    const popped = ends.find((e) => servedBy(e) === 'pop')!;
    expect(popped.type === 'done' && popped.grid.routing).toMatchObject({ decided: 'routed', considered: 2 });
  });

  it('a job kept for a pop worker that stops polling goes to another worker after popStandbyMs', () => {
    const fleet = new Fleet([]);
    const pop = fleet.addPop({ name: 'pop', pollMs: 1_000 }); // popped at 0 and found nothing: standing by
    fleet.add({ name: 'ws' });
    fleet.clock.advance(500);
    pop.polling = false;
    const events = fleet.submit({ routing: { prefer: ['pop'] } });
    fleet.clock.advance(4_000);
    expect(events.map((e) => e.type)).toEqual(['queued']);
    // 5 s after it was kept (`popStandbyMs`) it is let go, and the pop worker no longer counts as free.
    fleet.clock.advance(2_000);
    const done = events.find((e) => e.type === 'done');
    expect(done && servedBy(done)).toBe('ws');
    expect(pop.offered).toBe(0);
  });

  it('a region preference sends most traffic to that region, and none is refused elsewhere', () => {
    const fleet = new Fleet([
      { name: 'eu-1', region: 'eu-west' },
      { name: 'eu-2', region: 'eu-central' },
      { name: 'us-1', region: 'us-east' },
    ]);
    fleet.sequential(300, { routing: { region: 'eu-west' } });
    const shares = fleet.shares();
    // Weights 1 : 0.5 (same area) : 0.2 (elsewhere).
    expect(shares['eu-1']).toBeGreaterThan(0.55);
    expect(shares['eu-1']! / shares['eu-2']!).toBeGreaterThan(1.7);
    expect(shares['eu-2']! / shares['us-1']!).toBeGreaterThan(2);
    expect(shares['us-1']).toBeGreaterThan(0);
  });

  it('higher reputation means more requests', () => {
    const fleet = new Fleet([{ name: 'veteran' }]);
    // The veteran earns its reputation alone, then a newcomer of the same speed joins.
    fleet.sequential(100);
    fleet.add({ name: 'newcomer' });
    const before = fleet.snapshot();
    fleet.sequential(200);
    const shares = fleet.shares(before);
    expect(fleet.grid.worker('veteran')!.reputation).toBeGreaterThan(
      fleet.grid.worker('newcomer')!.reputation,
    );
    expect(shares.veteran).toBeGreaterThan(shares.newcomer!);
  });

  it('sort: speed always takes the fastest free worker; prefer takes a preferred one while it is free', () => {
    const fleet = new Fleet([
      { name: 'fast', tokensPerS: 400 },
      { name: 'mid', tokensPerS: 200 },
      { name: 'slow', tokensPerS: 100 },
    ]);
    fleet.sequential(30); // every worker measured
    const sorted = fleet.sequential(20, { routing: { sort: 'speed' } });
    expect(new Set(sorted.map(servedBy))).toEqual(new Set(['fast']));
    const preferred = fleet.sequential(20, { routing: { prefer: ['slow'] } });
    expect(new Set(preferred.map(servedBy))).toEqual(new Set(['slow']));
  });
});
