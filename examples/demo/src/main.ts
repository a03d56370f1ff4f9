// `pnpm start` at the repository root: run the whole grid story once and exit 0, or exit 1 saying
// which step failed. Bounded: after `--time-limit` seconds (default 60) it gives up, saying where it was.
import './die-with-parent.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DemoError, runDemo } from './demo.js';

const { values } = parseArgs({
  options: {
    'time-limit': { type: 'string', default: '60' },
    // Where the image is saved; it stays there after the demo (a rerun replaces it).
    out: { type: 'string', default: join(tmpdir(), 'aipg-demo') },
  },
});
const TIME_LIMIT_MS = Number(values['time-limit']) * 1000;
if (!(TIME_LIMIT_MS > 0)) {
  process.stderr.write(`--time-limit must be a positive number of seconds (got "${values['time-limit']}")\n`);
  process.exit(2);
}
const started = Date.now();
const cleanups: Array<() => Promise<unknown>> = [];
let part = 'starting';

/**
 * Children first (newest first), then the grid: nothing is left behind, whichever way we end. A step
 * registered while this runs is run too: a time limit can fire while the demo is still starting a child
 * (on a loaded machine it did), and that child must not outlive us.
 */
async function cleanUp(): Promise<void> {
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await cleanup().catch(() => {});
}

let failing: Promise<never> | undefined;
/** Reports the first failure only: stopping the children makes the demo's own waits fail as well. */
function fail(message: string, code = 1): Promise<never> {
  failing ??= (async () => {
    process.stderr.write(`\n✖ demo failed during "${part}": ${message}\n`);
    await cleanUp();
    process.exit(code);
  })();
  return failing;
}

const limit = setTimeout(() => void fail(`not finished after ${TIME_LIMIT_MS / 1000} s`), TIME_LIMIT_MS);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => void fail(`stopped by ${signal}`, code));
}

try {
  const result = await runDemo({
    write: (text) => process.stdout.write(text),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    imageDir: values.out!,
    onPart: (name) => {
      part = name;
    },
    onCleanup: (cleanup) => cleanups.push(cleanup),
  });
  await cleanUp();
  clearTimeout(limit);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `\n✔ demo finished in ${seconds} s: ${result.jobs} jobs through 2 doors, every step seen; ` +
      `${result.denCredited} den credited to the worker operator (balance ${result.balance})\n`,
  );
} catch (error) {
  await fail(error instanceof DemoError ? error.message : String((error as Error)?.stack ?? error));
}
