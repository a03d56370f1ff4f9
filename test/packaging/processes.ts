// Child processes for the packaging test: programs run to completion, CLIs kept running until stopped.
// Waits end on output or exit; the time limits are generous backstops for a hung process, never assertions.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `limitMs`, which only a hung program reaches). */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; limitMs?: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const limit = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? 120_000);
    child.once('error', (error) => {
      clearTimeout(limit);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `run`, but a non-zero exit is an error carrying what the command printed. */
export async function runOrThrow(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; limitMs?: number },
): Promise<string> {
  const done = await run(command, args, options);
  if (done.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${options.cwd} ended with ${done.code ?? done.signal}:\n` +
        `${done.stdout}\n${done.stderr}`,
    );
  }
  return done.stdout;
}

export interface Service {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a long-running command and resolves once a line matches `ready` (with that match), or rejects
 * if it exits first or prints no such line within `limitMs`. Without `ready` it resolves at once.
 */
export function start(
  command: string,
  args: string[],
  options: { cwd: string; ready?: RegExp; limitMs?: number },
): Promise<{ service: Service; match: RegExpExecArray | undefined }> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const service: Service = {
    child,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
  let ready = false;
  return new Promise((resolve, reject) => {
    if (!options.ready) {
      ready = true;
      resolve({ service, match: undefined });
    }
    const fail = (why: string) => {
      if (ready) return;
      void service.stop();
      reject(new Error(`\`${command} ${args.join(' ')}\` ${why}:\n${service.output()}`));
    };
    const limit = setTimeout(
      () => fail(`printed no line matching ${options.ready}`),
      options.limitMs ?? 120_000,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const match = options.ready?.exec(line);
        if (match && !ready) {
          clearTimeout(limit);
          ready = true;
          resolve({ service, match });
        }
      });
    }
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      fail(`exited (${code ?? signal}) before it was ready`);
    });
  });
}
