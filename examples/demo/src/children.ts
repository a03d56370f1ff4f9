// The examples run as real programs: each in its own node process, its output shown line by line.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const EXAMPLES = new URL('../../', import.meta.url);
const DIE_WITH_PARENT = new URL('./die-with-parent.ts', import.meta.url).href;

export interface Example {
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals>;
  /** Ends it: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<number | NodeJS.Signals>;
}

export interface ExampleOptions {
  args?: string[];
  /** Written to its stdin, which is then closed (scripted input). Default: no stdin. */
  input?: string;
  /** Each line it prints, stdout and stderr alike. */
  onLine: (line: string) => void;
}

/** "exited with code 1", "was stopped by SIGTERM". */
export function describeExit(exit: number | NodeJS.Signals): string {
  return typeof exit === 'number' ? `exited with code ${exit}` : `was stopped by ${exit}`;
}

/** Runs `examples/<name>/src/main.ts` the way its `pnpm start` does, from its own folder. */
export function runExample(name: string, options: ExampleOptions): Example {
  const cwd = fileURLToPath(new URL(`${name}/`, EXAMPLES));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', DIE_WITH_PARENT, 'src/main.ts', ...(options.args ?? [])],
    { cwd, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', options.onLine);
  }
  if (options.input !== undefined) child.stdin?.end(options.input);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'SIGKILL'));
    child.once('error', (error) => {
      options.onLine(`could not start: ${error.message}`);
      resolve(-1);
    });
  });
  return {
    child,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
