import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, MODEL, nextJob, startTestGrid, type TestGrid, WORKER_KEY } from '../../helpers/grid.js';

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const asyncBody = (extra: Record<string, unknown> = {}) => ({
  prompt: 'Once upon a time',
  params: { max_length: 64, max_context_length: 1024 },
  models: [MODEL],
  ...extra,
});
const popBody = (extra: Record<string, unknown> = {}) => ({
  name: 'pop-worker-1',
  models: [MODEL],
  max_length: 512,
  max_context_length: 4096,
  bridge_agent: 'AI Horde Worker:24:https://github.com/db0/AI-Horde-Worker',
  ...extra,
});

async function pop(extra: Record<string, unknown> = {}) {
  const res = await t.post('/api/v2/generate/text/pop', popBody(extra), { apikey: WORKER_KEY });
  expect(res.status).toBe(200);
  return res.json();
}

describe('Horde v2 text jobs', () => {
  it('queues a request (202 with a warning while no worker can serve it) and prices a dry run (200)', async () => {
    t = await startTestGrid();
    const res = await t.post('/api/v2/generate/text/async', asyncBody(), { 'client-agent': 'test:1:none' });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(typeof body.id).toBe('string');
    expect(body.kudos).toBeGreaterThan(0);
    expect(body.message).toMatch(/^Warning: No available workers can fulfill this request/);
    const dry = await t.post('/api/v2/generate/text/async', asyncBody({ dry_run: true }));
    expect(dry.status).toBe(200);
    expect(Object.keys(await dry.json())).toEqual(['kudos']);
  });

  it('runs a whole job through a pop worker: async → pop → submit → status', async () => {
    t = await startTestGrid();
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody())).json();
    const waiting = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(waiting).toMatchObject({ waiting: 1, done: false, finished: 0 });
    const job = await pop();
    expect(job).toMatchObject({
      ids: [job.id],
      model: MODEL,
      payload: { prompt: 'Once upon a time', max_length: 64 },
    });
    const submitted = await t.post(
      '/api/v2/generate/text/submit',
      { id: job.id, generation: ' there was a grid.', state: 'ok', seed: 7 },
      { apikey: WORKER_KEY },
    );
    expect(submitted.status).toBe(200);
    expect((await submitted.json()).reward).toBeGreaterThan(0);
    const done = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(done).toMatchObject({ done: true, finished: 1, waiting: 0, processing: 0 });
    expect(done.generations).toEqual([
      expect.objectContaining({
        text: ' there was a grid.',
        worker_name: 'pop-worker-1',
        model: MODEL,
        state: 'ok',
      }),
    ]);
  });

  it('answers an empty pop with id null, ids [] and the skip counts', async () => {
    t = await startTestGrid();
    const empty = await pop();
    expect(empty).toMatchObject({ id: null, ids: [], payload: {} });
    expect(typeof empty.skipped).toBe('object');
  });

  it('serves a Horde request with a WS worker', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody())).json();
    const job = await nextJob(worker);
    await worker.serve(job.id, ['A', ' story.']);
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(status.done).toBe(true);
    expect(status.generations[0]).toMatchObject({ text: 'A story.', worker_name: 'ws-worker-1' });
  });

  it('DELETE cancels the request and the WS worker holding it gets cancel', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody())).json();
    const job = await nextJob(worker);
    const res = await t.fetch(`${t.url}/api/v2/generate/text/status/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await res.json()).done).toBe(true);
    expect(await worker.next('cancel')).toEqual({ type: 'cancel', id: job.id });
  });

  it('re-queues a faulted submit for another pop', async () => {
    t = await startTestGrid();
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody())).json();
    const first = await pop();
    const faulted = await t.post(
      '/api/v2/generate/text/submit',
      { id: first.id, generation: '', state: 'faulted' },
      { apikey: WORKER_KEY },
    );
    expect(faulted.status).toBe(200);
    expect(await faulted.json()).toEqual({ reward: 0 });
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(status).toMatchObject({ done: false, waiting: 1 });
    const second = await pop();
    expect(second.id).not.toBeNull();
    expect(second.id).not.toBe(first.id);
  });

  it('refuses a duplicate submit (400 DuplicateGen) and an unknown id (404 InvalidJobID)', async () => {
    t = await startTestGrid();
    await t.post('/api/v2/generate/text/async', asyncBody());
    const job = await pop();
    const body = { id: job.id, generation: 'text' };
    expect((await t.post('/api/v2/generate/text/submit', body, { apikey: WORKER_KEY })).status).toBe(200);
    const again = await t.post('/api/v2/generate/text/submit', body, { apikey: WORKER_KEY });
    expect(again.status).toBe(400);
    expect((await again.json()).rc).toBe('DuplicateGen');
    const unknown = await t.post(
      '/api/v2/generate/text/submit',
      { id: '00000000-0000-4000-8000-000000000000', generation: 'x' },
      { apikey: WORKER_KEY },
    );
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).rc).toBe('InvalidJobID');
  });

  it('answers an invalid key on submit with 401 InvalidAPIKey, fixing the live 500 (§6.9)', async () => {
    t = await startTestGrid({ auth: 'strict', keys: [{ key: WORKER_KEY, scopes: ['worker.connect'] }] });
    const res = await t.post(
      '/api/v2/generate/text/submit',
      { id: '00000000-0000-4000-8000-000000000000', generation: 'x' },
      { apikey: 'grid_not_a_known_key_0000' },
    );
    expect(res.status).toBe(401);
    expect((await res.json()).rc).toBe('InvalidAPIKey');
  });

  it('404s an unknown request id with RequestNotFound', async () => {
    t = await startTestGrid();
    const res = await t.get('/api/v2/generate/text/status/not-a-uuid');
    expect(res.status).toBe(404);
    expect((await res.json()).rc).toBe('RequestNotFound');
  });
});

describe('Horde v2 validation, auth and limits', () => {
  it('answers bad payloads with 400 "Input payload validation failed" naming the field', async () => {
    t = await startTestGrid();
    const range = await t.post('/api/v2/generate/text/async', asyncBody({ params: { max_length: 4096 } }));
    expect(range.status).toBe(400);
    const body = await range.json();
    expect(body.message).toBe('Input payload validation failed');
    expect(body.errors['params.max_length']).toMatch(/2048/);
    const missing = await (await t.post('/api/v2/generate/text/async', { params: {} })).json();
    expect(missing.errors.prompt).toBe('field required');
    const threads = await (
      await t.post('/api/v2/generate/text/pop', popBody({ threads: 99 }), { apikey: WORKER_KEY })
    ).json();
    expect(threads.errors.threads).toMatch(/50/);
    const malformed = await t.post('/api/v2/generate/text/async', '{"prompt": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errors['(body)']).toMatch(/malformed JSON/);
  });

  it('rejects an empty prompt with MissingPrompt and a missing key with 401 InvalidAPIKey', async () => {
    t = await startTestGrid();
    const empty = await t.post('/api/v2/generate/text/async', asyncBody({ prompt: '' }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).rc).toBe('MissingPrompt');
    const nokey = await t.post('/api/v2/generate/text/async', asyncBody(), { apikey: '' });
    expect(nokey.status).toBe(401);
    expect((await nokey.json()).rc).toBe('InvalidAPIKey');
  });

  it('never answers garbage with a 5xx', async () => {
    t = await startTestGrid();
    for (const path of [
      '/api/v2/generate/text/async',
      '/api/v2/generate/text/pop',
      '/api/v2/generate/text/submit',
    ]) {
      for (const body of [
        '',
        'null',
        '[]',
        '7',
        '{',
        '{"name":5}',
        '{"prompt":{}}',
        '{"id":null,"generation":1}',
      ]) {
        const res = await t.post(path, body, { apikey: WORKER_KEY });
        expect(res.status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${body}`).toBeLessThan(500);
      }
    }
  });

  it('caps the raw body with a 400 naming the limit', async () => {
    t = await startTestGrid({ limits: { maxBodyBytes: 2048 } });
    const res = await t.post('/api/v2/generate/text/async', asyncBody({ prompt: 'p'.repeat(3000) }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors.body).toBe('request body too large (max 2048 bytes)');
  });

  it('rate-limits async per key: 429 {message} without rc, with Retry-After', async () => {
    t = await startTestGrid({ rateLimits: { hordeAsync: { limit: 1, windowMs: 1000 } } });
    expect((await t.post('/api/v2/generate/text/async', asyncBody())).status).toBe(202);
    const limited = await t.post('/api/v2/generate/text/async', asyncBody());
    expect(limited.status).toBe(429);
    const body = await limited.json();
    expect(typeof body.message).toBe('string');
    expect(body.rc).toBeUndefined();
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(1000);
    expect((await t.post('/api/v2/generate/text/async', asyncBody())).status).toBe(202);
  });
});

describe('Horde v2 status, workers and users', () => {
  it('serves heartbeat and performance, on /api/v2, //api/v2 and the /v2 alias', async () => {
    t = await startTestGrid();
    for (const prefix of ['/api/v2', '//api/v2', '/v2']) {
      const res = await t.get(`${prefix}/status/heartbeat`);
      expect(res.status, prefix).toBe(200);
      expect((await res.json()).message).toBe('OK');
    }
    await t.post('/api/v2/generate/text/async', asyncBody());
    const perf = await (await t.get('/api/v2/status/performance')).json();
    expect(perf.queued_text_requests).toBe(1);
  });

  it('lists text models for type=text and none for the default image type', async () => {
    t = await startTestGrid();
    await pop();
    expect(await (await t.get('/api/v2/status/models')).json()).toEqual([]);
    const text = await (await t.get('/api/v2/status/models?type=text')).json();
    expect(text).toEqual([expect.objectContaining({ name: MODEL, count: 1, type: 'text' })]);
    expect(await (await t.get('/api/v2/status/models?type=text&min_count=2')).json()).toEqual([]);
    expect((await t.get('/api/v2/status/models?type=video')).status).toBe(400);
  });

  it('lists workers, shows one by id, and 404s an unknown id', async () => {
    t = await startTestGrid();
    const { workerId } = await t.wsWorker('listed-ws');
    await pop();
    const all = await (await t.get('/api/v2/workers')).json();
    expect(all.map((w: { name: string }) => w.name).sort()).toEqual(['listed-ws', 'pop-worker-1']);
    expect(await (await t.get('/api/v2/workers?type=image')).json()).toEqual([]);
    const one = await (await t.get(`/api/v2/workers/${workerId}`)).json();
    expect(one).toMatchObject({ id: workerId, name: 'listed-ws', type: 'text', online: true });
    const missing = await t.get('/api/v2/workers/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await missing.json()).rc).toBe('WorkerNotFound');
  });

  it('finds the user of a key and 401s without one', async () => {
    t = await startTestGrid();
    const user = await t.get('/api/v2/find_user', { apikey: CLIENT_KEY });
    expect(user.status).toBe(200);
    expect((await user.json()).username).toMatch(/#\d+$/);
    const none = await t.get('/api/v2/find_user');
    expect(none.status).toBe(401);
    expect((await none.json()).rc).toBe('InvalidAPIKey');
  });
});
