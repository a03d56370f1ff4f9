// A complete AI Power Grid worker in a few lines, using @aipg/worker's public API.
//   pnpm start                      → the demo backend (no model needed) against GRID_API_URL or 127.0.0.1:7001
//   pnpm start bridgeData.yaml      → whatever backend the file describes (Ollama, vLLM, KoboldCpp, …)
import {
  createWorker,
  drainOnSignals,
  type Log,
  loadConfig,
  parseConfig,
  type WorkerConfig,
} from '@aipg/worker';

async function config(): Promise<WorkerConfig> {
  const file = process.argv[2];
  if (file) return (await loadConfig({ file })).config;
  return parseConfig({
    grid_url: process.env.GRID_API_URL ?? 'http://127.0.0.1:7001',
    api_key: process.env.GRID_API_KEY ?? 'grid_example_worker_key',
    endpoints: [{ type: 'demo', tokens_per_second: 25, models: [{ name: 'example-worker' }] }],
  }).config;
}

const log: Log = (level, message) => console.error(`[${level}] ${message}`);
const worker = createWorker({ config: await config(), log });

// Ctrl-C / SIGTERM: stop taking jobs, finish the ones in flight, then exit 0 (a second Ctrl-C hands them back).
drainOnSignals(worker, { log });

try {
  await worker.run();
  const { jobs, den } = worker.stats();
  console.error(`[info] served ${jobs.done} job(s), earned ${den.toFixed(2)} den`);
} catch (error) {
  console.error(`[error] ${(error as Error).message}`);
  process.exitCode = 1;
}
