import { afterEach, describe, expect, it, vi } from 'vitest';
import { GridCore } from '../../../src/core/index.js';
import { CLIENT_KEY, MODEL, startTestGrid, type TestGrid } from '../../helpers/grid.js';

// A request belongs to its requester: another account can neither read nor cancel it, whatever it knows.

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const OTHER_KEY = 'grid_test_other_key_0002';
const statusPath = (id: string) => `/api/v2/generate/text/status/${id}`;

async function submitHorde(key: string): Promise<string> {
  const res = await t.post(
    '/api/v2/generate/text/async',
    { prompt: 'Once upon', models: [MODEL] },
    { apikey: key },
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const del = (path: string, headers: Record<string, string> = {}) =>
  t.fetch(`${t.url}${path}`, { method: 'DELETE', headers });

describe('who may read and cancel a request', () => {
  it('strict mode: only the submitting key reads or cancels it; another key or none gets 404', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [{ key: CLIENT_KEY }, { key: OTHER_KEY }],
    });
    const id = await submitHorde(CLIENT_KEY);
    expect((await t.get(statusPath(id), { apikey: OTHER_KEY })).status).toBe(404);
    expect((await t.get(statusPath(id))).status).toBe(404);
    expect((await del(statusPath(id), { apikey: OTHER_KEY })).status).toBe(404);
    expect((await t.get(statusPath(id), { apikey: CLIENT_KEY })).status).toBe(200);
    const cancelled = await del(statusPath(id), { apikey: CLIENT_KEY });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ done: true, faulted: false, waiting: 0 });
  });

  it('open mode: as on the AI Horde, no key reads by id, but another account’s key is refused', async () => {
    t = await startTestGrid();
    const id = await submitHorde(CLIENT_KEY);
    expect((await t.get(statusPath(id))).status).toBe(200);
    expect((await t.get(statusPath(id), { apikey: OTHER_KEY })).status).toBe(404);
    expect((await del(statusPath(id), { apikey: OTHER_KEY })).status).toBe(404);
    expect(t.grid.core.status(id).waiting).toBe(1);
  });

  it('the Horde cancel path does not reach in-flight /v1 requests', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    let requestId = '';
    const off = t.grid.core.onEvent((e) => {
      if (e.type === 'queued') requestId = e.requestId;
    });
    const chat = t.post('/v1/chat/completions', {
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const job = await worker.next('job');
    off();
    expect(requestId).not.toBe('');
    expect((await del(statusPath(requestId), { apikey: CLIENT_KEY })).status).toBe(404);
    expect((await t.get(statusPath(requestId), { apikey: CLIENT_KEY })).status).toBe(404);
    await worker.serve(String(job.id), ['Hello']);
    expect((await chat).status).toBe(200);
  });
});

describe('ids', () => {
  it('do not come from Math.random: a fixed Math.random still gives distinct, unpredictable ids', () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const grid = new GridCore({ rateLimits: false });
      const request = { prompt: 'p', models: ['m'] };
      const a = grid.submit({ source: 'horde', apiKey: 'k', request });
      const b = grid.submit({ source: 'horde', apiKey: 'k', request });
      expect(a.id).not.toBe(b.id);
      expect(a.jobIds[0]).not.toBe(b.jobIds[0]);
      expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      spy.mockRestore();
    }
  });
});
