import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AIPGError,
  APITimeoutError,
  APIUserAbortError,
  type HordeImageCheck,
  type HordeImageGeneration,
  type HordeImageStatus,
  type ImageInput,
  type ImageJobResult,
  JobFaultedError,
  NotFoundError,
  UnprocessableEntityError,
} from '../../src/index';
import { base64, jpeg, png, webpExtended, webpLossless } from '../fixtures/images';
import { BASE, makeGrid, useFakeClock, useServer } from '../helpers';

const server = useServer();
const GENERATIONS = `${BASE}/v1/images/generations`;
const PROGRESS = `${BASE}/v1/progress/:token`;
const ASYNC = `${BASE}/api/v2/generate/async`;
const CHECK = `${BASE}/api/v2/generate/check/:id`;
const STATUS = `${BASE}/api/v2/generate/status/:id`;
/** The object store: another host, which must never see the client's credentials. */
const STORE = 'http://objects.test';
const JOB = '5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d';
const KEY = 'grid_test_key_0123456789';

async function run<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const settled = Promise.allSettled([promise]).then(([r]) => r!);
  await vi.runAllTimersAsync();
  return settled;
}

/** Serves `files` from the object store, recording what each download sent. */
function objectStore(files: Record<string, Uint8Array>) {
  const downloads: Array<{ path: string; apikey: string | null; authorization: string | null }> = [];
  server.use(
    http.get(`${STORE}/:name`, ({ request, params }) => {
      downloads.push({
        path: new URL(request.url).pathname,
        apikey: request.headers.get('apikey'),
        authorization: request.headers.get('authorization'),
      });
      const file = files[String(params.name)];
      if (!file) return HttpResponse.json({ message: 'no such object' }, { status: 404 });
      return new HttpResponse(file, { headers: { 'content-type': 'application/octet-stream' } });
    }),
  );
  return downloads;
}

describe('images.generate (/v1/images/generations)', () => {
  it('b64_json: decodes each image; type and size come from the bytes; grid metadata is kept', async () => {
    const bodies: unknown[] = [];
    const auth: Array<string | null> = [];
    server.use(
      http.post(GENERATIONS, async ({ request }) => {
        bodies.push(await request.json());
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json(
          {
            created: 1764222000,
            data: [
              { b64_json: base64(png(768, 512)), seed: 42, worker: 'rig-02', revised_prompt: 'x' },
              { b64_json: base64(webpLossless(768, 512)), seed: 43, worker: 'rig-03' },
            ],
            size: '768x512',
            grid: { model: 'FLUX.2 [klein]', gen_time: 2.1, steps: 4, den: 25.17 },
          },
          { headers: { 'x-request-id': 'req_images_1' } },
        );
      }),
    );
    const result = await makeGrid().images.generate({
      prompt: 'a lighthouse at dusk',
      n: 2,
      size: '768x512',
      response_format: 'b64_json',
    });
    expect(bodies).toEqual([
      { prompt: 'a lighthouse at dusk', n: 2, size: '768x512', response_format: 'b64_json' },
    ]);
    expect(auth).toEqual([`Bearer ${KEY}`]);
    expect(result).toEqual({
      created: 1764222000,
      size: '768x512',
      grid: { model: 'FLUX.2 [klein]', gen_time: 2.1, steps: 4, den: 25.17 },
      images: [
        {
          bytes: png(768, 512),
          mime: 'image/png',
          width: 768,
          height: 512,
          seed: 42,
          worker: 'rig-02',
          model: 'FLUX.2 [klein]',
        },
        {
          bytes: webpLossless(768, 512),
          mime: 'image/webp',
          width: 768,
          height: 512,
          seed: 43,
          worker: 'rig-03',
          model: 'FLUX.2 [klein]',
        },
      ],
    });
    expect(result.images[0]!.bytes).toBeInstanceOf(Uint8Array);
    expect(result._request_id).toBe('req_images_1');
  });

  it('url: downloads each image from the object store, without the client credentials', async () => {
    const downloads = objectStore({ 'a.jpg': jpeg(512, 320), 'b.webp': webpExtended(320, 512) });
    server.use(
      http.post(GENERATIONS, () =>
        HttpResponse.json({
          created: 1,
          data: [
            { url: `${STORE}/a.jpg?exp=1&sig=abc`, seed: 7 },
            { url: `${STORE}/b.webp?exp=1&sig=def`, seed: 8 },
          ],
        }),
      ),
    );
    const result = await makeGrid().images.generate({ prompt: 'x', model: 'sdxl-turbo', n: 2 });
    expect(
      result.images.map(({ mime, width, height, seed, model }) => ({ mime, width, height, seed, model })),
    ).toEqual([
      { mime: 'image/jpeg', width: 512, height: 320, seed: 7, model: 'sdxl-turbo' },
      { mime: 'image/webp', width: 320, height: 512, seed: 8, model: 'sdxl-turbo' },
    ]);
    expect(result.images[0]!.bytes).toEqual(jpeg(512, 320));
    expect(downloads).toEqual([
      { path: '/a.jpg', apikey: null, authorization: null },
      { path: '/b.webp', apikey: null, authorization: null },
    ]);
  });

  it('a download the store refuses is a typed error', async () => {
    objectStore({});
    server.use(
      http.post(GENERATIONS, () => HttpResponse.json({ created: 1, data: [{ url: `${STORE}/gone.png` }] })),
    );
    await expect(makeGrid().images.generate({ prompt: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('bytes that are not a PNG, JPEG or WebP file → AIPGError', async () => {
    const html = new TextEncoder().encode('<html>oops</html>');
    server.use(
      http.post(GENERATIONS, () => HttpResponse.json({ created: 1, data: [{ b64_json: base64(html) }] })),
    );
    const error = await makeGrid()
      .images.generate({ prompt: 'x', response_format: 'b64_json' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AIPGError);
    expect((error as Error).message).toContain('not a PNG, JPEG or WebP file');
  });

  it('a 422 naming the field is an UnprocessableEntityError', async () => {
    server.use(
      http.post(GENERATIONS, () =>
        HttpResponse.json(
          { detail: [{ type: 'value_error', loc: ['body', 'size'], msg: 'size must be 256-1536' }] },
          { status: 422 },
        ),
      ),
    );
    const error = await makeGrid()
      .images.generate({ prompt: 'x', size: '2000x2000' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as Error).message).toBe('422 body.size: size must be 256-1536');
  });

  it('onProgress: polls /v1/progress/{token} about once a second while the request runs, then stops', async () => {
    useFakeClock();
    const tokens: string[] = [];
    const answers = [null, 25, { fail: true }, 75];
    let answer!: () => void;
    const held = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let sentToken: string | undefined;
    server.use(
      http.post(GENERATIONS, async ({ request }) => {
        sentToken = ((await request.json()) as { progress_token?: string }).progress_token;
        await held;
        return HttpResponse.json({ created: 1, data: [{ b64_json: base64(png(64, 64)), seed: 1 }] });
      }),
      http.get(PROGRESS, ({ params }) => {
        tokens.push(String(params.token));
        const next = tokens.length <= answers.length ? answers[tokens.length - 1] : 100;
        if (typeof next === 'object' && next !== null) return new HttpResponse('down', { status: 503 });
        return HttpResponse.json({ progress: next ?? null });
      }),
    );
    const seen: number[] = [];
    const call = makeGrid().images.generate(
      { prompt: 'x', response_format: 'b64_json' },
      { onProgress: (p) => seen.push(p) },
    );
    // Four polls, a second apart: no progress yet (null), 25, a failing poll (skipped), 75.
    for (let i = 0; i < 4; i++) await vi.advanceTimersByTimeAsync(1000);
    expect(tokens).toHaveLength(4);
    expect(seen).toEqual([25, 75]);
    answer();
    const result = await call;
    expect(result.images).toHaveLength(1);
    // A random token was set, and every poll asked for it.
    expect(sentToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(tokens)).toEqual(new Set([sentToken]));
    // Settled: no more polls.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tokens).toHaveLength(4);
  });

  it('onProgress uses the caller’s progress_token and progressIntervalMs', async () => {
    useFakeClock();
    const polls: Array<{ token: string; at: number }> = [];
    let answer!: () => void;
    const held = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.post(GENERATIONS, async () => {
        await held;
        return HttpResponse.json({ created: 1, data: [] });
      }),
      http.get(PROGRESS, ({ params }) => {
        polls.push({ token: String(params.token), at: Date.now() });
        return HttpResponse.json({ progress: 50 });
      }),
    );
    const start = Date.now();
    const call = makeGrid().images.generate(
      { prompt: 'x', progress_token: 'my-token.1' },
      { onProgress: () => {}, progressIntervalMs: 250 },
    );
    await vi.advanceTimersByTimeAsync(1000);
    answer();
    expect((await call).images).toEqual([]);
    expect(polls.map((p) => [p.token, p.at - start])).toEqual([
      ['my-token.1', 250],
      ['my-token.1', 500],
      ['my-token.1', 750],
      ['my-token.1', 1000],
    ]);
  });

  it('a throwing onProgress ends the call with its error and aborts the request', async () => {
    let aborted = false;
    server.use(
      http.post(GENERATIONS, async ({ request }) => {
        await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve()));
        aborted = true;
        return HttpResponse.json({ created: 1, data: [] });
      }),
      http.get(PROGRESS, () => HttpResponse.json({ progress: 10 })),
    );
    const oops = new Error('display broke');
    const error = await makeGrid()
      .images.generate(
        { prompt: 'x' },
        {
          progressIntervalMs: 1,
          onProgress: () => {
            throw oops;
          },
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBe(oops);
    await vi.waitFor(() => expect(aborted).toBe(true));
  });

  it('abort → APIUserAbortError', async () => {
    server.use(
      http.post(GENERATIONS, async ({ request }) => {
        await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve()));
        return HttpResponse.json({ created: 1, data: [] });
      }),
    );
    const controller = new AbortController();
    const call = makeGrid().images.generate({ prompt: 'x' }, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe('source images (img2img, masks)', () => {
  const source = png(64, 64);
  const sourceBase64 = base64(source);
  const forms: Array<[string, () => ImageInput]> = [
    ['a Uint8Array', () => source],
    ['an ArrayBuffer', () => source.slice().buffer],
    ['a Blob', () => new Blob([source.slice()], { type: 'image/png' })],
    ['a data URL', () => `data:image/png;base64,${sourceBase64}`],
    ['an http(s) URL string', () => `${STORE}/source.png`],
    ['a URL object', () => new URL(`${STORE}/source.png`)],
    ['raw base64', () => sourceBase64],
  ];

  it.each(forms)('/v1 image: %s reaches the wire as base64', async (_, form) => {
    const downloads = objectStore({ 'source.png': source });
    const sent: Array<Record<string, unknown>> = [];
    server.use(
      http.post(GENERATIONS, async ({ request }) => {
        sent.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json({ created: 1, data: [] });
      }),
    );
    await makeGrid().images.generate({ prompt: 'the same in winter', image: form(), strength: 0.6 });
    expect(sent).toEqual([{ prompt: 'the same in winter', image: sourceBase64, strength: 0.6 }]);
    // A URL is fetched by the SDK, without credentials.
    for (const d of downloads) expect(d).toEqual({ path: '/source.png', apikey: null, authorization: null });
  });

  it.each(forms)('Horde source_image, source_mask, extra_source_images: %s', async (_, form) => {
    useFakeClock();
    objectStore({ 'source.png': source });
    const sent: Array<Record<string, unknown>> = [];
    server.use(
      http.post(ASYNC, async ({ request }) => {
        sent.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json({ id: JOB, kudos: 1 }, { status: 202 });
      }),
      http.get(CHECK, () => HttpResponse.json(check({ done: true }))),
      http.get(STATUS, () => HttpResponse.json(status({ done: true, generations: [] }))),
    );
    const result = await run(
      makeGrid().images.createAndWait({
        prompt: 'x',
        source_image: form(),
        source_processing: 'inpainting',
        source_mask: form(),
        extra_source_images: [{ image: form(), strength: 0.5 }],
      }),
    );
    expect(result.status).toBe('fulfilled');
    expect(sent).toEqual([
      {
        prompt: 'x',
        source_image: sourceBase64,
        source_processing: 'inpainting',
        source_mask: sourceBase64,
        extra_source_images: [{ image: sourceBase64, strength: 0.5 }],
      },
    ]);
  });
});

function check(overrides: Partial<HordeImageCheck> = {}): HordeImageCheck {
  return {
    finished: 0,
    processing: 0,
    restarted: 0,
    waiting: 2,
    done: false,
    faulted: false,
    wait_time: 20,
    queue_position: 1,
    kudos: 0,
    is_possible: true,
    ...overrides,
  };
}

function status(overrides: Partial<HordeImageStatus> = {}): HordeImageStatus {
  return { ...check(), shared: false, generations: [], ...overrides };
}

function generation(
  img: string,
  seed: string,
  overrides: Partial<HordeImageGeneration> = {},
): HordeImageGeneration {
  return {
    img,
    seed,
    id: '0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e',
    censored: false,
    gen_metadata: [],
    worker_id: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
    worker_name: 'rig-02',
    model: 'stable_diffusion',
    state: 'ok',
    ...overrides,
  };
}

/**
 * A Horde image door: the request is in progress for `pending` checks, then done with `generations`.
 * Records every call with the fake clock, so the pace can be read back.
 */
function horde(options: {
  pending: number;
  generations?: HordeImageGeneration[];
  final?: Partial<HordeImageCheck>;
  checkAnswers?: Array<() => Response>;
}) {
  const log: Array<{ call: string; at: number }> = [];
  let checks = 0;
  const finalState = { done: true, waiting: 0, finished: options.generations?.length ?? 0, ...options.final };
  server.use(
    http.post(ASYNC, () => {
      log.push({ call: 'async', at: Date.now() });
      return HttpResponse.json({ id: JOB, kudos: 15.73 }, { status: 202 });
    }),
    http.get(CHECK, ({ params }) => {
      expect(params.id).toBe(JOB);
      log.push({ call: 'check', at: Date.now() });
      checks++;
      const special = options.checkAnswers?.[checks - 1];
      if (special) return special();
      if (checks <= options.pending) {
        const percent = (checks / (options.pending + 1)) * 100;
        return HttpResponse.json(
          check({ processing: 2, waiting: 0, progress: { progress_percent: percent, current_step: checks } }),
        );
      }
      return HttpResponse.json(check(finalState));
    }),
    http.get(STATUS, ({ params }) => {
      expect(params.id).toBe(JOB);
      log.push({ call: 'status', at: Date.now() });
      return HttpResponse.json(status({ ...finalState, generations: options.generations ?? [] }), {
        headers: { 'x-request-id': 'req_status' },
      });
    }),
    http.delete(STATUS, () => {
      log.push({ call: 'DELETE', at: Date.now() });
      return HttpResponse.json(status({ done: true, waiting: 0 }));
    }),
  );
  return log;
}

const gapsOf = (log: Array<{ at: number }>) => log.slice(1).map((e, i) => e.at - log[i]!.at);

describe('images.createAndWait (Horde generate/async → check → status)', () => {
  it('checks at 1 s then ×1.5, reads the status ONCE, downloads each image; seeds are numbers', async () => {
    useFakeClock();
    const downloads = objectStore({ 'a.webp': webpLossless(512, 512), 'b.webp': webpLossless(512, 512) });
    const log = horde({
      pending: 4,
      generations: [
        generation(`${STORE}/a.webp?exp=1800&sig=1`, '42'),
        generation(`${STORE}/b.webp?exp=1800&sig=2`, '43', { worker_name: 'rig-03', model: 'sdxl' }),
      ],
    });
    const seen: number[] = [];
    const result = await run(
      makeGrid().images.createAndWait(
        { prompt: 'a lighthouse###blurry', params: { width: 512, height: 512, n: 2 }, models: ['sdxl'] },
        { onProgress: (c) => seen.push(c.progress?.progress_percent ?? -1) },
      ),
    );
    expect(result.status).toBe('fulfilled');
    const { value } = result as PromiseFulfilledResult<ImageJobResult>;
    expect(log.map((e) => e.call)).toEqual(['async', 'check', 'check', 'check', 'check', 'check', 'status']);
    expect(gapsOf(log)).toEqual([1000, 1500, 2250, 3375, 5063, 0]);
    expect(seen).toEqual([20, 40, 60, 80, -1]);
    expect(value.id).toBe(JOB);
    expect(value.done).toBe(true);
    expect(value.generations).toHaveLength(2);
    expect(value.images).toEqual([
      {
        bytes: webpLossless(512, 512),
        mime: 'image/webp',
        width: 512,
        height: 512,
        seed: 42,
        worker: 'rig-02',
        model: 'stable_diffusion',
      },
      {
        bytes: webpLossless(512, 512),
        mime: 'image/webp',
        width: 512,
        height: 512,
        seed: 43,
        worker: 'rig-03',
        model: 'sdxl',
      },
    ]);
    expect(value._request_id).toBe('req_status');
    expect(downloads.map((d) => [d.path, d.apikey])).toEqual([
      ['/a.webp', null],
      ['/b.webp', null],
    ]);
  });

  it('r2: false — img is the base64 image itself', async () => {
    useFakeClock();
    const log = horde({ pending: 0, generations: [generation(base64(jpeg(320, 200)), '7')] });
    const result = await run(makeGrid().images.createAndWait({ prompt: 'x', r2: false }));
    expect(result).toMatchObject({
      status: 'fulfilled',
      value: { images: [{ mime: 'image/jpeg', width: 320, height: 200, seed: 7, bytes: jpeg(320, 200) }] },
    });
    expect(log.map((e) => e.call)).toEqual(['async', 'check', 'status']);
  });

  it('a 429 on check backs off as told (Retry-After) and keeps checking', async () => {
    useFakeClock();
    const limited = () =>
      HttpResponse.json({ message: '10 per 1 second' }, { status: 429, headers: { 'retry-after': '4' } });
    // Checks 1 and 2 are refused; check 3 finds the request in progress, check 4 done.
    const log = horde({ pending: 3, checkAnswers: [limited, limited] });
    const result = await run(makeGrid({ maxRetries: 0 }).images.createAndWait({ prompt: 'x' }));
    expect(result.status).toBe('fulfilled');
    expect(log.map((e) => e.call)).toEqual(['async', 'check', 'check', 'check', 'check', 'status']);
    // 1 s, then the two 4 s waits the 429s asked for, then the backoff resumes (1 s · 1.5³).
    expect(gapsOf(log)).toEqual([1000, 4000, 4000, 3375, 0]);
  });

  it('honours a poll hint on the check answer', async () => {
    useFakeClock();
    const hinted = () => HttpResponse.json(check(), { headers: { 'x-poll-after-ms': '2500' } });
    const log = horde({ pending: 1, checkAnswers: [hinted] });
    await run(makeGrid().images.createAndWait({ prompt: 'x' }));
    expect(gapsOf(log)).toEqual([1000, 2500, 0]);
  });

  it('abort while waiting → exactly one DELETE of the request, then APIUserAbortError', async () => {
    useFakeClock();
    const log = horde({ pending: 100 });
    const controller = new AbortController();
    const settled = Promise.allSettled([
      makeGrid().images.createAndWait({ prompt: 'x' }, { signal: controller.signal }),
    ]);
    await vi.advanceTimersByTimeAsync(3000);
    controller.abort();
    const [result] = await settled;
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APIUserAbortError);
    await vi.runAllTimersAsync();
    expect(log.map((e) => e.call)).toEqual(['async', 'check', 'check', 'DELETE']);
  });

  it('the overall timeout cancels the request and throws APITimeoutError', async () => {
    useFakeClock();
    const log = horde({ pending: 100 });
    const result = await run(makeGrid().images.createAndWait({ prompt: 'x' }, { timeout: 20_000 }));
    const error = (result as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toBe('Image request not done within 20000 ms.');
    expect(log.filter((e) => e.call === 'DELETE')).toHaveLength(1);
  });

  it('faulted → JobFaultedError with the check, no status read and no cancel', async () => {
    useFakeClock();
    const log = horde({ pending: 1, final: { faulted: true, restarted: 3 } });
    const result = await run(makeGrid().images.createAndWait({ prompt: 'x' }));
    const error = (result as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(JobFaultedError);
    expect(error.message).toBe(`Image request ${JOB} faulted on the grid.`);
    expect(error.id).toBe(JOB);
    expect(error.status).toMatchObject({ faulted: true, restarted: 3 });
    expect(log.map((e) => e.call)).toEqual(['async', 'check', 'check']);
  });
});

describe('images low-level calls', () => {
  it('create / check / status / cancel / progress hit the spec paths', async () => {
    const calls: string[] = [];
    const record =
      (answer: object) =>
      ({ request }: { request: Request }) => {
        calls.push(`${request.method} ${new URL(request.url).pathname}`);
        return HttpResponse.json(answer);
      };
    server.use(
      http.post(ASYNC, record({ id: JOB, kudos: 3 })),
      http.get(CHECK, record(check())),
      http.get(STATUS, record(status())),
      http.delete(STATUS, record(status({ done: true }))),
      http.get(PROGRESS, record({ progress: null })),
    );
    const grid = makeGrid();
    expect(await grid.images.create({ prompt: 'x', dry_run: false })).toEqual({ id: JOB, kudos: 3 });
    expect(await grid.images.check(JOB)).toEqual(check());
    expect(await grid.images.status(JOB)).toEqual(status());
    expect((await grid.images.cancel(JOB)).done).toBe(true);
    expect(await grid.images.progress('tok')).toEqual({ progress: null });
    expect(calls).toEqual([
      'POST /api/v2/generate/async',
      `GET /api/v2/generate/check/${JOB}`,
      `GET /api/v2/generate/status/${JOB}`,
      `DELETE /api/v2/generate/status/${JOB}`,
      'GET /v1/progress/tok',
    ]);
  });
});
