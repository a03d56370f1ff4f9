// 10. The client WebSocket vs SSE on the same stream: @aipg/sdk streaming the same chat completion from the same
// mock grid (its own process) served by the same tiny WS workers (another process), once over SSE
// (`POST /v1/chat/completions`, one HTTP request per stream on keep-alive connections) and once over the client
// WebSocket (`grid.realtime()`, every stream on one socket). Chunks/s = streams/s × chunks per stream.
import { Grid } from '@aipg/sdk';
import { nodeWebSocket } from '@aipg/sdk/node';
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { API_KEY, MODEL, streamRequest } from './lib/fixtures.js';
import { cpuMeter, ms } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';

const CONCURRENCY = 16;
const WORKERS = 16;
const TOKENS = 64;

const grid = await startHelper('grid');
const workers = await startHelper('tiny', [grid.url, String(WORKERS), MODEL, String(TOKENS)]);
const sdk = new Grid({ apiKey: API_KEY, baseURL: grid.url, webSocket: nodeWebSocket, maxRetries: 0 });
const rt = await sdk.realtime();
const last = `tok${TOKENS - 1} `;

/** One whole stream read with `for await`; returns its chunk count after checking the text arrived. */
async function read(stream: AsyncIterable<{ choices: { delta: { content?: string | null } }[] }>) {
  let chunks = 0;
  let text = '';
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta.content ?? '';
  }
  if (!text.endsWith(last)) throw new Error(`incomplete stream: ${text.slice(-100)}`);
  return chunks;
}
let chunksPerStream = 0;
const cases = {
  'SSE (POST /v1/chat/completions)': async () => {
    chunksPerStream = await read(await sdk.chat.completions.create(streamRequest()));
  },
  'client WebSocket (one socket)': async () => {
    chunksPerStream = await read(await rt.chat.completions.create(streamRequest()));
  },
};
const around = async () => {
  const readServer = await grid.cpu();
  const readWorkers = await workers.cpu();
  const readClient = cpuMeter();
  return async () => ({
    serverCpu: await readServer(),
    workersCpu: await readWorkers(),
    clientCpu: readClient(),
  });
};
const results = await compare(cases, {
  concurrency: CONCURRENCY,
  warmupMs: ms(1500),
  windowMs: ms(1200),
  rounds: 5,
  around,
});
rt.close();
await workers.stop();
await grid.stop();

const rows: Row[] = [];
const bench = `10 client WS vs SSE, @aipg/sdk, ${CONCURRENCY} streams at once, ${chunksPerStream} chunks each`;
const sse = results['SSE (POST /v1/chat/completions)']!;
for (const [label, r] of Object.entries(results)) {
  const cpu = (key: string) => fmt.us((r.extra[`${key}CpuUsPerOp`] ?? Number.NaN) / chunksPerStream);
  rows.push({
    bench,
    case: label,
    result:
      `${fmt.rate(r.opsPerSec * chunksPerStream)} chunks (${fmt.rate(r.opsPerSec)} streams) · ` +
      `p50 ${fmt.ms(r.p50)} · CPU/chunk grid ${cpu('server')}, client ${cpu('client')}`,
    baseline: `${fmt.rate(sse.opsPerSec * chunksPerStream)} chunks`,
    ratio: fmt.ratio(r.ratio),
  });
}
report({
  id: 'client-ws',
  title: '10 client WebSocket vs SSE',
  rows,
  data: { concurrency: CONCURRENCY, workers: WORKERS, tokens: TOKENS, chunksPerStream, results },
  notes: [
    'ratio = WebSocket chunks/s ÷ SSE chunks/s in the same round (median of the rounds); the same grid, workers and stream.',
    'p50 is the time to the last chunk of a stream. CPU/chunk: the grid process and this (client) process, per chunk delivered.',
  ],
});
