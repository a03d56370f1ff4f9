// 9. Job events, pushed: how long after a Horde text job completes on the grid its client knows, with
// @aipg/sdk's `text.generate` waiting on push (`GET /v1/jobs/{id}/events`, `jobs.watch`) vs the same helper
// polling the status (`wait: 'poll'`: 1 s, then ×1.5 up to 10 s). Both run at once, against one mock grid and
// the same WS workers, whose jobs each take a random 0.2–3 s; everything is in one process, so the grid's
// `done` and the client's notice are read off one clock.
import { startMockGrid } from '@aipg/mock-grid';
import { Grid } from '@aipg/sdk';
import { API_KEY, MODEL } from './lib/fixtures.js';
import { BENCH_GRID_OPTIONS } from './lib/grid-options.js';
import { ms, percentile } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { startTinyWorkers } from './lib/tiny-worker.js';

/** Client loops per mode (each waits on one job at a time), and WS workers for all of them. */
const LOOPS = 16;
const HOLD_MIN_MS = 200;
const HOLD_SPAN_MS = 2_800;

// In-flight cap raised: the benchmark's clients share one key (the live cap is 24 per account).
const grid = await startMockGrid({ ...BENCH_GRID_OPTIONS, grid: { maxInFlight: 1_000_000 } });
const workers = await startTinyWorkers({
  gridUrl: grid.url,
  count: LOOPS * 2,
  model: MODEL,
  tokens: 4,
  holdMs: () => HOLD_MIN_MS + Math.random() * HOLD_SPAN_MS,
});
// When the grid settled each request (its core's `done`), by request id.
const doneAt = new Map<string, number>();
grid.core.onEvent((e) => {
  if (e.type === 'done') doneAt.set(e.requestId, performance.now());
});
const client = new Grid({ apiKey: API_KEY, baseURL: grid.url, logLevel: 'off', maxRetries: 0 });
const params = { prompt: 'Tell the benchmark a story.', models: [MODEL], params: { max_length: 16 } };

type Mode = 'push' | 'poll';
/** Per mode: ms from the grid's `done` to the client's notice (`onProgress` with `done`), and to the result. */
const samples: Record<Mode, { notified: number[]; resolved: number[] }> = {
  push: { notified: [], resolved: [] },
  poll: { notified: [], resolved: [] },
};

async function once(mode: Mode): Promise<{ notified: number; resolved: number }> {
  let notified = Number.NaN;
  const result = await client.text.generate(params, {
    wait: mode,
    onProgress: (state) => {
      if (state.done && Number.isNaN(notified)) notified = performance.now();
    },
  });
  const resolved = performance.now();
  const done = doneAt.get(result.id);
  doneAt.delete(result.id);
  if (done === undefined || Number.isNaN(notified) || !result.generations[0]?.text.includes('tok3')) {
    throw new Error(`${mode}: job ${result.id} finished without a notice or its text`);
  }
  return { notified: notified - done, resolved: resolved - done };
}

let measuring = false;
let stopped = false;
const loop = async (mode: Mode) => {
  while (!stopped) {
    const r = await once(mode);
    if (measuring && !stopped) {
      samples[mode].notified.push(r.notified);
      samples[mode].resolved.push(r.resolved);
    }
  }
};
const loops = [
  ...Array.from({ length: LOOPS }, () => loop('push')),
  ...Array.from({ length: LOOPS }, () => loop('poll')),
];
await new Promise((resolve) => setTimeout(resolve, ms(3_000)));
measuring = true;
await new Promise((resolve) => setTimeout(resolve, ms(20_000)));
stopped = true;
await Promise.all(loops);
workers.close();
await grid.close();

const stat = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
};
const push = { notified: stat(samples.push.notified), resolved: stat(samples.push.resolved) };
const poll = { notified: stat(samples.poll.notified), resolved: stat(samples.poll.resolved) };
const bench = `9 completion → client notified (${LOOPS}+${LOOPS} clients, jobs 0.2–3 s)`;
const rows: Row[] = [
  {
    bench,
    case: 'push: text.generate on jobs.watch',
    result: `p50 ${fmt.ms(push.notified.p50)} · p99 ${fmt.ms(push.notified.p99)} (n=${push.notified.n}) · result p50 ${fmt.ms(push.resolved.p50)}`,
    baseline: `poll p50 ${fmt.ms(poll.notified.p50)}`,
    ratio: fmt.ratio(poll.notified.p50 / push.notified.p50),
  },
  {
    bench,
    case: "the polling helper (wait: 'poll')",
    result: `p50 ${fmt.ms(poll.notified.p50)} · p99 ${fmt.ms(poll.notified.p99)} (n=${poll.notified.n}) · result p50 ${fmt.ms(poll.resolved.p50)}`,
    baseline: `poll p50 ${fmt.ms(poll.notified.p50)}`,
    ratio: fmt.ratio(1),
  },
];
report({
  id: 'jobNotify',
  title: '9 job events',
  rows,
  data: { loops: LOOPS, holdMs: [HOLD_MIN_MS, HOLD_MIN_MS + HOLD_SPAN_MS], push, poll, jobs: workers.jobs() },
  notes: [
    'notified = from the grid core’s `done` for the request to the client’s `onProgress` with `done: true` (push: the final job event; poll: the status poll that saw it); result = to `text.generate` resolving (both then read the status once).',
    'push and poll run at the same time against one grid and the same workers, so both see the same machine; ratio = poll p50 ÷ push p50 (how many times sooner push tells).',
  ],
});
