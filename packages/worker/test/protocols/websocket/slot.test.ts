import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from '../../../src/index.js';
import { workerSocketUrl } from '../../../src/protocols/websocket/slot.js';
import { BRIDGE_AGENT } from '../../../src/version.js';
import { createWorker, type Worker } from '../../../src/worker.js';
import { type FakeWsGrid, startFakeWsGrid } from '../../helpers/fake-ws-grid.js';
import { controlledBackend, testConfig } from '../../helpers/worker-config.js';

let grid: FakeWsGrid | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await worker?.stop();
  await grid?.close();
  worker = undefined;
  grid = undefined;
});

const job = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'job',
  id,
  model: 'grid/demo',
  payload: {
    request: {
      model: 'grid/demo',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 10_000,
      temperature: 0.4,
    },
    api_format: 'openai-chat',
    prompt: 'User: Hi\nAssistant:',
    max_length: 10_000,
    ...extra,
  },
});

describe('workerSocketUrl', () => {
  it('derives the worker socket URL from the grid URL', () => {
    expect(workerSocketUrl('http://127.0.0.1:7001')).toBe('ws://127.0.0.1:7001/v1/workers/ws');
    expect(workerSocketUrl('https://api.aipowergrid.io/api/')).toBe('wss://ws.aipowergrid.io/v1/workers/ws');
    expect(workerSocketUrl('wss://ws.example.test/v1/workers/ws')).toBe(
      'wss://ws.example.test/v1/workers/ws',
    );
  });
});

describe('WebSocket protocol', () => {
  it('registers with the worker limits, waits for ready, answers pings', async () => {
    grid = await startFakeWsGrid();
    worker = createWorker({ config: testConfig({ url: grid.url, maxLength: 300 }) });
    void worker.run();
    const conn = await grid.nextConnection();
    expect(conn.path).toBe('/v1/workers/ws');
    expect(await conn.accept()).toEqual({
      apikey: 'grid_test_key_0001',
      name: 'test-worker',
      models: ['grid/demo'],
      max_length: 300,
      max_context_length: 2048,
      bridge_agent: BRIDGE_AGENT,
      api_formats: ['openai-chat'],
      job_types: ['text'],
    });
    expect(BRIDGE_AGENT).toMatch(/^AIPG TS Worker:\d+\.\d+\.\d+[^:]*:https:\/\//);
    conn.send({ type: 'ping' });
    await conn.type('pong');
    expect(worker.stats()).toMatchObject({ state: 'idle', connected: 1 });
  });

  it('streams token frames, answers pings mid-job, sends done with usage, records the ack den', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({
      config: testConfig({ url: grid.url, maxLength: 100 }),
      backend: control.backend,
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('j1'));
    const call = await control.nextCall();
    // clamped to the advertised max_length; request params and messages passed through
    expect(call.job).toMatchObject({
      id: 'j1',
      protocol: 'websocket',
      messages: [{ role: 'user', content: 'Hi' }],
      params: { max_length: 100, max_context_length: 2048, temperature: 0.4 },
    });
    call.ctx.emit({ content: 'Hel' });
    expect(await conn.type('token')).toEqual({ type: 'token', id: 'j1', delta: { content: 'Hel' } });
    expect(worker.stats().state).toBe('busy');
    conn.send({ type: 'ping' });
    await conn.type('pong');
    call.ctx.emit({ reasoning_content: 'hmm' });
    call.ctx.emit({ content: 'lo' });
    call.finish({
      text: 'Hello',
      reasoning: 'hmm',
      finish_reason: 'stop',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(await conn.type('done')).toEqual({
      type: 'done',
      id: 'j1',
      full_text: 'Hello',
      full_reasoning: 'hmm',
      finish_reason: 'stop',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(conn.frames.filter((f) => f.type === 'token').map((f) => f.delta)).toEqual([
      { content: 'Hel' },
      { reasoning_content: 'hmm' },
      { content: 'lo' },
    ]);
    conn.send({ type: 'ack', id: 'j1', den: 1.5 });
    conn.send({ type: 'ping' });
    await conn.next((f) => f.type === 'pong', conn.frames.length);
    expect(worker.stats()).toMatchObject({ jobs: { done: 1 }, tokens: 2, den: 1.5, inFlight: 0 });
  });

  it('cancel aborts the backend and sends done with the partial text and cancelled: true', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({ config: testConfig({ url: grid.url }), backend: control.backend });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('j2'));
    const call = await control.nextCall();
    call.ctx.emit({ content: 'part' });
    await conn.type('token');
    conn.send({ type: 'cancel', id: 'j2' });
    expect(await conn.type('done')).toEqual({
      type: 'done',
      id: 'j2',
      full_text: 'part',
      finish_reason: 'cancelled',
      cancelled: true,
    });
    expect(call.ctx.signal.aborted).toBe(true);
    expect(worker.stats().jobs.cancelled).toBe(1);
  });

  it('reports backend failures as error frames with client_error', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({ config: testConfig({ url: grid.url }), backend: control.backend });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('bad'));
    (await control.nextCall()).fail(
      new BackendError('backend HTTP 422: context too long', { status: 422, clientError: true }),
    );
    expect(await conn.type('error', 'bad')).toEqual({
      type: 'error',
      id: 'bad',
      message: 'backend HTTP 422: context too long',
      client_error: true,
    });
    conn.send(job('broken'));
    (await control.nextCall()).fail(new BackendError('backend HTTP 500', { status: 500 }));
    expect(await conn.type('error', 'broken')).toMatchObject({ client_error: false });
    conn.send(job('empty'));
    (await control.nextCall()).finish({ text: '', finish_reason: 'stop' });
    expect(await conn.type('error', 'empty')).toMatchObject({
      message: 'backend produced no output',
      client_error: false,
    });
    expect(worker.stats().jobs.failed).toBe(3);
  });

  it('job_timeout limits the time without output: a silent backend is aborted and reported, a streaming one is not', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({
      config: testConfig({ url: grid.url, jobTimeoutMs: 200 }),
      backend: control.backend,
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    // The job clock is faked (the sockets stay real): real 60 ms gaps against a real 200 ms limit were a
    // race a busy machine could lose.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Streams for longer than the timeout in total, never silent for that long: it finishes.
    conn.send(job('chatty'));
    const chatty = await control.nextCall();
    for (let i = 0; i < 6; i++) {
      chatty.ctx.emit({ content: `${i}` });
      await vi.advanceTimersByTimeAsync(199);
    }
    chatty.finish({ text: '012345', finish_reason: 'stop' });
    expect(await conn.type('done', 'chatty')).toMatchObject({ full_text: '012345' });
    // Says one thing, then hangs: aborted, and the grid hears of it (it re-queues at once, not after 300 s).
    conn.send(job('hung'));
    const hung = await control.nextCall();
    hung.ctx.emit({ content: 'I will' });
    await vi.advanceTimersByTimeAsync(199);
    expect(hung.ctx.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await conn.type('error', 'hung')).toEqual({
      type: 'error',
      id: 'hung',
      message: 'backend produced no output for 0.2 s (job_timeout)',
      client_error: false,
    });
    expect(hung.ctx.signal.aborted).toBe(true);
    expect(worker.stats().jobs).toMatchObject({ done: 1, failed: 1 });
  });

  it.each([4001, 4003])('close %i is fatal: a clear error and no reconnect', async (code) => {
    grid = await startFakeWsGrid();
    const sleeps: number[] = [];
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      sleep: async (ms) => void sleeps.push(ms),
    });
    const running = worker.run();
    const conn = await grid.nextConnection();
    await conn.next();
    conn.send({ type: 'error', message: 'Invalid API key' });
    conn.close(code, 'Invalid API key');
    await expect(running).rejects.toThrow(
      `grid refused worker "test-worker" (close ${code}: Invalid API key)`,
    );
    expect(grid.connections).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reconnects with jittered back-off 1 s → 30 s, reset after a successful register', async () => {
    grid = await startFakeWsGrid();
    const sleeps: number[] = [];
    let jitter = 1;
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      random: () => jitter,
      sleep: async (ms) => void sleeps.push(ms),
    });
    void worker.run();
    for (let i = 0; i < 7; i++) (await grid.nextConnection()).close(1011, 'server error');
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
    jitter = 0; // the lowest jitter is half the step
    const ok = await grid.nextConnection();
    expect(sleeps.at(-1)).toBe(15000);
    await ok.accept();
    ok.close(1001, 'going away');
    await grid.nextConnection();
    expect(sleeps.at(-1)).toBe(500);
  });

  it('1012 (replaced) ends that connection without a reconnect loop', async () => {
    grid = await startFakeWsGrid();
    const logs: string[] = [];
    worker = createWorker({ config: testConfig({ url: grid.url }), log: (_l, m) => logs.push(m) });
    const running = worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.close(1012, 'replaced');
    await running;
    expect(grid.connections).toHaveLength(1);
    expect(logs.join('\n')).toContain('replaced by a newer connection with the same name');
  });

  it('1012 with a "service restart" reason (the grid shutting down) reconnects later', async () => {
    grid = await startFakeWsGrid();
    const logs: string[] = [];
    const sleeps: number[] = [];
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      log: (_l, m) => logs.push(m),
      random: () => 1,
      sleep: async (ms) => void sleeps.push(ms),
    });
    void worker.run();
    const first = await grid.nextConnection();
    await first.accept();
    first.close(1012, 'service restart: the grid is shutting down');
    const second = await grid.nextConnection();
    expect((await second.accept()).name).toBe('test-worker');
    expect(sleeps).toEqual([1000]);
    expect(logs.join('\n')).toContain('the grid is restarting (close 1012 service restart');
  });

  it('opens one connection per thread, named name, name#2, …', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({ config: testConfig({ url: grid.url, maxThreads: 3 }), backend: control.backend });
    void worker.run();
    const conns = [await grid.nextConnection(), await grid.nextConnection(), await grid.nextConnection()];
    const names = (await Promise.all(conns.map((c) => c.accept()))).map((r) => r.name);
    expect(names.sort()).toEqual(['test-worker', 'test-worker#2', 'test-worker#3']);
    for (const [i, c] of conns.entries()) c.send(job(`p${i}`));
    const calls = [await control.nextCall(), await control.nextCall(), await control.nextCall()];
    expect(worker.stats().inFlight).toBe(3);
    for (const call of calls) call.finish({ text: call.job.id, finish_reason: 'stop' });
    const done = await Promise.all(conns.map((c) => c.type('done')));
    expect(done.map((d) => d.full_text).sort()).toEqual(['p0', 'p1', 'p2']);
  });

  it('drain: idle connections close at once, the in-flight job finishes, then run() resolves', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({ config: testConfig({ url: grid.url, maxThreads: 2 }), backend: control.backend });
    const running = worker.run();
    const [a, b] = [await grid.nextConnection(), await grid.nextConnection()];
    await Promise.all([a.accept(), b.accept()]);
    a.send(job('inflight'));
    const call = await control.nextCall();
    const drained = worker.drain();
    expect(worker.stats().state).toBe('draining');
    expect((await b.closed).code).toBe(1000);
    call.ctx.emit({ content: 'finished' });
    call.finish({ text: 'finished', finish_reason: 'stop' });
    expect(await a.type('done')).toMatchObject({ id: 'inflight', full_text: 'finished' });
    // The connection waits for the ack of its last job before it closes, so the den is counted.
    a.send({ type: 'ack', id: 'inflight', den: 4 });
    expect((await a.closed).code).toBe(1000);
    await drained;
    await running;
    expect(worker.stats()).toMatchObject({ state: 'stopped', jobs: { done: 1 }, den: 4 });
    expect(grid.connections).toHaveLength(2);
  });

  it('drain past its timeout hands the job back with an error frame', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({ config: testConfig({ url: grid.url }), backend: control.backend });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('slow'));
    const call = await control.nextCall();
    await worker.drain({ timeoutMs: 0 });
    expect(call.ctx.signal.aborted).toBe(true);
    expect(conn.frames.at(-1)).toEqual({
      type: 'error',
      id: 'slow',
      message: 'worker shutting down: job handed back',
      client_error: false,
    });
    expect(worker.stats().jobs.handed_back).toBe(1);
  });

  it('a job that arrives while the connection is leaving is not started: the socket closes and the grid re-queues it', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    const logs: string[] = [];
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      backend: control.backend,
      log: (_level, message) => logs.push(message),
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('first'));
    const call = await control.nextCall();
    const drained = worker.drain();
    call.finish({ text: 'ok', finish_reason: 'stop' });
    await conn.type('done', 'first');
    // The worker now waits for the ack before closing; the grid sends the next job instead.
    conn.send(job('late'));
    expect((await conn.closed).code).toBe(1000);
    await drained;
    expect(control.calls).toHaveLength(1);
    expect(conn.frames.filter((f) => f.id === 'late')).toEqual([]);
    expect(logs).toContain(
      'test-worker: job late arrived as the connection was leaving; not started (the grid re-queues it)',
    );
    expect(worker.stats().jobs).toMatchObject({ done: 1, lost: 0, failed: 0 });
  });

  it('circuit breaker: N backend failures in a row take the worker off the grid for the pause, then it returns', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    let now = 1_000_000;
    const sleeps: number[] = [];
    worker = createWorker({
      config: testConfig({ url: grid.url, circuitBreaker: { failures: 2, pauseMs: 30_000 } }),
      backend: control.backend,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('f1'));
    (await control.nextCall()).fail(new BackendError('backend HTTP 500'));
    await conn.type('error', 'f1');
    conn.send(job('f2'));
    (await control.nextCall()).fail(new BackendError('backend unreachable'));
    await conn.type('error', 'f2');
    expect((await conn.closed).code).toBe(1000);
    const again = await grid.nextConnection();
    expect(sleeps).toContain(30_000);
    await again.accept();
    again.send(job('ok'));
    (await control.nextCall()).finish({ text: 'back', finish_reason: 'stop' });
    expect(await again.type('done')).toMatchObject({ full_text: 'back' });
  });

  it('a lost connection mid-job aborts the backend; the job is not reported on the new connection', async () => {
    grid = await startFakeWsGrid();
    const control = controlledBackend();
    worker = createWorker({
      config: testConfig({ url: grid.url }),
      backend: control.backend,
      sleep: async () => {},
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(job('gone'));
    const call = await control.nextCall();
    conn.close(1011, 'boom');
    const next = await grid.nextConnection();
    await next.accept();
    expect(call.ctx.signal.aborted).toBe(true);
    expect(worker.stats().jobs.lost).toBe(1);
    expect(next.frames).toHaveLength(1); // only the register frame
  });
});

describe('WebSocket protocol: grid unreachable', () => {
  it('keeps retrying a refused connection with back-off until drained', async () => {
    const closed = await startFakeWsGrid();
    const url = closed.url;
    await closed.close();
    const sleeps: number[] = [];
    const logs: string[] = [];
    const w = createWorker({
      config: testConfig({ url }),
      random: () => 1,
      log: (_level, message) => logs.push(message),
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 3) void w.drain();
      },
    });
    await w.run();
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(logs.filter((m) => m.includes('reconnecting in'))).toHaveLength(3);
    expect(w.stats().state).toBe('stopped');
  });
});

describe('WebSocket protocol: dead connections', () => {
  it('drops a connection whose protocol-level ping goes unanswered, then reconnects', async () => {
    grid = await startFakeWsGrid({ autoPong: false });
    worker = createWorker({ config: testConfig({ url: grid.url }), heartbeatMs: 20, sleep: async () => {} });
    void worker.run();
    const silent = await grid.nextConnection();
    await silent.accept();
    expect((await silent.closed).code).toBe(1006); // terminated by the worker
    await grid.nextConnection();
  });
});
