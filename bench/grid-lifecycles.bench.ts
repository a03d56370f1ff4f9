// 2. Mock grid: full text job lifecycles through the real HTTP and WebSocket doors. The grid runs in its own
// process, the 8 tiny WS workers in another (so they do not take the load generator's event loop), and the
// clients (node:http, keep-alive) here. Baseline: the same client load against a plain node:http server (also
// its own process) that answers with the very bytes the grid sent.
// Then the core alone, in-process (no transport).
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { coreLifecycles } from './lib/core-loop.js';
import { chatRequest, MODEL, streamRequest } from './lib/fixtures.js';
import { poster } from './lib/http-client.js';
import { cpuMeter, ms } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { TARGETS, targetBook } from './lib/targets.js';

const CONCURRENCY = 64;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const TOKENS = 8;
const PATH = '/v1/chat/completions';

const grid = await startHelper('grid');
const plain = await startHelper('fixed');
const relay = await startHelper('relay');
const workers = await startHelper('tiny', [grid.url, String(WORKERS), MODEL, String(TOKENS)]);
const relayWorkers = await startHelper('tiny', [relay.url, String(WORKERS), MODEL, String(TOKENS)]);
const toGrid = poster(grid.url, CONCURRENCY);
const toPlain = poster(plain.url, CONCURRENCY);
const toRelay = poster(relay.url, CONCURRENCY);
const bodies = { json: JSON.stringify(chatRequest()), sse: JSON.stringify(streamRequest()) };

// The baseline answers with exactly what the grid answered (same bytes, same SSE events).
const gridJson = await toGrid.post(PATH, bodies.json);
const gridSse = await toGrid.post(PATH, bodies.sse);
const recorded = { json: gridJson, sse: gridSse.split(/(?<=\n\n)/) };
await plain.call({ type: 'bodies', bodies: recorded });
await relay.call({ type: 'bodies', bodies: recorded });

const last = `tok${TOKENS - 1} `;
const check = {
  json: (text: string) => {
    if (!text.includes(last)) throw new Error(`incomplete completion: ${text.slice(0, 200)}`);
  },
  sse: (text: string) => {
    if (!text.includes(last) || !text.endsWith('data: [DONE]\n\n'))
      throw new Error(`incomplete stream: ${text.slice(-200)}`);
  },
};
const cases = (kind: 'json' | 'sse') => ({
  'plain node:http': async () => check[kind](await toPlain.post(PATH, bodies[kind])),
  'bare relay (node:http + ws)': async () => check[kind](await toRelay.post(PATH, bodies[kind])),
  'mock grid': async () => check[kind](await toGrid.post(PATH, bodies[kind])),
});
/** Each case's server process and the process of the tiny workers it hands jobs to. */
const processes = {
  'plain node:http': { server: plain, workers },
  'bare relay (node:http + ws)': { server: relay, workers: relayWorkers },
  'mock grid': { server: grid, workers },
} as const;
const around = async (label: string) => {
  const { server, workers: its } = processes[label as keyof typeof processes];
  const readServer = await server.cpu();
  const readWorkers = await its.cpu();
  const readClient = cpuMeter();
  return async () => ({
    serverCpu: await readServer(),
    workersCpu: await readWorkers(),
    clientCpu: readClient(),
  });
};

const rows: Row[] = [];
const book = targetBook();
const data: Record<string, unknown> = { concurrency: CONCURRENCY, workers: WORKERS, tokens: TOKENS };
const added: Record<string, { p50: number; p99: number }> = {};
for (const kind of ['json', 'sse'] as const) {
  const load = await compare(cases(kind), {
    concurrency: CONCURRENCY,
    warmupMs: ms(800),
    windowMs: ms(900),
    rounds: 5,
    around,
  });
  const idle = await compare(cases(kind), {
    concurrency: 1,
    warmupMs: ms(200),
    windowMs: ms(500),
    rounds: 3,
  });
  const name = kind === 'json' ? 'JSON' : `SSE ${TOKENS} tokens`;
  const base = load['plain node:http']!;
  for (const [label, r] of Object.entries(load)) {
    // What one free core would do at this CPU cost per lifecycle: the figure that survives a busy machine.
    const perFreeCore = 1e6 / r.extra.serverCpuUsPerOp!;
    const target =
      label === 'mock grid'
        ? `${book.cell(name, [
            ['', kind === 'json' ? 'gridJson' : 'gridSse', r.ratio],
            ['', 'gridRate', r.opsPerSec],
          ])} · free core ≈${fmt.rate(perFreeCore)}`
        : '';
    rows.push({
      bench: `2 grid lifecycles, ${name} (C=${CONCURRENCY}, ${WORKERS} WS wkrs)`,
      case: label,
      result: `${fmt.rate(r.opsPerSec)} · p50 ${fmt.ms(r.p50)} · p99 ${fmt.ms(r.p99)} · ${fmt.us(r.extra.serverCpuUsPerOp!)} CPU/op`,
      baseline: fmt.rate(base.opsPerSec),
      ratio: fmt.ratio(r.ratio),
      target,
    });
    console.error(
      `  grid ${kind} ${label}: ${fmt.rate(r.opsPerSec)} [${r.perRound.join(' ')}] p50 ${fmt.ms(r.p50)} p99 ${fmt.ms(r.p99)} ` +
        `server ${fmt.pct(r.extra.serverCpu!)} ${fmt.us(r.extra.serverCpuUsPerOp!)}/op client ${fmt.pct(r.extra.clientCpu!)} ` +
        `workers ${fmt.pct(r.extra.workersCpu!)}`,
    );
  }
  // The floor: what handing each request to a WebSocket worker costs before any grid logic.
  const floor = load['bare relay (node:http + ws)']!;
  const gridLoad = load['mock grid']!;
  rows.push({
    bench: `2 grid ÷ bare relay, ${name} (C=${CONCURRENCY})`,
    case: 'mock grid ÷ bare relay',
    result: `${fmt.us(gridLoad.extra.serverCpuUsPerOp!)} vs ${fmt.us(floor.extra.serverCpuUsPerOp!)} server CPU/op`,
    baseline: fmt.rate(floor.opsPerSec),
    ratio: fmt.ratio(gridLoad.opsPerSec / floor.opsPerSec),
    target: '',
  });
  const p = idle['plain node:http']!;
  const g = idle['mock grid']!;
  added[kind] = { p50: g.p50 - p.p50, p99: g.p99 - p.p99 };
  rows.push({
    bench: `2 added latency, ${name} (C=1)`,
    case: 'mock grid − plain',
    result: `${fmt.deltaMs(added[kind].p50)} p50 · ${fmt.deltaMs(added[kind].p99)} p99`,
    baseline: `${fmt.ms(p.p50)} / ${fmt.ms(p.p99)}`,
    ratio: fmt.ratio(g.p50 / p.p50),
    target: book.cell(`${name} added`, [
      ['p50', 'gridAddedP50', added[kind].p50],
      ['p99', 'gridAddedP99', added[kind].p99],
    ]),
  });
  console.error(
    `  grid ${kind} C=1: plain p50 ${fmt.ms(p.p50)} p99 ${fmt.ms(p.p99)}, grid p50 ${fmt.ms(g.p50)} p99 ${fmt.ms(g.p99)}`,
  );
  data[kind] = { load, idle, added: added[kind] };
}
const jobsAnswered = (await workers.call<{ jobs: number }>({ type: 'stats' })).jobs;
toGrid.close();
toPlain.close();
toRelay.close();
await Promise.all([workers.stop(), relayWorkers.stop(), grid.stop(), plain.stop(), relay.stop()]);

const core = await coreLifecycles({
  workers: WORKERS,
  tokens: TOKENS,
  warmupMs: ms(500),
  durationMs: ms(2000),
});
const http = (data.json as { load: Record<string, { opsPerSec: number }> }).load['mock grid']!.opsPerSec;
rows.push({
  bench: '2 grid core alone, in-process',
  case: `submit → assign → ${TOKENS} tokens → complete`,
  result: `${fmt.rate(core.perSec)} · ${fmt.us(1e6 / core.perSec)}/lifecycle`,
  baseline: `HTTP+WS ${fmt.rate(http)}`,
  ratio: fmt.ratio(http / core.perSec),
  target: '',
});
data.core = core;
data.jobsAnswered = jobsAnswered;

report({
  id: 'gridLifecycles',
  title: '2 mock grid',
  rows,
  data,
  targets: book.checked,
  notes: [
    `lifecycles ratio = grid ÷ plain node:http under the same ${CONCURRENCY}-client load: the share of a bare server’s rate the grid keeps (${TARGETS.gridRate.value.toLocaleString('en-US')}/s is the earlier issue's absolute target).`,
    'added latency is measured with one client (C=1), so it is the grid’s own path, not queueing; at C=64 p50 ≈ 64 ÷ rate (Little’s law).',
    'core ratio = HTTP+WS lifecycles ÷ core-alone lifecycles: the share of the core’s ceiling the doors leave.',
    'CPU/op = the server process’s CPU time per lifecycle; “free core ≈” = 1,000,000 ÷ it, the rate one otherwise idle core could serve. It holds up when other work shares the machine; ops/s does not.',
  ],
});
