// 7. The Horde door: full AI Horde v2 text lifecycles (async → pop → submit → status, lib/horde-lifecycle.ts)
// through the mock grid's real HTTP doors. The grid runs in its own process; 64 clients and 8 tiny pop
// workers (no backend) run here. Baseline: the same load against a plain node:http server (also its own
// process) that answers the same four requests with the very bytes the grid answered, recorded once.
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { API_KEY } from './lib/fixtures.js';
import { asyncBody, hordeRig, PATHS, popBody, submitBody, tag } from './lib/horde-lifecycle.js';
import { cpuMeter, ms } from './lib/measure.js';
import type { Recorded } from './lib/replay-server.js';
import { fmt, type Row, report } from './lib/report.js';
import { targetBook } from './lib/targets.js';

const CONCURRENCY = 64;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);

const grid = await startHelper('grid');
const plain = await startHelper('replay');
await plain.call({ type: 'answers', answers: await recordOneLifecycle(grid.url) });
const rigs = {
  'plain node:http': hordeRig({ url: plain.url, clients: CONCURRENCY, workers: WORKERS }),
  'mock grid': hordeRig({ url: grid.url, clients: CONCURRENCY, workers: WORKERS }),
};
const helpers = { 'plain node:http': plain, 'mock grid': grid } as const;
type Label = keyof typeof rigs;

// The plain server always hands out the recorded prompt, so its clients all use the recorded tag; on the
// grid every lifecycle has its own (tag 0 was the recording).
let next = 1;
const results = await compare(
  {
    'plain node:http': () => rigs['plain node:http'].lifecycle(tag(0)),
    'mock grid': () => rigs['mock grid'].lifecycle(tag(next++)),
  },
  {
    concurrency: CONCURRENCY,
    warmupMs: ms(800),
    windowMs: ms(900),
    rounds: 5,
    around: async (label) => {
      const readServer = await helpers[label as Label].cpu();
      const readClient = cpuMeter();
      return async () => ({ serverCpu: await readServer(), clientCpu: readClient() });
    },
  },
);
const stats = Object.fromEntries(Object.entries(rigs).map(([label, rig]) => [label, rig.stats()]));
for (const rig of Object.values(rigs)) rig.close();
await Promise.all([grid.stop(), plain.stop()]);

const book = targetBook();
const rows: Row[] = [];
const base = results['plain node:http']!;
for (const [label, r] of Object.entries(results)) {
  const cpuPerLifecycle = r.extra.serverCpuUsPerOp!;
  rows.push({
    bench: `7 Horde lifecycles (C=${CONCURRENCY}, ${WORKERS} pop wkrs)`,
    case: label,
    result:
      `${fmt.rate(r.opsPerSec)} · p50 ${fmt.ms(r.p50)} · p99 ${fmt.ms(r.p99)} · ` +
      `${fmt.us(cpuPerLifecycle)} CPU/lifecycle`,
    baseline: fmt.rate(base.opsPerSec),
    ratio: fmt.ratio(r.ratio),
    target:
      label === 'mock grid'
        ? `${book.cell('Horde', [['', 'hordeLifecycles', r.ratio]])} · free core ≈${fmt.rate(1e6 / cpuPerLifecycle)}`
        : '',
  });
  console.error(
    `  horde ${label}: ${fmt.rate(r.opsPerSec)} [${r.perRound.join(' ')}] p50 ${fmt.ms(r.p50)} p99 ${fmt.ms(r.p99)} ` +
      `server ${fmt.pct(r.extra.serverCpu!)} ${fmt.us(cpuPerLifecycle)}/lifecycle client ${fmt.pct(r.extra.clientCpu!)}`,
  );
}

report({
  id: 'hordeLifecycles',
  title: '7 Horde door',
  rows,
  data: { concurrency: CONCURRENCY, workers: WORKERS, requestsPerLifecycle: 4, results, pollers: stats },
  targets: book.checked,
  notes: [
    `a lifecycle = POST async → POST pop → POST submit → GET status/{id} (4 requests); ratio = grid ÷ plain node:http answering the same 4 with the grid's recorded bytes, under the same ${CONCURRENCY}-client load.`,
    'CPU/lifecycle = the server process’s CPU time per lifecycle (all 4 requests); “free core ≈” = 1,000,000 ÷ it.',
  ],
});

/** One lifecycle on the grid by hand (tag 0), each answer recorded with its status for the plain server. */
async function recordOneLifecycle(url: string): Promise<Recorded[]> {
  const call = async (method: 'GET' | 'POST', prefix: string, path: string, body?: string) => {
    const headers = { apikey: API_KEY, ...(body ? { 'content-type': 'application/json' } : {}) };
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}: ${text}`);
    return { method, prefix, status: res.status, body: text };
  };
  // A worker checks in first, so the async answer is the one a grid with a worker online gives (no warning).
  await call('POST', PATHS.pop, PATHS.pop, popBody('bench-pop-0'));
  const queued = await call('POST', PATHS.async, PATHS.async, asyncBody(tag(0)));
  const popped = await call('POST', PATHS.pop, PATHS.pop, popBody('bench-pop-0'));
  const id = (JSON.parse(popped.body) as { id: string }).id;
  const submitted = await call('POST', PATHS.submit, PATHS.submit, submitBody(id));
  const requestId = (JSON.parse(queued.body) as { id: string }).id;
  const status = await call('GET', PATHS.status, `${PATHS.status}${requestId}`);
  return [queued, popped, submitted, status];
}
