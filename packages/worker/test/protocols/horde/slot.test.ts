import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from '../../../src/index.js';
import { BRIDGE_AGENT } from '../../../src/version.js';
import { createWorker, type Worker } from '../../../src/worker.js';
import { json, type RecordedRequest, startServer, type TestServer } from '../../helpers/http-server.js';
import { deferred } from '../../helpers/jobs.js';
import { controlledBackend, testConfig } from '../../helpers/worker-config.js';

let server: TestServer | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await server?.close();
  worker = undefined;
  server = undefined;
});

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const EMPTY: Reply = (_q, res) => json(res, 200, { id: null, ids: [], skipped: {} });
const jobReply =
  (id: string, payload: Record<string, unknown> = {}): Reply =>
  (_q, res) =>
    json(res, 200, {
      id,
      ids: [id],
      model: 'grid/demo',
      payload: { prompt: 'Once', n: 1, max_length: 80, max_context_length: 1024, ...payload },
      skipped: {},
    });
const reward: Reply = (_q, res) => json(res, 200, { reward: 2.5 });

/** A Horde whose pop and submit answers are scripted in order; past the script pops are empty, submits rewarded. */
async function fakeHorde(pops: Reply[], submits: Reply[] = []) {
  const submitted = deferred();
  server = await startServer((req, res) => {
    if (req.url === '/api/v2/generate/text/pop') return (pops.shift() ?? EMPTY)(req, res);
    if (req.url === '/api/v2/generate/text/submit') {
      (submits.shift() ?? reward)(req, res);
      return;
    }
    json(res, 404, { message: 'no route' });
  });
  const requests = (url: string) => server!.requests.filter((r) => r.url === url);
  return {
    // grid-text-worker's poll-era base ended in /api, multi-bridge's in /: both must reach /api/v2/….
    url: `${server.url}/api/`,
    pops: () => requests('/api/v2/generate/text/pop'),
    submits: () => requests('/api/v2/generate/text/submit'),
    submitted,
  };
}

/** A sleep that records delays and drains the worker once `limit` sleeps happened. */
function recordingSleep(limit: number) {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      if (sleeps.length >= limit) void worker?.drain();
    },
  };
}

const hordeConfig = (url: string, extra = {}) =>
  testConfig({ protocol: 'horde', url, maxLength: 100, nsfw: true, ...extra });

describe('Horde v2 protocol', () => {
  it('pops with the worker limits, backs off 1 s → 5 s on empty pops (testing id, not the status)', async () => {
    const horde = await fakeHorde([]);
    const { sleeps, sleep } = recordingSleep(6);
    worker = createWorker({ config: hordeConfig(horde.url, { maxThreads: 1 }), sleep, random: () => 1 });
    await worker.run();
    expect(sleeps).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    const [pop] = horde.pops();
    expect(pop!.headers.apikey).toBe('grid_test_key_0001');
    expect(pop!.body).toEqual({
      name: 'test-worker',
      models: ['grid/demo'],
      max_length: 100,
      max_context_length: 2048,
      threads: 1,
      nsfw: true,
      amount: 1,
      bridge_agent: BRIDGE_AGENT,
    });
  });

  it('backs off 2 s → 30 s after pop errors', async () => {
    const fail: Reply = (_q, res) => json(res, 500, { message: 'db down' });
    const horde = await fakeHorde(Array(8).fill(fail));
    const { sleeps, sleep } = recordingSleep(6);
    worker = createWorker({ config: hordeConfig(horde.url), sleep, random: () => 1 });
    await worker.run();
    expect(sleeps).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('a 401 on pop is fatal', async () => {
    const horde = await fakeHorde([
      (_q, res) => json(res, 401, { message: 'No user matching sent API Key.', rc: 'InvalidAPIKey' }),
    ]);
    worker = createWorker({ config: hordeConfig(horde.url), sleep: async () => {} });
    await expect(worker.run()).rejects.toThrow(
      /grid refused worker "test-worker" \(pop: HTTP 401 InvalidAPIKey/,
    );
    expect(horde.pops()).toHaveLength(1);
  });

  it('serves a job with clamped params and submits the text; the reward is den', async () => {
    const horde = await fakeHorde([
      jobReply('j1', {
        max_length: 4000,
        max_context_length: 999_999,
        temperature: 0.3,
        stop_sequence: ['\n'],
      }),
    ]);
    const control = controlledBackend();
    const { sleep } = recordingSleep(1);
    worker = createWorker({ config: hordeConfig(horde.url), backend: control.backend, sleep });
    const running = worker.run();
    const call = await control.nextCall();
    expect(call.job).toMatchObject({
      id: 'j1',
      protocol: 'horde',
      prompt: 'Once',
      messages: [{ role: 'user', content: 'Once' }],
      params: { max_length: 100, max_context_length: 2048, temperature: 0.3, stop: ['\n'] },
    });
    call.ctx.emit({ content: ' upon' });
    call.finish({
      text: ' upon a time',
      finish_reason: 'stop',
      usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 },
    });
    await running;
    expect(horde.submits().map((r) => r.body)).toEqual([
      { id: 'j1', generation: ' upon a time', state: 'ok' },
    ]);
    expect(worker.stats()).toMatchObject({ jobs: { done: 1 }, tokens: 3, den: 2.5 });
  });

  it('a failed job is submitted as exactly {id, generation: "", state: "faulted"}', async () => {
    const horde = await fakeHorde([jobReply('bad')]);
    const control = controlledBackend();
    worker = createWorker({
      config: hordeConfig(horde.url),
      backend: control.backend,
      sleep: recordingSleep(1).sleep,
    });
    const running = worker.run();
    (await control.nextCall()).fail(new BackendError('backend HTTP 500'));
    await running;
    expect(horde.submits()[0]!.body).toStrictEqual({ id: 'bad', generation: '', state: 'faulted' });
    expect(worker.stats().jobs.failed).toBe(1);
  });

  it('retries submit on 503/500/connection-safe statuses, then succeeds', async () => {
    const busy: Reply = (_q, res) => json(res, 503, { message: 'busy' });
    const horde = await fakeHorde([jobReply('r1')], [busy, busy]);
    const { sleeps, sleep } = recordingSleep(3);
    worker = createWorker({ config: hordeConfig(horde.url), sleep, random: () => 1, submitRetryBaseMs: 100 });
    await worker.run();
    expect(horde.submits()).toHaveLength(3);
    expect(sleeps.slice(0, 2)).toEqual([100, 200]);
    expect(worker.stats()).toMatchObject({ jobs: { done: 1 }, den: 2.5 });
  });

  it('gives up after 3 submit retries and counts the job as failed', async () => {
    const down: Reply = (_q, res) => json(res, 500, { message: 'Internal Server Error' });
    const horde = await fakeHorde([jobReply('r2')], [down, down, down, down, down]);
    worker = createWorker({
      config: hordeConfig(horde.url),
      sleep: recordingSleep(4).sleep,
      submitRetryBaseMs: 1,
    });
    await worker.run();
    expect(horde.submits()).toHaveLength(4);
    expect(worker.stats().jobs.failed).toBe(1);
  });

  it.each([
    [
      '404',
      (_q: RecordedRequest, res: ServerResponse) =>
        json(res, 404, { message: 'Processing Job not found', rc: 'InvalidJobID' }),
    ],
    [
      'DuplicateGen',
      (_q: RecordedRequest, res: ServerResponse) =>
        json(res, 400, { message: 'already submitted', rc: 'DuplicateGen' }),
    ],
  ])('treats %s on submit as already submitted (success, no retry)', async (_name, reply) => {
    const horde = await fakeHorde([jobReply('d1')], [reply]);
    worker = createWorker({ config: hordeConfig(horde.url), sleep: recordingSleep(1).sleep });
    await worker.run();
    expect(horde.submits()).toHaveLength(1);
    expect(worker.stats().jobs).toMatchObject({ done: 1, failed: 0 });
  });

  it('job_timeout limits a popped job in total: a hung backend is aborted and the job submitted as faulted', async () => {
    const horde = await fakeHorde([jobReply('slow')]);
    const control = controlledBackend();
    worker = createWorker({
      config: hordeConfig(horde.url, { jobTimeoutMs: 200 }),
      backend: control.backend,
      idleBackoff: { initialMs: 5, maxMs: 5 },
    });
    void worker.run();
    const call = await control.nextCall();
    // Output does not extend a Horde job: the grid sees none of it until the submit.
    const ticker = setInterval(() => call.ctx.emit({ content: '.' }), 20);
    await new Promise<void>((resolve) => call.ctx.signal.addEventListener('abort', () => resolve()));
    clearInterval(ticker);
    await vi.waitFor(() => expect(horde.submits()).toHaveLength(1));
    expect(horde.submits()[0]!.body).toEqual({ id: 'slow', generation: '', state: 'faulted' });
    expect(worker.stats().jobs.failed).toBe(1);
  });

  it('drain finishes and submits the in-flight job, pops no more, and past the timeout hands back as faulted', async () => {
    const horde = await fakeHorde([jobReply('a'), jobReply('b')]);
    const control = controlledBackend();
    worker = createWorker({
      config: hordeConfig(horde.url),
      backend: control.backend,
      sleep: async () => {},
    });
    const running = worker.run();
    const first = await control.nextCall();
    const drained = worker.drain();
    first.finish({ text: 'done a', finish_reason: 'stop' });
    await drained;
    await running;
    expect(horde.pops()).toHaveLength(1);
    expect(horde.submits().map((r) => r.body)).toEqual([{ id: 'a', generation: 'done a', state: 'ok' }]);

    const again = createWorker({
      config: hordeConfig(horde.url),
      backend: control.backend,
      sleep: async () => {},
    });
    const running2 = again.run();
    const second = await control.nextCall();
    await again.drain({ timeoutMs: 0 });
    await running2;
    expect(second.ctx.signal.aborted).toBe(true);
    expect(horde.submits().at(-1)!.body).toStrictEqual({ id: 'b', generation: '', state: 'faulted' });
    expect(again.stats().jobs.handed_back).toBe(1);
  });

  it('circuit breaker pauses popping after N consecutive failures', async () => {
    const horde = await fakeHorde([jobReply('x1'), jobReply('x2'), jobReply('x3')]);
    const control = controlledBackend();
    let now = 0;
    const sleeps: number[] = [];
    worker = createWorker({
      config: hordeConfig(horde.url, { circuitBreaker: { failures: 2, pauseMs: 45_000 } }),
      backend: control.backend,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    const running = worker.run();
    (await control.nextCall()).fail(new BackendError('backend HTTP 500'));
    (await control.nextCall()).fail(new BackendError('backend HTTP 500'));
    const third = await control.nextCall();
    expect(sleeps).toEqual([45_000]);
    expect(horde.pops()).toHaveLength(3);
    third.finish({ text: 'recovered', finish_reason: 'stop' });
    await worker.drain();
    await running;
    expect(horde.submits().map((r) => (r.body as { state: string }).state)).toEqual([
      'faulted',
      'faulted',
      'ok',
    ]);
  });

  it('a client error (422) is faulted but does not count toward the breaker', async () => {
    const horde = await fakeHorde([jobReply('c1'), jobReply('c2')]);
    const control = controlledBackend();
    const sleeps: number[] = [];
    worker = createWorker({
      config: hordeConfig(horde.url, { circuitBreaker: { failures: 1, pauseMs: 45_000 } }),
      backend: control.backend,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const running = worker.run();
    (await control.nextCall()).fail(new BackendError('backend HTTP 422', { status: 422, clientError: true }));
    const second = await control.nextCall();
    expect(sleeps).toEqual([]);
    second.finish({ text: 'fine', finish_reason: 'stop' });
    await worker.drain();
    await running;
    expect(horde.submits().map((r) => r.body)).toEqual([
      { id: 'c1', generation: '', state: 'faulted' },
      { id: 'c2', generation: 'fine', state: 'ok' },
    ]);
  });

  it('pop and submit go out with the bridge agent as Client-Agent and the key as apikey', async () => {
    const horde = await fakeHorde([jobReply('h1')]);
    worker = createWorker({ config: hordeConfig(horde.url), sleep: recordingSleep(1).sleep });
    await worker.run();
    for (const request of [horde.pops()[0]!, horde.submits()[0]!]) {
      expect(request.headers['client-agent']).toBe(BRIDGE_AGENT);
      expect(request.headers.apikey).toBe('grid_test_key_0001');
    }
  });

  it('AbortedGen on submit is not retried and is said at warn to an SDK-shaped logger', async () => {
    const aborted: Reply = (_q, res) => json(res, 400, { message: 'job was aborted', rc: 'AbortedGen' });
    const horde = await fakeHorde([jobReply('g1')], [aborted]);
    const lines: string[] = [];
    const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
    worker = createWorker({
      config: hordeConfig(horde.url),
      sleep: recordingSleep(1).sleep,
      log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    });
    await worker.run();
    expect(horde.submits()).toHaveLength(1);
    expect(lines).toContain(
      'warn test-worker: job g1 was aborted by the grid (HTTP 400 AbortedGen: job was aborted)',
    );
  });

  it('any other refused submit (403 WrongCredentials) is not retried and counts the job as failed', async () => {
    const wrong: Reply = (_q, res) =>
      json(res, 403, { message: 'Wrong credentials', rc: 'WrongCredentials' });
    const horde = await fakeHorde([jobReply('w1')], [wrong]);
    const logs: string[] = [];
    worker = createWorker({
      config: hordeConfig(horde.url),
      sleep: recordingSleep(1).sleep,
      log: (level, message) => logs.push(`${level} ${message}`),
    });
    await worker.run();
    expect(horde.submits()).toHaveLength(1);
    expect(worker.stats().jobs).toMatchObject({ done: 0, failed: 1 });
    expect(logs).toContain(
      'error test-worker: submit of job w1 rejected: HTTP 403 WrongCredentials: Wrong credentials',
    );
  });

  it('retries a 408 submit too', async () => {
    const slow: Reply = (_q, res) => json(res, 408, { message: 'request timeout' });
    const horde = await fakeHorde([jobReply('t1')], [slow]);
    const { sleeps, sleep } = recordingSleep(2);
    worker = createWorker({ config: hordeConfig(horde.url), sleep, random: () => 1, submitRetryBaseMs: 50 });
    await worker.run();
    expect(horde.submits()).toHaveLength(2);
    expect(sleeps[0]).toBe(50);
    expect(worker.stats()).toMatchObject({ jobs: { done: 1 }, den: 2.5 });
  });
  it('a 200 submit whose body is not JSON still counts as accepted (reward 0)', async () => {
    const plain: Reply = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
    };
    const horde = await fakeHorde([jobReply('p1')], [plain]);
    worker = createWorker({ config: hordeConfig(horde.url), sleep: recordingSleep(1).sleep });
    await worker.run();
    expect(horde.submits()).toHaveLength(1);
    expect(worker.stats()).toMatchObject({ jobs: { done: 1, failed: 0 }, den: 0 });
  });
});
