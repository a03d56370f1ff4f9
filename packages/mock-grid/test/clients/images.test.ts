import { AIHorde, type PopInputStable } from '@zeldafan0225/ai_horde';
import OpenAI from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CLIENT_KEY,
  IMAGE_MODEL,
  mediaWorker,
  put,
  startTestGrid,
  type TestGrid,
  WORKER_KEY,
} from '../helpers/grid.js';
import { png, sha256 } from '../helpers/png.js';
import type { TestWsWorker } from '../helpers/ws-worker.js';

// Done-when checks: the official `openai` client's `images.generate` (both response formats) and
// `@zeldafan0225/ai_horde` as requester and as image worker (pop → PUT r2_upload → submit "R2"), unchanged.
let t: TestGrid;
afterEach(async () => {
  vi.unstubAllGlobals();
  await t?.close();
});

/** Serves the next media job with real PNGs. */
async function serveNext(worker: TestWsWorker): Promise<void> {
  const job = (await worker.next('job')) as unknown as {
    id: string;
    payload: { seeds: number[] };
    upload: { put_url: string; content_type: string }[];
  };
  const results = [];
  for (const [index, slot] of job.upload.entries()) {
    const bytes = png(16, 16, job.payload.seeds[index]!);
    await put(slot.put_url, bytes, slot.content_type);
    results.push({ index, seed: job.payload.seeds[index]!, sha256: sha256(bytes) });
  }
  worker.send({ type: 'done', id: job.id, results });
  await worker.next('ack');
}

describe('image clients against the mock grid', () => {
  it('openai images.generate, b64_json and url', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'rig-01');
    const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: CLIENT_KEY, fetch: t.fetch, maxRetries: 0 });
    const b64 = openai.images.generate({
      model: IMAGE_MODEL,
      prompt: 'a lighthouse',
      size: '1024x1024',
      response_format: 'b64_json',
    });
    await serveNext(worker);
    const one = await b64;
    expect(one.data).toHaveLength(1);
    expect(Buffer.from(one.data![0]!.b64_json!, 'base64').subarray(1, 4).toString()).toBe('PNG');

    const url = openai.images.generate({
      model: IMAGE_MODEL,
      prompt: 'a lighthouse',
      n: 2,
      response_format: 'url',
    });
    await serveNext(worker);
    const two = await url;
    expect(two.data).toHaveLength(2);
    const bytes = new Uint8Array(await (await fetch(two.data![1]!.url!)).arrayBuffer());
    expect(bytes.subarray(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  it('@zeldafan0225/ai_horde as requester and as image worker (pop → PUT r2_upload → submit "R2")', async () => {
    t = await startTestGrid();
    vi.stubGlobal('fetch', t.fetch);
    const horde = new AIHorde({ api_route: `${t.url}/api/v2`, client_agent: 'mock-grid-test:1:none' });
    const request = await horde.postAsyncImageGenerate(
      { prompt: 'a lighthouse', params: { width: 512, height: 512, steps: 4, n: 1 }, models: [IMAGE_MODEL] },
      { token: CLIENT_KEY },
    );
    expect(typeof request.id).toBe('string');

    const pop: PopInputStable = {
      name: 'horde-lib-image',
      models: [IMAGE_MODEL],
      bridge_version: 1,
      max_pixels: 1048576,
    };
    const job = await horde.postImageGenerationPop(pop, { token: WORKER_KEY });
    expect(job.id).toBeTruthy();
    const upload = (job as { r2_upload?: string }).r2_upload!;
    const bytes = png(8, 8, 3);
    expect((await put(upload, bytes)).status).toBe(200);
    // The library types `seed` as a string; the Horde's submit model takes the integer.
    const seed = (job.payload as { seed?: number }).seed ?? 0;
    const reward = await horde.postImageGenerationSubmit(
      { id: job.id!, generation: 'R2', seed: seed as unknown as string },
      { token: WORKER_KEY },
    );
    expect(reward.reward).toBeGreaterThan(0);

    const check = await horde.getImageGenerationCheck(request.id!, { force: true });
    expect(check.done).toBe(true);
    const status = await horde.getImageGenerationStatus(request.id!, { force: true });
    expect(status.generations?.[0]?.seed).toBe(String(seed));
    expect(status.generations?.[0]?.worker_name).toBe('horde-lib-image');
    const img = await fetch(status.generations![0]!.img!);
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(bytes);
  });
});
