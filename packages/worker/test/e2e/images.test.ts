// Images end to end: @aipg/sdk (`grid.images.generate` on /v1, `grid.images.createAndWait` on the Horde door) →
// @aipg/mock-grid (queue, object store, verification, ledger) → this worker with its demo image backend, over
// both protocols (WebSocket media sessions, Horde image pop) → real PNG bytes back to the client.
//
// Nothing here waits on time. Where a test needs the job to be mid-generation, the backend is the real demo
// backend behind a gate: it renders at once but hands its pictures back only once the test saw what it waits
// for (the client's progress, the other worker's job).
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GridEvent, imagePrice, type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { APIUserAbortError, Grid, type GridImage } from '@aipg/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { renderDemoImage } from '../../src/backends/images/demo.js';
import type { Protocol } from '../../src/config/types.js';
import {
  createDemoImageBackend,
  createWorker,
  type ImageBackend,
  type JobEndEvent,
  parseConfig,
  type Worker,
} from '../../src/index.js';
import { decodePng } from '../helpers/images.js';
import { deferred } from '../helpers/jobs.js';
import { type CliProcess, spawnCli } from '../helpers/spawn-cli.js';

const CLIENT_KEY = 'grid_e2e_image_client';
const WORKER_KEY = 'grid_e2e_image_worker';
const MODEL = 'grid/demo-image';
const PROMPT = 'a lighthouse at dusk';
const [WIDTH, HEIGHT, STEPS] = [320, 256, 8];
/** What one image earns its worker and costs its requester (docs/mock-grid-core.md "Image jobs"). */
const PRICE = imagePrice(MODEL, WIDTH, HEIGHT, STEPS);
const MEGAPIXEL_STEPS = ((WIDTH * HEIGHT) / 1_000_000) * STEPS;

let grid: MockGrid | undefined;
const workers: Worker[] = [];
const children: CliProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.child.kill('SIGKILL');
    await child.exit;
  }
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await grid?.close();
  grid = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The bridgeData.yaml of one demo image worker, as a user writes it. */
function bridgeData(protocol: Protocol, name: string, extra: Record<string, unknown> = {}) {
  return {
    grid_url: grid!.url,
    api_key: WORKER_KEY,
    protocol,
    endpoints: [
      {
        type: 'demo-image',
        steps_per_second: 0,
        max_batch: 4,
        ...extra,
        models: [{ name, grid_model: MODEL }],
      },
    ],
  };
}

interface GatedDemo {
  backend: ImageBackend;
  /** Resolves when the backend got a job (with that job's seeds). */
  started: Promise<number[]>;
  /** Resolves with whether the job's signal was aborted, once the backend's call ended. */
  ended: Promise<{ aborted: boolean }>;
}

/**
 * The demo image backend, which returns its pictures only once `release` resolves: the job is certainly
 * mid-generation until then, on any machine.
 */
function gatedDemo(release: Promise<unknown>, stepsPerSecond = 0): GatedDemo {
  const demo = createDemoImageBackend({ stepsPerSecond });
  const started = deferred<number[]>();
  const ended = deferred<{ aborted: boolean }>();
  const backend: ImageBackend = {
    label: 'gated demo-image',
    async generate(job, ctx) {
      started.resolve(job.seeds);
      try {
        const images = await demo.generate(job, ctx);
        await Promise.race([release, aborted(ctx.signal)]);
        return images;
      } finally {
        ended.resolve({ aborted: ctx.signal.aborted });
      }
    },
  };
  return { backend, started: started.promise, ended: ended.promise };
}

/** Rejects with an AbortError when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const abort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}

/** Resolves when `count` grid events match. */
function gridEvents(match: (e: GridEvent) => boolean, count = 1): Promise<void> {
  const seen = deferred();
  let n = 0;
  const off = grid!.core.onEvent((event) => {
    if (match(event) && ++n === count) {
      off();
      seen.resolve();
    }
  });
  return seen.promise;
}

/** Starts an in-process worker from its bridgeData; resolves once the grid has it online. */
async function startWorker(
  protocol: Protocol,
  options: { name?: string; backend?: ImageBackend; extra?: Record<string, unknown> } = {},
) {
  const name = options.name ?? 'demo-painter';
  const online = gridEvents((e) => e.type === 'worker.online' && e.name === name);
  const jobEnded = deferred<JobEndEvent>();
  // When the job's den is in the worker's stats: the Horde submit's reward comes before the job ends, the
  // WebSocket `ack` after it.
  const paid = deferred();
  const worker = createWorker({
    config: parseConfig(bridgeData(protocol, name, options.extra)).config,
    imageBackend: options.backend,
    onJob: (event) => {
      jobEnded.resolve(event);
      if (protocol === 'horde') paid.resolve();
    },
    log: (_level, message) => {
      if (message.includes(': ack for job')) paid.resolve();
      if (process.env.E2E_DEBUG) console.error(message);
    },
    // Horde: pop again quickly so the test does not wait on idle back-off.
    idleBackoff: { initialMs: 20, maxMs: 50 },
  });
  workers.push(worker);
  void worker.run();
  await online;
  return { worker, jobEnded: jobEnded.promise, paid: paid.promise };
}

const client = () => new Grid({ baseURL: grid!.url, apiKey: CLIENT_KEY, maxRetries: 0 });

/** What the demo backend renders for `seed` with this file's request: the bytes the client must get. */
function expectedPicture(seed: number): Uint8Array {
  return renderDemoImage(
    { prompt: PROMPT, negative_prompt: '', width: WIDTH, height: HEIGHT, loras: [] },
    seed,
  );
}

function expectDemoPicture(image: GridImage | undefined, seed: number, worker: string): void {
  expect(image).toMatchObject({ mime: 'image/png', width: WIDTH, height: HEIGHT, seed, worker });
  // A PNG a decoder reads (every chunk's CRC), of the requested size, and exactly the demo's picture for the seed.
  const png = decodePng(image!.bytes);
  expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
  expect(Buffer.from(image!.bytes).equals(Buffer.from(expectedPicture(seed)))).toBe(true);
}

type Door = 'v1 url' | 'v1 b64_json' | 'horde';

/**
 * One image through `door`, its progress seen by the client's `onProgress`. `progressSeen` resolves at the
 * first report above 0 (the worker's), which releases a gated backend.
 */
async function makeImage(door: Door, seed: number, n = 1, signal?: AbortSignal, steps = STEPS) {
  const progress: number[] = [];
  const progressSeen = deferred();
  const heard = (percent: number | null | undefined) => {
    if (percent == null) return;
    progress.push(percent);
    if (percent > 0) progressSeen.resolve();
  };
  const run = async (): Promise<{ images: GridImage[]; den: number | undefined }> => {
    if (door === 'horde') {
      const job = await client().images.createAndWait(
        {
          prompt: PROMPT,
          models: [MODEL],
          params: { width: WIDTH, height: HEIGHT, steps, seed: String(seed), n },
          // The Horde's default is an nsfw request, which a worker with `nsfw: false` (ours by default) never gets.
          nsfw: false,
        },
        { onProgress: (check) => heard(check.progress?.progress_percent), pollIntervalMs: 100, signal },
      );
      return { images: job.images, den: job.kudos };
    }
    const result = await client().images.generate(
      {
        prompt: PROMPT,
        model: MODEL,
        n,
        size: `${WIDTH}x${HEIGHT}`,
        steps,
        seed,
        response_format: door === 'v1 url' ? 'url' : 'b64_json',
      },
      { onProgress: heard, progressIntervalMs: 50, signal },
    );
    return { images: result.images, den: result.grid?.den };
  };
  return { result: run(), progress, progressSeen: progressSeen.promise };
}

const DOORS: Door[] = ['v1 url', 'v1 b64_json', 'horde'];
const PROTOCOLS: Protocol[] = ['websocket', 'horde'];

describe.each(PROTOCOLS)('sdk → mock grid → worker (%s) with the demo image backend', (protocol) => {
  it.each(DOORS)(
    '%s: the picture, its seed, progress on the client, den credited and charged',
    async (door) => {
      grid = await startMockGrid({ port: 0 });
      const release = deferred();
      const gated = gatedDemo(release.promise);
      const { worker, jobEnded, paid } = await startWorker(protocol, { backend: gated.backend });
      const { result, progress, progressSeen } = await makeImage(door, 4242);
      // The backend holds the picture until the worker's progress reached the client.
      void progressSeen.then(release.resolve);
      const { images, den } = await result;

      expect(await gated.started).toEqual([4242]);
      expect(images).toHaveLength(1);
      expectDemoPicture(images[0], 4242, 'demo-painter');
      expect(progress.some((p) => p > 0 && p < 100)).toBe(true);
      // Paid in megapixel-steps: the worker earned what the requester was charged.
      expect((await jobEnded).end).toBe('done');
      await paid;
      expect(PRICE).toBe(Math.round(MEGAPIXEL_STEPS * 100) / 100);
      expect(worker.stats()).toMatchObject({ images: 1, den: PRICE });
      expect(worker.stats().megapixelSteps).toBeCloseTo(MEGAPIXEL_STEPS, 9);
      expect(grid.core.account(WORKER_KEY).earned).toBe(PRICE);
      expect(grid.core.account(CLIENT_KEY).spent).toBe(PRICE);
      expect(den).toBe(PRICE);
    },
  );
});

describe('n = 4 across two workers with max_batch 2', () => {
  it.each(PROTOCOLS)('%s: each worker makes two, the client gets four distinct seeds', async (protocol) => {
    grid = await startMockGrid({ port: 0 });
    // Each backend holds its pictures until both have a job: neither worker can take the other's share.
    const bothStarted = deferred();
    const painters = ['painter-a', 'painter-b'];
    const gates = painters.map(() => gatedDemo(bothStarted.promise));
    void Promise.all(gates.map((g) => g.started)).then(() => bothStarted.resolve());
    for (const [i, name] of painters.entries()) {
      await startWorker(protocol, { name, backend: gates[i]!.backend, extra: { max_batch: 2 } });
    }
    const door: Door = protocol === 'websocket' ? 'v1 url' : 'horde';
    const { result } = await makeImage(door, 100, 4);
    const { images, den } = await result;

    const seeds = images.map((image) => image.seed);
    expect(new Set(seeds).size).toBe(4);
    expect([...seeds].sort((a, b) => a! - b!)).toEqual([100, 101, 102, 103]);
    const started = await Promise.all(gates.map((g) => g.started));
    expect(started.map((s) => s.length)).toEqual([2, 2]);
    expect(started.flat().sort((a, b) => a - b)).toEqual([100, 101, 102, 103]);
    for (const image of images) {
      const by = painters[started.findIndex((s) => s.includes(image.seed!))]!;
      expectDemoPicture(image, image.seed!, by);
    }
    expect(grid.core.account(WORKER_KEY).earned).toBe(Math.round(PRICE * 4 * 100) / 100);
    expect(den).toBe(Math.round(PRICE * 4 * 100) / 100);
  });
});

describe('cancel mid-generation', () => {
  it.each([
    ['v1 url', 'websocket'],
    ['horde', 'websocket'],
    ['v1 url', 'horde'],
    ['horde', 'horde'],
  ] as const)('%s door, %s worker: aborting the sdk call aborts the backend', async (door, protocol) => {
    grid = await startMockGrid({ port: 0 });
    // The demo backend at 2 steps a second over 60 steps, its pictures never released: only the cancel ends the
    // job. A pop worker learns of it from its next progress report (one per 2 s), so it must still be sampling.
    const gated = gatedDemo(new Promise(() => {}), 2);
    const { worker, jobEnded } = await startWorker(protocol, { backend: gated.backend });
    const controller = new AbortController();
    const cancelled = gridEvents((e) => e.type === 'cancelled');
    const { result, progressSeen } = await makeImage(door, 7, 1, controller.signal, 60);
    // The trigger is the worker's progress reaching the client, not a timer.
    await progressSeen;
    controller.abort();
    await expect(result).rejects.toBeInstanceOf(APIUserAbortError);

    await cancelled;
    expect(await gated.ended).toEqual({ aborted: true });
    expect((await jobEnded).end).toBe('cancelled');
    expect(worker.stats()).toMatchObject({ den: 0 });
    expect(grid.core.account(CLIENT_KEY).spent).toBe(0);
  });
});

/** A hand-written Horde image worker: pops, PUTs what the test says, submits `R2`. Not the reference worker. */
function rawPopWorker(name: string) {
  const headers = { apikey: 'grid_e2e_raw_worker', 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${grid!.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    pop: () =>
      post('/api/v2/generate/pop', { name, models: [MODEL], max_pixels: 1024 * 1024, nsfw: true, amount: 1 }),
    submit: (id: unknown, seed: unknown, sha256?: string) =>
      post('/api/v2/generate/submit', { id, generation: 'R2', state: 'ok', seed, sha256 }),
  };
}

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...Buffer.from('JFIF'), 0]);

/** What the raw worker does with its image: PUT some bytes (with a Content-Type), report a sha256. */
const BAD_UPLOADS: [string, (right: Uint8Array) => { put?: Uint8Array; type?: string; sha256?: string }][] = [
  ['bytes that are no image', () => ({ put: Buffer.from('not a picture at all') })],
  ['a picture that does not match its sha256', (right) => ({ put: right, sha256: hex(expectedPicture(1)) })],
  ['JPEG bytes declared image/png', () => ({ put: JPEG, type: 'image/png', sha256: hex(JPEG) })],
  ['no upload at all', () => ({})],
];

describe('a worker that uploads the wrong thing', () => {
  it.each(BAD_UPLOADS)('%s: re-queued, served by the reference worker', async (_what, bad) => {
    grid = await startMockGrid({ port: 0 });
    const raw = rawPopWorker('raw-rig');
    // Online first (/v1 answers 503 with no image worker), then the request, then the raw worker's pop.
    expect((await raw.pop()).id).toBeNull();
    const requeued = gridEvents((e) => e.type === 'requeued');
    const { result } = await makeImage('v1 b64_json', 4242);
    let job = await raw.pop();
    while (job.id === null) job = await raw.pop();
    const upload = bad(expectedPicture(4242));
    if (upload.put) {
      const url = (job.r2_uploads as string[])[0]!;
      const headers = upload.type ? { 'content-type': upload.type } : undefined;
      const put = await fetch(url, { method: 'PUT', headers, body: Buffer.from(upload.put) });
      expect(put.status).toBe(200);
    }
    expect(await raw.submit(job.id, 4242, upload.sha256)).toEqual({ reward: 0 });
    await requeued;

    await startWorker('websocket');
    const { images, den } = await result;
    expectDemoPicture(images[0], 4242, 'demo-painter');
    expect(den).toBe(PRICE);
    expect(grid.core.account('grid_e2e_raw_worker').earned).toBe(0);
    expect(grid.core.account(WORKER_KEY).earned).toBe(PRICE);
  });
});

describe('the built CLI (dist/cli.js) with a demo-image endpoint in bridgeData.yaml', () => {
  it.each(PROTOCOLS)('%s: serves /v1 images and logs the megapixel-steps', async (protocol) => {
    grid = await startMockGrid({ port: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'aipg-e2e-images-'));
    dirs.push(dir);
    const file = join(dir, 'bridgeData.yaml');
    await writeFile(file, JSON.stringify(bridgeData(protocol, 'cli-painter', { steps_per_second: 0 })));
    const online = gridEvents((e) => e.type === 'worker.online' && e.name === 'cli-painter');
    const cli = spawnCli(['--config', file, '--key', join(dir, 'worker.key')]);
    children.push(cli);
    await Promise.race([online, cli.exit.then(() => Promise.reject(new Error(cli.output())))]);
    const { result } = await makeImage('v1 url', 99);
    const { images } = await result;
    expectDemoPicture(images[0], 99, 'cli-painter');
    // The log rounds to two decimals.
    await cli.waitFor(`done (1 image(s), ${MEGAPIXEL_STEPS.toFixed(2)} megapixel-steps)`);
    expect(grid.core.account(WORKER_KEY).earned).toBe(PRICE);
  });
});
