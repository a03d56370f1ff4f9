/**
 * `aipg-mock-grid` — runs the mock grid on a port until SIGINT/SIGTERM.
 *   pnpm mock-grid --port 7001 --auth strict --keys keys.yaml
 */
import { CliUsageError, parseCliArgs, USAGE } from './cli/args.js';
import { KeysFileError, readKeysFile } from './cli/keys-file.js';
import { toKeyEntries } from './keys.js';
import { startMockGrid } from './server.js';

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
  const grid = await startMockGrid({
    port: options.port,
    host: options.host,
    auth: options.auth,
    ...(keys ? { keys } : {}),
    ...(options.rateLimits ? {} : { rateLimits: false as const }),
    ...(options.allowAnonymous ? { grid: { allowAnonymous: true } } : {}),
  });
  process.stdout.write(`AIPG mock grid listening on ${grid.url}\n`);
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  const stoppedAt = Date.now();
  await grid.close();
  // One Ctrl-C reaches the process twice: from the terminal (it signals the whole process group) and again passed
  // on by pnpm. A repeat that arrived while Node is exiting, after it has dropped its signal handlers, would kill
  // the process by that signal and pnpm would report the clean stop as a failure: stay (listening, as `on` does
  // above, not `once`) until the repeat has come.
  await new Promise((resolve) => setTimeout(resolve, SAME_PRESS_MS - (Date.now() - stoppedAt)));
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
