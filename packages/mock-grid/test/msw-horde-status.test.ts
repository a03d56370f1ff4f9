import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/index.js';
import { createGridHandlers } from '../src/msw.js';
import { CLIENT_KEY, MODEL, WORKER_KEY } from './helpers/grid.js';
import { createSpecCheck } from './helpers/spec-validator.js';

// The Horde status, worker and stats routes over msw: the same route table as the node server
// (test/doors/http/horde-status.test.ts has the full behaviour).
const BASE = 'http://grid.mock.test';
const handlers = createGridHandlers({
  baseURL: BASE,
  grid: { clock: new ManualClock(), rateLimits: false },
});
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
    body: JSON.stringify(body),
  });
const get = async (path: string) => {
  const res = await check.fetch(`${BASE}${path}`, { headers: { client_agent: 'horde_sdk:0.33.3:' } });
  expect(res.status, path).toBe(200);
  return res.json();
};

describe('msw handlers: Horde status and stats', () => {
  it('serve workers by name, one model, news, modes and the text stats of a completed job', async () => {
    const popBody = { name: 'msw-pop', models: [MODEL] };
    await post('/api/v2/generate/text/async', { prompt: 'hi', models: [MODEL] });
    const job = await (await post('/api/v2/generate/text/pop', popBody, WORKER_KEY)).json();
    await post('/api/v2/generate/text/submit', { id: job.id, generation: 'hello from msw' }, WORKER_KEY);

    expect(await get('/api/v2/workers/name/msw-pop')).toMatchObject({ name: 'msw-pop', type: 'text' });
    expect(await get('/api/v2/workers?type=')).toHaveLength(1);
    expect(await get(`/api/v2/status/models/${MODEL}`)).toEqual([
      expect.objectContaining({ name: MODEL, count: 1, type: 'text' }),
    ]);
    expect((await get('/api/v2/status/news')).length).toBeGreaterThan(0);
    expect(await get('/api/v2/status/modes')).toEqual({ maintenance_mode: false, invite_only_mode: false });
    const one = { requests: 1, tokens: 4 }; // 14 characters, 4 to a token
    expect(await get('/api/v2/stats/text/totals')).toEqual({
      minute: one,
      hour: one,
      day: one,
      month: one,
      total: one,
    });
    expect(await get('/api/v2/stats/text/models')).toEqual({
      day: { [MODEL]: 1 },
      month: { [MODEL]: 1 },
      total: { [MODEL]: 1 },
    });
  });
});
