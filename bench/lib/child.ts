// Helper processes (servers, a worker) for benchmarks that must not share a core with the load generator.
// The child is `bench/servers/serve.ts <kind> …`; it reports its URL over IPC, answers CPU queries, and
// exits when told to or as soon as its parent goes away, so nothing outlives a run.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('../servers/serve.ts', import.meta.url));

export type ChildKind =
  | 'fixed'
  | 'replay'
  | 'relay'
  | 'objects'
  | 'grid'
  | 'simulated'
  | 'prism'
  | 'worker'
  | 'tiny';

export interface Helper {
  url: string;
  pid: number;
  /** Sends a message and waits for the child's answer to it. */
  call<T = unknown>(message: Record<string, unknown>): Promise<T>;
  /** Starts a CPU measurement in the child; the returned function reads its share of one core since then. */
  cpu(): Promise<() => Promise<number>>;
  stop(): Promise<void>;
}

export async function startHelper(kind: ChildKind, args: string[] = []): Promise<Helper> {
  const child: ChildProcess = fork(SERVE, [kind, ...args], {
    // BENCH_CPU_PROF=<dir>: each helper writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} helper did not start within 20 s`)), 20_000);
    child.once('exit', (code) => reject(new Error(`${kind} helper exited with ${code} before it was ready`)));
    child.on('message', (raw) => {
      const message = raw as { type: string; id?: number; url?: string; value?: unknown };
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url!);
      } else if (message.type === 'reply' && message.id !== undefined) {
        pending.get(message.id)?.(message.value);
        pending.delete(message.id);
      }
    });
  });
  const call = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ ...message, id });
    });
  return {
    url,
    pid: child.pid!,
    call,
    async cpu() {
      await call({ type: 'cpu-start' });
      return () => call<number>({ type: 'cpu-read' });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
