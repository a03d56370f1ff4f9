import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { renderDemoImage } from '../../../src/backends/images/demo.js';
import { BackendError, createAutomatic1111Backend, type ImageJobProgress } from '../../../src/index.js';
import { json, type RecordedRequest, startServer, type TestServer } from '../../helpers/http-server.js';
import { decodePng, makeImageJob, until } from '../../helpers/images.js';
import { deferred } from '../../helpers/jobs.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const ctx = (progress: ImageJobProgress[] = [], signal = new AbortController().signal) => ({
  signal,
  onProgress: (p: ImageJobProgress) => void progress.push(p),
});

type Body = Record<string, unknown>;

/**
 * A local AUTOMATIC1111 web UI (`--api`): txt2img / img2img answer `{images: [base64], parameters, info}` with
 * `info` a JSON string; while a generation runs, /sdapi/v1/progress reports `state.sampling_step`. The answer
 * waits for a second poll: the backend polls one at a time, so by then it has handled the first one, and the
 * test never depends on speed. /sdapi/v1/interrupt stops a generation.
 */
async function startFakeA1111(
  options: {
    answer?: (req: RecordedRequest, res: ServerResponse) => boolean;
    holdUntilInterrupt?: boolean;
  } = {},
) {
  let state = { sampling_step: 0, sampling_steps: 0, job_count: 0, interrupted: false };
  let polled = deferred();
  let polls = 0;
  let interrupted = deferred();
  const interrupts: RecordedRequest[] = [];
  server = await startServer(async (req, res) => {
    const path = req.url.split('?')[0];
    if (req.method === 'GET' && path === '/sdapi/v1/progress') {
      json(res, 200, {
        progress: state.sampling_steps ? state.sampling_step / state.sampling_steps : 0,
        eta_relative: 0,
        state,
        current_image: null,
        textinfo: null,
      });
      if (state.job_count > 0 && ++polls === 2) polled.resolve();
      return;
    }
    if (req.method === 'POST' && path === '/sdapi/v1/interrupt') {
      interrupts.push(req);
      state.interrupted = true;
      interrupted.resolve();
      return json(res, 200, {});
    }
    if (req.method === 'POST' && (path === '/sdapi/v1/txt2img' || path === '/sdapi/v1/img2img')) {
      if (options.answer?.(req, res)) return;
      const body = req.body as Body;
      const steps = Number(body.steps);
      state = {
        sampling_step: Math.ceil(steps / 2),
        sampling_steps: steps,
        job_count: 1,
        interrupted: false,
      };
      await polled.promise;
      if (options.holdUntilInterrupt) await interrupted.promise;
      polled = deferred();
      polls = 0;
      interrupted = deferred();
      const seed = Number(body.seed);
      const png = renderDemoImage(
        {
          prompt: String(body.prompt),
          negative_prompt: '',
          width: Number(body.width),
          height: Number(body.height),
          loras: [],
        },
        seed,
      );
      state = { sampling_step: 0, sampling_steps: 0, job_count: 0, interrupted: false };
      return json(res, 200, {
        images: [Buffer.from(png).toString('base64')],
        parameters: body,
        info: JSON.stringify({
          prompt: body.prompt,
          seed,
          all_seeds: [seed],
          subseed: 1,
          width: body.width,
          height: body.height,
        }),
      });
    }
    json(res, 404, { detail: 'Not Found' });
  });
  const generations = () =>
    server!.requests.filter(
      (r) => r.method === 'POST' && r.url.startsWith('/sdapi/v1/') && !r.url.includes('interrupt'),
    );
  return { url: server.url, interrupts, generations };
}

const backendFor = (url: string) =>
  createAutomatic1111Backend({ url, model: 'sd_xl_base_1.0.safetensors', progressPollMs: 10 });

describe('automatic1111 backend', () => {
  it('txt2img: one request per seed with mapped names, base64 images decoded, progress from /progress', async () => {
    const fake = await startFakeA1111();
    const progress: ImageJobProgress[] = [];
    const job = makeImageJob({ width: 72, height: 56, steps: 6, seeds: [5, 9], clip_skip: 2 });
    const images = await backendFor(fake.url).generate(job, ctx(progress));
    const [first, second] = fake.generations();
    expect(first!.url).toBe('/sdapi/v1/txt2img');
    expect(first!.body).toEqual({
      prompt: 'a lighthouse at dusk',
      negative_prompt: 'blurry',
      seed: 5,
      steps: 6,
      cfg_scale: 7,
      width: 72,
      height: 56,
      sampler_name: 'Euler a',
      scheduler: 'Karras',
      batch_size: 1,
      n_iter: 1,
      send_images: true,
      save_images: false,
      override_settings: { CLIP_stop_at_last_layers: 2, sd_model_checkpoint: 'sd_xl_base_1.0.safetensors' },
      override_settings_restore_afterwards: false,
    });
    expect((second!.body as Body).seed).toBe(9);
    expect(images.map((i) => [i.seed, i.mime, i.width, i.height])).toEqual([
      [5, 'image/png', 72, 56],
      [9, 'image/png', 72, 56],
    ]);
    expect(decodePng(images[1]!.bytes).height).toBe(56);
    // The polled step (3 of 6) of each image, then each image's end.
    expect(progress).toEqual([
      { step: 3, steps: 12 },
      { step: 6, steps: 12 },
      { step: 9, steps: 12 },
      { step: 12, steps: 12 },
    ]);
  });

  it('img2img: sends the source as base64 in init_images with the denoising strength', async () => {
    const fake = await startFakeA1111();
    const source = renderDemoImage(makeImageJob(), 1);
    const job = makeImageJob({
      source_image: { bytes: source, mime: 'image/png' },
      denoising_strength: 0.45,
    });
    const [image] = await backendFor(fake.url).generate(job, ctx());
    const request = fake.generations()[0]!;
    expect(request.url).toBe('/sdapi/v1/img2img');
    expect((request.body as Body).init_images).toEqual([Buffer.from(source).toString('base64')]);
    expect((request.body as Body).denoising_strength).toBe(0.45);
    expect(image).toMatchObject({ width: 64, height: 48, seed: 1234 });
  });

  it('LoRA: adds <lora:name:weight> to the prompt (named te/unet weights when they differ)', async () => {
    const fake = await startFakeA1111();
    const loras = [
      { name: 'add_detail.safetensors', model: 0.7, clip: 0.7 },
      { name: 'style', model: 1, clip: 0.5 },
    ];
    await backendFor(fake.url).generate(makeImageJob({ loras }), ctx());
    expect((fake.generations()[0]!.body as Body).prompt).toBe(
      'a lighthouse at dusk <lora:add_detail:0.7> <lora:style:te=0.5:unet=1>',
    );
  });

  it('abort reaches the web UI: POST /sdapi/v1/interrupt', async () => {
    const fake = await startFakeA1111({ holdUntilInterrupt: true });
    const controller = new AbortController();
    const progress: ImageJobProgress[] = [];
    const running = backendFor(fake.url).generate(
      makeImageJob({ steps: 10 }),
      ctx(progress, controller.signal),
    );
    await until(() => progress.length > 0, 'progress before the abort');
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => fake.interrupts.length > 0, 'the interrupt call');
  });

  it('HTTP errors are BackendErrors: 422 is a client error, 500 is not', async () => {
    const fake = await startFakeA1111({
      answer: (req, res) => {
        if (String((req.body as Body).prompt).includes('bad')) {
          json(res, 422, {
            detail: [
              { loc: ['body', 'steps'], msg: 'value is not a valid integer', type: 'type_error.integer' },
            ],
          });
        } else
          json(res, 500, { error: 'OutOfMemoryError', detail: '', body: '', errors: 'CUDA out of memory' });
        return true;
      },
    });
    const bad = await backendFor(fake.url)
      .generate(makeImageJob({ prompt: 'bad' }), ctx())
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BackendError);
    expect(bad).toMatchObject({ status: 422, clientError: true });
    const oom = await backendFor(fake.url)
      .generate(makeImageJob(), ctx())
      .catch((e: unknown) => e);
    expect(oom).toMatchObject({ status: 500, clientError: false });
    expect((oom as Error).message).toContain('CUDA out of memory');
  });

  it('a response without a picture is a clear BackendError', async () => {
    const fake = await startFakeA1111({
      answer: (req, res) => {
        const prompt = String((req.body as Body).prompt);
        json(
          res,
          200,
          prompt.includes('empty')
            ? { images: [], info: '{}' }
            : { images: [Buffer.from('not a picture').toString('base64')], info: '{}' },
        );
        return true;
      },
    });
    await expect(backendFor(fake.url).generate(makeImageJob({ prompt: 'empty' }), ctx())).rejects.toThrow(
      /has no images\[0\]/,
    );
    await expect(backendFor(fake.url).generate(makeImageJob(), ctx())).rejects.toThrow(
      /images\[0\] is not a PNG, JPEG or WebP picture/,
    );
  });
});
