import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, nextJob, readSse, startTestGrid, type TestGrid } from '../helpers/grid.js';
import { TestWsWorker } from '../helpers/ws-worker.js';

// The Python peers of issue 3, replayed byte for byte as they were captured running against the mock grid:
// horde-sdk 0.33.3 (requests), AIPowerGrid/multi-bridge @4256482 (requests, `horde_url` ending in `/`),
// AIPowerGrid/grid-text-worker @c8e37c8 (poll era, httpx) and @c03f7d1 (WebSocket). Each test sends the peer's
// own paths, headers and field types, and asserts what the peer reads from the answer.

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const HSDK_HEADERS = {
  'User-Agent': 'python-requests/2.34.2',
  'Accept-Encoding': 'gzip, deflate',
  accept: 'application/json',
  client_agent: 'horde_sdk:0.33.3:https://github.com/Haidra-Org/horde_sdk',
};
// horde-sdk refuses keys that are not 22 characters long (or the 10-character anonymous key).
const HSDK_WORKER_KEY = 'hsdkworkerkey000000001';
const HSDK_CLIENT_KEY = 'hsdkclientkey000000001';

describe('horde-sdk 0.33.3 (Python 3.12)', () => {
  it('empty pop: payload is an object (TextGenerateJobPopResponse rejects null)', async () => {
    t = await startTestGrid();
    const res = await t.post(
      '/api/v2/generate/text/pop',
      { models: ['hsdk/Model-A'], name: 'hsdk-worker', max_length: 512, max_context_length: 2048 },
      { ...HSDK_HEADERS, apikey: HSDK_WORKER_KEY },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.payload).toEqual({});
    expect(body.id).toBeNull();
    expect(body.ids).toEqual([]);
    expect(body.model).toBeNull();
    expect(typeof body.skipped).toBe('object');
  });

  it('requester and worker: async, pop, submit without seed, status polled without a key', async () => {
    t = await startTestGrid();
    const headers = { ...HSDK_HEADERS, apikey: HSDK_CLIENT_KEY };
    const accepted = await t.post(
      '/api/v2/generate/text/async',
      {
        models: ['hsdk/Model-A'],
        params: { max_length: 64, max_context_length: 1024 },
        prompt: 'Hello, grid',
      },
      headers,
    );
    expect(accepted.status).toBe(202);
    const { id } = await accepted.json();

    const workerHeaders = { ...HSDK_HEADERS, apikey: HSDK_WORKER_KEY };
    const pop = await (
      await t.post(
        '/api/v2/generate/text/pop',
        { models: ['hsdk/Model-A'], name: 'hsdk-worker', max_length: 512, max_context_length: 2048 },
        workerHeaders,
      )
    ).json();
    expect(pop.model).toBe('hsdk/Model-A');
    expect(pop.ids).toEqual([pop.id]);
    expect(pop.payload).toMatchObject({ prompt: 'Hello, grid', max_length: 64, max_context_length: 1024 });

    const submit = await t.post(
      '/api/v2/generate/text/submit',
      { id: pop.id, generation: 'Hi from horde-sdk worker.', state: 'ok' },
      workerHeaders,
    );
    expect(submit.status).toBe(200);
    expect((await submit.json()).reward).toBeGreaterThan(0);

    const { apikey: _omit, ...statusHeaders } = headers;
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`, statusHeaders)).json();
    expect(status).toMatchObject({ done: true, finished: 1, faulted: false });
    expect(status.generations[0]).toMatchObject({ text: 'Hi from horde-sdk worker.', state: 'ok' });
    expect(Number.isInteger(status.generations[0].seed)).toBe(true);
  });
});

describe('AIPowerGrid/multi-bridge (horde_url "http://host/" → doubled slashes)', () => {
  const MB_POP = {
    name: 'mb-fake',
    models: ['gridbridge/fake:1b'],
    max_length: 512,
    max_context_length: 4096,
    priority_usernames: [],
    threads: 1,
    bridge_agent: 'AI Horde Worker:24:https://github.com/db0/AI-Horde-Worker',
  };
  const MB_HEADERS = { apikey: 'grid_mb_worker_key', 'User-Agent': 'python-requests/2.34.2' };

  it('find_user, pop and submit through //api/v2 serve a streaming /v1 chat as one delta', async () => {
    t = await startTestGrid();
    const user = await t.get('//api/v2/find_user', MB_HEADERS);
    expect(user.status).toBe(200);
    expect(typeof (await user.json()).username).toBe('string');
    // First pop creates the worker, so the model is online for /v1.
    expect((await (await t.post('//api/v2/generate/text/pop', MB_POP, MB_HEADERS)).json()).id).toBeNull();

    const chat = t.post(
      '/v1/chat/completions',
      {
        model: 'gridbridge/fake:1b',
        stream: true,
        seed: 4242,
        messages: [{ role: 'user', content: 'hi mb' }],
      },
      { Authorization: `Bearer ${CLIENT_KEY}` },
    );
    let pop: { id: string | null; payload: Record<string, unknown> };
    do {
      pop = await (await t.post('//api/v2/generate/text/pop', MB_POP, MB_HEADERS)).json();
    } while (pop.id === null);
    expect(pop.payload).toMatchObject({ prompt: 'User: hi mb\nAssistant:', max_length: 512, n: 1 });
    const submit = await t.post(
      '//api/v2/generate/text/submit',
      { id: pop.id, generation: 'Hello from the fake backend.', seed: 0 },
      MB_HEADERS,
    );
    expect(submit.status).toBe(200);

    const events = await readSse(await chat);
    expect(events.at(-1)).toBe('[DONE]');
    const deltas = events
      .slice(0, -1)
      .map((e) => JSON.parse(e).choices[0]?.delta?.content)
      .filter((c) => c);
    expect(deltas).toEqual(['Hello from the fake backend.']);
    // The bridge's `seed: 0` is a default, not the seed used: the client's seed is reported.
    expect(JSON.parse(events.at(-2)!).grid.seed).toBe(4242);
  });

  it("a fault submit without id/generation is the Horde's 400 naming both fields (§6.9, matched)", async () => {
    t = await startTestGrid();
    const res = await t.post(
      '//api/v2/generate/text/submit',
      { success: false, state: 'faulted' },
      MB_HEADERS,
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.message).toBe('Input payload validation failed');
    expect(Object.keys(body.errors).sort()).toEqual(['generation', 'id']);
  });
});

describe('AIPowerGrid/grid-text-worker, poll era @c8e37c8 (base ".../api" + "/v2/...")', () => {
  it('pop with wallet_address, then an empty-text submit counts as a failure and re-queues', async () => {
    t = await startTestGrid();
    const headers = { apikey: 'grid_poll_worker_key', 'Content-Type': 'application/json' };
    const body = {
      name: 'gtw-poll',
      models: ['grid/poll-fake'],
      max_length: 4096,
      max_context_length: 4096,
      priority_usernames: [],
      threads: 1,
      bridge_agent: 'AI Horde Worker:1.0.0:https://github.com/AIPowerGrid/text-worker-bridge',
      wallet_address: '0x0000000000000000000000000000000000000001',
    };
    const { id } = await (
      await t.post('/api/v2/generate/text/async', { prompt: 'poll me', models: ['grid/poll-fake'] })
    ).json();
    const first = await (await t.post('/api/v2/generate/text/pop', body, headers)).json();
    expect(first.payload).toMatchObject({ prompt: 'poll me', max_length: 80 });
    const empty = await t.post(
      '/api/v2/generate/text/submit',
      { id: first.id, generation: '', seed: 0 },
      headers,
    );
    expect(empty.status).toBe(200);
    expect((await empty.json()).reward).toBe(0);

    const second = await (await t.post('/api/v2/generate/text/pop', body, headers)).json();
    expect(second.id).not.toBe(first.id);
    await t.post('/api/v2/generate/text/submit', { id: second.id, generation: 'ok', seed: 0 }, headers);
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(status).toMatchObject({ done: true, restarted: 1, finished: 1 });
  });
});

describe('AIPowerGrid/grid-text-worker @c03f7d1 (WebSocket)', () => {
  const register = (name: string) => ({
    apikey: 'grid_gtw_worker_key',
    name,
    models: ['grid/fake:1b'],
    max_length: 32768,
    max_context_length: 8192,
    api_formats: ['openai-chat'],
    modalities: ['text'],
    signer_address: '0xFbF12dDf7dC5FaA3579a065eaC518F1d90a5cf67',
    bridge_agent: 'Grid Inference Worker:2.1.0:streaming',
  });

  it('its register, token (finish_reason null) and done (receipt, usage) frames complete a /v1 chat', async () => {
    t = await startTestGrid();
    const worker = await TestWsWorker.ready(t.url, register('gtw-ws'), t.check);
    const chat = t.post('/v1/chat/completions', {
      model: 'grid/fake:1b',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const job = await nextJob(worker);
    for (const content of ['Hello ', 'world.'])
      worker.send({ type: 'token', id: job.id, delta: { content }, finish_reason: null });
    worker.send({
      type: 'done',
      id: job.id,
      full_text: 'Hello world.',
      full_reasoning: '',
      finish_reason: 'stop',
      usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 },
      receipt: { signer: '0xFbF12dDf7dC5FaA3579a065eaC518F1d90a5cf67', sig: '0xabc', result_sha256: 'ff' },
    });
    const ack = await worker.next('ack');
    expect(ack.den).toBeGreaterThan(0);
    const res = await chat;
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toBe('Hello world.');
    worker.close();
  });

  it('gets the ack of its done before the next queued job (it reads the frame after done as the ack)', async () => {
    t = await startTestGrid();
    const worker = await TestWsWorker.ready(t.url, register('gtw-ws'), t.check);
    const first = t.post('/v1/chat/completions', {
      model: 'grid/fake:1b',
      messages: [{ role: 'user', content: 'q1' }],
    });
    const job1 = await nextJob(worker);
    const second = t.post('/v1/chat/completions', {
      model: 'grid/fake:1b',
      messages: [{ role: 'user', content: 'q2' }],
    });
    // Wait until the second job is queued behind the busy worker.
    while (t.grid.core.counters().queued === 0) await new Promise((r) => setTimeout(r, 5));
    worker.send({ type: 'done', id: job1.id, full_text: 'one', full_reasoning: '', finish_reason: 'stop' });
    expect(await worker.next()).toMatchObject({ type: 'ack', id: job1.id });
    const job2 = await worker.next();
    expect(job2.type).toBe('job');
    worker.send({ type: 'done', id: String(job2.id), full_text: 'two', finish_reason: 'stop' });
    expect(await worker.next()).toMatchObject({ type: 'ack', id: job2.id });
    expect((await (await first).json()).choices[0].message.content).toBe('one');
    expect((await (await second).json()).choices[0].message.content).toBe('two');
    worker.close();
  });

  it('answers a cancel with done {cancelled: true} and the partial: acked, no strike, next job on the same socket', async () => {
    t = await startTestGrid();
    const worker = await TestWsWorker.ready(t.url, register('gtw-ws'), t.check);
    const aborter = new AbortController();
    const res = await t.fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` },
      body: JSON.stringify({
        model: 'grid/fake:1b',
        stream: true,
        messages: [{ role: 'user', content: 'slow' }],
      }),
      signal: aborter.signal,
    });
    const job = await nextJob(worker);
    worker.send({ type: 'token', id: job.id, delta: { content: 'Hello ' }, finish_reason: null });
    await res.body!.getReader().read();
    aborter.abort();
    expect(await worker.next('cancel')).toEqual({ type: 'cancel', id: job.id });
    worker.send({
      type: 'done',
      id: job.id,
      full_text: 'Hello ',
      full_reasoning: '',
      finish_reason: 'cancelled',
      cancelled: true,
    });
    expect(await worker.next('ack')).toEqual({ type: 'ack', id: job.id, den: 0 });
    expect(t.grid.core.worker('gtw-ws')).toMatchObject({ strikes: 0, busy: false });

    const next = t.post('/v1/chat/completions', {
      model: 'grid/fake:1b',
      messages: [{ role: 'user', content: 'again' }],
    });
    const job2 = await nextJob(worker);
    await worker.serve(job2.id, ['Again.']);
    expect((await (await next).json()).choices[0].message.content).toBe('Again.');
    worker.close();
  });
});
