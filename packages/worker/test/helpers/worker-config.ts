import type { WorkerConfig } from '../../src/config/types.js';

export function testConfig(
  overrides: Partial<WorkerConfig> & { maxThreads?: number; maxLength?: number } = {},
): WorkerConfig {
  const { maxThreads = 1, maxLength = 64, ...rest } = overrides;
  return {
    protocol: 'websocket',
    url: 'http://127.0.0.1:1',
    apiKey: 'grid_test_key_0001',
    nsfw: false,
    queueSize: 0,
    drainTimeoutMs: 60_000,
    circuitBreaker: { failures: 5, pauseMs: 30_000 },
    endpoints: [
      {
        type: 'demo',
        name: 'demo',
        url: '',
        apiKey: '',
        tokensPerSecond: 0,
        models: [
          {
            name: 'test-worker',
            model: 'demo',
            gridModel: 'grid/demo',
            maxThreads,
            maxLength,
            maxContextLength: 2048,
          },
        ],
      },
    ],
    ...rest,
  };
}

/** A backend whose every call is controlled by the test. */
export function controlledBackend() {
  type Call = {
    job: import('../../src/job.js').GridJob;
    ctx: import('../../src/job.js').JobContext;
    finish(result: import('../../src/job.js').JobResult): void;
    fail(error: unknown): void;
  };
  const calls: Call[] = [];
  const waiters: ((c: Call) => void)[] = [];
  const backend = {
    label: 'controlled',
    handle: (job: Call['job'], ctx: Call['ctx']) =>
      new Promise<import('../../src/job.js').JobResult>((resolve, reject) => {
        const call: Call = { job, ctx, finish: resolve, fail: reject };
        ctx.signal.addEventListener('abort', () => {
          const error = new Error('aborted');
          error.name = 'AbortError';
          reject(error);
        });
        calls.push(call);
        waiters.shift()?.(call);
      }),
  };
  let claimed = 0;
  return {
    backend,
    calls,
    nextCall(): Promise<Call> {
      if (claimed < calls.length) return Promise.resolve(calls[claimed++]!);
      return new Promise((resolve) => {
        waiters.push((c) => {
          claimed += 1;
          resolve(c);
        });
      });
    },
  };
}
