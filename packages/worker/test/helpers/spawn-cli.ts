import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The built bin (what `aipg-worker` points at), not src through tsx: tsx compiles on every start, which
// took seconds per process on a busy machine. `pnpm test` builds before it tests.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  /** stderr so far */
  output(): string;
  /** Resolves when stderr contains the text. */
  waitFor(text: string | RegExp): Promise<string>;
  exit: Promise<number | null>;
}

/** Runs the built CLI as a real child process (so signals and exit codes are real). */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  if (!existsSync(CLI)) {
    throw new Error(
      `${CLI} is missing: build first (\`pnpm --filter @aipg/worker build\`, or \`pnpm test\`)`,
    );
  }
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  const waiters: { test: (s: string) => string | undefined; resolve: (s: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const hit = w.test(stderr + stdout);
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  child.stderr!.on('data', (d) => {
    stderr += d.toString();
    check();
  });
  child.stdout!.on('data', (d) => {
    stdout += d.toString();
    check();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => stderr + stdout,
    waitFor(text) {
      return new Promise((resolve, reject) => {
        const test = (s: string) => {
          if (typeof text === 'string') return s.includes(text) ? text : undefined;
          return text.exec(s)?.[0];
        };
        waiters.push({ test, resolve });
        check();
        exit.then(() =>
          setImmediate(() => reject(new Error(`CLI exited before printing ${text}:\n${stderr}${stdout}`))),
        );
      });
    },
    exit,
  };
}
