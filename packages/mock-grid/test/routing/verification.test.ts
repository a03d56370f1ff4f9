// Verification (docs/mock-grid-core.md "Verification"): a probe before a worker's first real job, canaries now and
// then, on a driven clock with scripted workers (harness.ts) — WS workers here, a pop worker at the end.
import { describe, expect, it } from 'vitest';
import { Grid, GridError, type GridJobEvent, ManualClock } from '../../src/core/index.js';
import { askedWords, Fleet, MODEL, type ScriptedWorker, servedBy } from './harness.js';

const VERIFY = { probe: true, canaryEveryMs: null, timeoutMs: 10_000, retryMs: 60_000 } as const;

const isCheck = (prompt: string): boolean => askedWords(prompt) !== null;

describe('verification: the probe', () => {
  it('a new worker gets a probe before any real job, and real jobs only once it passed', () => {
    const fleet = new Fleet([], { verification: VERIFY });
    const w = fleet.add({ name: 'new', tokensPerS: 100, ttftMs: 100 });
    // The probe is pushed at registration, before anything else.
    expect(w.offers).toHaveLength(1);
    const probe = w.offers[0]!;
    expect(isCheck(probe.payload.prompt)).toBe(true);
    expect(fleet.grid.worker('new')!.verification?.state).toBe('pending');
    // A client's job that arrives meanwhile waits: the worker is not eligible yet.
    const events = fleet.submit();
    expect(events.map((e) => e.type)).toEqual(['queued']);
    fleet.clock.advance(5_000);
    expect(fleet.grid.worker('new')!.verification?.state).toBe('verified');
    expect(w.offers).toHaveLength(2);
    expect(isCheck(w.offers[1]!.payload.prompt)).toBe(false);
    const done = events.find((e) => e.type === 'done')!;
    expect(servedBy(done)).toBe('new');
  });

  it('a wrong answer leaves the worker ineligible; a new probe comes after the back-off, doubling per failure', () => {
    const fleet = new Fleet([], { verification: VERIFY });
    const good = fleet.add({ name: 'good' });
    const bad = fleet.add({ name: 'bad', obeys: false });
    const t0 = fleet.clock.now();
    fleet.clock.advance(5_000);
    const view = fleet.grid.worker('bad')!.verification!;
    expect(view.state).toBe('failed');
    expect(view.last_failure).toBe('wrong answer');
    expect(view.probes_failed).toBe(1);
    // Answered at t0 + ~0.3 s; the next probe 60 s after.
    expect(view.next_probe_at! * 1000 - t0).toBeGreaterThanOrEqual(60_000);
    expect(view.next_probe_at! * 1000 - t0).toBeLessThan(62_000);
    // Every real job goes to the verified worker; the failed one is offered none.
    const ends = fleet.sequential(20);
    expect(ends.map(servedBy)).toEqual(Array(20).fill('good'));
    expect(bad.offers.filter((o) => !isCheck(o.payload.prompt))).toHaveLength(0);
    expect(good.completed).toBeGreaterThan(20);
    // 20 × 5 s passed: its second probe came at 60 s, and failed too; the third waits 120 s.
    expect(bad.offers).toHaveLength(2);
    const again = fleet.grid.worker('bad')!.verification!;
    expect(again.probes_failed).toBe(2);
    // Now at 105 s; the third probe is due 120 s after the second failed (at ~60.5 s).
    fleet.clock.advance(70_000);
    expect(bad.offers).toHaveLength(2);
    fleet.clock.advance(10_000);
    expect(bad.offers).toHaveLength(3);
    // It learns to follow instructions: the next probe passes and it gets real jobs.
    bad.obeys = true;
    fleet.clock.advance(300_000);
    expect(bad.offers).toHaveLength(4);
    expect(fleet.grid.worker('bad')!.verification!.state).toBe('verified');
    const later = fleet.sequential(40);
    expect(later.map(servedBy)).toContain('bad');
  });

  it('a probe answered too slowly fails (the worker is told to cancel it) and the worker stays ineligible', () => {
    const fleet = new Fleet([], { verification: VERIFY });
    const slow = fleet.add({ name: 'slow', ttftMs: 20_000 });
    fleet.add({ name: 'quick' });
    fleet.clock.advance(10_000);
    const view = fleet.grid.worker('slow')!.verification!;
    expect(view.state).toBe('failed');
    expect(view.last_failure).toBe('no answer within 10000 ms');
    expect(slow.cancelled).toEqual([slow.offers[0]!.id]);
    const ends = fleet.sequential(10);
    expect(ends.map(servedBy)).toEqual(Array(10).fill('quick'));
  });

  it('a worker that errors on its probe is not verified, and the probe is never handed to another worker', () => {
    const fleet = new Fleet([], { verification: VERIFY });
    const flaky = fleet.add({ name: 'flaky', failing: true });
    const other = fleet.add({ name: 'other' });
    fleet.clock.advance(5_000);
    expect(fleet.grid.worker('flaky')!.verification!.state).toBe('failed');
    expect(fleet.grid.worker('flaky')!.verification!.last_failure).toBe('the worker reported an error');
    // Each worker saw only its own probe.
    expect(flaky.offers).toHaveLength(1);
    expect(other.offers).toHaveLength(1);
    expect(other.offers[0]!.id).not.toBe(flaky.offers[0]!.id);
  });

  it('a worker that goes away mid-probe gets a new probe when it comes back; the old one is queued for no one', () => {
    const fleet = new Fleet([], { verification: VERIFY });
    const first = fleet.add({ name: 'w', ttftMs: 2_000 });
    const other = fleet.add({ name: 'other' });
    fleet.clock.advance(1_000);
    fleet.grid.release(first.connectionId);
    fleet.clock.advance(5_000);
    expect(other.offers).toHaveLength(1); // its own probe only
    expect(fleet.grid.worker('w')!.verification!.state).toBe('pending');
    const back = fleet.add({ name: 'w' });
    expect(back.offers).toHaveLength(1);
    expect(back.offers[0]!.id).not.toBe(first.offers[0]!.id);
    expect(isCheck(back.offers[0]!.payload.prompt)).toBe(true);
    fleet.clock.advance(5_000);
    expect(fleet.grid.worker('w')!.verification!.state).toBe('verified');
  });

  it("the passed probe's speed is the worker's benchmark, a measurement that satisfies min_tokens_per_s", () => {
    const fleet = new Fleet([], { verification: VERIFY });
    fleet.add({ name: 'fast', tokensPerS: 400, ttftMs: 50 });
    // Without a probe, the worker has no measured speed: a min_tokens_per_s request is refused.
    const plain = new Fleet([{ name: 'fast', tokensPerS: 400, ttftMs: 50 }]);
    expect(() => plain.submit({ routing: { min_tokens_per_s: 1 } })).toThrow(/min_tokens_per_s/);

    fleet.clock.advance(5_000);
    const view = fleet.grid.worker('fast')!;
    const benchmark = view.verification!.benchmark!;
    expect(benchmark.tokens_per_s).toBeGreaterThan(0);
    expect(benchmark.ttft).toBeCloseTo(0.05, 3);
    // The same figure the router reads.
    expect(view.tokensPerS).toBe(benchmark.tokens_per_s);
    const under = fleet.submit({ routing: { min_tokens_per_s: benchmark.tokens_per_s! - 1 } });
    fleet.clock.advance(5_000);
    expect(under.at(-1)!.type).toBe('done');
    expect(() => fleet.submit({ routing: { min_tokens_per_s: benchmark.tokens_per_s! * 10 } })).toThrow(
      /min_tokens_per_s/,
    );
    // On the wire: /v1 WorkerSummary and the Horde worker details.
    const summary = fleet.grid.workerList().workers.find((w) => w.name === 'fast')!;
    expect(summary.verification?.benchmark).toEqual(benchmark);
    expect(fleet.grid.hordeWorkerByName('fast')!.verification?.state).toBe('verified');
  });
});

describe('verification: canaries', () => {
  const CANARY = { ...VERIFY, canaryEveryMs: 60_000 };

  it('come every canaryEveryMs, look like real jobs on the wire, and are never billed or shown to clients', () => {
    const fleet = new Fleet([], { verification: CANARY });
    const w = fleet.add({ name: 'w', models: ['m1', 'm2'] });
    fleet.clock.advance(5_000);
    const real = fleet.submit();
    fleet.clock.advance(5_000);
    expect(real.at(-1)!.type).toBe('done');
    const balance = fleet.grid.account('client-key').balance;
    const samples = fleet.grid.modelStatus().reduce((n, m) => n + m.samples, 0);
    const checks = () => w.offers.filter((o) => isCheck(o.payload.prompt));
    expect(checks()).toHaveLength(1); // the probe
    // The probe ended at ~0.3 s: the first canary 60 s later, the next 60 s after that one ended.
    fleet.clock.advance(50_500);
    expect(checks()).toHaveLength(2);
    fleet.clock.advance(61_000);
    expect(checks()).toHaveLength(3);
    expect(fleet.grid.worker('w')!.verification!.canaries).toEqual({ passed: 2, failed: 0 });

    // Same frame shape as the client's job, a model the worker serves, a plain user prompt.
    const realOffer = w.offers.find((o) => !isCheck(o.payload.prompt))!;
    for (const canary of checks()) {
      expect(Object.keys(canary).sort()).toEqual(Object.keys(realOffer).sort());
      expect(Object.keys(canary.payload).sort()).toEqual(Object.keys(realOffer.payload).sort());
      expect(Object.keys(canary.payload.request).sort()).toEqual(
        Object.keys(realOffer.payload.request).sort(),
      );
      expect(['m1', 'm2']).toContain(canary.model);
      expect(canary.payload.request.model).toBe(canary.model);
      expect(canary.payload.request.messages).toHaveLength(1);
      expect(canary.payload.request.messages[0]!.role).toBe('user');
      // Nothing a client can look up: no job, no request, no status.
      expect(fleet.grid.job(canary.id)).toBeUndefined();
    }
    // Nobody was billed, the grid's statistics count only the client's job, and the worker was paid as usual.
    expect(fleet.grid.account('client-key').balance).toBe(balance);
    expect(fleet.grid.modelStatus().reduce((n, m) => n + m.samples, 0)).toBe(samples);
    expect(fleet.grid.worker('w')!.requestsFulfilled).toBe(4);
  });

  it('a failed canary marks the worker: its reputation and its share of traffic fall', () => {
    const fleet = new Fleet([], { verification: CANARY });
    fleet.add({ name: 'honest' });
    const cheat = fleet.add({ name: 'cheat' });
    fleet.clock.advance(5_000);
    expect(fleet.grid.worker('cheat')!.verification!.state).toBe('verified');
    // Once verified it stops doing what it is asked: its canaries fail.
    cheat.obeys = false;
    const before = fleet.grid.worker('cheat')!.reputation;
    fleet.clock.advance(5 * 61_000);
    const view = fleet.grid.worker('cheat')!;
    expect(view.verification!.canaries.failed).toBeGreaterThanOrEqual(4);
    expect(view.verification!.last_failure).toBe('wrong answer');
    expect(view.reputation).toBeLessThan(before);
    expect(view.reputation).toBeLessThan(fleet.grid.worker('honest')!.reputation);
    const since = fleet.snapshot();
    fleet.sequential(100, {}, 2_000);
    const shares = fleet.shares(since);
    expect(shares.cheat!).toBeLessThan(0.4);
    expect(shares.honest!).toBeGreaterThan(0.6);
  });

  it('a waiting canary goes to a busy worker once its job ends, never alongside it', () => {
    const fleet = new Fleet([], { verification: { ...CANARY, canaryEveryMs: 1_000 } });
    const w = fleet.add({ name: 'w', ttftMs: 3_000 });
    fleet.clock.advance(4_000); // the probe took 3 s
    const events = fleet.submit();
    expect(events.map((e) => e.type)).toContain('assigned');
    // The canary fell due at ~4 s, while the job runs; it is offered only after the job's done.
    fleet.clock.advance(2_000);
    expect(w.offers).toHaveLength(2);
    fleet.clock.advance(2_000);
    expect(events.at(-1)!.type).toBe('done');
    expect(w.offers).toHaveLength(3);
    expect(isCheck(w.offers[2]!.payload.prompt)).toBe(true);
  });
});

describe('verification: a pop worker', () => {
  const setup = () => {
    const clock = new ManualClock();
    const grid = new Grid({ clock, rateLimits: false, verification: VERIFY });
    const pop = () => grid.pop({ apikey: 'worker-key', name: 'popper', models: [MODEL] });
    return { clock, grid, pop };
  };

  it('gets its probe as its first pop job, then real jobs once it answered right', () => {
    const { clock, grid, pop } = setup();
    const probe = pop().job!;
    expect(probe.model).toBe(MODEL);
    const words = askedWords(probe.payload.prompt!)!;
    expect(words.split(' ')).toHaveLength(5);
    // Not verified yet: a client's job waits, and a second pop gets nothing (counted as not for this worker).
    const events: GridJobEvent[] = [];
    grid.submit({
      source: 'horde',
      apiKey: 'client-key',
      request: { prompt: 'hello', models: [MODEL] },
      listener: (e) => events.push(e),
    });
    const empty = pop();
    expect(empty.job).toBeNull();
    expect(empty.skipped.worker_id).toBe(1);
    clock.advance(1_000);
    const reward = grid.complete({
      generationId: probe.id,
      by: { apiKey: 'worker-key' },
      text: `Sure. ${words}`,
    }).reward;
    expect(reward).toBeGreaterThan(0);
    expect(grid.worker('popper')!.verification!.state).toBe('verified');
    const real = pop().job!;
    expect(real.payload.prompt).toBe('hello');
    expect(grid.worker('popper')!.uptimeS).toBe(1);
    // On the wire the probe is a /v1 chat job as any client's, popped: the same fields.
    grid.submit({
      source: 'v1',
      apiKey: 'client-key',
      request: { model: MODEL, messages: [{ role: 'user', content: 'Hi there' }], max_tokens: 20 },
    });
    const chat = pop().job!;
    expect(Object.keys(probe).sort()).toEqual(Object.keys(chat).sort());
    expect(Object.keys(probe.payload).sort()).toEqual(Object.keys(chat.payload).sort());
    expect(probe.payload.prompt).toMatch(
      /^User: Reply with exactly these words and nothing else: [a-z ]+\nAssistant:$/,
    );
  });

  it('a wrong answer earns nothing, and its next probe comes on its first pop after the back-off', () => {
    const { clock, grid, pop } = setup();
    const probe = pop().job!;
    const reward = grid.complete({ generationId: probe.id, by: { apiKey: 'worker-key' }, text: 'no' }).reward;
    expect(reward).toBe(0);
    clock.advance(30_000);
    expect(pop().job).toBeNull();
    clock.advance(30_000);
    const next = pop().job!;
    expect(askedWords(next.payload.prompt!)).not.toBeNull();
    expect(next.id).not.toBe(probe.id);
  });
});

describe('verification: settings', () => {
  it('is off by default: a worker gets a job at once and shows no verification', () => {
    const fleet = new Fleet([{ name: 'w' }]);
    expect((fleet.byName('w') as ScriptedWorker).offers).toHaveLength(0);
    const ends = fleet.sequential(1);
    expect(servedBy(ends[0]!)).toBe('w');
    expect(fleet.grid.worker('w')!.verification).toBeNull();
    expect(fleet.grid.workerList().workers[0]!.verification).toBeNull();
    // Uptime is shown either way: 5 s online so far.
    expect(fleet.grid.workerList().workers[0]!.uptime).toBe(5);
    expect(fleet.grid.hordeWorkerByName('w')!.uptime).toBe(5);
  });

  it('canaries without probes: a worker is eligible at once, and its first canary comes canaryEveryMs later', () => {
    const fleet = new Fleet([], { verification: { probe: false, canaryEveryMs: 30_000 } });
    const w = fleet.add({ name: 'w' });
    expect(w.offers).toHaveLength(0);
    expect(fleet.grid.worker('w')!.verification!.state).toBe('verified');
    expect(servedBy(fleet.sequential(1)[0]!)).toBe('w');
    // Registered at 0, so the canary is due at 30 s (5 s have passed) and answered ~0.3 s later.
    fleet.clock.advance(24_000);
    expect(w.offers.filter((o) => isCheck(o.payload.prompt))).toHaveLength(0);
    fleet.clock.advance(2_000);
    expect(w.offers.filter((o) => isCheck(o.payload.prompt))).toHaveLength(1);
    expect(fleet.grid.worker('w')!.verification!.canaries.passed).toBe(1);
  });

  it('true turns on probes and canaries every 10 min', () => {
    const fleet = new Fleet([], { verification: true });
    const w = fleet.add({ name: 'w' });
    expect(w.offers).toHaveLength(1);
    fleet.clock.advance(5_000);
    fleet.clock.advance(600_000);
    expect(w.offers).toHaveLength(2);
    expect(fleet.grid.worker('w')!.verification!.canaries.passed).toBe(1);
  });

  it.each([
    [{ timeoutMs: 0 }, 'verification.timeoutMs'],
    [{ canaryEveryMs: -5 }, 'verification.canaryEveryMs'],
    [{ retryMs: Number.NaN }, 'verification.retryMs'],
    [{ retryMs: 10_000, retryMaxMs: 5_000 }, 'verification.retryMaxMs'],
    [{ words: 0 }, 'verification.words'],
    [{ probe: 'yes' as unknown as boolean }, 'verification.probe'],
  ])('a bad value %o is refused, naming the field', (verification, field) => {
    let error: unknown;
    try {
      new Grid({ verification });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GridError);
    expect((error as GridError).code).toBe('InvalidField');
    expect((error as GridError).field).toBe(field);
  });
});
