// drainOnSignals on a real worker serving a real mock grid; signals are emitted on a stand-in emitter and the
// clock is injected, so "the same press" is decided by the numbers, not by how fast the machine is.
import { EventEmitter } from 'node:events';
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Backend,
  createWorker,
  drainOnSignals,
  type JobEndEvent,
  parseConfig,
  SAME_PRESS_MS,
  type Worker,
} from '../src/index.js';

const KEY = 'grid_signals_test_key';
let grid: MockGrid | undefined;
let worker: Worker | undefined;
let dispose: (() => void) | undefined;
afterEach(async () => {
  dispose?.();
  await worker?.stop();
  await grid?.close();
  grid = worker = dispose = undefined;
});

/** A backend that streams one token, then holds the job until the worker aborts it. */
const holding: Backend = {
  label: 'holding',
  async handle(_job, { signal, emit }) {
    emit({ content: 'Held' });
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    signal.throwIfAborted();
    return { text: 'Held', finish_reason: 'stop' };
  },
};

async function workerWithJobInFlight(jobs: JobEndEvent[]): Promise<Worker> {
  grid = await startMockGrid({ port: 0 });
  const { config } = parseConfig({
    grid_url: grid.url,
    api_key: KEY,
    endpoints: [{ type: 'demo', models: [{ name: 'signals-worker', grid_model: 'grid/held' }] }],
  });
  let online!: () => void;
  const isOnline = new Promise<void>((resolve) => {
    online = resolve;
  });
  const w = createWorker({
    config,
    backend: holding,
    onJob: (event) => jobs.push(event),
    log: (_level, message) => {
      if (message.includes('registered')) online();
    },
  });
  worker = w;
  void w.run();
  await isOnline;
  void fetch(`${grid.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'grid/held', messages: [{ role: 'user', content: 'hold' }] }),
  }).catch(() => undefined);
  while (w.stats().inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  return w;
}

describe('drainOnSignals', () => {
  it('drains on the first signal, takes a repeat within SAME_PRESS_MS as the same press, hands back on a later one', async () => {
    const jobs: JobEndEvent[] = [];
    const w = await workerWithJobInFlight(jobs);
    const emitter = new EventEmitter();
    let now = 0;
    const logged: string[] = [];
    dispose = drainOnSignals(w, { emitter, now: () => now, log: (_, m) => logged.push(m) }).dispose;

    emitter.emit('SIGINT', 'SIGINT');
    now = SAME_PRESS_MS - 1;
    emitter.emit('SIGINT', 'SIGINT'); // one Ctrl-C, as the terminal and pnpm both deliver it
    expect(w.stats()).toMatchObject({ state: 'draining', inFlight: 1 });

    now = SAME_PRESS_MS;
    emitter.emit('SIGTERM', 'SIGTERM');
    await w.run();
    expect(jobs.map((j) => j.end)).toEqual(['handed_back']);
    expect(logged).toEqual([
      'SIGINT: draining (send it again to hand in-flight jobs back now)',
      'SIGTERM: handing in-flight jobs back',
    ]);
  });

  it('settles at once without a signal, and after one only once a repeat can no longer come', async () => {
    const { config } = parseConfig({ api_key: KEY, endpoints: [{ type: 'demo', models: [{ name: 'w' }] }] });
    const emitter = new EventEmitter();
    const drain = drainOnSignals(createWorker({ config }), { emitter });
    dispose = drain.dispose;
    await drain.settled();
    emitter.emit('SIGTERM', 'SIGTERM');
    let settled = false;
    const done = drain.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    await done;
    expect(emitter.listenerCount('SIGTERM')).toBe(1); // a late repeat still finds the listener
    drain.dispose();
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(0);
  });
});
