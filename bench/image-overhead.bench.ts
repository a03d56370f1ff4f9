// 8. Image jobs: what the grid's side of one 1024×1024 image costs — the job through /v1/images/generations,
// the worker's signed PUT into the grid's object store, the checks on `done` (magic bytes, sha256), the
// client's signed GET of the result — against a plain node:http server that only stores the PUT and serves the
// GET of the same bytes, and against copying those bytes in memory. The grid and the plain server run in their
// own processes; the tiny media worker (no backend) and the client run here.
import { Agent, request } from 'node:http';
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { API_KEY } from './lib/fixtures.js';
import { largePng } from './lib/image-fixtures.js';
import { ms } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { putBytes, startTinyImageWorker } from './lib/tiny-image-worker.js';

const MODEL = 'bench/sd15-image';
const image = largePng(1024, 1024);
const agent = new Agent({ keepAlive: true });

/** The whole body of a request, as bytes; rejects on a status outside 2xx. */
function send(url: string, method: 'GET' | 'POST', body?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> =
      body === undefined
        ? {}
        : {
            authorization: `Bearer ${API_KEY}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          };
    const req = request(url, { method, agent, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const all = Buffer.concat(parts);
        if (res.statusCode! >= 200 && res.statusCode! < 300) resolve(all);
        else reject(new Error(`${method} ${url}: HTTP ${res.statusCode}: ${all.toString().slice(0, 200)}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const grid = await startHelper('grid');
const plain = await startHelper('objects');
const worker = await startTinyImageWorker({ gridUrl: grid.url, model: MODEL, image });
const jobBody = JSON.stringify({
  model: MODEL,
  prompt: 'a lighthouse at dusk',
  size: '1024x1024',
  steps: 4,
  response_format: 'url',
});

const checkBytes = (got: Buffer) => {
  if (!got.equals(image)) throw new Error(`downloaded ${got.length} bytes, not the ${image.length} uploaded`);
};
let key = 0;
const cases = {
  'plain node:http PUT + GET': async () => {
    const url = `${plain.url}/objects/${key++}.png`;
    const status = await putBytes(url, image, 'image/png');
    if (status !== 200) throw new Error(`plain PUT: HTTP ${status}`);
    checkBytes(await send(url, 'GET'));
  },
  'mock grid image job': async () => {
    const answer = JSON.parse(
      (await send(`${grid.url}/v1/images/generations`, 'POST', jobBody)).toString(),
    ) as {
      data: { url: string }[];
    };
    checkBytes(await send(answer.data[0]!.url, 'GET'));
  },
};
const servers = { 'plain node:http PUT + GET': plain, 'mock grid image job': grid } as const;
const results = await compare(cases, {
  concurrency: 2,
  warmupMs: ms(800),
  windowMs: ms(1200),
  rounds: 5,
  around: async (label) => {
    const read = await servers[label as keyof typeof servers].cpu();
    return async () => ({ serverCpu: await read() });
  },
});

// The floor of any store: copying the bytes in and out of memory once each, here, in this process.
const copyUs = (() => {
  const rounds = 200;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) Buffer.from(Buffer.from(image));
  return ((performance.now() - started) * 1000) / rounds;
})();

worker.close();
await Promise.all([grid.stop(), plain.stop()]);

const p = results['plain node:http PUT + GET']!;
const g = results['mock grid image job']!;
const plainUs = p.extra.serverCpuUsPerOp!;
const gridUs = g.extra.serverCpuUsPerOp!;
const mb = (image.length / 1e6).toFixed(2);
const rows: Row[] = [
  {
    bench: `8 image job 1024×1024 (${mb} MB PNG, C=2)`,
    case: 'plain node:http PUT + GET',
    result: `${fmt.rate(p.opsPerSec)} · p50 ${fmt.ms(p.p50)} · ${fmt.us(plainUs)} server CPU/op`,
    baseline: fmt.rate(p.opsPerSec),
    ratio: fmt.ratio(1),
  },
  {
    bench: `8 image job 1024×1024 (${mb} MB PNG, C=2)`,
    case: 'mock grid image job (submit → PUT → verify → GET)',
    result: `${fmt.rate(g.opsPerSec)} · p50 ${fmt.ms(g.p50)} · ${fmt.us(gridUs)} server CPU/op`,
    baseline: fmt.rate(p.opsPerSec),
    ratio: fmt.ratio(g.ratio),
  },
  {
    bench: `8 image job 1024×1024 (${mb} MB PNG, C=2)`,
    case: 'grid-side overhead per image',
    result: `+${fmt.us(gridUs - plainUs)} server CPU over plain · ${(gridUs / copyUs).toFixed(1)}× one in+out copy`,
    baseline: `copy in+out ${fmt.us(copyUs)}`,
    ratio: fmt.ratio(gridUs / plainUs),
  },
];
report({
  id: 'imageOverhead',
  title: '8 image jobs',
  rows,
  data: { bytes: image.length, results, copyUs, plainUs, gridUs },
  notes: [
    'image job = POST /v1/images/generations (response_format url) → the media job frame → the worker PUTs the picture to its signed slot → done with its sha256 → the grid checks the bytes (magic bytes, sha256) → the client GETs the signed URL; the plain case is the PUT and the GET alone.',
    'CPU/op = the server process’s CPU per image; the copy is Buffer.from twice (in and out) of the same bytes in this process: the floor under any store.',
  ],
});
