// A helper process for the benchmarks (see lib/child.ts): `fixed` (the plain node:http baseline),
// `replay` (the plain node:http baseline that answers each route with a recorded response), `relay` (the
// floor under the grid: node:http + ws handing each request to a tiny worker, lib/relay-server.ts), `objects`
// (PUT stores a body, GET returns it: lib/object-server.ts),
// `grid` (the mock grid), `worker <gridUrl> <threads>` (@aipg/worker, demo backend at unlimited speed) or
// `tiny <gridUrl> <count> <model> <tokens>` (the frame-speaking tiny workers of lib/tiny-worker.ts),
// `simulated` (the mock grid with simulated workers, lib/simulated-grid.ts) or `prism <cli> <spec>` (Stoplight
// Prism mocking the spec, lib/prism-server.ts).
import { startMockGrid } from '@aipg/mock-grid';
import { createWorker } from '@aipg/worker';
import { startFixedServer } from '../lib/fixed-server.js';
import { BENCH_GRID_OPTIONS } from '../lib/grid-options.js';
import { startObjectServer } from '../lib/object-server.js';
import { startPrism } from '../lib/prism-server.js';
import { startRelayServer } from '../lib/relay-server.js';
import { type Recorded, startReplayServer } from '../lib/replay-server.js';
import { startSimulatedGrid } from '../lib/simulated-grid.js';
import { startTinyWorkers } from '../lib/tiny-worker.js';
import { demoWorkerConfig } from '../lib/worker-config.js';

const [kind, ...args] = process.argv.slice(2);

let stop: () => Promise<void>;
let url: string;
let onMessage: (message: Record<string, unknown>) => unknown = () => undefined;

if (kind === 'fixed') {
  const server = await startFixedServer();
  url = server.url;
  stop = server.close;
  onMessage = (message) => {
    if (message.type === 'bodies') server.bodies = message.bodies as typeof server.bodies;
  };
} else if (kind === 'objects') {
  const server = await startObjectServer();
  url = server.url;
  stop = server.close;
} else if (kind === 'relay') {
  const server = await startRelayServer();
  url = server.url;
  stop = server.close;
  onMessage = (message) => {
    if (message.type === 'bodies') server.bodies = message.bodies as typeof server.bodies;
  };
} else if (kind === 'replay') {
  const server = await startReplayServer();
  url = server.url;
  stop = server.close;
  onMessage = (message) => {
    if (message.type === 'answers') server.answers = message.answers as Recorded[];
  };
} else if (kind === 'grid') {
  // In-flight cap raised: the benchmark's clients share one key (the live cap is 24 per account).
  const grid = await startMockGrid({ ...BENCH_GRID_OPTIONS, grid: { maxInFlight: 1_000_000 } });
  url = grid.url;
  stop = grid.close;
} else if (kind === 'simulated') {
  const grid = await startSimulatedGrid({ ...BENCH_GRID_OPTIONS, grid: { maxInFlight: 1_000_000 } });
  url = grid.url;
  stop = grid.close;
} else if (kind === 'prism') {
  const [cli = '', spec = ''] = args;
  url = (await startPrism(cli, spec)).url;
  // Prism has no close; the process exits right after this.
  stop = async () => undefined;
} else if (kind === 'worker') {
  const [gridUrl = '', threads = '1'] = args;
  const worker = createWorker({ config: demoWorkerConfig(gridUrl, Number(threads)) });
  const running = worker.run();
  while (worker.stats().connected < Number(threads)) await new Promise((r) => setTimeout(r, 10));
  url = gridUrl;
  stop = async () => {
    await worker.stop();
    await running;
  };
  onMessage = (message) => (message.type === 'stats' ? worker.stats() : undefined);
} else if (kind === 'tiny') {
  const [gridUrl = '', count = '1', model = '', tokens = '16'] = args;
  const workers = await startTinyWorkers({ gridUrl, count: Number(count), model, tokens: Number(tokens) });
  url = gridUrl;
  stop = async () => workers.close();
  onMessage = (message) => (message.type === 'stats' ? { jobs: workers.jobs() } : undefined);
} else {
  throw new Error(`unknown helper kind ${kind}`);
}

let cpuStart = process.cpuUsage();
let wallStart = performance.now();
process.on('message', async (raw) => {
  const message = raw as Record<string, unknown> & { id: number };
  let value: unknown;
  if (message.type === 'cpu-start') {
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
  } else if (message.type === 'cpu-read') {
    const used = process.cpuUsage(cpuStart);
    value = (used.user + used.system) / 1000 / (performance.now() - wallStart);
  } else if (message.type === 'stop') {
    await stop();
    process.exit(0);
  } else {
    value = onMessage(message);
  }
  process.send?.({ type: 'reply', id: message.id, value });
});
// The parent went away (crashed or killed): stop too.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url });
