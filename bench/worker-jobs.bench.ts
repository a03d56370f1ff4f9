// 3. Worker jobs/s: one @aipg/worker process (demo backend at unlimited speed) fed through a mock grid
// (its own process) by non-streaming clients here, 2 requests in flight per worker slot. Baseline: the grid
// core alone, in-process, with the same slots and tokens per job — the most the grid side could hand out.
// A second reference, measured in alternating windows against the same grid: the tiny frame-speaking
// worker (no backend at all), in its own process, serving a model of its own.
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { coreLifecycles } from './lib/core-loop.js';
import { poster } from './lib/http-client.js';
import { ms, sleep } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { DEMO_MODEL } from './lib/worker-config.js';

const MAX_TOKENS = 16;
const TINY_MODEL = 'bench/tiny';
const THREADS = [1, 8];
const request = (model: string) =>
  JSON.stringify({
    model,
    messages: [{ role: 'user', content: 'Tell the benchmark a short story.' }],
    max_tokens: MAX_TOKENS,
  });

const grid = await startHelper('grid');
const rows: Row[] = [];
const data: Record<string, unknown> = { maxTokens: MAX_TOKENS };
for (const threads of THREADS) {
  const worker = await startHelper('worker', [grid.url, String(threads)]);
  // The demo answers 12–43 tokens capped at max_tokens, so nearly every job is 16 tokens; the tiny worker sends 16.
  const tiny = await startHelper('tiny', [grid.url, String(threads), TINY_MODEL, String(MAX_TOKENS)]);
  await waitForModels(grid.url, [DEMO_MODEL, TINY_MODEL]);
  const concurrency = threads * 2;
  const client = poster(grid.url, concurrency);
  const op = (body: string) => async () => {
    const text = await client.post('/v1/chat/completions', body);
    if (!text.includes('"finish_reason"')) throw new Error(`unexpected answer ${text.slice(0, 200)}`);
  };
  const helpers = { tiny, '@aipg/worker': worker } as const;
  const results = await compare(
    { tiny: op(request(TINY_MODEL)), '@aipg/worker': op(request(DEMO_MODEL)) },
    {
      concurrency,
      warmupMs: ms(600),
      windowMs: ms(800),
      rounds: 3,
      around: async (label) => {
        const readWorker = await helpers[label as keyof typeof helpers].cpu();
        const readGrid = await grid.cpu();
        return async () => ({ workerCpu: await readWorker(), gridCpu: await readGrid() });
      },
    },
  );
  const stats = await worker.call<{ jobs: { done: number; failed: number }; tokens: number }>({
    type: 'stats',
  });
  client.close();
  await Promise.all([worker.stop(), tiny.stop()]);
  const tokensPerJob = stats.tokens / Math.max(1, stats.jobs.done);
  const core = await coreLifecycles({
    workers: threads,
    tokens: Math.round(tokensPerJob),
    warmupMs: ms(300),
    durationMs: ms(1200),
  });
  const w = results['@aipg/worker']!;
  const t = results.tiny!;
  const bench = `3 worker jobs/s, ${threads} thread${threads > 1 ? 's' : ''} (${concurrency} clients)`;
  rows.push({
    bench,
    case: '@aipg/worker, demo backend',
    result:
      `${fmt.rate(w.opsPerSec)} · p50 ${fmt.ms(w.p50)} · ${fmt.us(w.extra.workerCpuUsPerOp!)} CPU/job · ` +
      `${fmt.pct(w.ratio)} of tiny`,
    baseline: `core alone ${fmt.rate(core.perSec)}`,
    ratio: fmt.ratio(w.opsPerSec / core.perSec),
  });
  rows.push({
    bench,
    case: 'tiny WS worker (no backend)',
    result: `${fmt.rate(t.opsPerSec)} · p50 ${fmt.ms(t.p50)} · ${fmt.us(t.extra.workerCpuUsPerOp!)} CPU/job`,
    baseline: `core alone ${fmt.rate(core.perSec)}`,
    ratio: fmt.ratio(t.opsPerSec / core.perSec),
  });
  for (const [label, r] of Object.entries(results)) {
    console.error(
      `  worker-jobs threads=${threads} ${label}: ${fmt.rate(r.opsPerSec)} [${r.perRound.join(' ')}] ` +
        `worker CPU ${fmt.pct(r.extra.workerCpu!)} grid CPU ${fmt.pct(r.extra.gridCpu!)}`,
    );
  }
  data[`threads${threads}`] = { results, workerStats: stats, tokensPerJob, core };
}
await grid.stop();

report({
  id: 'workerJobs',
  title: '3 worker',
  rows,
  data,
  notes: [
    'ratio = jobs/s ÷ core-alone lifecycles/s (same slots, same tokens/job): how much of the grid core’s ceiling is reached end to end.',
    '“of tiny” = @aipg/worker ÷ the tiny worker (median of alternating windows, same grid and clients): near 100% the grid or the clients are the limit, well below it the worker is.',
    'CPU/job = the worker process’s CPU time per job; 1,000,000 ÷ it = jobs/s it could do with a free core.',
  ],
});

async function waitForModels(url: string, models: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const list = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] };
    if (models.every((model) => list.data.some((m) => m.id === model))) return;
    await sleep(20);
  }
  throw new Error(`${models.join(', ')} did not come online within 10 s`);
}
