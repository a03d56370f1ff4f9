import { afterEach, describe, expect, it } from 'vitest';
import { type JobEndEvent, readImageInfo } from '../../../src/index.js';
import { BRIDGE_AGENT } from '../../../src/version.js';
import { createWorker, type Worker } from '../../../src/worker.js';
import { type FakeWsGrid, startFakeWsGrid } from '../../helpers/fake-ws-grid.js';
import {
  hangingImageBackend,
  imageConfig,
  type ObjectStore,
  recordingImageBackend,
  sha256,
  startObjectStore,
} from '../../helpers/image-worker.js';
import { decodePng, until } from '../../helpers/images.js';

let grid: FakeWsGrid | undefined;
let store: ObjectStore | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await grid?.close();
  await store?.server.close();
  worker = undefined;
  grid = undefined;
  store = undefined;
});

/** A media job frame as the spec has it (WsMediaJob): one upload slot per seed. */
function mediaJob(id: string, storeUrl: string, payload: Record<string, unknown> = {}, type = 'image/png') {
  const seeds = (payload.seeds as number[] | undefined) ?? [42, 43];
  return {
    type: 'job',
    id,
    job_type: 'image',
    model: 'demo-image',
    payload: {
      prompt: 'a lighthouse at dusk',
      n: seeds.length,
      width: 64,
      height: 80,
      steps: 6,
      sampler_name: 'k_euler',
      cfg_scale: 5,
      ext: 'png',
      seed: seeds[0],
      seeds,
      ...payload,
    },
    upload: seeds.map((_, i) => ({
      put_url: `${storeUrl}/objects/${id}-${i}.png?sig=s${i}`,
      key: `${id}-${i}.png`,
      content_type: type,
    })),
  };
}

/** Resolves the worker's waits at once (upload back-off) and counts them. */
function instantSleep() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe('WebSocket media sessions', () => {
  it('register the image capabilities and job_types [image], not the text limits', async () => {
    grid = await startFakeWsGrid();
    const config = imageConfig(grid.url, 'websocket', {
      maxPixels: 2_097_152,
      amount: 2,
      capabilities: { img2img: false, painting: false, postProcessing: false, lora: true, controlnet: false },
    });
    worker = createWorker({ config });
    void worker.run();
    const conn = await grid.nextConnection();
    expect(await conn.accept()).toEqual({
      apikey: 'grid_test_key_0001',
      name: 'painter',
      models: ['demo-image'],
      job_types: ['image'],
      max_pixels: 2_097_152,
      allow_img2img: false,
      allow_painting: false,
      allow_post_processing: false,
      allow_lora: true,
      allow_controlnet: false,
      amount: 2,
      bridge_agent: BRIDGE_AGENT,
    });
  });

  it('serve a job: progress about every 2 s of the worker clock, a PUT per slot, done with the sha256s', async () => {
    grid = await startFakeWsGrid();
    store = await startObjectStore();
    // 700 ms of the worker's clock per step: a report at most every third step.
    const recording = recordingImageBackend(700);
    const ended: JobEndEvent[] = [];
    worker = createWorker({
      config: imageConfig(grid.url, 'websocket'),
      imageBackend: recording.backend,
      now: () => recording.clock.now,
      onJob: (event) => ended.push(event),
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(mediaJob('m1', store.url));
    const done = await conn.type('done', 'm1');

    const progress = conn.frames.filter((f) => f.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    // 2 images × 6 steps = 12 steps; the first report at once, then one per ≥ 2000 ms (every third step here).
    expect(progress.map((f) => f.pct)).toEqual(
      [1, 4, 7, 10].map((step) => Math.round((step / 12) * 1000) / 10),
    );
    expect(progress.every((f) => f.id === 'm1')).toBe(true);
    expect(conn.frames.indexOf(progress.at(-1)!)).toBeLessThan(conn.frames.indexOf(done));

    const puts = store.puts();
    expect(puts.map((p) => p.url)).toEqual(['/objects/m1-0.png?sig=s0', '/objects/m1-1.png?sig=s1']);
    expect(puts.map((p) => p.headers['content-type'])).toEqual(['image/png', 'image/png']);
    for (const put of puts) expect(decodePng(put.raw)).toMatchObject({ width: 64, height: 80 });
    expect(sha256(puts[0]!.raw)).not.toBe(sha256(puts[1]!.raw));
    expect(done).toEqual({
      type: 'done',
      id: 'm1',
      results: [
        { index: 0, seed: 42, sha256: sha256(puts[0]!.raw) },
        { index: 1, seed: 43, sha256: sha256(puts[1]!.raw) },
      ],
    });
    conn.send({ type: 'ack', id: 'm1', den: 0.74 });
    await until(() => worker!.stats().den === 0.74, 'the ack den');
    const mps = Math.round(2 * ((64 * 80) / 1e6) * 6 * 1e6) / 1e6;
    expect(worker.stats()).toMatchObject({ jobs: { done: 1 }, images: 2, megapixelSteps: mps, tokens: 0 });
    expect(ended).toEqual([{ id: 'm1', end: 'done', tokens: 0, images: 2, megapixelSteps: mps }]);
  });

  it('normalise the job: defaults, LoRAs, the source picture downloaded with its MIME type', async () => {
    grid = await startFakeWsGrid();
    store = await startObjectStore();
    const source = (await import('../../../src/backends/images/png.js')).encodePng(
      2,
      2,
      new Uint8Array(12).fill(200),
    );
    store.serve('/src/in.png', source, 'image/png');
    const recording = recordingImageBackend(0);
    worker = createWorker({ config: imageConfig(grid.url, 'websocket'), imageBackend: recording.backend });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    const frame = mediaJob('m2', store.url, {
      seeds: [7],
      negative_prompt: 'fog',
      source_image_url: `${store.url}/src/in.png`,
      denoising_strength: 0.4,
      loras: [{ name: 'detail-tweaker', strength: 9, clip: 0.5 }, { name: 'plain' }],
      cfg_scale: 250,
    });
    delete (frame.payload as Record<string, unknown>).sampler_name;
    conn.send(frame);
    await conn.type('done', 'm2');
    const [job] = recording.jobs;
    expect(job).toMatchObject({
      id: 'm2',
      model: 'demo-image',
      prompt: 'a lighthouse at dusk',
      negative_prompt: 'fog',
      width: 64,
      height: 80,
      steps: 6,
      cfg_scale: 100,
      sampler_name: 'k_euler_a',
      karras: false,
      clip_skip: 1,
      seeds: [7],
      denoising_strength: 0.4,
      loras: [
        { name: 'detail-tweaker', model: 5, clip: 0.5 },
        { name: 'plain', model: 1, clip: 1 },
      ],
    });
    expect(job!.source_image!.mime).toBe('image/png');
    expect(Buffer.from(job!.source_image!.bytes).equals(Buffer.from(source))).toBe(true);
  });

  it('a PUT answered 5xx is retried with back-off; one that keeps failing ends in an error frame', async () => {
    grid = await startFakeWsGrid();
    // The first PUT fails once, then every PUT of the second job fails.
    store = await startObjectStore((req, attempt) => (attempt === 0 || req.url.includes('/m4-') ? 503 : 200));
    const { sleeps, sleep } = instantSleep();
    worker = createWorker({ config: imageConfig(grid.url, 'websocket'), sleep, random: () => 1 });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(mediaJob('m3', store.url));
    const done = await conn.type('done', 'm3');
    expect(done.results).toHaveLength(2);
    expect(store.puts()).toHaveLength(3);
    expect(sleeps).toEqual([1000]);

    conn.send(mediaJob('m4', store.url, { seeds: [5] }));
    const error = await conn.type('error', 'm4');
    expect(error).toEqual({
      type: 'error',
      id: 'm4',
      message: expect.stringMatching(/^upload failed after 4 attempts \(HTTP 503: store says no\)$/),
      client_error: false,
    });
    expect(store.puts().filter((p) => p.url.includes('/m4-'))).toHaveLength(4);
    expect(sleeps).toEqual([1000, 1000, 2000, 4000]);
    expect(conn.frames.some((f) => f.type === 'done' && f.id === 'm4')).toBe(false);
    expect(worker.stats().jobs).toMatchObject({ done: 1, failed: 1 });
  });

  it('a 403 from the store is final (no retry): an error frame', async () => {
    grid = await startFakeWsGrid();
    store = await startObjectStore(() => 403);
    const { sleeps, sleep } = instantSleep();
    worker = createWorker({ config: imageConfig(grid.url, 'websocket'), sleep });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(mediaJob('m5', store.url));
    const error = await conn.type('error', 'm5');
    expect(error.message).toMatch(/^upload refused \(HTTP 403/);
    expect(store.puts()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a slot that wants another type than the backend made fails cleanly, uploading nothing', async () => {
    grid = await startFakeWsGrid();
    store = await startObjectStore();
    worker = createWorker({ config: imageConfig(grid.url, 'websocket') });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(mediaJob('m6', store.url, {}, 'image/webp'));
    const error = await conn.type('error', 'm6');
    expect(error).toEqual({
      type: 'error',
      id: 'm6',
      message:
        'upload slot 0 wants image/webp, the backend made image/png, and this worker converts no pictures',
      client_error: false,
    });
    expect(store.puts()).toEqual([]);
  });

  it('cancel aborts the backend: done with cancelled: true and no results, nothing uploaded', async () => {
    grid = await startFakeWsGrid();
    store = await startObjectStore();
    const hanging = hangingImageBackend();
    worker = createWorker({ config: imageConfig(grid.url, 'websocket'), imageBackend: hanging.backend });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(mediaJob('m7', store.url));
    await conn.type('progress', 'm7');
    conn.send({ type: 'cancel', id: 'm7' });
    expect(await conn.type('done', 'm7')).toEqual({ type: 'done', id: 'm7', results: [], cancelled: true });
    expect(hanging.seen.aborted).toBe(true);
    expect(store.puts()).toEqual([]);
    expect(worker.stats().jobs.cancelled).toBe(1);
  });

  it('refuse a job beyond what was registered (max_pixels, amount) and a text job, without running them', async () => {
    grid = await startFakeWsGrid();
    store = await startObjectStore();
    const recording = recordingImageBackend(0);
    worker = createWorker({
      config: imageConfig(grid.url, 'websocket', { maxPixels: 64 * 80, amount: 1 }),
      imageBackend: recording.backend,
    });
    void worker.run();
    const conn = await grid.nextConnection();
    await conn.accept();
    conn.send(mediaJob('m8', store.url, { width: 128, height: 128 }));
    const tooBig = await conn.type('error', 'm8');
    expect(tooBig.message).toBe(
      'job refused: 128×128 is more than max_pixels 5120; 2 images is more than the advertised amount 1',
    );
    expect(tooBig.client_error).toBe(false);
    conn.send({ type: 'job', id: 't1', model: 'demo-image', payload: { prompt: 'hi', max_length: 5 } });
    expect((await conn.type('error', 't1')).message).toBe('this connection takes image jobs only, not text');
    expect(recording.jobs).toEqual([]);
    // Refusals are not the backend's failures: the session stays, the next job is served.
    conn.send(mediaJob('m9', store.url, { seeds: [1] }));
    expect((await conn.type('done', 'm9')).results).toHaveLength(1);
    const info = readImageInfo(store.puts()[0]!.raw);
    expect(info).toEqual({ mime: 'image/png', width: 64, height: 80 });
  });
});
