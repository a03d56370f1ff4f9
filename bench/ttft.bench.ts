// 4. Time to first token through the grid on loopback: the official `openai` client streaming from a local
// fake OpenAI-compatible backend directly (baseline) vs the same client through mock grid → @aipg/worker
// (WebSocket protocol, openai-compatible backend pointed at that same fake). One client, one request at a
// time, the two paths alternating so both see the same machine.
import { startMockGrid } from '@aipg/mock-grid';
import { createWorker } from '@aipg/worker';
import OpenAI from 'openai';
import { startFixedServer } from './lib/fixed-server.js';
import { API_KEY, completionBody, sseEvents } from './lib/fixtures.js';
import { BENCH_GRID_OPTIONS } from './lib/grid-options.js';
import { median, ms, percentile } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { targetBook } from './lib/targets.js';
import { FAKE_MODEL, openaiWorkerConfig } from './lib/worker-config.js';

const TOKENS = 20;
const MAX_SAMPLES = 1000;

const backend = await startFixedServer({ json: completionBody(TOKENS), sse: sseEvents(TOKENS) });
const grid = await startMockGrid(BENCH_GRID_OPTIONS);
const worker = createWorker({ config: openaiWorkerConfig(grid.url, backend.url) });
const running = worker.run();
while (worker.stats().connected < 1) await new Promise((resolve) => setTimeout(resolve, 10));

const direct = new OpenAI({ apiKey: 'sk-bench', baseURL: `${backend.url}/v1` });
const viaGrid = new OpenAI({ apiKey: API_KEY, baseURL: `${grid.url}/v1` });
const messages = [{ role: 'user' as const, content: 'Say hello to the benchmark.' }];

/** ms to the first non-empty content delta, and to the end of the stream. */
async function once(client: OpenAI, model: string): Promise<{ ttft: number; total: number }> {
  const started = performance.now();
  let ttft = Number.NaN;
  let text = '';
  const stream = await client.chat.completions.create({ model, messages, max_tokens: 64, stream: true });
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta.content;
    if (content && Number.isNaN(ttft)) ttft = performance.now() - started;
    text += content ?? '';
  }
  if (!text.includes(`tok${TOKENS - 1} `)) throw new Error(`incomplete stream: ${text}`);
  return { ttft, total: performance.now() - started };
}

const samples = {
  direct: [] as number[],
  grid: [] as number[],
  directTotal: [] as number[],
  gridTotal: [] as number[],
};
for (let i = 0; i < 30; i++) {
  await once(direct, 'fake-model');
  await once(viaGrid, FAKE_MODEL);
}
const deadline = performance.now() + ms(8000);
while (samples.direct.length < MAX_SAMPLES && performance.now() < deadline) {
  const a = await once(direct, 'fake-model');
  const b = await once(viaGrid, FAKE_MODEL);
  samples.direct.push(a.ttft);
  samples.directTotal.push(a.total);
  samples.grid.push(b.ttft);
  samples.gridTotal.push(b.total);
}
const done = worker.stats().jobs;
await worker.stop();
await running;
await grid.close();
await backend.close();

const stat = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
};
const d = stat(samples.direct);
const g = stat(samples.grid);
// Paired differences (same iteration) are steadier than a difference of percentiles.
const pairedAdded = median(samples.grid.map((t, i) => t - samples.direct[i]!));
const book = targetBook();
const rows: Row[] = [
  {
    bench: `4 TTFT, openai client (${samples.direct.length} pairs)`,
    case: 'direct → fake backend',
    result: `p50 ${fmt.ms(d.p50)} · p99 ${fmt.ms(d.p99)}`,
    baseline: `p50 ${fmt.ms(d.p50)}`,
    ratio: fmt.ratio(1),
  },
  {
    bench: `4 TTFT, openai client (${samples.direct.length} pairs)`,
    case: 'via mock grid → @aipg/worker → fake',
    result: `p50 ${fmt.ms(g.p50)} · p99 ${fmt.ms(g.p99)}`,
    baseline: `p50 ${fmt.ms(d.p50)}`,
    ratio: fmt.ratio(g.p50 / d.p50),
  },
  {
    bench: `4 TTFT, openai client (${samples.direct.length} pairs)`,
    case: 'added by grid + worker',
    result: `${fmt.deltaMs(g.p50 - d.p50)} p50 · ${fmt.deltaMs(g.p99 - d.p99)} p99 · paired median ${fmt.deltaMs(pairedAdded)}`,
    baseline: '',
    ratio: '',
    target: book.cell('added', [['p50', 'ttftAddedP50', g.p50 - d.p50]]),
  },
];
report({
  id: 'ttft',
  title: '4 TTFT',
  rows,
  data: {
    tokens: TOKENS,
    pairs: samples.direct.length,
    direct: { ...d, total: stat(samples.directTotal) },
    grid: { ...g, total: stat(samples.gridTotal) },
    added: { p50: g.p50 - d.p50, p99: g.p99 - d.p99, pairedMedian: pairedAdded },
    workerJobs: done,
  },
  targets: book.checked,
  notes: [
    'TTFT = from create() to the first non-empty content delta. The grid path adds two loopback hops (client→grid, grid→worker over WS) and the worker’s own request to the backend.',
    'everything runs in one process here, so the added ms also includes the grid and the worker sharing one event loop.',
  ],
});
