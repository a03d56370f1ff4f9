import { afterEach, describe, expect, it } from 'vitest';
import { imagePrice } from '../../../src/core/index.js';
import { IMAGE_MODEL, mediaWorker, put, startTestGrid, type TestGrid } from '../../helpers/grid.js';
import { jpeg, png, sha256 } from '../../helpers/png.js';
import type { ServerFrame, TestWsWorker } from '../../helpers/ws-worker.js';

// Image jobs through /v1 served by WS media workers (spec: openapi/paths/v1_images_generations.yaml, the media
// frames of openapi/components/ws.yaml): upload slots, verification, the split of `n`, progress, cancel.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

interface Slot {
  put_url: string;
  key: string;
  content_type: string;
  expires_at: number;
}
type MediaJob = ServerFrame & {
  id: string;
  payload: { seeds: number[]; width: number; height: number };
  upload: Slot[];
};

async function nextMediaJob(worker: TestWsWorker): Promise<MediaJob> {
  return (await worker.next('job')) as MediaJob;
}

/** Uploads a real PNG per slot and reports `done` with their sha256; returns the ack. */
async function serveImages(worker: TestWsWorker, job: MediaJob, sent = (b: Uint8Array) => sha256(b)) {
  const results = [];
  for (const [index, slot] of job.upload.entries()) {
    const bytes = png(8, 8, job.payload.seeds[index]!);
    const res = await put(slot.put_url, bytes, slot.content_type);
    expect(res.status).toBe(200);
    results.push({ index, seed: job.payload.seeds[index]!, sha256: sent(bytes) });
  }
  worker.send({ type: 'done', id: job.id, results });
  return worker.next('ack');
}

const body = (extra: Record<string, unknown> = {}) => ({
  prompt: 'a lighthouse at dusk',
  model: IMAGE_MODEL,
  size: '512x512',
  steps: 4,
  response_format: 'b64_json',
  ...extra,
});

describe('/v1/images/generations with WS media workers', () => {
  it('serves an image: signed PUT slots, progress, verified bytes, megapixel-step den', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'rig-01');
    const pending = t.post('/v1/images/generations', body({ progress_token: 'tok-1', seed: 42 }));
    const job = await nextMediaJob(worker);
    expect(job.job_type).toBe('image');
    expect(job.payload).toMatchObject({
      width: 512,
      height: 512,
      steps: 4,
      seed: 42,
      seeds: [42],
      ext: 'png',
    });
    expect(job.upload).toHaveLength(1);
    expect(job.upload[0]!.content_type).toBe('image/png');
    expect(job.upload[0]!.put_url).toMatch(/\/objects\/.+\.png\?method=PUT&exp=\d+&sig=[0-9a-f]{64}$/);
    expect(job.upload[0]!.expires_at).toBe(Math.floor(t.clock.now() / 1000) + 900);

    worker.send({ type: 'progress', id: job.id, pct: 40 });
    // Frames on one socket are handled in order: the pong's answer-less round trip is not needed, poll instead.
    let seen: unknown = null;
    for (let i = 0; i < 100 && seen !== 40; i++)
      seen = (await (await t.get('/v1/progress/tok-1')).json()).progress;
    expect(seen).toBe(40);

    const ack = await serveImages(worker, job);
    const den = imagePrice(IMAGE_MODEL, 512, 512, 4);
    expect(ack).toEqual({ type: 'ack', id: job.id, den });
    const res = await pending;
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.data).toHaveLength(1);
    expect(Buffer.from(out.data[0].b64_json, 'base64')).toEqual(Buffer.from(png(8, 8, 42)));
    expect(out.data[0]).toMatchObject({ seed: 42, worker: 'rig-01' });
    expect(out.grid).toMatchObject({ model: IMAGE_MODEL, steps: 4, den });
    // 512×512 at 4 steps on a Flux model: 1.05 megapixel-steps × 8.
    expect(den).toBe(8.39);
    expect((await (await t.get('/v1/progress/tok-1')).json()).progress).toBe(100);
    expect((await (await t.get('/v1/progress/unknown')).json()).progress).toBeNull();
    const client = t.grid.core.account('grid_test_client_key_0001');
    expect(client.spent).toBe(den);
    expect(t.grid.core.account('grid_test_worker_key_0001').earned).toBe(den);
  });

  it('splits n = 4 across two workers with amount 2: four images, four distinct seeds', async () => {
    t = await startTestGrid();
    const a = await mediaWorker(t, 'rig-a', { amount: 2 });
    const b = await mediaWorker(t, 'rig-b', { amount: 2 });
    const pending = t.post('/v1/images/generations', body({ n: 4 }));
    const [ja, jb] = await Promise.all([nextMediaJob(a), nextMediaJob(b)]);
    expect(ja.upload).toHaveLength(2);
    expect(jb.upload).toHaveLength(2);
    await Promise.all([serveImages(a, ja), serveImages(b, jb)]);
    const out = await (await pending).json();
    const seeds = out.data.map((d: { seed: number }) => d.seed);
    expect(new Set(seeds).size).toBe(4);
    expect(new Set(out.data.map((d: { worker: string }) => d.worker))).toEqual(new Set(['rig-a', 'rig-b']));
  });

  it('returns url results as signed GET URLs; a tampered or expired one is a 403', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'rig-01');
    const pending = t.post('/v1/images/generations', body({ response_format: 'url', seed: 7 }));
    await serveImages(worker, await nextMediaJob(worker));
    const out = await (await pending).json();
    const url = new URL(out.data[0].url);
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png(8, 8, 7));
    const tampered = new URL(url);
    tampered.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 1));
    expect((await fetch(tampered)).status).toBe(403);
    const asPut = new URL(url);
    asPut.searchParams.set('method', 'PUT');
    expect((await put(asPut.href, png(1, 1), 'image/png')).status).toBe(403);
    t.clock.advance(1801 * 1000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ detail: 'Request has expired' });
  });

  it('refuses an upload after its 900 s, to a changed URL, or with another Content-Type', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'rig-01');
    void t.post('/v1/images/generations', body());
    const job = await nextMediaJob(worker);
    const slot = job.upload[0]!;
    const other = new URL(slot.put_url.replace(/\.png\?/, '.webp?'));
    expect((await put(other.href, png(2, 2), 'image/png')).status).toBe(403);
    const sig = new URL(slot.put_url);
    sig.searchParams.set('sig', '0'.repeat(64));
    expect((await put(sig.href, png(2, 2), 'image/png')).status).toBe(403);
    expect((await put(slot.put_url, png(2, 2), 'image/jpeg')).status).toBe(403);
    t.clock.advance(901 * 1000);
    expect((await put(slot.put_url, png(2, 2), 'image/png')).status).toBe(403);
  });

  for (const [name, cheat] of [
    ['a wrong sha256', 'sha'],
    ['JPEG bytes in a PNG slot', 'mime'],
    ['a missing upload', 'missing'],
  ] as const) {
    it(`${name}: the job goes to another worker, nothing is paid for the bad attempt`, async () => {
      t = await startTestGrid();
      const bad = await mediaWorker(t, 'rig-bad', { amount: 1 });
      const pending = t.post('/v1/images/generations', body());
      const job = await nextMediaJob(bad);
      const slot = job.upload[0]!;
      const bytes = cheat === 'mime' ? jpeg() : png(8, 8, 1);
      if (cheat !== 'missing') expect((await put(slot.put_url, bytes, 'image/png')).status).toBe(200);
      const reported = cheat === 'sha' ? sha256(png(8, 8, 2)) : sha256(bytes);
      bad.send({
        type: 'done',
        id: job.id,
        results: [{ index: 0, seed: job.payload.seeds[0], sha256: reported }],
      });
      expect(await bad.next('ack')).toEqual({ type: 'ack', id: job.id, den: 0 });
      expect(t.grid.core.worker('rig-bad')!.strikes).toBe(1);

      // Not handed back to the worker that failed it: another one serves it.
      const good = await mediaWorker(t, 'rig-good');
      const again = await nextMediaJob(good);
      expect(again.id).not.toBe(job.id);
      await serveImages(good, again);
      const res = await pending;
      expect(res.status).toBe(200);
      expect((await res.json()).data[0].worker).toBe('rig-good');
      const den = imagePrice(IMAGE_MODEL, 512, 512, 4);
      expect(t.grid.core.account('grid_test_client_key_0001').spent).toBe(den);
      expect(t.grid.core.worker('rig-bad')!.denEarned).toBe(0);
      expect(t.grid.core.worker('rig-good')!.denEarned).toBe(den);
    });
  }

  it('sends the worker a cancel when the request is cancelled mid-generation (Horde DELETE)', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'rig-01');
    const queued = await t.post('/api/v2/generate/async', {
      prompt: 'a cat',
      models: [IMAGE_MODEL],
      params: { width: 512, height: 512, steps: 8 },
    });
    const { id } = await queued.json();
    const job = await nextMediaJob(worker);
    worker.send({ type: 'progress', id: job.id, pct: 25 });
    let check: { progress?: { progress_percent: number }; processing: number } | undefined;
    for (let i = 0; i < 100 && check?.progress?.progress_percent !== 25; i++) {
      check = await (await t.get(`/api/v2/generate/check/${id}`)).json();
    }
    expect(check).toMatchObject({ processing: 1, progress: { progress_percent: 25 } });
    const cancelled = await t.fetch(`${t.url}/api/v2/generate/status/${id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(await worker.next('cancel')).toEqual({ type: 'cancel', id: job.id });
    worker.send({ type: 'done', id: job.id, results: [], cancelled: true });
    expect(await worker.next('ack')).toEqual({ type: 'ack', id: job.id, den: 0 });
  });

  it('gives a Horde request PNG slots (it names no format), served and shown on its status', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'rig-01');
    const queued = await t.post('/api/v2/generate/async', {
      prompt: 'a cat',
      models: [IMAGE_MODEL],
      params: { width: 512, height: 512, steps: 8, seed: '9' },
    });
    const { id } = await queued.json();
    const job = await nextMediaJob(worker);
    expect(job.payload).toMatchObject({ ext: 'png', seeds: [9] });
    expect(job.upload.map((slot) => slot.content_type)).toEqual(['image/png']);
    expect((await serveImages(worker, job)).den).toBe(imagePrice(IMAGE_MODEL, 512, 512, 8));
    const status = await (await t.get(`/api/v2/generate/status/${id}`)).json();
    expect(status).toMatchObject({ done: true, faulted: false, generations: [{ seed: '9' }] });
  });

  it('refuses a registration that mixes text and media job types with 4003', async () => {
    t = await startTestGrid();
    const { TestWsWorker } = await import('../../helpers/ws-worker.js');
    const w = await TestWsWorker.open(t.url, {
      apikey: 'grid_test_worker_key_0001',
      name: 'mixed',
      models: [IMAGE_MODEL],
      job_types: ['text', 'image'],
    });
    expect((await w.closed).code).toBe(4003);
  });

  it('names the field and its range for a bad size, steps or n (422)', async () => {
    t = await startTestGrid();
    await mediaWorker(t, 'rig-01');
    const size = await t.post('/v1/images/generations', body({ size: '2000x2000' }));
    expect(size.status).toBe(422);
    const detail = (await size.json()).detail[0];
    expect(detail.loc).toEqual(['body', 'size']);
    expect(detail.msg).toContain('256-1536');
    const steps = await t.post('/v1/images/generations', body({ steps: 81 }));
    expect(steps.status).toBe(422);
    expect((await steps.json()).detail[0].loc).toEqual(['body', 'steps']);
    const n = await t.post('/v1/images/generations', body({ n: 5 }));
    expect((await n.json()).detail[0].loc).toEqual(['body', 'n']);
    const sampler = await t.post('/v1/images/generations', body({ sampler: 'euler_magic' }));
    expect((await sampler.json()).detail[0].loc).toEqual(['body', 'sampler']);
    const offline = await t.post('/v1/images/generations', body({ model: 'sdxl-nobody' }));
    expect(offline.status).toBe(404);
  });

  it('a worker without a capability never gets a job needing it; max_pixels bounds the size', async () => {
    t = await startTestGrid();
    const small = await mediaWorker(t, 'rig-small', { max_pixels: 512 * 512, allow_lora: false });
    void t.post('/v1/images/generations', body({ size: '1024x1024' }));
    void t.post('/v1/images/generations', body({ loras: [{ name: 'film-grain' }] }));
    const big = await mediaWorker(t, 'rig-big', { allow_lora: true, amount: 1 });
    const first = await nextMediaJob(big);
    await serveImages(big, first);
    const second = await nextMediaJob(big);
    await serveImages(big, second);
    const jobs = [first, second].map((j) => j.payload);
    expect(jobs.map((p) => p.width).sort((x, y) => x - y)).toEqual([512, 1024]);
    expect(small.buffered.filter((f) => f.type === 'job')).toEqual([]);
  });
});
