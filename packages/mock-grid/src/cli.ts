/**
 * `aipg-mock-grid` — runs the mock grid on a port until SIGINT/SIGTERM.
 *   pnpm mock-grid --port 7001 --auth strict --keys keys.yaml
 */
import { CliUsageError, parseCliArgs, USAGE } from './cli/args.js';
import { KeysFileError, readKeysFile } from './cli/keys-file.js';
import { toKeyEntries } from './keys.js';
import { startMockGrid } from './server.js';

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
  const grid = await startMockGrid({
    port: options.port,
    host: options.host,
    auth: options.auth,
    ...(keys ? { keys } : {}),
    ...(options.rateLimits ? {} : { rateLimits: false as const }),
  });
  process.stdout.write(`AIPG mock grid listening on ${grid.url}\n`);
  // `on`, not `once`: one Ctrl-C can arrive twice (from the terminal, and again forwarded by pnpm), and a repeat
  // that found no listener would kill the process mid-close — pnpm would then report a failure.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  await grid.close();
  return 0;
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
