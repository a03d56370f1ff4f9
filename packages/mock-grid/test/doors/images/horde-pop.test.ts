import { afterEach, describe, expect, it } from 'vitest';
import { imagePrice } from '../../../src/core/index.js';
import {
  CLIENT_KEY,
  IMAGE_MODEL,
  put,
  startTestGrid,
  type TestGrid,
  WORKER_KEY,
} from '../../helpers/grid.js';
import { jpeg, png, sha256 } from '../../helpers/png.js';

// Image jobs through the Horde door served by pop workers (spec: openapi/paths/api_v2_generate_*.yaml): pop
// with signed `r2_uploads`, progress on `check`, submit "R2" (or the base64 fallback), each image checked.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const W = { apikey: WORKER_KEY };
const POP = { name: 'pop-rig', models: [IMAGE_MODEL], max_pixels: 1024 * 1024, amount: 4 };

async function queue(params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const res = await t.post('/api/v2/generate/async', {
    prompt: 'a lighthouse###blurry',
    models: [IMAGE_MODEL],
    params: { width: 512, height: 512, steps: 10, ...params },
    ...extra,
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { id: string; kudos: number };
}

async function pop(body: Record<string, unknown> = POP) {
  const res = await t.post('/api/v2/generate/pop', body, W);
  expect(res.status).toBe(200);
  return res.json();
}

describe('Horde image jobs with pop workers', () => {
  it('pop → PUT r2_upload → progress → submit R2: verified, paid, status with a download URL and string seeds', async () => {
    t = await startTestGrid();
    const { id, kudos } = await queue({ seed: '42', n: 2 });
    const price = imagePrice(IMAGE_MODEL, 512, 512, 10);
    expect(kudos).toBe(Math.round(price * 2 * 100) / 100);
    const job = await pop();
    expect(job.ids).toHaveLength(2);
    expect(job.payload).toMatchObject({
      prompt: 'a lighthouse###blurry',
      seeds: [42, 43],
      batch_size: 2,
      ddim_steps: 10,
    });
    expect(job.r2_uploads).toHaveLength(2);
    expect(job.r2_upload).toBe(job.r2_uploads[0]);
    expect(job.ttl).toBe(600);

    const progress = await t.post(
      '/api/v2/generate/progress',
      { id: job.ids[0], current_step: 5, total_steps: 10 },
      W,
    );
    expect(await progress.json()).toMatchObject({ progress_percent: 50, current_step: 5, total_steps: 10 });
    const check = await (await t.get(`/api/v2/generate/check/${id}`)).json();
    expect(check).toMatchObject({
      processing: 2,
      done: false,
      progress: { progress_percent: 50, current_step: 5 },
    });

    for (const [i, genId] of job.ids.entries()) {
      const bytes = png(4, 4, i);
      // reGen sends no Content-Type: any image type is accepted by its magic bytes.
      expect((await put(job.r2_uploads[i], bytes)).status).toBe(200);
      const res = await t.post(
        '/api/v2/generate/submit',
        { id: genId, generation: 'R2', seed: 42 + i, sha256: sha256(bytes) },
        W,
      );
      expect(await res.json()).toEqual({ reward: price });
    }
    const status = await (await t.get(`/api/v2/generate/status/${id}`)).json();
    expect(status).toMatchObject({
      done: true,
      finished: 2,
      kudos: Math.round(price * 2 * 100) / 100,
      shared: false,
    });
    expect(status.generations.map((g: { seed: string }) => g.seed)).toEqual(['42', '43']);
    const img = await fetch(status.generations[1].img);
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(png(4, 4, 1));
    const late = await t.post(
      '/api/v2/generate/progress',
      { id: job.ids[0], current_step: 6, total_steps: 10 },
      W,
    );
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ message: 'Job already completed or faulted' });
  });

  it('accepts the base64 fallback, checked the same way', async () => {
    t = await startTestGrid();
    const { id } = await queue();
    const job = await pop();
    const bytes = png(4, 4, 9);
    const res = await t.post(
      '/api/v2/generate/submit',
      { id: job.id, generation: Buffer.from(bytes).toString('base64'), seed: 1 },
      W,
    );
    expect((await res.json()).reward).toBeGreaterThan(0);
    const status = await (await t.get(`/api/v2/generate/status/${id}`)).json();
    expect(new Uint8Array(await (await fetch(status.generations[0].img)).arrayBuffer())).toEqual(bytes);
  });

  it('serves /v1 images to a pop worker that is not nsfw (/v1 requests are never nsfw jobs)', async () => {
    t = await startTestGrid();
    // Checked in first: /v1 answers 503 while no image worker is online.
    expect((await pop({ ...POP, nsfw: false })).id).toBeNull();
    const pending = t.post('/v1/images/generations', {
      prompt: 'a lighthouse',
      model: IMAGE_MODEL,
      size: '512x512',
      steps: 4,
      response_format: 'b64_json',
    });
    let job = await pop({ ...POP, nsfw: false });
    for (let i = 0; i < 100 && job.id === null; i++) job = await pop({ ...POP, nsfw: false });
    const bytes = png(4, 4, 3);
    expect((await put(job.r2_uploads[0], bytes)).status).toBe(200);
    const submit = await t.post('/api/v2/generate/submit', { id: job.id, generation: 'R2', seed: 1 }, W);
    expect((await submit.json()).reward).toBe(imagePrice(IMAGE_MODEL, 512, 512, 4));
    const answer = await (await pending).json();
    expect(Buffer.from(answer.data[0].b64_json, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('a missing upload, a non-image or a wrong sha256: reward 0, re-queued for another worker', async () => {
    t = await startTestGrid();
    const { id } = await queue();
    for (const [name, send] of [
      ['pop-a', async (j: { id: string }) => ({ id: j.id, generation: 'R2', seed: 1 })],
      [
        'pop-b',
        async (j: { id: string; r2_upload: string }) => {
          await put(j.r2_upload, new TextEncoder().encode('not an image'));
          return { id: j.id, generation: 'R2', seed: 1 };
        },
      ],
      [
        'pop-c',
        async (j: { id: string; r2_upload: string }) => {
          await put(j.r2_upload, jpeg(), 'image/png');
          return { id: j.id, generation: 'R2', seed: 1 };
        },
      ],
    ] as const) {
      const job = await pop({ ...POP, name });
      expect(job.id).toBeTruthy();
      const res = await t.post('/api/v2/generate/submit', await send(job), W);
      expect(await res.json()).toEqual({ reward: 0 });
      // The worker that failed it does not get it back.
      expect((await pop({ ...POP, name })).id).toBeNull();
    }
    // Three failed attempts fault the request (maxAttempts), and nothing was charged.
    const status = await (await t.get(`/api/v2/generate/status/${id}`)).json();
    expect(status).toMatchObject({ faulted: true, restarted: 3, kudos: 0, generations: [] });
    expect(t.grid.core.account(CLIENT_KEY).spent).toBe(0);
    expect(t.grid.core.worker('pop-a')!.denEarned).toBe(0);
  });

  it('matches capabilities and max_pixels, counting what it skipped', async () => {
    t = await startTestGrid();
    await queue({ width: 1024, height: 1024 });
    await queue({ loras: [{ name: 'film-grain' }] });
    const none = await pop({ ...POP, name: 'small', max_pixels: 512 * 512, allow_lora: false });
    expect(none.id).toBeNull();
    expect(none.skipped).toMatchObject({ max_pixels: 1, lora: 1 });
    const lora = await pop({ ...POP, name: 'lora', max_pixels: 512 * 512, allow_lora: true });
    expect(lora.payload.loras).toEqual([{ name: 'film-grain' }]);
  });
});
