import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/index.js';
import { createGridHandlers } from '../src/msw.js';
import { CLIENT_KEY, IMAGE_MODEL, WORKER_KEY } from './helpers/grid.js';
import { png, sha256 } from './helpers/png.js';
import { createSpecCheck } from './helpers/spec-validator.js';

// The object store over msw: a Horde image job whose upload and download go through the handlers (raw bytes).
const BASE = 'http://grid.mock.test/prefix';
const clock = new ManualClock();
const handlers = createGridHandlers({ baseURL: BASE, grid: { clock, rateLimits: false } });
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

describe('image jobs and the object store over msw', () => {
  it('pop → PUT r2_upload → submit R2 → status img → GET the bytes; a tampered or expired URL is a 403', async () => {
    const { id } = await (
      await post('/api/v2/generate/async', { prompt: 'a cat', models: [IMAGE_MODEL], params: { steps: 2 } })
    ).json();
    const job = await (
      await post('/api/v2/generate/pop', { name: 'msw-rig', models: [IMAGE_MODEL] }, WORKER_KEY)
    ).json();
    expect(job.r2_upload.startsWith(`${BASE}/objects/`)).toBe(true);
    const bytes = png(4, 4, 5);
    const uploaded = await fetch(job.r2_upload, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> });
    expect(uploaded.status).toBe(200);
    const submitted = await post(
      '/api/v2/generate/submit',
      { id: job.id, generation: 'R2', seed: 1, sha256: sha256(bytes) },
      WORKER_KEY,
    );
    expect((await submitted.json()).reward).toBeGreaterThan(0);
    const status = await (await check.fetch(`${BASE}/api/v2/generate/status/${id}`)).json();
    const img = status.generations[0].img as string;
    expect(new Uint8Array(await (await fetch(img)).arrayBuffer())).toEqual(bytes);
    const last = img.at(-1) === '0' ? '1' : '0';
    expect((await fetch(`${img.slice(0, -1)}${last}`)).status).toBe(403);
    clock.advance(1801 * 1000);
    const expired = await fetch(img);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ detail: 'Request has expired' });
  });
});
