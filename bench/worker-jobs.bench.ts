// 3. Worker jobs/s: one @aipg/worker process (demo backend at unlimited speed) fed through a mock grid
// (its own process) by non-streaming clients here, 2 requests in flight per worker slot. Baseline: the
// grid core alone, in-process, with the same slots and tokens per job — the most the grid side could hand out.
import { startHelper } from './lib/child.js';
import { coreLifecycles } from './lib/core-loop.js';
import { poster } from './lib/http-client.js';
import { closedLoop, ms, sleep } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { DEMO_MODEL } from './lib/worker-config.js';

const MAX_TOKENS = 16;
const THREADS = [1, 8];
const body = JSON.stringify({
  model: DEMO_MODEL,
  messages: [{ role: 'user', content: 'Tell the benchmark a short story.' }],
  max_tokens: MAX_TOKENS,
});

const grid = await startHelper('grid');
const rows: Row[] = [];
const data: Record<string, unknown> = { maxTokens: MAX_TOKENS };
for (const threads of THREADS) {
  const worker = await startHelper('worker', [grid.url, String(threads)]);
  await waitForModel(grid.url, DEMO_MODEL);
  const concurrency = threads * 2;
  const client = poster(grid.url, concurrency);
  const readWorker = await worker.cpu();
  const readGrid = await grid.cpu();
  const load = await closedLoop({
    concurrency,
    warmupMs: ms(800),
    durationMs: ms(3000),
    op: async () => {
      const text = await client.post('/v1/chat/completions', body);
      if (!text.includes('"finish_reason"')) throw new Error(`unexpected answer ${text.slice(0, 200)}`);
    },
  });
  const workerCpu = await readWorker();
  const gridCpu = await readGrid();
  const stats = await worker.call<{ jobs: { done: number; failed: number }; tokens: number }>({
    type: 'stats',
  });
  client.close();
  await worker.stop();
  if (load.errors) throw new Error(`threads=${threads}: ${load.errors} errors, first: ${load.firstError}`);
  const core = await coreLifecycles({
    workers: threads,
    tokens: Math.round(stats.tokens / Math.max(1, stats.jobs.done)),
    warmupMs: ms(300),
    durationMs: ms(1200),
  });
  const workerUsPerJob = (workerCpu / load.opsPerSec) * 1e6;
  rows.push({
    bench: '3 worker jobs/s (demo backend, unlimited speed)',
    case: `max_threads=${threads}, ${concurrency} clients`,
    result: `${fmt.rate(load.opsPerSec)} · p50 ${fmt.ms(load.p50)} · ${fmt.us(workerUsPerJob)} worker CPU/job`,
    baseline: `core alone ${fmt.rate(core.perSec)}`,
    ratio: fmt.ratio(load.opsPerSec / core.perSec),
  });
  console.error(
    `  worker threads=${threads}: ${fmt.rate(load.opsPerSec)} worker CPU ${fmt.pct(workerCpu)} grid CPU ${fmt.pct(gridCpu)} ` +
      `done ${stats.jobs.done} failed ${stats.jobs.failed}; core ${fmt.rate(core.perSec)}`,
  );
  data[`threads${threads}`] = { load, workerCpu, gridCpu, workerUsPerJob, workerStats: stats, core };
}
await grid.stop();

report({
  id: 'workerJobs',
  title: '3 worker',
  rows,
  data,
  notes: [
    'ratio = worker jobs/s ÷ core-alone lifecycles/s (same slots, same tokens/job): how much of the grid side’s ceiling one worker process reaches.',
    'worker CPU/job = the worker process’s CPU time per job; 1,000,000 ÷ it = jobs/s the worker could do with a free core.',
  ],
});

async function waitForModel(url: string, model: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const list = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] };
    if (list.data.some((m) => m.id === model)) return;
    await sleep(20);
  }
  throw new Error(`${model} did not come online within 10 s`);
}
