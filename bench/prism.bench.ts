// 11. The mock grid as a test double against Stoplight Prism (`prism mock openapi/aipg.yaml`), the usual
// spec-driven mock, serving the same spec (issue 14). Two requests: `GET /v1/models` and a valid non-streamed
// `POST /v1/chat/completions`, which both servers validate against the spec (checked below: an invalid body
// gets a 4xx from each) — Prism then answers the spec's example, the grid has a simulated worker answer it.
// Both servers run in their own processes; the same load generator (raw keep-alive sockets, lib/http-client.ts)
// and concurrency drive both in alternating windows. Ratio = grid ÷ Prism requests/s.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { coreLifecycles } from './lib/core-loop.js';
import { poster } from './lib/http-client.js';
import { ms } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { SIMULATED_MODEL } from './lib/simulated-grid.js';
import { targetBook } from './lib/targets.js';

const CONCURRENCY = 16;
const SPEC = fileURLToPath(new URL('../openapi/aipg.yaml', import.meta.url));
// Installs the pinned Prism on first use (scripts/prism.mjs), before anything is timed.
const PRISM_CLI = execFileSync(
  process.execPath,
  [fileURLToPath(new URL('../scripts/prism.mjs', import.meta.url))],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
).trim();

const prism = await startHelper('prism', [PRISM_CLI, SPEC]);
const grid = await startHelper('simulated');
// The floor under any grid built on node:http: a plain server that reads the POST and answers fixed bytes.
const plain = await startHelper('fixed');
const to = {
  prism: poster(prism.url, CONCURRENCY),
  grid: poster(grid.url, CONCURRENCY),
  plain: poster(plain.url, CONCURRENCY),
};

const chatBody = JSON.stringify({
  model: SIMULATED_MODEL,
  messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
  max_tokens: 32,
});
// `temperature` is at most 2 in the spec (openapi/components/v1.yaml ChatCompletionRequest).
const invalidBody = JSON.stringify({
  model: SIMULATED_MODEL,
  messages: [{ role: 'user', content: 'hi' }],
  temperature: 99,
});

/** Status and body of a POST, whatever the status (the poster rejects on a non-2xx with both in the message). */
async function answer(server: keyof typeof to, body: string): Promise<{ status: number; text: string }> {
  try {
    return { status: 200, text: await to[server].post('/v1/chat/completions', body) };
  } catch (err) {
    const match = /HTTP (\d+): ([\s\S]*)$/.exec(err instanceof Error ? err.message : String(err));
    if (!match) throw err;
    return { status: Number(match[1]), text: match[2]! };
  }
}

// Both validate: the same invalid body is a 4xx from each, so the chat figures compare validating servers.
const refused = { prism: await answer('prism', invalidBody), grid: await answer('grid', invalidBody) };
for (const [server, { status, text }] of Object.entries(refused)) {
  if (status < 400 || status >= 500)
    throw new Error(`${server} did not refuse an invalid chat body: HTTP ${status} ${text}`);
}
const valid = { prism: await answer('prism', chatBody), grid: await answer('grid', chatBody) };
// The plain server answers the grid's own completion, byte for byte (its JSON body; it streams nothing here).
await plain.call({ type: 'bodies', bodies: { json: valid.grid.text, sse: [] } });
/** Tokens in the simulated worker's answer: the core-alone loop below streams as many. */
const tokens = (JSON.parse(valid.grid.text) as { usage: { completion_tokens: number } }).usage
  .completion_tokens;

const checkModels = (text: string) => {
  const list = JSON.parse(text) as { data?: Array<{ id: string }> };
  if (!list.data?.length) throw new Error(`no model list: ${text.slice(0, 200)}`);
};
const checkChat = (text: string) => {
  const completion = JSON.parse(text) as { choices?: Array<{ message?: { content?: string } }> };
  if (!completion.choices?.[0]?.message?.content) throw new Error(`no completion: ${text.slice(0, 200)}`);
};
const requests = {
  models: {
    name: 'GET /v1/models',
    target: 'prismModels',
    cases: {
      'Prism 5.16': async () => checkModels(await to.prism.get('/v1/models')),
      'mock grid, simulated': async () => checkModels(await to.grid.get('/v1/models')),
    },
  },
  chat: {
    name: 'POST /v1/chat/completions, validated',
    target: 'prismChat',
    cases: {
      'Prism 5.16': async () => checkChat(await to.prism.post('/v1/chat/completions', chatBody)),
      'mock grid, simulated': async () => checkChat(await to.grid.post('/v1/chat/completions', chatBody)),
      'plain node:http': async () => checkChat(await to.plain.post('/v1/chat/completions', chatBody)),
    },
  },
} as const;
const servers = { 'Prism 5.16': prism, 'mock grid, simulated': grid, 'plain node:http': plain } as const;
const around = async (label: string) => {
  const read = await servers[label as keyof typeof servers].cpu();
  return async () => ({ serverCpu: await read() });
};

const rows: Row[] = [];
const book = targetBook();
const data: Record<string, unknown> = {
  concurrency: CONCURRENCY,
  refused: Object.fromEntries(Object.entries(refused).map(([k, v]) => [k, v.status])),
  valid: Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, { status: v.status, body: v.text }])),
};
for (const [key, { name, target, cases }] of Object.entries(requests)) {
  const result = await compare(cases, {
    concurrency: CONCURRENCY,
    warmupMs: ms(800),
    windowMs: ms(900),
    rounds: 5,
    around,
  });
  const base = result['Prism 5.16']!;
  for (const [label, r] of Object.entries(result)) {
    rows.push({
      bench: `11 ${name} (C=${CONCURRENCY})`,
      case: label,
      result: `${fmt.rate(r.opsPerSec)} · p50 ${fmt.ms(r.p50)} · p99 ${fmt.ms(r.p99)} · ${fmt.us(r.extra.serverCpuUsPerOp!)} CPU/op`,
      baseline: fmt.rate(base.opsPerSec),
      ratio: fmt.ratio(r.ratio),
      target: label === 'mock grid, simulated' ? book.cell(name, [['', target, r.ratio]]) : '',
    });
    console.error(
      `  prism ${key} ${label}: ${fmt.rate(r.opsPerSec)} [${r.perRound.join(' ')}] p50 ${fmt.ms(r.p50)} ` +
        `p99 ${fmt.ms(r.p99)} server ${fmt.pct(r.extra.serverCpu!)} ${fmt.us(r.extra.serverCpuUsPerOp!)}/op`,
    );
  }
  // The same comparison in CPU per request (each server's own process): it holds up when other work shares
  // the machine, where requests/s does not.
  const simulated = result['mock grid, simulated']!;
  rows.push({
    bench: `11 ${name}, CPU per request`,
    case: 'Prism ÷ mock grid',
    result: `${fmt.us(base.extra.serverCpuUsPerOp!)} vs ${fmt.us(simulated.extra.serverCpuUsPerOp!)} server CPU/op`,
    baseline: '',
    ratio: fmt.ratio(base.extra.serverCpuUsPerOp! / simulated.extra.serverCpuUsPerOp!),
    target: '',
  });
  data[key] = result;
}
for (const client of Object.values(to)) client.close();
await Promise.all([prism.stop(), grid.stop(), plain.stop()]);

// How high the chat ratio could go at all. A grid on node:http pays at least the plain server's CPU per
// request and the core's own bookkeeping of one lifecycle (lib/core-loop.ts: no HTTP, no validation, no
// simulated worker, no JSON). Prism's CPU per request over their sum is the most any such grid could reach,
// with every door, validator and simulated worker free. Measured after the servers stop, in this process.
const chat = data.chat as Record<string, { extra: { serverCpuUsPerOp: number } }>;
const prismUs = chat['Prism 5.16']!.extra.serverCpuUsPerOp;
const plainUs = chat['plain node:http']!.extra.serverCpuUsPerOp;
const ceiling: Record<string, unknown> = { prismUs, plainUs };
for (const streamed of [tokens, 1]) {
  const core = await coreLifecycles({
    workers: 8,
    tokens: streamed,
    warmupMs: ms(500),
    durationMs: ms(1500),
  });
  const coreUs = 1e6 / core.perSec;
  ceiling[`core${streamed}`] = { ...core, usPerLifecycle: coreUs, ratio: prismUs / (plainUs + coreUs) };
  rows.push({
    bench: '11 chat POST, the ceiling of any node:http grid',
    case: `plain node:http + core alone, ${streamed} token${streamed === 1 ? '' : 's'}`,
    result: `${fmt.us(plainUs)} + ${fmt.us(coreUs)} = ${fmt.us(plainUs + coreUs)} CPU/op`,
    baseline: `Prism ${fmt.us(prismUs)}`,
    ratio: fmt.ratio(prismUs / (plainUs + coreUs)),
    target: '',
  });
}
data.ceiling = ceiling;

report({
  id: 'prism',
  title: '11 mock grid vs Prism',
  rows,
  data,
  targets: book.checked,
  notes: [
    `ratio = simulated mock grid ÷ Stoplight Prism requests/s, the same ${CONCURRENCY} keep-alive clients against each (alternating windows, median of the per-round ratios).`,
    `both validate the chat body against the spec: an invalid one (temperature 99) got HTTP ${refused.prism.status} from Prism and ${refused.grid.status} from the grid; for a valid one Prism answers the spec's example completion, the grid a simulated worker's.`,
    'CPU/op = the server process’s CPU time per request: the steadier figure on a busy machine.',
    `ceiling = Prism CPU/op ÷ (plain node:http CPU/op + the core alone per lifecycle, in-process): the most a grid on node:http could reach if its doors, validation and simulated workers cost nothing; ${tokens} tokens is the simulated answer, 1 token the least a lifecycle streams.`,
  ],
});
