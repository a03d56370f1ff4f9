// The time-to-first-token the grid adds on loopback: the official openai client streaming from a local
// OpenAI-compatible server directly, and the same server through the mock grid and this worker (WebSocket).
//   pnpm --filter @aipg/worker bench:ttft [requests=200]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockGrid } from '@aipg/mock-grid';
import OpenAI from 'openai';
import { createWorker, parseConfig } from '../src/index.js';

const REQUESTS = Number(process.argv[2] ?? '200');
const KEY = 'grid_bench_key_000001';

// A backend that answers at once: its first token leaves as soon as the request is read.
const backend = createServer((req, res) => {
  if (req.method === 'GET') return res.end(JSON.stringify({ object: 'list', data: [] }));
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.end(`${chunk({ content: 'Hi' }, null)}${chunk({}, 'stop')}data: [DONE]\n\n`);
  });
});
await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/v1`;

const grid = await startMockGrid({ port: 0, rateLimits: false });
const { config } = parseConfig({
  grid_url: grid.url,
  api_key: KEY,
  endpoints: [{ type: 'openai', url: backendUrl, models: [{ name: 'ttft-worker', model: 'm' }] }],
});
const worker = createWorker({ config });
const running = worker.run();
while (worker.stats().connected < 1) await new Promise((resolve) => setTimeout(resolve, 10));

async function ttfts(baseURL: string, model: string): Promise<number[]> {
  const client = new OpenAI({ baseURL, apiKey: KEY, maxRetries: 0 });
  const out: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: `hi ${i}` }],
      stream: true,
    });
    let first: number | undefined;
    for await (const chunk of stream) {
      if (first === undefined && chunk.choices[0]?.delta?.content) first = performance.now() - started;
    }
    if (first !== undefined) out.push(first);
  }
  return out.sort((a, b) => a - b);
}

const p = (values: number[], q: number) =>
  values[Math.min(values.length - 1, Math.floor(values.length * q))]!;
const direct = await ttfts(backendUrl, 'm');
const viaGrid = await ttfts(`${grid.url}/v1`, 'grid/m');
for (const [name, values] of [
  ['direct', direct],
  ['via grid', viaGrid],
] as const) {
  console.log(
    `${name.padEnd(8)}: ttft p50 ${p(values, 0.5).toFixed(2)} ms, p90 ${p(values, 0.9).toFixed(2)} ms (${values.length} requests)`,
  );
}
console.log(`grid overhead: p50 ${(p(viaGrid, 0.5) - p(direct, 0.5)).toFixed(2)} ms`);
await worker.stop();
await running;
await grid.close();
backend.close();
