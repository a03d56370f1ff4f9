// Runs a README command (`pnpm mock-grid`, `pnpm worker`, `pnpm --filter … start`) with pnpm as the parent, as a
// user does, in its own process group: the group is what a terminal signals on Ctrl-C, and what must be empty
// once the command has stopped (no orphan left listening).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export interface PnpmRun {
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves with the first match once the output contains it; rejects if pnpm exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** How pnpm itself ended. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A terminal's Ctrl-C: SIGINT to every process of the group at once. */
  interruptGroup(): void;
  /** Resolves true once no process of the group is left, false if some still are after `ms`. */
  groupGone(ms?: number): Promise<boolean>;
  /** SIGKILL whatever is left of the group (test cleanup). */
  kill(): void;
}

export function runPnpm(args: string[], env: Record<string, string> = {}): PnpmRun {
  const child = spawn('pnpm', args, {
    cwd: ROOT,
    detached: true, // its own process group, led by pnpm: the group id is pnpm's pid
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const group = child.pid!;
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of [...waiters]) check();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const groupAlive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    child,
    output: () => output,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
        check();
        void exit.then(() =>
          setImmediate(() => {
            if (!waiters.delete(check)) return;
            reject(new Error(`pnpm ${args.join(' ')} exited before printing ${pattern}:\n${output}`));
          }),
        );
      });
    },
    exit,
    interruptGroup: () => process.kill(-group, 'SIGINT'),
    async groupGone(ms = 10_000) {
      for (const deadline = Date.now() + ms; groupAlive() && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return !groupAlive();
    },
    kill() {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
