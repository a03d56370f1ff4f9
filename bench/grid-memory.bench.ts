// 2b. Memory for 100,000 queued /v1 jobs in the grid core: heap after a full GC with the jobs queued, minus
// the heap after a full GC before. Needs `node --expose-gc` (bench/run.ts passes it).
import { Grid, type WorkerSink } from '@aipg/mock-grid';
import { API_KEY } from './lib/fixtures.js';
import { fmt, report } from './lib/report.js';
import { TARGETS, targetBook } from './lib/targets.js';

const JOBS = 100_000;
const TARGET_MB = TARGETS.gridMemory.value;
const book = targetBook();
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (pnpm bench does)');

const settle = (): number => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

const before = settle();
const core = new Grid({ rateLimits: false, maxInFlight: 1_000_000 });
const model = 'bench/mem';
// One worker makes the model online (a /v1 submit needs that); it holds the first job and never answers.
const sink: WorkerSink = {
  ready: () => undefined,
  job: () => undefined,
  cancel: () => undefined,
  close: () => undefined,
};
core.register(
  { apikey: API_KEY, name: 'mem-holder', models: [model], max_length: 512, max_context_length: 4096 },
  sink,
);
let events = 0;
const listener = () => {
  events += 1;
};
const started = performance.now();
for (let i = 0; i < JOBS + 1; i++) {
  core.submit({
    source: 'v1',
    apiKey: API_KEY,
    // A short, realistic chat body; each distinct so no string is shared between jobs.
    request: {
      model,
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: `Question number ${i}: what is the capital of France?` },
      ],
      max_tokens: 128,
    },
    listener,
  });
}
const submitSeconds = (performance.now() - started) / 1000;
const after = settle();
const counters = core.counters();
if (counters.queued !== JOBS)
  throw new Error(`expected ${JOBS} queued jobs, the core holds ${counters.queued}`);
const delta = after - before;
core.dispose();

report({
  id: 'gridMemory',
  title: '2 memory',
  rows: [
    {
      bench: '2 grid memory, 100,000 queued /v1 jobs',
      case: 'heap delta after gc()',
      result: `${fmt.mb(delta)} · ${Math.round(delta / JOBS).toLocaleString('en-US')} B/job`,
      baseline: `heap before ${fmt.mb(before)}`,
      ratio: fmt.ratio(delta / 1024 / 1024 / TARGET_MB),
      target: book.cell('heap delta', [['', 'gridMemory', delta / 1024 / 1024]]),
    },
  ],
  data: {
    jobs: JOBS,
    heapBefore: before,
    heapAfter: after,
    delta,
    bytesPerJob: delta / JOBS,
    submitSeconds,
    events,
    counters,
  },
  targets: book.checked,
  notes: [
    `ratio = heap delta ÷ the ${TARGET_MB} MB target (≤1.00× meets it). Submitting took ${submitSeconds.toFixed(2)} s.`,
  ],
});
