// 6. The Python SDK (`aipg`, packages/python) against a bare Python client on the same tiny server as
// benchmark 1: httpx2 for JSON calls, httpx2 + a bare SSE decoder for streams, and openai-python beside them.
// The measuring happens in Python (packages/python/bench/sdk_overhead.py, run by uv); this file serves the
// fixed bodies and turns the figures into the table.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module of the repo's scripts, without types
import { findUv } from '../scripts/uv.mjs';
import { startHelper } from './lib/child.js';
import { API_KEY, completionBody, sseEvents } from './lib/fixtures.js';
import { SCALE } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { targetBook } from './lib/targets.js';

const TOKENS = 50;
const ROUNDS = 5;
const WINDOW_S = 0.6 * SCALE;
const project = fileURLToPath(new URL('../packages/python', import.meta.url));

interface CaseFigures {
  callsPerSec: number;
  chunksPerSec: number;
  cpuUsPerCall: number;
  ratio: number;
  perRound: number[];
}
interface Figures {
  python: string;
  json: Record<string, CaseFigures>;
  stream: Record<string, CaseFigures>;
}

const server = await startHelper('fixed');
await server.call({ type: 'bodies', bodies: { json: completionBody(TOKENS), sse: sseEvents(TOKENS) } });
const figures = await new Promise<Figures>((resolve, reject) => {
  const args = ['run', '--frozen', '--quiet', '--group', 'bench', 'python', 'bench/sdk_overhead.py'];
  const child = spawn(findUv() as string, [...args, server.url, API_KEY, String(ROUNDS), String(WINDOW_S)], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    out += text;
  });
  child.on('error', reject);
  child.on('exit', (code) => {
    if (code === 0) resolve(JSON.parse(out) as Figures);
    else reject(new Error(`sdk_overhead.py exited with ${code}`));
  });
});
await server.stop();

const rows: Row[] = [];
const book = targetBook();
for (const kind of ['json', 'stream'] as const) {
  const cases = Object.entries(figures[kind]);
  const base = cases[0]![1];
  for (const [label, r] of cases) {
    const isSdk = label === 'aipg';
    rows.push({
      bench: kind === 'json' ? '6 Python SDK, JSON (C=1)' : `6 Python SDK, stream ${TOKENS} chunks`,
      case: label,
      result:
        `${fmt.rate(r.callsPerSec)}${kind === 'stream' ? ` · ${fmt.rate(r.chunksPerSec)} chunks` : ''} · ` +
        `${fmt.us(r.cpuUsPerCall)} CPU/call`,
      baseline: fmt.rate(base.callsPerSec),
      ratio: fmt.ratio(r.ratio),
      ...(isSdk
        ? { target: book.cell(kind, [['', kind === 'json' ? 'pythonJson' : 'pythonStream', r.ratio]]) }
        : {}),
    });
  }
}

report({
  id: 'pythonSdk',
  title: '6 Python SDK overhead',
  rows,
  data: figures as unknown as Record<string, unknown>,
  targets: book.checked,
  notes: [
    `Python ${figures.python}, one sync call at a time. ratio = calls/s ÷ the bare client's calls/s in the same round.`,
    'CPU/call = the Python process’s CPU time per call (the server runs in another process).',
  ],
});
