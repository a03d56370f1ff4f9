// aipg-worker: run a grid worker from bridgeData.yaml or GRID_* env vars.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config/load.js';
import { ConfigError, FatalError } from './errors.js';
import { startMetricsServer } from './metrics.js';
import { drainOnSignals } from './signals.js';
import { defaultKeyFile, loadOrCreateWorkerKey, type WorkerKey } from './signing.js';
import { createDisplay, showStatus } from './status.js';
import { WORKER_VERSION } from './version.js';
import { createWorker } from './worker.js';

const HELP = `aipg-worker ${WORKER_VERSION} — serve AI Power Grid jobs with a local model

Usage: aipg-worker [--config bridgeData.yaml] [options]

  -c, --config FILE        bridgeData.yaml (multi-bridge format); without it GRID_* env vars are used
      --protocol NAME      websocket (live grid) | horde (AI Horde v2 pop/submit)
      --url URL            grid base URL (overrides horde_url / grid_url / GRID_API_URL)
      --metrics-port N     serve Prometheus metrics on http://127.0.0.1:N/metrics
      --drain-timeout S    seconds in-flight jobs may finish after SIGINT/SIGTERM (default: config, 60)
      --key FILE           the Ed25519 key that signs results, made on first run (default: GRID_WORKER_KEY,
                           else aipg-worker.key beside the config file, else in the working directory)
  -v, --verbose            debug log lines
  -h, --help               this help
      --version            print the version

SIGINT/SIGTERM drain: no new jobs, in-flight jobs finish (handed back after the drain timeout), exit 0.
A second signal hands in-flight jobs back at once. Docs: docs/worker.md`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${WORKER_VERSION}\n`);
    return 0;
  }
  const display = createDisplay(process.stderr, Boolean(values.verbose));

  let loaded: Awaited<ReturnType<typeof loadConfig>>;
  try {
    loaded = await loadConfig({
      file: values.config ? resolve(values.config) : undefined,
      overrides: { protocol: values.protocol, url: values.url },
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const warning of loaded.warnings) display.log('warn', `config: ${warning}`);
  const config = loaded.config;
  if (values['drain-timeout'] !== undefined) {
    const seconds = Number(values['drain-timeout']);
    if (!Number.isFinite(seconds) || seconds < 0) {
      process.stderr.write(
        `--drain-timeout: must be a number of seconds ≥ 0, got "${values['drain-timeout']}"\n`,
      );
      return 2;
    }
    config.drainTimeoutMs = seconds * 1000;
  }

  const configFile = values.config ? resolve(values.config) : undefined;
  const keyFile = resolve(
    values.key ?? process.env.GRID_WORKER_KEY ?? defaultKeyFile(configFile, process.cwd()),
  );
  let key: WorkerKey;
  try {
    key = await loadOrCreateWorkerKey(keyFile);
  } catch (error) {
    if (!(error instanceof FatalError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (key.created) display.log('info', `made a new signing key: ${keyFile}`);

  const worker = createWorker({ config, key, log: (level, message) => display.log(level, message) });
  let metrics: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  if (values['metrics-port'] !== undefined) {
    const port = Number(values['metrics-port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(
        `--metrics-port: must be a port number 0–65535, got "${values['metrics-port']}"\n`,
      );
      return 2;
    }
    metrics = await startMetricsServer(worker, { port });
    display.log('info', `metrics on ${metrics.url}/metrics`);
  }

  const signals = drainOnSignals(worker, { log: display.log });

  const status = showStatus(worker, display);

  try {
    await worker.run();
    return 0;
  } catch (error) {
    display.log('error', (error as Error).message);
    return 1;
  } finally {
    status.stop();
    await metrics?.close();
    await signals.settled(); // main() ends in process.exit(): not before a repeat of the signal is absorbed
  }
}

function parse() {
  return parseArgs({
    options: {
      config: { type: 'string', short: 'c' },
      protocol: { type: 'string' },
      url: { type: 'string' },
      'metrics-port': { type: 'string' },
      'drain-timeout': { type: 'string' },
      key: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
