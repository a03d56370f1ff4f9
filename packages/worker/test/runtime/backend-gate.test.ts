// A worker whose backend is down stays off the grid (no register, no pop) and comes on once a probe passes;
// a job failure that turns out to be a dead backend takes it off again. Nothing is taken that cannot be served.
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerConfig } from '../../src/config/types.js';
import { type Backend, BackendError, FatalError } from '../../src/index.js';
import { createWorker, type Worker } from '../../src/worker.js';
import { type FakeWsGrid, startFakeWsGrid } from '../helpers/fake-ws-grid.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { deferred } from '../helpers/jobs.js';
import { controlledBackend, testConfig } from '../helpers/worker-config.js';

let grid: FakeWsGrid | undefined;
let server: TestServer | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await grid?.close();
  await server?.close();
  worker = grid = server = undefined;
});

const job = (id: string) => ({
  type: 'job',
  id,
  model: 'grid/demo',
  payload: { request: { messages: [{ role: 'user', content: 'Hi' }] }, prompt: 'Hi', max_length: 10 },
});

/** The controlled backend plus a probe the test switches up and down; records what the grid saw at each probe. */
function probedBackend(seen: () => number) {
  const control = controlledBackend();
  const state = { up: false, probes: [] as number[] };
  const backend: Backend = {
    ...control.backend,
    async probe() {
      state.probes.push(seen());
      if (!state.up) throw new BackendError('connect ECONNREFUSED');
      return undefined;
    },
  };
  return { control, state, backend };
}

describe('backend gate', () => {
  it('WebSocket: no connection while the backend is down; registers once a probe passes', async () => {
    grid = await startFakeWsGrid();
    const { state, backend } = probedBackend(() => grid!.connections.length);
    const logs: string[] = [];
    const fourthProbe = deferred();
    const states: string[] = [];
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      backend,
      log: (_level, message) => logs.push(message),
      sleep: async () => {
        states.push(worker!.stats().state);
        if (state.probes.length === 3) state.up = true;
        if (state.probes.length >= 3) fourthProbe.resolve();
      },
    });
    void worker.run();
    await fourthProbe.promise;
    const conn = await grid.nextConnection();
    await conn.accept();
    expect(state.probes).toEqual([0, 0, 0, 0]); // the grid saw nothing until the 4th probe passed
    expect(states).toEqual(['paused', 'paused', 'paused']);
    expect(logs.filter((l) => l.includes('is not answering'))).toEqual([
      'test-worker: backend controlled is not answering (connect ECONNREFUSED); taking no jobs until it does',
    ]);
    expect(logs).toContain('test-worker: backend controlled is up; taking jobs');
  });

  it('WebSocket: a failed job whose backend then fails its probe reports the job and leaves the grid', async () => {
    grid = await startFakeWsGrid();
    const { control, state, backend } = probedBackend(() => grid!.connections.length);
    state.up = true;
    const downSleep = deferred();
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      backend,
      sleep: async () => {
        downSleep.resolve();
        state.up = true;
      },
    });
    void worker.run();
    const first = await grid.nextConnection();
    await first.accept();
    first.send(job('j1'));
    const call = await control.nextCall();
    state.up = false;
    call.fail(new BackendError('backend unreachable at http://127.0.0.1:1/v1/chat/completions'));
    expect(await first.type('error', 'j1')).toMatchObject({ client_error: false });
    expect(await first.closed).toEqual({ code: 1000, reason: 'backend down' });
    await downSleep.promise; // waited for the backend before connecting again
    const second = await grid.nextConnection();
    await second.accept();
    expect(state.probes).toEqual([0, 1, 1, 1]); // start, after the failure, then while waiting
  });

  it('Horde: no pop while the backend is down', async () => {
    const pops: string[] = [];
    server = await startServer((req, res) => {
      pops.push(req.url);
      json(res, 200, { id: null, ids: [], skipped: {} });
    });
    const { state, backend } = probedBackend(() => pops.length);
    const popped = deferred();
    worker = createWorker({
      config: testConfig({ protocol: 'horde', url: server.url }),
      backend,
      sleep: async () => {
        if (pops.length > 0) popped.resolve();
        if (state.probes.length === 2) state.up = true;
      },
    });
    void worker.run();
    await popped.promise;
    expect(state.probes).toEqual([0, 0, 0]);
  });

  it('a koboldai endpoint without a model advertises the one the backend names', async () => {
    grid = await startFakeWsGrid();
    server = await startServer((req, res) =>
      req.url === '/api/v1/model'
        ? json(res, 200, { result: 'koboldcpp/tiefighter-13b' })
        : json(res, 404, {}),
    );
    const base = testConfig({ url: grid.url });
    const config: WorkerConfig = {
      ...base,
      endpoints: [
        {
          ...base.endpoints[0]!,
          type: 'koboldai',
          url: server.url,
          models: [{ ...base.endpoints[0]!.models[0]!, model: '', gridModel: '' }],
        },
      ],
    };
    worker = createWorker({ config });
    void worker.run();
    const conn = await grid.nextConnection();
    expect(await conn.accept()).toMatchObject({ name: 'test-worker', models: ['grid/tiefighter-13b'] });
  });

  it('a backend without a probe and no model to advertise is refused at start', async () => {
    const base = testConfig();
    const config: WorkerConfig = {
      ...base,
      endpoints: [
        { ...base.endpoints[0]!, models: [{ ...base.endpoints[0]!.models[0]!, model: '', gridModel: '' }] },
      ],
    };
    const error = await createWorker({ config, backend: controlledBackend().backend })
      .run()
      .catch((e) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect(error.message).toBe(
      'test-worker: no model to advertise; set `model` or `grid_model` in the config',
    );
  });
});
