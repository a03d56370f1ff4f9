// What a requester may ask of the router (spec: RoutingPreferences, ChatCompletionRequest.models), through the
// core on a driven clock: constraints met, constraints refused naming the unmet one, and fallbacks.
import { describe, expect, it } from 'vitest';
import { isGridError } from '../../src/core/index.js';
import { Fleet, MODEL, servedBy } from './harness.js';

function refusal(
  fleet: Fleet,
  request: Record<string, unknown>,
): { code: string; field?: string; message: string } {
  try {
    fleet.submit(request);
  } catch (err) {
    if (!isGridError(err)) throw err;
    return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  }
  throw new Error('the request was accepted');
}

describe('requester routing controls', () => {
  it('only and ignore decide who may serve; an unknown worker is named', () => {
    const fleet = new Fleet([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(new Set(fleet.sequential(12, { routing: { only: ['b'] } }).map(servedBy))).toEqual(new Set(['b']));
    const rest = fleet.sequential(12, { routing: { ignore: ['a', 'c'] } });
    expect(new Set(rest.map(servedBy))).toEqual(new Set(['b']));
    expect(refusal(fleet, { routing: { only: ['nobody'] } })).toEqual({
      code: 'WorkerNotFound',
      field: 'routing.only',
      message: "routing.only: no worker is called 'nobody'",
    });
    expect(refusal(fleet, { routing: { ignore: ['a', 'b', 'c'] } })).toMatchObject({
      code: 'RoutingUnmet',
      field: 'routing.ignore',
    });
  });

  it('trusted_only, min_tokens_per_s and max_ttft are requirements, refused with what the best worker offers', () => {
    const fleet = new Fleet([
      { name: 'slow', tokensPerS: 20, ttftMs: 900 },
      { name: 'quick', tokensPerS: 80, ttftMs: 200 },
    ]);
    // Not measured yet: nobody qualifies for a speed requirement.
    expect(refusal(fleet, { routing: { min_tokens_per_s: 10 } })).toMatchObject({
      code: 'RoutingUnmet',
      field: 'routing.min_tokens_per_s',
    });
    fleet.sequential(10);
    expect(refusal(fleet, { routing: { trusted_only: true } })).toEqual({
      code: 'RoutingUnmet',
      field: 'routing.trusted_only',
      message: `routing.trusted_only: no trusted worker is online serving ${MODEL}`,
    });
    expect(refusal(fleet, { routing: { min_tokens_per_s: 100 } })).toEqual({
      code: 'RoutingUnmet',
      field: 'routing.min_tokens_per_s',
      message: 'routing.min_tokens_per_s: no online worker measures 100 tokens/s or more (the fastest: 80)',
    });
    expect(refusal(fleet, { routing: { max_ttft: 0.1 } })).toEqual({
      code: 'RoutingUnmet',
      field: 'routing.max_ttft',
      message: 'routing.max_ttft: no online worker starts within 0.1 s (the quickest: 0.2 s)',
    });
    const fast = fleet.sequential(10, { routing: { min_tokens_per_s: 50, max_ttft: 0.5 } });
    expect(new Set(fast.map(servedBy))).toEqual(new Set(['quick']));
    fleet.add({ name: 'trusted', apikey: 'trusted-key' });
    expect(new Set(fleet.sequential(5, { routing: { trusted_only: true } }).map(servedBy))).toEqual(
      new Set(['trusted']),
    );
  });

  it('a queued job waits for a worker that meets its requirements, whoever frees up first', () => {
    const fleet = new Fleet([
      { name: 'slow', tokensPerS: 20 },
      { name: 'quick', tokensPerS: 80 },
    ]);
    fleet.sequential(10);
    const ends = fleet.burst(12, { routing: { min_tokens_per_s: 50 } });
    const served = ends.map((events) => events.find((e) => e.type === 'done'));
    expect(served.every((e) => e && servedBy(e) === 'quick')).toBe(true);
    const queued = served.filter((e) => e?.type === 'done' && e.grid.routing?.decided === 'queued');
    expect(queued.length).toBe(11);
  });

  it('bad preferences are refused naming the field and the limit', () => {
    const fleet = new Fleet([{ name: 'a' }]);
    expect(refusal(fleet, { routing: { sort: 'cheapest' } })).toMatchObject({
      code: 'InvalidField',
      field: 'routing.sort',
    });
    expect(refusal(fleet, { routing: { min_tokens_per_s: 0 } })).toMatchObject({
      code: 'InvalidField',
      field: 'routing.min_tokens_per_s',
    });
    expect(
      refusal(fleet, { routing: { prefer: Array.from({ length: 17 }, (_, i) => `w${i}`) } }),
    ).toMatchObject({
      code: 'InvalidField',
      field: 'routing.prefer',
    });
    expect(refusal(fleet, { models: Array.from({ length: 9 }, (_, i) => `m${i}`) })).toMatchObject({
      code: 'InvalidField',
      field: 'models',
    });
    expect(refusal(fleet, { models: ['m2'], route: 'cheapest' })).toMatchObject({
      code: 'InvalidField',
      field: 'route',
    });
  });

  it('model fallbacks: an offline first choice is passed over and said so; without fallbacks it is a 404', () => {
    const fleet = new Fleet([{ name: 'backup', models: ['m2'] }]);
    const [done] = fleet.sequential(1, { model: 'gone-model', models: ['m2'], route: 'fallback' });
    expect(done?.type === 'done' && done.grid.routing).toMatchObject({
      requested: 'gone-model',
      model: 'm2',
      fallbacks: [{ model: 'gone-model', reason: 'no online worker serves it' }],
    });
    expect(
      refusal(fleet, { model: 'gone-model', models: ['m2'], routing: { allow_fallbacks: false } }),
    ).toMatchObject({ code: 'ModelNotOnline', field: 'model' });
  });

  it('the first model with a free worker serves; a later one only when none of an earlier one is free', () => {
    const fleet = new Fleet([
      { name: 'primary', models: ['m1'] },
      { name: 'second', models: ['m2'] },
    ]);
    const ends = fleet.sequential(10, { models: ['m2'] });
    expect(new Set(ends.map(servedBy))).toEqual(new Set(['primary']));
    // Two at once: the primary takes the first, the fallback model's worker the second.
    const both = fleet.burst(2, { models: ['m2'] }).map((events) => events.find((e) => e.type === 'done')!);
    expect(both.map(servedBy).sort()).toEqual(['primary', 'second']);
    const second = both.find((e) => servedBy(e) === 'second')!;
    expect(second.type === 'done' && second.grid.routing?.rule).toContain('fallback model 2');
  });

  it('sort: price puts the cheapest fallback model first', () => {
    const fleet = new Fleet(
      [
        { name: 'big', models: ['big-model'] },
        { name: 'small', models: ['small-model'] },
      ],
      {
        modelMultipliers: { 'big-model': 4, 'small-model': 0.5 },
      },
    );
    const ends = fleet.sequential(5, {
      model: 'big-model',
      models: ['small-model'],
      routing: { sort: 'price' },
    });
    expect(new Set(ends.map(servedBy))).toEqual(new Set(['small']));
  });

  it('every answer explains its routing: candidates, the winner and its scores, the runners-up', () => {
    const fleet = new Fleet([
      { name: 'a', region: 'eu-west' },
      { name: 'b', region: 'us-east' },
    ]);
    const [done] = fleet.sequential(1, { routing: { region: 'eu-west' } });
    if (done?.type !== 'done') throw new Error('expected done');
    const routing = done.grid.routing!;
    expect(routing).toMatchObject({
      requested: MODEL,
      model: MODEL,
      decided: 'routed',
      considered: 2,
      eligible: 2,
      rejected: {},
      attempt: 1,
      waited: 0,
    });
    expect(routing.rule).toBe('weighted share by score among 2');
    expect(routing.winner).toMatchObject({
      worker: servedBy(done),
      capacity: 1,
      reliability: 0.9,
      reputation: 50,
    });
    expect(routing.runners_up).toHaveLength(1);
    const loser = routing.runners_up![0]!;
    expect(loser.worker).not.toBe(servedBy(done));
    // The explanation is what the router computed: the winner's weight is the product of its factors.
    const w = routing.winner!;
    expect(w.weight).toBeCloseTo(
      w.capacity! * w.speed! * w.latency! * w.reliability! ** 4 * w.region! * (w.reputation! / 100),
      2,
    );
  });
});
