import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/index.js';
import { createGridHandlers } from '../src/msw.js';
import { CLIENT_KEY, MODEL, WORKER_KEY } from './helpers/grid.js';
import { createSpecCheck } from './helpers/spec-validator.js';

// In-process: the same routes over msw, driven with plain fetch (no SDK). Workers here are Horde pop workers
// (msw has no WebSocket server); the handlers' `core` is the grid they serve.
const BASE = 'http://grid.mock.test';
const handlers = createGridHandlers({ baseURL: BASE, grid: { clock: new ManualClock(), rateLimits: false } });
const server = setupServer(...handlers);
const check = createSpecCheck();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  await check.assertClean();
});
afterAll(() => {
  server.close();
  handlers.core.dispose();
});

const post = (path: string, body: unknown, apikey = CLIENT_KEY) =>
  check.fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', apikey },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('msw handlers', () => {
  it('serve a Horde job’s events (GET /v1/jobs/{id}/events), live and resumed after Last-Event-ID', async () => {
    const queued = await post('/api/v2/generate/text/async', { prompt: 'msw events', models: [MODEL] });
    const { id } = (await queued.json()) as { id: string };
    const events = check.fetch(`${BASE}/v1/jobs/${id}/events`, { headers: { apikey: CLIENT_KEY } });
    const popped = await post('/api/v2/generate/text/pop', { name: 'msw-pop', models: [MODEL] }, WORKER_KEY);
    const job = (await popped.json()) as { id: string };
    await post('/api/v2/generate/text/submit', { id: job.id, generation: 'over msw' }, WORKER_KEY);
    const text = await (await events).text();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([1, 2, 3]);
    expect(text).toContain('event: done\ndata: {"type":"done","seq":3');
    const resumed = await check.fetch(`${BASE}/v1/jobs/${id}/events`, {
      headers: { apikey: CLIENT_KEY, 'last-event-id': '2' },
    });
    expect([...(await resumed.text()).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([3]);
  });

  it('serve a streaming chat completion answered by a pop worker, all in-process', async () => {
    await post('/api/v2/generate/text/pop', { name: 'msw-pop', models: [MODEL] }, WORKER_KEY);
    const models = await (await check.fetch(`${BASE}/v1/models`)).json();
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(['auto', MODEL]);

    const chat = await post('/v1/chat/completions', {
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    expect(chat.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const job = await (
      await post('/api/v2/generate/text/pop', { name: 'msw-pop', models: [MODEL] }, WORKER_KEY)
    ).json();
    await post('/api/v2/generate/text/submit', { id: job.id, generation: 'hello from msw' }, WORKER_KEY);
    const events = (await chat.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const contents = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.slice('data: '.length)).choices[0].delta.content)
      .filter(Boolean);
    expect(contents).toEqual(['hello from msw']);
  });

  it('validate requests and tolerate doubled slashes like the node server', async () => {
    const bad = await post('/v1/chat/completions', { model: MODEL, messages: 'nope' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail[0].loc).toEqual(['body', 'messages']);
    const heartbeat = await check.fetch(`${BASE}//api/v2/status/heartbeat`);
    expect(heartbeat.status).toBe(200);
  });
});
