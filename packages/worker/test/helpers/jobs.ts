import type { GridJob, JobDelta } from '../../src/job.js';

export function makeJob(overrides: Partial<GridJob> = {}): GridJob {
  return {
    id: 'job-1',
    protocol: 'websocket',
    model: 'grid/test',
    messages: [{ role: 'user', content: 'Hello there' }],
    prompt: 'User: Hello there\nAssistant:',
    params: { max_length: 64, max_context_length: 1024, temperature: 0.5, top_p: 0.9 },
    raw: {},
    ...overrides,
  };
}

/** A JobContext that records emitted deltas. */
export function recorder(signal: AbortSignal = new AbortController().signal) {
  const deltas: JobDelta[] = [];
  return { ctx: { signal, emit: (d: JobDelta) => void deltas.push(d) }, deltas };
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
