/**
 * `aipg-mock-grid` — runs the mock grid on a port until SIGINT/SIGTERM, then shuts down gracefully
 * (docs/mock-grid.md "Shutdown"). Log lines go to stderr.
 *   pnpm mock-grid --port 7001 --auth strict --keys keys.yaml --log-json
 */
import type { Logger } from '@aipg/sdk';
import { CliUsageError, DEFAULT_GRACE_MS, parseCliArgs, USAGE } from './cli/args.js';
import { readFleetFile } from './cli/fleet-file.js';
import { KeysFileError, readKeysFile } from './cli/keys-file.js';
import { toKeyEntries } from './keys.js';
import { startMockGrid } from './server.js';
import { DEFAULT_FLEET, FleetError, type FleetSpec } from './simulate/fleet.js';

/** A repeat of a signal within this long is the same press (see below). */
const SAME_PRESS_MS = 1000;

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err;
    process.stderr.write(`aipg-mock-grid: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let keys: ReturnType<typeof toKeyEntries> | undefined;
  if (options.keysFile) {
    try {
      keys = toKeyEntries(await readKeysFile(options.keysFile));
    } catch (err) {
      if (!(err instanceof KeysFileError)) throw err;
      process.stderr.write(`aipg-mock-grid: ${err.message}\n`);
      return 2;
    }
  }
  let fleet: FleetSpec | undefined;
  if (options.simulate !== undefined) {
    try {
      fleet = options.simulate === true ? DEFAULT_FLEET : await readFleetFile(options.simulate);
    } catch (err) {
      if (!(err instanceof FleetError)) throw err;
      process.stderr.write(`aipg-mock-grid: ${err.message}\n`);
      return 2;
    }
  }
  // A simulated grid has the rate limits off (a suite of chats must not stall), unless --rate-limits.
  const rateLimitsOff = !options.rateLimits || (fleet !== undefined && !options.forceRateLimits);
  const grid = await startMockGrid({
    port: options.port,
    host: options.host,
    auth: options.auth,
    ...(keys ? { keys } : {}),
    ...(fleet ? { simulate: fleet } : {}),
    ...(rateLimitsOff ? { rateLimits: false as const } : {}),
    ...(options.requireSignatures || options.allowAnonymous || options.verify
      ? {
          grid: {
            ...(options.requireSignatures ? { allowUnsignedResults: false } : {}),
            ...(options.allowAnonymous ? { allowAnonymous: true } : {}),
            ...(options.verify
              ? { verification: { probe: true, canaryEveryMs: options.verify.canaryEveryMs } }
              : {}),
          },
        }
      : {}),
    shutdownGraceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    logger: stderrLogger(options.logJson === true),
    logLevel: options.logLevel ?? 'info',
    logJson: options.logJson === true,
  });
  process.stdout.write(`AIPG mock grid listening on ${grid.url}\n`);
  if (options.verify) {
    const every = options.verify.canaryEveryMs;
    process.stdout.write(
      `verifying workers: a probe before each new text worker's first job, ${every === null ? 'no canaries' : `a canary every ${every / 1000} s`}\n`,
    );
  }
  if (fleet) {
    for (const w of grid.fleet) {
      const speed = w.spec.image
        ? `image, ${w.spec.ttft_ms} ms a job`
        : `${w.spec.tokens_per_second} tokens/s`;
      const slots = w.spec.concurrency > 1 ? `, ${w.spec.concurrency} connections` : '';
      process.stdout.write(`simulated worker ${w.name}: ${w.models.join(', ')} (${speed}${slots})\n`);
    }
    process.stdout.write(
      rateLimitsOff ? 'rate limits are off (--rate-limits keeps them on)\n' : 'rate limits are on\n',
    );
  }
  let stoppedAt = 0;
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      if (stoppedAt === 0) {
        stoppedAt = Date.now();
        resolve();
      } else if (Date.now() - stoppedAt >= SAME_PRESS_MS) {
        // A second press while the grace period runs: hand back at once.
        void grid.close({ graceMs: 0 });
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await grid.close();
  // One Ctrl-C reaches the process twice: from the terminal (it signals the whole process group) and again passed
  // on by pnpm. A repeat that arrived while Node is exiting, after it has dropped its signal handlers, would kill
  // the process by that signal and pnpm would report the clean stop as a failure: stay (listening, as `on` does
  // above, not `once`) until the repeat has come.
  await new Promise((resolve) => setTimeout(resolve, SAME_PRESS_MS - (Date.now() - stoppedAt)));
  return 0;
}

/** Log lines on stderr (stdout carries the listening line): `time LEVEL line`, or the JSON line as is. */
function stderrLogger(json: boolean): Logger {
  const write = (level: string) => (message: string) => {
    process.stderr.write(json ? `${message}\n` : `${new Date().toISOString()} ${level} ${message}\n`);
  };
  return { debug: write('DEBUG'), info: write('INFO'), warn: write('WARN'), error: write('ERROR') };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`aipg-mock-grid: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
