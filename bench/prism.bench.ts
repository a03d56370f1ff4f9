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
const to = { prism: poster(prism.url, CONCURRENCY), grid: poster(grid.url, CONCURRENCY) };

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
    },
  },
} as const;
const servers = { 'Prism 5.16': prism, 'mock grid, simulated': grid } as const;
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
      target: label === 'Prism 5.16' ? '' : book.cell(name, [['', target, r.ratio]]),
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
to.prism.close();
to.grid.close();
await Promise.all([prism.stop(), grid.stop()]);

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
  ],
});
