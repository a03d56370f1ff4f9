import { afterEach, describe, expect, it } from 'vitest';
import type { GridEvent } from '../../src/core/index.js';
import { generateText } from '../../src/simulate/index.js';
import { nextJob, startTestGrid, type TestGrid } from '../helpers/grid.js';
import { driveUntilSettled, TEXT_MODEL, until } from './helpers.js';

// A verifying grid (docs/mock-grid-core.md "Verification") over HTTP and the worker WebSocket: simulated workers
// pass their probes by following the prompt alone, and the workers endpoints show it (responses checked against
// the spec by the test grid's fetch).
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

describe('verification with simulated and remote workers', () => {
  it('a simulated fleet passes its probes, serves clients, and shows its benchmark and uptime', async () => {
    t = await startTestGrid({
      grid: { verification: { probe: true, canaryEveryMs: 60_000 } },
      simulate: {
        workers: [{ name: 'sim-a', models: [TEXT_MODEL], ttft_ms: 100, tokens_per_second: 50 }],
      },
    });
    const checks: GridEvent[] = [];
    t.grid.core.onEvent((e) => {
      if (e.type === 'worker.checked') checks.push(e);
    });
    // The fleet's workers (a spec's `count` defaults to more than one) each pass their probe.
    const probes = () => checks.filter((e) => e.type === 'worker.checked' && e.check === 'probe');
    await driveUntilSettled(
      t.clock,
      until(() => probes().length >= 1, 'the probe to end'),
    );
    expect(probes().every((e) => e.type === 'worker.checked' && e.passed)).toBe(true);
    const res = await driveUntilSettled(
      t.clock,
      t.post('/v1/chat/completions', { model: TEXT_MODEL, messages: [{ role: 'user', content: 'Hello' }] }),
    );
    expect(res.status).toBe(200);
    const list = await (await t.get('/v1/workers')).json();
    const sim = list.workers.find((w: { name: string }) => w.name === 'sim-a');
    expect(sim.verification.state).toBe('verified');
    // Measured on the grid's clock as frames arrive over the socket (the test moves it in 50 ms steps), so only
    // its presence is certain here; the exact figure is checked with scripted workers (test/routing).
    expect(sim.verification.benchmark.tokens_per_s).toBeGreaterThan(0);
    expect(sim.verification.benchmark.ttft).toBeGreaterThanOrEqual(0.1);
    expect(sim.uptime).toBeGreaterThanOrEqual(0);
    const horde = await (await t.get('/api/v2/workers')).json();
    expect(horde[0].verification.state).toBe('verified');
    // A canary a minute on: passed as well.
    const canaries = () => checks.filter((e) => e.type === 'worker.checked' && e.check === 'canary');
    t.clock.advance(60_000);
    await driveUntilSettled(
      t.clock,
      until(() => canaries().length >= 1, 'a canary to end'),
    );
    expect(canaries().every((e) => e.type === 'worker.checked' && e.passed)).toBe(true);
  });

  it('a remote WS worker gets the probe as its first job frame; a wrong answer keeps it from clients', async () => {
    t = await startTestGrid({ grid: { verification: { probe: true, retryMs: 60_000 } } });
    const w = await t.wsWorker('remote');
    const probe = (await nextJob(w)) as unknown as { id: string; payload: { prompt: string } };
    expect(probe.payload.prompt).toContain('Reply with exactly these words and nothing else:');
    w.send({ type: 'done', id: probe.id, full_text: 'I would rather not.' });
    await until(() => t.grid.core.worker('remote')?.verification?.state === 'failed', 'the probe to fail');
    const list = await (await t.get('/v1/workers')).json();
    expect(list.workers[0].verification).toMatchObject({ state: 'failed', last_failure: 'wrong answer' });
    expect(list.workers[0].verification.next_probe_at).toBeGreaterThan(Math.floor(t.clock.now() / 1000));
  });

  it('generate mode follows a repeat-these-words prompt, and only that kind of prompt', () => {
    const prompt = 'User: Reply with exactly these words and nothing else: apple river candle\nAssistant:';
    expect(generateText(prompt, 1, 64).tokens.join('')).toBe('apple river candle');
    expect(generateText('User: Tell me about apples\nAssistant:', 1, 64).tokens.join('')).not.toContain(
      'apple river candle',
    );
  });
});
