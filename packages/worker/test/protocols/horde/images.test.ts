import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, type ImageBackend, type JobEndEvent } from '../../../src/index.js';
import { realSleep } from '../../../src/util/timing.js';
import { BRIDGE_AGENT } from '../../../src/version.js';
import { createWorker, type Worker } from '../../../src/worker.js';
import { json, startServer, type TestServer } from '../../helpers/http-server.js';
import {
  hangingImageBackend,
  imageConfig,
  recordingImageBackend,
  sha256,
} from '../../helpers/image-worker.js';
import { decodePng, until } from '../../helpers/images.js';

let server: TestServer | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await server?.close();
  worker = undefined;
  server = undefined;
});

/**
 * A Horde image door (pop, progress, submit) and an object store on one server: pops are scripted, then empty;
 * PUTs to /objects/… answer `putStatus`; every submit is rewarded 1.5.
 */
async function fakeHorde(
  pops: ((base: string) => Record<string, unknown>)[],
  putStatus = 200,
  progressStatus = 200,
) {
  server = await startServer((req, res) => {
    const base = server!.url;
    if (req.url === '/api/v2/generate/pop') {
      const pop = pops.shift();
      return json(res, 200, pop ? pop(base) : { id: null, ids: [], skipped: {} });
    }
    if (req.url === '/api/v2/generate/progress') {
      // The AIPG Horde's answer for a generation that finished or was taken back (no rc).
      if (progressStatus === 400) return json(res, 400, { message: 'Job already completed or faulted' });
      return json(res, 200, { progress_percent: 0, current_step: 0, total_steps: 1 });
    }
    if (req.url === '/api/v2/generate/submit') return json(res, 200, { reward: 1.5 });
    if (req.method === 'PUT' && req.url.startsWith('/objects/')) {
      res.writeHead(putStatus);
      res.end();
      return;
    }
    json(res, 404, { message: 'no route' });
  });
  const requests = (url: string) => server!.requests.filter((r) => r.url === url);
  return {
    url: server.url,
    pops: () => requests('/api/v2/generate/pop'),
    progress: () => requests('/api/v2/generate/progress'),
    submits: () => requests('/api/v2/generate/submit'),
    puts: () => server!.requests.filter((r) => r.method === 'PUT'),
  };
}

/** An image pop with `ids.length` images (HordeImagePopResponse), uploads at /objects/<id>.webp. */
function imagePop(ids: string[], payload: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return (base: string) => ({
    id: ids[0],
    ids,
    model: 'demo-image',
    ttl: 600,
    source_processing: 'txt2img',
    media_type: 'image',
    payload: {
      prompt: 'a lighthouse at dusk###blurry, text',
      ddim_steps: 4,
      seed: 11,
      seeds: ids.map((_, i) => 11 + i * 10),
      batch_size: ids.length,
      n_iter: ids.length,
      sampler_name: 'k_euler_a',
      cfg_scale: 7.5,
      width: 64,
      height: 64,
      ...payload,
    },
    r2_upload: `${base}/objects/${ids[0]}.webp?sig=0`,
    r2_uploads: ids.map((id, i) => `${base}/objects/${id}.webp?sig=${i}`),
    skipped: {},
    messages: [],
    ...extra,
  });
}

/** Real but short waits: the pop loop idles between empty pops without spinning, and the test drains it. */
const shortSleep = (ms: number, signal?: AbortSignal) => realSleep(Math.min(ms, 10), signal);

describe('Horde v2 image jobs', () => {
  it('pop with the image capabilities, amount and no text limits', async () => {
    const horde = await fakeHorde([]);
    const config = imageConfig(horde.url, 'horde', {
      maxPixels: 262_144,
      amount: 3,
      capabilities: { img2img: true, painting: false, postProcessing: false, lora: false, controlnet: false },
    });
    worker = createWorker({ config: { ...config, nsfw: true }, sleep: shortSleep });
    void worker.run();
    await until(() => horde.pops().length > 0, 'a pop');
    expect(horde.pops()[0]!.headers.apikey).toBe('grid_test_key_0001');
    expect(horde.pops()[0]!.body).toEqual({
      name: 'painter',
      models: ['demo-image'],
      max_pixels: 262_144,
      allow_img2img: true,
      allow_painting: false,
      allow_post_processing: false,
      allow_lora: false,
      allow_controlnet: false,
      threads: 1,
      nsfw: true,
      amount: 3,
      bridge_agent: BRIDGE_AGENT,
    });
  });

  it('n = 3: PUT each image to its r2_uploads URL, report progress, submit R2 per id with its seed and sha256', async () => {
    const ids = ['g-1', 'g-2', 'g-3'];
    const horde = await fakeHorde([imagePop(ids)]);
    const recording = recordingImageBackend(700);
    const ended: JobEndEvent[] = [];
    worker = createWorker({
      config: imageConfig(horde.url, 'horde'),
      imageBackend: recording.backend,
      now: () => recording.clock.now,
      sleep: shortSleep,
      onJob: (event) => ended.push(event),
    });
    void worker.run();
    await until(() => ended.length === 1, 'the job to end');

    expect(recording.jobs[0]).toMatchObject({
      id: 'g-1',
      prompt: 'a lighthouse at dusk',
      negative_prompt: 'blurry, text',
      steps: 4,
      karras: true,
      seeds: [11, 21, 31],
    });
    const puts = horde.puts();
    expect(puts.map((p) => p.url)).toEqual(ids.map((id, i) => `/objects/${id}.webp?sig=${i}`));
    expect(puts.map((p) => p.headers['content-type'])).toEqual(['image/png', 'image/png', 'image/png']);
    for (const put of puts) expect(decodePng(put.raw)).toMatchObject({ width: 64, height: 64 });
    expect(new Set(puts.map((p) => sha256(p.raw))).size).toBe(3);
    expect(horde.submits().map((s) => s.body)).toEqual(
      ids.map((id, i) => ({
        id,
        generation: 'R2',
        state: 'ok',
        seed: 11 + i * 10,
        sha256: sha256(puts[i]!.raw),
      })),
    );
    // 3 images × 4 steps, 700 ms per step: reports at steps 1, 4, 7, 10, for the whole job under its first id.
    expect(horde.progress().map((p) => p.body)).toEqual(
      [1, 4, 7, 10].map((step) => ({ id: 'g-1', current_step: step, total_steps: 12 })),
    );
    const mps = Math.round(3 * ((64 * 64) / 1e6) * 4 * 1e6) / 1e6;
    expect(ended).toEqual([{ id: 'g-1', end: 'done', tokens: 0, images: 3, megapixelSteps: mps }]);
    expect(worker.stats()).toMatchObject({ den: 4.5, images: 3, megapixelSteps: mps });
  });

  it('seeds missing from the pop: the first seed counts up, the images differ', async () => {
    const horde = await fakeHorde([imagePop(['s-1', 's-2'], { seeds: undefined, seed: 100 })]);
    worker = createWorker({ config: imageConfig(horde.url, 'horde'), sleep: shortSleep });
    void worker.run();
    await until(() => horde.submits().length === 2, 'two submits');
    expect(horde.submits().map((s) => (s.body as { seed: number }).seed)).toEqual([100, 101]);
    const [a, b] = horde.puts();
    expect(sha256(a!.raw)).not.toBe(sha256(b!.raw));
  });

  it('an upload that keeps failing falls back to the image as base64 in the submit', async () => {
    const horde = await fakeHorde([imagePop(['b-1'])], 500);
    const sleeps: number[] = [];
    worker = createWorker({
      config: imageConfig(horde.url, 'horde'),
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return shortSleep(ms, signal);
      },
      random: () => 1,
    });
    void worker.run();
    await until(() => horde.submits().length === 1, 'the submit');
    // The PUT was tried 4 times, with back-off 1 s → 4 s on the worker's clock, before falling back.
    expect(horde.puts()).toHaveLength(4);
    expect(sleeps.slice(0, 3)).toEqual([1000, 2000, 4000]);
    const body = horde.submits()[0]!.body as Record<string, string>;
    const bytes = Buffer.from(body.generation!, 'base64');
    expect(decodePng(bytes)).toMatchObject({ width: 64, height: 64 });
    expect(body).toEqual({
      id: 'b-1',
      generation: body.generation,
      state: 'ok',
      seed: 11,
      sha256: sha256(bytes),
    });
    await until(() => worker!.stats().jobs.done === 1, 'the job counted done');
  });

  it('a backend failure submits every id faulted, with its seed', async () => {
    const horde = await fakeHorde([imagePop(['f-1', 'f-2'])]);
    const failing: ImageBackend = {
      label: 'failing',
      generate: async () => {
        throw new BackendError('CUDA out of memory');
      },
    };
    worker = createWorker({
      config: imageConfig(horde.url, 'horde'),
      imageBackend: failing,
      sleep: shortSleep,
    });
    void worker.run();
    await until(() => horde.submits().length === 2, 'two faulted submits');
    expect(horde.submits().map((s) => s.body)).toEqual([
      { id: 'f-1', generation: '', state: 'faulted', seed: 11 },
      { id: 'f-2', generation: '', state: 'faulted', seed: 21 },
    ]);
    expect(horde.puts()).toEqual([]);
    await until(() => worker!.stats().jobs.failed === 1, 'the job counted failed');
  });

  it('a progress answer "already completed or faulted" (a cancel) stops the backend; nothing is submitted', async () => {
    const horde = await fakeHorde([imagePop(['c-1', 'c-2'])], 200, 400);
    const { backend, seen } = hangingImageBackend();
    const ended: JobEndEvent[] = [];
    worker = createWorker({
      config: imageConfig(horde.url, 'horde'),
      imageBackend: backend,
      sleep: shortSleep,
      onJob: (event) => void ended.push(event),
    });
    void worker.run();
    await until(() => ended.length === 1, 'the job ended');
    expect(seen.aborted).toBe(true);
    expect(ended[0]).toMatchObject({ id: 'c-1', end: 'cancelled' });
    expect(horde.progress()).toHaveLength(1);
    expect(horde.submits()).toEqual([]);
    expect(horde.puts()).toEqual([]);
  });

  it('a job beyond the advertised capabilities is faulted without running the backend', async () => {
    const horde = await fakeHorde([imagePop(['p-1'], { post_processing: ['GFPGAN'] })]);
    const recording = recordingImageBackend(0);
    worker = createWorker({
      config: imageConfig(horde.url, 'horde'),
      imageBackend: recording.backend,
      sleep: shortSleep,
    });
    void worker.run();
    await until(() => horde.submits().length === 1, 'the faulted submit');
    expect(horde.submits()[0]!.body).toMatchObject({ id: 'p-1', state: 'faulted' });
    expect(recording.jobs).toEqual([]);
  });
});
