import { Grid as Client } from '@aipg/sdk';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GridCore, ManualClock } from '../src/core/index.js';
import type { CapturedRequest, CapturedStream } from '../src/index.js';
import { createGridHandlers } from '../src/msw.js';
import { CLIENT_KEY, chatBody, MODEL, nextJob, startTestGrid, type TestGrid } from './helpers/grid.js';

// Request capture (docs/mock-grid.md "Request capture"): what each client sent and got, credentials redacted.
let t: TestGrid | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const sharedCore = new GridCore({ clock: new ManualClock() });
afterAll(() => sharedCore.dispose());

const chats = (requests: readonly CapturedRequest[]) =>
  requests.filter((r) => r.path === '/v1/chat/completions');

describe('request capture on the node server', () => {
  it('records an @aipg/sdk chat call and a streamed openai one, with the key redacted', async () => {
    t = await startTestGrid();
    const grid = t.grid;
    const worker = await t.wsWorker();

    const sdk = new Client({ baseURL: t.url, apiKey: CLIENT_KEY, maxRetries: 0 });
    const asked = sdk.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'sdk hi' }],
    });
    await worker.serve((await nextJob(worker)).id, ['hello from sdk']);
    expect((await asked).choices[0]!.message.content).toBe('hello from sdk');

    const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: CLIENT_KEY, fetch: t.fetch, maxRetries: 0 });
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'openai hi' }],
      stream: true,
    });
    await worker.serve((await nextJob(worker)).id, ['one', ' two']);
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two');

    const [first, second] = chats(grid.requests);
    expect(first).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: MODEL, messages: [{ role: 'user', content: 'sdk hi' }] },
      bodyTruncated: false,
      status: 200,
      responseKind: 'json',
      response: { object: 'chat.completion', choices: [{ message: { content: 'hello from sdk' } }] },
    });
    expect(first!.headers.authorization).toBe('[redacted]');
    expect(first!.headers['content-type']).toContain('application/json');
    expect(second).toMatchObject({
      method: 'POST',
      body: { stream: true, messages: [{ role: 'user', content: 'openai hi' }] },
      status: 200,
      responseKind: 'sse',
    });
    expect(second!.headers.authorization).toBe('[redacted]');
    const events = second!.response as CapturedStream;
    expect(events.ended).toBe(true);
    expect(events.events.at(-1)).toBe('[DONE]');
    expect(events.count).toBe(events.events.length);
    expect(events.events.some((e) => e.includes('" two"'))).toBe(true);
    // No copy of the key anywhere in what was captured.
    expect(JSON.stringify(grid.requests)).not.toContain(CLIENT_KEY);
  });

  it('redacts a Horde apikey, credential-like headers and query parameters', async () => {
    t = await startTestGrid();
    await t.post(
      '/api/v2/generate/text/async?api_key=secret-q',
      { prompt: 'x', models: [MODEL] },
      { 'x-api-key': 'secret-x', cookie: 'session=secret-c', 'x-trace': 'kept' },
    );
    const [entry] = t.grid.requests;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/api/v2/generate/text/async',
      query: { api_key: '[redacted]' },
      headers: { apikey: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]', 'x-trace': 'kept' },
      body: { prompt: 'x', models: [MODEL] },
    });
    expect(JSON.stringify(t.grid.requests)).not.toMatch(/secret-|grid_test_client/);
  });

  it('keeps the last maxEntries requests, cuts long bodies, and reset() clears only the capture', async () => {
    t = await startTestGrid({ capture: { maxEntries: 3, maxBodyChars: 10 } });
    for (let i = 1; i <= 5; i++) await t.get('/v1/models', { 'x-n': String(i) });
    expect(t.grid.requests.map((r) => r.headers['x-n'])).toEqual(['3', '4', '5']);

    const sent = JSON.stringify(chatBody({ max_tokens: 'not a number' }));
    const refused = await t.post('/v1/chat/completions', sent);
    expect(refused.status).toBe(422);
    const last = t.grid.requests.at(-1)!;
    expect(last).toMatchObject({ status: 422, bodyTruncated: true, body: sent.slice(0, 10) });
    // A string in a JSON answer is cut at the same size (a base64 picture does not fill the ring).
    const answered = (await refused.json()) as { detail: [{ msg: string }] };
    expect(answered.detail[0].msg).toBe('must be integer,null');
    expect(last.response).toMatchObject({ detail: [{ loc: ['body', 'max_tokens'], msg: 'must be in' }] });

    const snapshot = t.grid.requests;
    t.grid.reset();
    expect(t.grid.requests).toEqual([]);
    expect(snapshot).toHaveLength(3);
    // Nothing else was reset: the grid still answers as before.
    expect((await t.get('/v1/models')).status).toBe(200);
    expect(t.grid.requests).toHaveLength(1);
  });

  it('serves GET and DELETE /_mock/requests, which are not captured themselves', async () => {
    t = await startTestGrid();
    for (let i = 1; i <= 3; i++) await t.get('/v1/models', { 'x-n': String(i) });
    const listed = await fetch(`${t.url}/_mock/requests?limit=2`);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as CapturedRequest[];
    expect(body.map((r) => [r.method, r.path, r.headers['x-n'], r.status])).toEqual([
      ['GET', '/v1/models', '2', 200],
      ['GET', '/v1/models', '3', 200],
    ]);
    expect(((await (await fetch(`${t.url}/_mock/requests`)).json()) as unknown[]).length).toBe(3);

    const bad = await fetch(`${t.url}/_mock/requests?limit=0`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(
      /limit must be an integer from 1 to 1000/,
    );
    expect((await fetch(`${t.url}/_mock/nothing`)).status).toBe(404);

    const cleared = await fetch(`${t.url}/_mock/requests`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 3 });
    expect(await (await fetch(`${t.url}/_mock/requests`)).json()).toEqual([]);
    expect(t.grid.requests).toEqual([]);
  });
});

describe('request capture options', () => {
  it('refuse a bound that is not a whole number in range, naming it', () => {
    const handlers = (capture: Record<string, number>) => () =>
      createGridHandlers({ baseURL: 'http://grid.bad.test', core: sharedCore, capture });
    expect(handlers({ maxEntries: 0 })).toThrow('capture.maxEntries must be an integer ≥ 1 (got 0)');
    expect(handlers({ maxBodyChars: -1 })).toThrow('capture.maxBodyChars must be an integer ≥ 0 (got -1)');
    expect(handlers({ maxSseEvents: 1.5 })).toThrow('capture.maxSseEvents must be an integer ≥ 0 (got 1.5)');
  });
});

describe('request capture in the msw handlers', () => {
  it('records what the handlers answered; reset() and /_mock/requests work there too', async () => {
    const base = 'http://grid.capture.test';
    const handlers = createGridHandlers({
      baseURL: base,
      grid: { clock: new ManualClock(), rateLimits: false },
    });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const res = await fetch(`${base}/api/v2/generate/text/async`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', apikey: CLIENT_KEY },
        body: JSON.stringify({ prompt: 'over msw', models: [MODEL] }),
      });
      expect(handlers.requests).toHaveLength(1);
      expect(handlers.requests[0]).toMatchObject({
        method: 'POST',
        path: '/api/v2/generate/text/async',
        headers: { apikey: '[redacted]' },
        body: { prompt: 'over msw' },
        status: res.status,
        responseKind: 'json',
      });
      const listed = (await (await fetch(`${base}/_mock/requests`)).json()) as CapturedRequest[];
      expect(listed.map((r) => r.path)).toEqual(['/api/v2/generate/text/async']);
      handlers.reset();
      expect(handlers.requests).toEqual([]);
    } finally {
      server.close();
      handlers.core.dispose();
    }
  });
});
