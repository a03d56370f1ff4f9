// 2b. Memory for 100,000 queued /v1 jobs in the grid core: heap after a full GC with the jobs queued, minus
// the heap after a full GC before. Then what finished jobs leave behind: the generations remembered for
// `wsRetentionMs` (tombstones). Needs `node --expose-gc` (bench/run.ts passes it).
import { Grid, type WorkerSink, type WsJobOffer } from '@aipg/mock-grid';
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

/** A worker's sink that records nothing: it holds the job it is given and never answers. */
const idle: WorkerSink = {
  ready: () => undefined,
  job: () => undefined,
  cancel: () => undefined,
  close: () => undefined,
};

// Finished jobs: 20,000 lifecycles on 8 WS connections (32 tokens each, as the simulated answer of the Prism
// bench), then the heap they leave behind while their generation ids are remembered (docs/mock-grid-core.md
// "Retention").
const FINISHED = 20_000;
const TOKENS = 32;
/** Runs the lifecycles on a core of its own; returns the heap it leaves (its core is gone once this returns). */
function finishedJobs(model: string): { kept: number; generations: number } {
  const finishedBefore = settle();
  const done = new Grid({ rateLimits: false, maxInFlight: 1_000_000 });
  const offers: { offer: WsJobOffer; connectionId: string }[] = [];
  for (let i = 0; i < 8; i++) {
    let connectionId = '';
    const recorder: WorkerSink = { ...idle, job: (offer) => offers.push({ offer, connectionId }) };
    connectionId = done.register(
      { apikey: API_KEY, name: `mem-${i}`, models: [model], max_length: 512, max_context_length: 4096 },
      recorder,
    ).connectionId;
  }
  const deltas = Array.from({ length: TOKENS }, (_, i) => `word${i} `);
  for (let finished = 0; finished < FINISHED; ) {
    for (let i = 0; i < 8; i++) {
      done.submit({
        source: 'v1',
        apiKey: API_KEY,
        request: { model, messages: [{ role: 'user', content: `Question ${finished + i}` }], max_tokens: 64 },
        listener: () => undefined,
      });
    }
    for (const { offer, connectionId } of offers.splice(0)) {
      for (const content of deltas)
        done.progress({ generationId: offer.id, by: { connectionId }, delta: { content } });
      done.complete({
        generationId: offer.id,
        by: { connectionId },
        text: deltas.join(''),
        finish_reason: 'stop',
      });
      finished++;
    }
  }
  const finishedAfter = settle();
  const finishedCounters = done.counters();
  if (finishedCounters.generations < FINISHED)
    throw new Error(
      `expected ${FINISHED} remembered generations, the core holds ${finishedCounters.generations}`,
    );
  const kept = finishedAfter - finishedBefore;
  const result = { kept, generations: finishedCounters.generations };
  done.dispose();
  return result;
}

const finished = finishedJobs('bench/mem-finished');
const before = settle();
const core = new Grid({ rateLimits: false, maxInFlight: 1_000_000 });
const model = 'bench/mem';
// One worker makes the model online (a /v1 submit needs that); it holds the first job and never answers.
const sink = idle;
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
    {
      bench: `2 grid memory, ${FINISHED.toLocaleString('en-US')} finished /v1 jobs`,
      case: `tombstones (${TOKENS} tokens each)`,
      result: `${fmt.mb(finished.kept)} · ${Math.round(finished.kept / FINISHED).toLocaleString('en-US')} B/job`,
      baseline: `${finished.generations.toLocaleString('en-US')} remembered`,
      ratio: '',
      target: '',
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
    finished: {
      jobs: FINISHED,
      tokens: TOKENS,
      ...finished,
      bytesPerJob: finished.kept / FINISHED,
    },
  },
  targets: book.checked,
  notes: [
    `ratio = heap delta ÷ the ${TARGET_MB} MB target (≤1.00× meets it). Submitting took ${submitSeconds.toFixed(2)} s.`,
  ],
});
