import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../src/scenarios/catalog.js';
import {
  CLIENT_KEY,
  chatBody,
  MODEL,
  nextJob,
  readSse,
  startTestGrid,
  type TestGrid,
} from '../helpers/grid.js';

// The scenarios the door and the core play without a simulated worker (docs/mock-grid.md "Scenarios and
// faults"), through plain fetch: a scenario's answer is off the spec on purpose (a 429 on GET /v1/models), so
// the spec-checked fetch of the test grid is not used for these calls.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

function post(path: string, body: unknown, prefer?: string) {
  return fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      apikey: CLIENT_KEY,
      ...(prefer ? { prefer } : {}),
    },
    body: JSON.stringify(body),
  });
}

const HORDE_BODY = { prompt: 'Say hello', models: [MODEL], params: { max_length: 16 } };

describe('door scenarios: answered without a job', () => {
  it('rate-limited: a 429 with Retry-After in each surface’s shape, and no job queued', async () => {
    t = await startTestGrid();
    const v1 = await post('/v1/chat/completions', chatBody(), 'scenario=rate-limited; retry_after=7');
    expect(v1.status).toBe(429);
    expect(v1.headers.get('retry-after')).toBe('7');
    expect(await v1.json()).toEqual({ error: { message: expect.any(String), type: 'rate_limit_error' } });
    const horde = await post('/api/v2/generate/text/async', HORDE_BODY, 'scenario=rate-limited');
    expect(horde.status).toBe(429);
    expect(horde.headers.get('retry-after')).toBe('1');
    expect(await horde.json()).toEqual({ message: expect.any(String) });
    expect(t.grid.core.counters().queued).toBe(0);
  });

  it('server-error: the status asked for; a 503 says when to come back', async () => {
    t = await startTestGrid();
    const res = await fetch(`${t.url}/v1/models`, { headers: { prefer: 'scenario=server-error' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ detail: 'Internal Server Error' });
    const busy = await post(
      '/api/v2/generate/text/async',
      HORDE_BODY,
      'scenario=server-error; status=503; retry_after=4',
    );
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('4');
    expect(await busy.json()).toEqual({ message: 'Service Unavailable', rc: 'Unknown' });
  });

  it('connection-reset: the fetch fails as on a dropped connection, and the server goes on', async () => {
    t = await startTestGrid();
    await expect(
      fetch(`${t.url}/v1/models`, { headers: { prefer: 'scenario=connection-reset' } }),
    ).rejects.toThrow(TypeError);
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(200);
    expect(t.grid.requests.at(-2)).toMatchObject({ path: '/v1/models', status: 0, responseKind: 'reset' });
  });

  it('slow-body: the same answer, a few bytes at a time', async () => {
    t = await startTestGrid();
    const plain = await (await fetch(`${t.url}/v1/workers`)).text();
    const started = Date.now();
    const res = await fetch(`${t.url}/v1/workers`, {
      headers: { prefer: 'scenario=slow-body; bytes=4; every_ms=20' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const reader = res.body!.getReader();
    let text = '';
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      text += new TextDecoder().decode(value);
    }
    expect(text).toBe(plain);
    // A lower bound only (a busy machine makes it longer, never shorter): one write every 20 ms.
    const writes = Math.ceil(plain.length / 4);
    expect(Date.now() - started).toBeGreaterThanOrEqual((writes - 1) * 20 - 20);
    expect(reads).toBeGreaterThan(1);
  });
});

describe('stream scenarios: the job runs, the stream is spoiled', () => {
  it('stream-cut: N chunks and no [DONE]; the job is cancelled as for a client that went away', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const res = await post(
      '/v1/chat/completions',
      chatBody({ stream: true }),
      'scenario=stream-cut; after=3',
    );
    const job = await nextJob(worker);
    for (const content of ['one', ' two', ' three', ' four']) {
      worker.send({ type: 'token', id: job.id, delta: { content } });
    }
    const events = await readSse(res);
    expect(events).toHaveLength(3);
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events[2]!).choices[0].delta.content).toBe(' two');
    expect((await worker.next('cancel')).id).toBe(job.id);
  });

  it('stream-cut with done=true ends with [DONE] at the cut', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const res = await post(
      '/v1/chat/completions',
      chatBody({ stream: true }),
      'scenario=stream-cut; after=1; done=true',
    );
    const events = await readSse(res);
    expect(events).toHaveLength(2);
    expect(events[1]).toBe('[DONE]');
    worker.close();
  });

  it('error-chunk: an error event after N chunks, then [DONE]', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const res = await post(
      '/v1/chat/completions',
      chatBody({ stream: true }),
      'scenario=error-chunk; after=2; message="GPU on fire"',
    );
    const job = await nextJob(worker);
    worker.send({ type: 'token', id: job.id, delta: { content: 'Hi' } });
    const events = await readSse(res);
    expect(events.slice(2)).toEqual([
      JSON.stringify({ error: { message: 'GPU on fire', type: 'upstream_error' } }),
      '[DONE]',
    ]);
  });

  it('a stream scenario on a request that does not stream is a 400 saying where it applies', async () => {
    t = await startTestGrid();
    await t.wsWorker();
    const res = await post('/v1/chat/completions', chatBody(), 'scenario=stream-cut');
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toContain('streamed chat completion');
  });
});

describe('grid scenarios: the core does it, whichever worker is online', () => {
  it('queue-delay: the job stays queued until the hold ends, then the idle worker gets it', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const res = await post('/api/v2/generate/text/async', HORDE_BODY, 'scenario=queue-delay; ms=5000');
    expect(res.status).toBe(202);
    const { id } = await res.json();
    t.clock.advance(4999);
    const status = await (await fetch(`${t.url}/api/v2/generate/text/status/${id}`)).json();
    expect(status).toMatchObject({ waiting: 1, processing: 0, done: false });
    expect(worker.buffered.filter((f) => f.type === 'job')).toEqual([]);
    t.clock.advance(1);
    const job = await nextJob(worker);
    await worker.serve(job.id, ['Hello']);
    const done = await (await fetch(`${t.url}/api/v2/generate/text/status/${id}`)).json();
    expect(done).toMatchObject({ done: true, finished: 1 });
  });

  it('faulted: the request faults at once, no worker is struck', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const v1 = await post('/v1/chat/completions', chatBody(), 'scenario=faulted');
    expect(v1.status).toBe(502);
    expect(await v1.json()).toEqual({ detail: "The job faulted (mock scenario 'faulted')" });
    const horde = await (await post('/api/v2/generate/text/async', HORDE_BODY, 'scenario=faulted')).json();
    const status = await (await fetch(`${t.url}/api/v2/generate/text/status/${horde.id}`)).json();
    expect(status).toMatchObject({ faulted: true });
    expect(t.grid.core.worker(worker.workerId)?.strikes).toBe(0);
    expect(worker.buffered.filter((f) => f.type === 'job')).toEqual([]);
  });

  it('a worker scenario without a simulated worker online is a 400 that says how to get one', async () => {
    t = await startTestGrid();
    await t.wsWorker();
    const res = await post('/v1/chat/completions', chatBody(), 'scenario=empty-completion');
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toContain('--simulate');
  });

  it('a job scenario on a request that makes no job is a 400 (Horde: the validation shape, on Prefer)', async () => {
    t = await startTestGrid();
    const res = await fetch(`${t.url}/api/v2/status/heartbeat`, { headers: { prefer: 'scenario=faulted' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.message).toBe('Input payload validation failed');
    expect(body.errors.Prefer).toContain('requests that make jobs');
  });
});

describe('choosing scenarios', () => {
  it('an unknown scenario is a 400 naming every known one', async () => {
    t = await startTestGrid();
    const res = await fetch(`${t.url}/v1/models`, { headers: { prefer: 'scenario=teapot' } });
    expect(res.status).toBe(400);
    const { detail } = await res.json();
    expect(detail).toContain("unknown scenario 'teapot'");
    for (const name of SCENARIO_NAMES) expect(detail).toContain(name);
  });

  it('grid.faults.next plays once on the next request it applies to; grid.scenario until reset', async () => {
    t = await startTestGrid();
    t.grid.faults.next('server-error', { params: { status: 502 }, path: '/v1/models' });
    expect((await fetch(`${t.url}/v1/workers`)).status).toBe(200);
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(502);
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(200);
    t.grid.scenario('rate-limited', { retry_after: 3 });
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(429);
    expect((await fetch(`${t.url}/v1/workers`)).status).toBe(429);
    // A request's own header wins over the standing scenario.
    expect((await fetch(`${t.url}/v1/models`, { headers: { prefer: 'scenario=server-error' } })).status).toBe(
      500,
    );
    // Readiness is never faulted.
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    t.grid.reset();
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(200);
    expect(t.grid.faults.pending).toBe(0);
  });

  it('the /_mock controls do the same over HTTP (for tests in any language)', async () => {
    t = await startTestGrid();
    const list = await (await fetch(`${t.url}/_mock/scenarios`)).json();
    expect(list.scenarios.map((s: { name: string }) => s.name)).toEqual(SCENARIO_NAMES);
    const queued = await post('/_mock/faults', {
      scenario: 'server-error',
      times: 2,
      params: { status: 504 },
    });
    expect(queued.status).toBe(201);
    expect(await queued.json()).toEqual({ pending: 2 });
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(504);
    const bad = await post('/_mock/faults', { scenario: 'teapot' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain('known scenarios: rate-limited');
    const set = await fetch(`${t.url}/_mock/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'rate-limited' }),
    });
    expect((await set.json()).standing).toMatchObject({ name: 'rate-limited', params: { retry_after: 1 } });
    expect((await fetch(`${t.url}/_mock/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${t.url}/v1/models`)).status).toBe(200);
  });
});
