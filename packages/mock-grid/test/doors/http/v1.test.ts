import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_KEY,
  chatBody,
  MODEL,
  nextJob,
  readSse,
  startTestGrid,
  type TestGrid,
  WORKER_KEY,
} from '../../helpers/grid.js';

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

describe('/v1 models, status and health', () => {
  it('lists no model while no worker is online, then the virtual auto first and the served model', async () => {
    t = await startTestGrid();
    const before = await (await t.get('/v1/models')).json();
    expect(before).toEqual({ object: 'list', data: [] });
    await t.wsWorker();
    const after = await (await t.get('/v1/models')).json();
    expect(after.data.map((m: { id: string }) => m.id)).toEqual(['auto', MODEL]);
    expect(after.data[1]).toMatchObject({ object: 'model', created: 0, owned_by: 'aipowergrid' });
  });

  it('retrieves an online model (slashes raw or encoded) and 404s an offline one with the live message', async () => {
    t = await startTestGrid();
    await t.wsWorker();
    const ok = await t.get(`/v1/models/${MODEL}`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).id).toBe(MODEL);
    const missing = await t.get('/v1/models/llama-70b');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Model 'llama-70b' not found" });
    const encoded = await t.get(`/v1/models/${encodeURIComponent(MODEL)}`);
    expect((await encoded.json()).id).toBe(MODEL);
  });

  it('reports model status, the worker registry and health', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker('stats-worker');
    const workers = await (await t.get('/v1/workers')).json();
    expect(workers).toMatchObject({
      count: 1,
      workers: [{ id: w.workerId, name: 'stats-worker', models: [MODEL], online: true }],
    });
    const status = await (await t.get('/v1/status/models')).json();
    expect(status).toEqual([expect.objectContaining({ name: MODEL, count: 1 })]);
    const health = await (await t.get('/health')).json();
    expect(health).toMatchObject({ status: 'ok', workers_connected: 1, models_available: [MODEL] });
  });

  it('tolerates doubled slashes, answers unknown paths 404 and wrong methods 405', async () => {
    t = await startTestGrid();
    expect((await t.get('//v1//models')).status).toBe(200);
    const unknown = await t.get('/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Not Found' });
    expect((await t.fetch(`${t.url}/v1/models`, { method: 'DELETE' })).status).toBe(405);
    const plain = await t.get('/v1/workers/ws');
    expect(plain.status).toBe(400);
  });
});

describe('/v1 chat completions', () => {
  it('503s with the live text when no text worker is online', async () => {
    t = await startTestGrid();
    const res = await t.post('/v1/chat/completions', chatBody());
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ detail: 'No compatible text workers are currently online.' });
  });

  it('404s a model nobody serves, listing the online models, never substituting', async () => {
    t = await startTestGrid();
    await t.wsWorker();
    const res = await t.post('/v1/chat/completions', chatBody({ model: 'llama-70b' }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      detail: `Model 'llama-70b' is not available. Online models: ['${MODEL}']`,
    });
  });

  it('answers a non-streaming request served by a WS worker with the grid object and a minted seed', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const pending = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(worker);
    expect(job).toMatchObject({
      model: MODEL,
      payload: { api_format: 'openai-chat', request: { model: MODEL } },
    });
    const ack = await worker.serve(job.id, ['Hel', 'lo!']);
    expect(ack).toMatchObject({ type: 'ack', id: job.id });
    expect(ack.den).toBeGreaterThan(0);
    const res = await pending;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
      grid: { worker: 'ws-worker-1' },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(Number.isInteger(body.grid.seed)).toBe(true);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('routes auto to an online model and reports the concrete model', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const pending = t.post('/v1/chat/completions', chatBody({ model: 'auto' }));
    const job = await nextJob(worker);
    expect(job.model).toBe(MODEL);
    await worker.serve(job.id, ['routed']);
    const body = await (await pending).json();
    expect(body.model).toBe(MODEL);
    expect(body.choices[0].message.content).toBe('routed');
  });

  it('answers n choices, each served by its own job', async () => {
    t = await startTestGrid();
    const a = await t.wsWorker('n-worker-a');
    const b = await t.wsWorker('n-worker-b');
    const pending = t.post('/v1/chat/completions', chatBody({ n: 2, stream: true }));
    const [jobA, jobB] = await Promise.all([nextJob(a), nextJob(b)]);
    await a.serve(jobA.id, ['first']);
    await b.serve(jobB.id, ['second']);
    const chunks = (await readSse(await pending)).slice(0, -1).map((e) => JSON.parse(e));
    const textOf = (i: number) =>
      chunks
        .flatMap((c) => c.choices)
        .filter((c: { index: number }) => c.index === i)
        .map((c: { delta: { content?: string } }) => c.delta.content ?? '')
        .join('');
    expect([textOf(0), textOf(1)].sort()).toEqual(['first', 'second']);
    expect(chunks.filter((c) => c.choices[0].finish_reason === 'stop')).toHaveLength(2);
    expect(chunks.at(-1).usage).toBeDefined();
  });

  it('echoes a seed the client sent', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const pending = t.post('/v1/chat/completions', chatBody({ seed: 4242 }));
    const job = await nextJob(worker);
    await worker.serve(job.id, ['ok']);
    expect((await (await pending).json()).grid.seed).toBe(4242);
  });

  it('streams a WS worker: role chunk, content deltas, a final chunk with finish_reason + usage + grid, [DONE]', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const pending = t.post('/v1/chat/completions', chatBody({ stream: true }));
    const job = await nextJob(worker);
    await worker.serve(job.id, ['Hel', 'lo', '!']);
    const res = await pending;
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readSse(res);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const deltas = chunks.slice(1, -1).map((c) => c.choices[0].delta.content);
    expect(deltas).toEqual(['Hel', 'lo', '!']);
    const last = chunks.at(-1);
    expect(last.choices[0]).toMatchObject({ finish_reason: 'stop', delta: {} });
    expect(last.usage.completion_tokens).toBeGreaterThan(0);
    expect(last.grid).toMatchObject({ worker: 'ws-worker-1' });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('turns a worker error mid-stream into data: {"error"} then [DONE]', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const pending = t.post('/v1/chat/completions', chatBody({ stream: true }));
    const job = await nextJob(worker);
    worker.send({ type: 'token', id: job.id, delta: { content: 'partial' } });
    worker.send({
      type: 'error',
      id: job.id,
      message: 'backend returned 400: context length exceeded',
      client_error: true,
    });
    const events = await readSse(await pending);
    expect(events.at(-1)).toBe('[DONE]');
    expect(JSON.parse(events.at(-2)!)).toEqual({
      error: { message: 'backend returned 400: context length exceeded', type: 'invalid_request_error' },
    });
  });

  it('cancels the job at the worker when the streaming client disconnects', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const aborter = new AbortController();
    const res = await t.fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: CLIENT_KEY },
      body: JSON.stringify(chatBody({ stream: true })),
      signal: aborter.signal,
    });
    const job = await nextJob(worker);
    worker.send({ type: 'token', id: job.id, delta: { content: 'first' } });
    const reader = res.body!.getReader();
    await reader.read();
    aborter.abort();
    const cancel = await worker.next('cancel');
    expect(cancel).toEqual({ type: 'cancel', id: job.id });
    worker.send({ type: 'done', id: job.id, full_text: 'first', cancelled: true });
    expect((await worker.next('ack')).den).toBe(0);
  });
});

describe('/v1 auth', () => {
  it('needs a key: the live missing-key text, Bearer and bare Authorization both work', async () => {
    t = await startTestGrid();
    const missing = await t.post('/v1/chat/completions', chatBody(), { apikey: '' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      detail: "Missing API key. Use 'apikey' header or 'Authorization: Bearer' header.",
    });
    // With a key but no worker the request gets past auth to the 503.
    const bearer = await t.post('/v1/chat/completions', chatBody(), {
      apikey: '',
      authorization: `Bearer ${CLIENT_KEY}`,
    });
    expect(bearer.status).toBe(503);
    const bare = await t.post('/v1/chat/completions', chatBody(), { apikey: '', authorization: CLIENT_KEY });
    expect(bare.status).toBe(503);
  });

  it('in strict mode refuses unknown keys (401) and keys without inference.submit (403)', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [
        { key: CLIENT_KEY, scopes: ['inference.submit'] },
        { key: WORKER_KEY, scopes: ['worker.connect'] },
      ],
    });
    const unknown = await t.post('/v1/chat/completions', chatBody(), {
      apikey: 'grid_nobody_knows_this_key',
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ detail: 'Invalid API key' });
    const scope = await t.post('/v1/chat/completions', chatBody(), { apikey: WORKER_KEY });
    expect(scope.status).toBe(403);
    expect((await scope.json()).detail).toMatch(/inference\.submit/);
  });
});

describe('/v1 request validation and limits', () => {
  it('answers malformed JSON with a 422 json_invalid', async () => {
    t = await startTestGrid();
    const res = await t.post('/v1/chat/completions', '{"model": "x", "messages": [');
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.detail[0]).toMatchObject({ loc: ['body', 0], type: 'json_invalid' });
  });

  it('names the field for a wrong type, an out-of-range value and a missing field', async () => {
    t = await startTestGrid();
    const wrongType = await (await t.post('/v1/chat/completions', chatBody({ temperature: 'hot' }))).json();
    expect(wrongType.detail).toContainEqual(
      expect.objectContaining({ loc: ['body', 'temperature'], type: 'type' }),
    );
    const range = await t.post('/v1/chat/completions', chatBody({ max_tokens: 40000 }));
    expect(range.status).toBe(422);
    expect((await range.json()).detail).toContainEqual(
      expect.objectContaining({ loc: ['body', 'max_tokens'], msg: 'must be <= 32768' }),
    );
    const missing = await (await t.post('/v1/chat/completions', { model: MODEL })).json();
    expect(missing.detail).toContainEqual(
      expect.objectContaining({ loc: ['body', 'messages'], msg: 'field required' }),
    );
  });

  it('refuses max_completion_tokens that disagrees with max_tokens', async () => {
    t = await startTestGrid();
    const res = await t.post('/v1/chat/completions', chatBody({ max_tokens: 10, max_completion_tokens: 20 }));
    expect(res.status).toBe(422);
    expect((await res.json()).detail[0].loc).toEqual(['body', 'max_completion_tokens']);
  });

  it('413s more than 500 messages and more than 200 000 characters, before validation', async () => {
    t = await startTestGrid();
    const many = Array.from({ length: 501 }, () => ({ role: 'user', content: 'hi' }));
    const tooMany = await t.post('/v1/chat/completions', chatBody({ messages: many }));
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({ detail: 'too many messages (max 500)' });
    const long = await t.post(
      '/v1/chat/completions',
      chatBody({ messages: [{ role: 'user', content: 'x'.repeat(200_001) }] }),
    );
    expect(long.status).toBe(413);
    expect((await long.json()).detail).toMatch(/max 200000/);
  });

  it('counts the text of content parts one way at the door and in the core', async () => {
    t = await startTestGrid();
    // A context for the whole prompt (~50 000 tokens at 4 characters each), or the job waits for one.
    const worker = await t.wsWorker('long-context', { max_context_length: 65_536 });
    // 200 000 characters of text in two parts: at the limit by the spec's rule (the parts' text, as is).
    const parts = (last: string) => [
      { type: 'text', text: 'a'.repeat(100_000) },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      { type: 'text', text: 'b'.repeat(100_000 - last.length) + last },
    ];
    const atLimit = chatBody({ messages: [{ role: 'user', content: parts('') }] });
    const pending = t.post('/v1/chat/completions', atLimit);
    // Whichever comes first: a refusal (the core counting another way) fails here, with its body, not a hang.
    const first = await Promise.race([
      pending.then(async (res) => ({ refused: { status: res.status, body: await res.json() } })),
      nextJob(worker).then((job) => ({ job })),
    ]);
    expect(first).not.toHaveProperty('refused');
    const { job } = first as { job: Awaited<ReturnType<typeof nextJob>> };
    expect((job.payload as { prompt: string }).prompt).toBe(
      `User: ${'a'.repeat(100_000)}${'b'.repeat(100_000)}\nAssistant:`,
    );
    await worker.serve(job.id, ['ok']);
    expect((await pending).status).toBe(200);

    const over = chatBody({
      messages: [{ role: 'user', content: [...parts('b'), { type: 'text', text: 'c' }] }],
    });
    const res = await t.post('/v1/chat/completions', over);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'messages too large: 200001 characters (max 200000)' });
  });

  it('caps the raw body size', async () => {
    t = await startTestGrid({ limits: { maxBodyBytes: 4096 } });
    const res = await t.post('/v1/chat/completions', chatBody({ pad: 'y'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'request body too large (max 4096 bytes)' });
  });

  it('never answers garbage with a 5xx', async () => {
    t = await startTestGrid();
    await t.wsWorker();
    const garbage = [
      '',
      'null',
      '[]',
      '42',
      '"text"',
      '{',
      '\u0000\u0001',
      '{"model":null,"messages":null}',
      '{"model":"x","messages":[null]}',
      '{"model":"x","messages":[{"role":7}]}',
      '{"model":"","messages":[]}',
      JSON.stringify(chatBody({ n: 0 })),
      JSON.stringify(chatBody({ stream: 'yes' })),
      JSON.stringify(chatBody({ stop: 5 })),
    ];
    for (const body of garbage) {
      const res = await t.post('/v1/chat/completions', body);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  it('rate-limits per key with the OpenAI-style 429 and Retry-After', async () => {
    t = await startTestGrid({ rateLimits: { chat: { limit: 1, windowMs: 60_000 } } });
    expect((await t.post('/v1/chat/completions', chatBody())).status).toBe(503);
    const limited = await t.post('/v1/chat/completions', chatBody());
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      error: { message: 'Rate limit exceeded. Please slow down.', type: 'rate_limit_error' },
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key has its own window.
    expect(
      (await t.post('/v1/chat/completions', chatBody(), { apikey: 'grid_another_client_key' })).status,
    ).toBe(503);
  });
});
