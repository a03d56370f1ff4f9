import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  /** stderr so far */
  output(): string;
  /** Resolves when stderr contains the text. */
  waitFor(text: string | RegExp): Promise<string>;
  exit: Promise<number | null>;
}

/** Runs src/cli.ts through tsx as a real child process (so signals and exit codes are real). */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
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
