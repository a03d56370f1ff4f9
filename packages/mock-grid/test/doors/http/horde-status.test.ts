import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_KEY,
  IMAGE_MODEL,
  MODEL,
  mediaWorker,
  startTestGrid,
  type TestGrid,
  WORKER_KEY,
} from '../../helpers/grid.js';

// The Horde status, worker and stats routes horde-sdk calls (spec: openapi/paths/api_v2_status_*.yaml,
// api_v2_stats_text_*.yaml, api_v2_workers*.yaml). Each request is sent as horde-sdk 0.33.3 builds it: its paths,
// its `client_agent` / `accept` headers, the anonymous `apikey` it adds to the worker routes, `type=` (empty) for
// all worker types and `type=image|text` on status/models, and path values put in unencoded.

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const HSDK = {
  'User-Agent': 'python-requests/2.34.2',
  'Accept-Encoding': 'gzip, deflate',
  accept: 'application/json',
  client_agent: 'horde_sdk:0.33.3:https://github.com/Haidra-Org/horde_sdk',
};
/** horde-sdk adds the client's key (the anonymous one by default) to the worker routes. */
const HSDK_KEYED = { ...HSDK, apikey: '0000000000' };
const MODERATOR_KEY = 'grid_test_moderator_0001';
const TEXT_MODEL_2 = 'koboldcpp/other-model';

const popBody = (extra: Record<string, unknown> = {}) => ({
  name: 'Pop-Worker-1',
  models: [MODEL, TEXT_MODEL_2],
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

async function getJson(path: string, headers: Record<string, string> = HSDK) {
  const res = await t.get(path, headers);
  expect(res.status, path).toBe(200);
  return res.json();
}

/** One Horde text job through a pop worker, end to end; `text` is 4 characters a token. */
async function completeJob(model: string, text: string): Promise<void> {
  const accepted = await t.post('/api/v2/generate/text/async', {
    prompt: 'Once upon a time',
    params: { max_length: 64, max_context_length: 1024 },
    models: [model],
  });
  expect(accepted.status).toBe(202);
  const job = await pop({ models: [...new Set([MODEL, TEXT_MODEL_2, model])] });
  expect(job.model).toBe(model);
  const submitted = await t.post(
    '/api/v2/generate/text/submit',
    { id: job.id, generation: text, state: 'ok' },
    { apikey: WORKER_KEY },
  );
  expect(submitted.status).toBe(200);
}

describe('GET /api/v2/workers (horde-sdk AllWorkersDetailsRequest)', () => {
  it('type= (empty, horde-sdk’s default) or none lists every type; text and image filter', async () => {
    t = await startTestGrid();
    await pop();
    await mediaWorker(t, 'image-ws-1');
    const names = (list: Array<{ name: string }>) => list.map((w) => w.name).sort();
    expect(names(await getJson('/api/v2/workers?type=', HSDK_KEYED))).toEqual(['Pop-Worker-1', 'image-ws-1']);
    expect(names(await getJson('/api/v2/workers', HSDK_KEYED))).toEqual(['Pop-Worker-1', 'image-ws-1']);

    const text = await getJson('/api/v2/workers?type=text', HSDK_KEYED);
    expect(text).toEqual([
      expect.objectContaining({
        name: 'Pop-Worker-1',
        type: 'text',
        max_length: 512,
        max_context_length: 4096,
      }),
    ]);
    const image = await getJson('/api/v2/workers?type=image', HSDK_KEYED);
    expect(image).toEqual([
      expect.objectContaining({ name: 'image-ws-1', type: 'image', models: [IMAGE_MODEL], online: true }),
    ]);
    expect(typeof image[0].max_pixels).toBe('number');
    expect(typeof image[0].img2img).toBe('boolean');
    expect(image[0]).not.toHaveProperty('max_length');
    expect(await getJson('/api/v2/workers?type=interrogation', HSDK_KEYED)).toEqual([]);
    expect((await t.get('/api/v2/workers?type=video', HSDK_KEYED)).status).toBe(400);
  });

  it('name= matches case-insensitively and wins over type, as on the Horde', async () => {
    t = await startTestGrid();
    await pop();
    const found = await getJson('/api/v2/workers?type=&name=pop-worker-1', HSDK_KEYED);
    expect(found.map((w: { name: string }) => w.name)).toEqual(['Pop-Worker-1']);
    expect(await getJson('/api/v2/workers?type=image&name=POP-WORKER-1', HSDK_KEYED)).toHaveLength(1);
    expect(await getJson('/api/v2/workers?type=&name=nobody', HSDK_KEYED)).toEqual([]);
  });
});

describe('GET /api/v2/workers/name/{worker_name} (horde-sdk SingleWorkerNameDetailsRequest)', () => {
  it('answers the same details as /workers/{id}, offline workers too', async () => {
    t = await startTestGrid();
    const popped = await pop();
    expect(popped.id).toBeNull();
    const [listed] = await getJson('/api/v2/workers?type=text', HSDK_KEYED);
    const byName = await getJson('/api/v2/workers/name/Pop-Worker-1', HSDK_KEYED);
    expect(byName).toEqual(await getJson(`/api/v2/workers/${listed.id}`, HSDK_KEYED));
    expect(byName).toMatchObject({ id: listed.id, name: 'Pop-Worker-1', type: 'text', online: true });

    const { workerId } = await mediaWorker(t, 'image ws 1');
    // requests percent-encodes the space horde-sdk puts in the path.
    const image = await getJson('/api/v2/workers/name/image%20ws%201', HSDK_KEYED);
    expect(image).toMatchObject({ id: workerId, type: 'image' });

    t.clock.advance(301_000); // a pop worker is offline 300 s after its last pop
    const offline = await getJson('/api/v2/workers/name/Pop-Worker-1', HSDK_KEYED);
    expect(offline).toMatchObject({ name: 'Pop-Worker-1', online: false });
    expect(await getJson('/api/v2/workers?type=text', HSDK_KEYED)).toEqual([]);
  });

  it('404s an unknown name, and a name in another case, with WorkerNotFound {message, rc}', async () => {
    t = await startTestGrid();
    await pop();
    for (const name of ['nobody', 'pop-worker-1']) {
      const res = await t.get(`/api/v2/workers/name/${name}`, HSDK_KEYED);
      expect(res.status, name).toBe(404);
      expect(await res.json()).toEqual({
        message: `Worker with ID '${name}' not found.`,
        rc: 'WorkerNotFound',
      });
    }
  });
});

describe('GET /api/v2/status/models (horde-sdk HordeStatusModelsAllRequest)', () => {
  it('lists image models by default (the live quirk), text models for type=text', async () => {
    t = await startTestGrid();
    await pop();
    await mediaWorker(t, 'image-ws-1');
    const image = [
      { name: IMAGE_MODEL, count: 1, performance: 0, queued: 0, jobs: 0, eta: 0, type: 'image' },
    ];
    expect(await getJson('/api/v2/status/models')).toEqual(image);
    expect(await getJson('/api/v2/status/models?type=image')).toEqual(image);
    const text = await getJson('/api/v2/status/models?type=text');
    expect(text.map((m: { name: string }) => m.name)).toEqual([MODEL, TEXT_MODEL_2]);
    expect(text.every((m: { type: string; count: number }) => m.type === 'text' && m.count === 1)).toBe(true);
    expect(await getJson('/api/v2/status/models?type=text&min_count=2')).toEqual([]);
    expect(await getJson('/api/v2/status/models?type=image&max_count=0')).toEqual([]);
  });

  it('counts the queued images of an image model in `jobs`', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'image-ws-1');
    const body = {
      prompt: 'a lighthouse',
      models: [IMAGE_MODEL],
      params: { width: 512, height: 512, steps: 8 },
    };
    expect((await t.post('/api/v2/generate/async', body)).status).toBe(202);
    await worker.next('job'); // the worker holds the first request; the second one waits
    expect(
      (await t.post('/api/v2/generate/async', { ...body, params: { ...body.params, n: 2 } })).status,
    ).toBe(202);
    const [model] = await getJson('/api/v2/status/models?type=image');
    expect(model).toMatchObject({ name: IMAGE_MODEL, count: 1, jobs: 2, type: 'image' });
  });
});

describe('GET /api/v2/status/models/{model_name} (horde-sdk HordeStatusModelsSingleRequest)', () => {
  it('answers a list with the model’s entry, its `/` sent raw or encoded; [] when nobody serves it', async () => {
    t = await startTestGrid();
    await pop();
    await mediaWorker(t, 'image-ws-1');
    const [entry] = (await getJson('/api/v2/status/models?type=text')).filter(
      (m: { name: string }) => m.name === MODEL,
    );
    expect(await getJson(`/api/v2/status/models/${MODEL}`)).toEqual([entry]);
    expect(await getJson(`/api/v2/status/models/${encodeURIComponent(MODEL)}`)).toEqual([entry]);
    expect(await getJson(`/api/v2/status/models/${encodeURIComponent(IMAGE_MODEL)}`)).toEqual([
      expect.objectContaining({ name: IMAGE_MODEL, type: 'image', count: 1 }),
    ]);
    expect(await getJson('/api/v2/status/models/nobody/serves-this')).toEqual([]);
    // Model names are exact, as in matching (docs/mock-grid-core.md "Matching").
    expect(await getJson(`/api/v2/status/models/${MODEL.toUpperCase()}`)).toEqual([]);
  });
});

describe('GET /api/v2/status/news and /status/modes', () => {
  it('news: the fixed list of Newspieces horde-sdk’s NewsRequest reads', async () => {
    t = await startTestGrid();
    const news = await getJson('/api/v2/status/news');
    expect(news.length).toBeGreaterThan(0);
    for (const piece of news) {
      expect(piece).toEqual(
        expect.objectContaining({
          date_published: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          newspiece: expect.any(String),
          importance: expect.any(String),
        }),
      );
    }
  });

  it('modes: two public modes without a key, raid_mode for a moderator, NotModerator for anyone else', async () => {
    t = await startTestGrid({ keys: [{ key: MODERATOR_KEY, moderator: true }] });
    expect(await getJson('/api/v2/status/modes')).toEqual({
      maintenance_mode: false,
      invite_only_mode: false,
    });
    expect(await getJson('/api/v2/status/modes', { ...HSDK, apikey: MODERATOR_KEY })).toEqual({
      maintenance_mode: false,
      invite_only_mode: false,
      raid_mode: false,
    });
    for (const apikey of [CLIENT_KEY, '0000000000']) {
      const res = await t.get('/api/v2/status/modes', { ...HSDK, apikey });
      expect(res.status, apikey).toBe(403);
      expect(await res.json()).toEqual({ message: "You're not a mod. BTFO!", rc: 'NotModerator' });
    }
    const user = await getJson('/api/v2/find_user', { ...HSDK, apikey: MODERATOR_KEY });
    expect(user.moderator).toBe(true);
  });

  it('modes: an unknown key in strict mode is 401 InvalidAPIKey', async () => {
    t = await startTestGrid({ auth: 'strict', keys: [{ key: MODERATOR_KEY, moderator: true }] });
    const res = await t.get('/api/v2/status/modes', { ...HSDK, apikey: 'grid_not_a_known_key_01' });
    expect(res.status).toBe(401);
    expect((await res.json()).rc).toBe('InvalidAPIKey');
    expect((await getJson('/api/v2/status/modes', { ...HSDK, apikey: MODERATOR_KEY })).raid_mode).toBe(false);
  });
});

describe('GET /api/v2/stats/text/totals and /stats/text/models (horde-sdk TextStatsModels*Request)', () => {
  const zero = { requests: 0, tokens: 0 };

  it('count completed jobs and their grid-counted tokens per window on the core clock', async () => {
    t = await startTestGrid();
    expect(await getJson('/api/v2/stats/text/totals')).toEqual({
      minute: zero,
      hour: zero,
      day: zero,
      month: zero,
      total: zero,
    });
    expect(await getJson('/api/v2/stats/text/models')).toEqual({ day: {}, month: {}, total: {} });

    await completeJob(MODEL, 'x'.repeat(20)); // 5 tokens
    await completeJob(TEXT_MODEL_2, 'x'.repeat(12)); // 3 tokens
    const two = { requests: 2, tokens: 8 };
    expect(await getJson('/api/v2/stats/text/totals')).toEqual({
      minute: two,
      hour: two,
      day: two,
      month: two,
      total: two,
    });

    t.clock.advance(61_000);
    await completeJob(MODEL, 'x'.repeat(40)); // 10 tokens
    const three = { requests: 3, tokens: 18 };
    expect(await getJson('/api/v2/stats/text/totals')).toEqual({
      minute: { requests: 1, tokens: 10 },
      hour: three,
      day: three,
      month: three,
      total: three,
    });
    expect(await getJson('/api/v2/stats/text/models')).toEqual({
      day: { [TEXT_MODEL_2]: 1, [MODEL]: 2 },
      month: { [TEXT_MODEL_2]: 1, [MODEL]: 2 },
      total: { [TEXT_MODEL_2]: 1, [MODEL]: 2 },
    });

    t.clock.advance(62 * 60_000);
    const totals = await getJson('/api/v2/stats/text/totals');
    expect(totals).toEqual({ minute: zero, hour: zero, day: three, month: three, total: three });

    t.clock.advance(25 * 3_600_000);
    expect(await getJson('/api/v2/stats/text/totals')).toEqual({
      minute: zero,
      hour: zero,
      day: zero,
      month: three,
      total: three,
    });
    expect(await getJson('/api/v2/stats/text/models')).toEqual({
      day: { [TEXT_MODEL_2]: 0, [MODEL]: 0 },
      month: { [TEXT_MODEL_2]: 1, [MODEL]: 2 },
      total: { [TEXT_MODEL_2]: 1, [MODEL]: 2 },
    });

    t.clock.advance(31 * 86_400_000);
    expect(await getJson('/api/v2/stats/text/totals')).toEqual({
      minute: zero,
      hour: zero,
      day: zero,
      month: zero,
      total: three,
    });
    expect((await getJson('/api/v2/stats/text/models')).month).toEqual({ [TEXT_MODEL_2]: 0, [MODEL]: 0 });
  });

  it('count a model called __proto__ like any other', async () => {
    t = await startTestGrid();
    await completeJob('__proto__', 'x'.repeat(8));
    const models = await (await t.get('/api/v2/stats/text/models', HSDK)).text();
    expect(models).toBe('{"day":{"__proto__":1},"month":{"__proto__":1},"total":{"__proto__":1}}');
  });

  it('count neither failed attempts nor cancelled requests', async () => {
    t = await startTestGrid();
    const { id } = await (
      await t.post('/api/v2/generate/text/async', {
        prompt: 'Once upon a time',
        params: { max_length: 64, max_context_length: 1024 },
        models: [MODEL],
      })
    ).json();
    const job = await pop();
    const faulted = await t.post(
      '/api/v2/generate/text/submit',
      { id: job.id, generation: '', state: 'faulted' },
      { apikey: WORKER_KEY },
    );
    expect(faulted.status).toBe(200);
    expect((await t.fetch(`${t.url}/api/v2/generate/text/status/${id}`, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await getJson('/api/v2/stats/text/totals')).total).toEqual(zero);
  });
});
