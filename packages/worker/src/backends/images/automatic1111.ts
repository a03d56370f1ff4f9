// AUTOMATIC1111 / Forge backend: one `POST /sdapi/v1/txt2img` (or `/img2img` with the source in
// `init_images`) per seed; the picture comes back base64 in `images[0]`, its seed in the `info` JSON string.
// While a request runs, `GET /sdapi/v1/progress` is polled about every second for the sampling step. LoRAs go
// into the prompt as `<lora:name:weight>`; an abort sends `POST /sdapi/v1/interrupt`.
import { BackendError } from '../../errors.js';
import type { GeneratedImage, ImageBackend, ImageContext, ImageJob } from '../../image-job.js';
import { causeText } from '../../util/errors.js';
import { realSleep, type Sleep } from '../../util/timing.js';
import { type FetchLike, postJson, probeGet, throwIfAborted } from '../http.js';
import { requireImage } from './image-info.js';
import { a1111Sampler } from './samplers.js';

export interface Automatic1111Options {
  /** The web UI's base URL (started with `--api`), e.g. `http://127.0.0.1:7860`. */
  url: string;
  /** The checkpoint to use (`override_settings.sd_model_checkpoint`); empty = whatever is loaded. */
  model?: string;
  /** How often to poll `/sdapi/v1/progress` while generating, in ms (default 1000). */
  progressPollMs?: number;
  fetch?: FetchLike;
  sleep?: Sleep;
}

export function createAutomatic1111Backend(options: Automatic1111Options): ImageBackend {
  const base = options.url.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const pollMs = options.progressPollMs ?? 1000;

  function interrupt(): void {
    fetchImpl(`${base}/sdapi/v1/interrupt`, { method: 'POST', signal: AbortSignal.timeout(5000) }).then(
      (r) => r.body?.cancel(),
      () => {},
    );
  }

  /** Polls the progress route until `done` aborts; reports the sampling step of the running request. */
  async function pollProgress(
    done: AbortSignal,
    onStep: (step: number, steps: number) => void,
  ): Promise<void> {
    while (!done.aborted) {
      await sleep(pollMs, done);
      if (done.aborted) return;
      try {
        const response = await fetchImpl(`${base}/sdapi/v1/progress?skip_current_image=true`, {
          method: 'GET',
          signal: AbortSignal.any([done, AbortSignal.timeout(10_000)]),
        });
        const body = (await response.json()) as {
          state?: { sampling_step?: unknown; sampling_steps?: unknown };
        };
        const { sampling_step: step, sampling_steps: steps } = body.state ?? {};
        if (typeof step === 'number' && typeof steps === 'number' && steps > 0) onStep(step, steps);
      } catch {
        // Progress is a nicety: a failed poll never fails the job.
      }
    }
  }

  return {
    label: `automatic1111 ${base}`,
    async probe(signal) {
      await probeGet(fetchImpl, `${base}/sdapi/v1/progress?skip_current_image=true`, { signal });
      return undefined;
    },
    async generate(job: ImageJob, ctx: ImageContext): Promise<GeneratedImage[]> {
      const { signal } = ctx;
      const route = job.source_image ? 'img2img' : 'txt2img';
      const steps = Math.max(1, job.steps);
      const total = steps * job.seeds.length;
      let reported = 0;
      const report = (step: number) => {
        if (step <= reported) return;
        reported = step;
        ctx.onProgress?.({ step, steps: total });
      };
      signal.addEventListener('abort', interrupt, { once: true });
      try {
        const images: GeneratedImage[] = [];
        for (const [index, seed] of job.seeds.entries()) {
          throwIfAborted(signal);
          const done = new AbortController();
          const polling = pollProgress(AbortSignal.any([done.signal, signal]), (step, of) =>
            report(index * steps + Math.round((Math.min(step, of) / of) * steps)),
          );
          try {
            const response = await postJson(
              fetchImpl,
              `${base}/sdapi/v1/${route}`,
              a1111Payload(job, seed, options.model),
              { signal, retryOn: [] },
              { retries: 2, retryBaseMs: 500, sleep },
            );
            images.push(await readResult(response, seed, route, signal));
          } finally {
            done.abort();
            await polling;
          }
          report((index + 1) * steps);
        }
        return images;
      } finally {
        signal.removeEventListener('abort', interrupt);
      }
    },
  };
}

/** The txt2img / img2img request body for one seed. */
export function a1111Payload(job: ImageJob, seed: number, model?: string): Record<string, unknown> {
  const loras = job.loras.map((lora) => {
    const name = lora.name.replace(/\.(safetensors|ckpt|pt)$/i, '');
    // One weight sets both; otherwise the named text-encoder / UNet multipliers.
    return lora.model === lora.clip
      ? `<lora:${name}:${lora.model}>`
      : `<lora:${name}:te=${lora.clip}:unet=${lora.model}>`;
  });
  const body: Record<string, unknown> = {
    prompt: [job.prompt, ...loras].join(' '),
    negative_prompt: job.negative_prompt,
    seed,
    steps: job.steps,
    cfg_scale: job.cfg_scale,
    width: job.width,
    height: job.height,
    sampler_name: a1111Sampler(job.sampler_name),
    scheduler: job.karras ? 'Karras' : 'Automatic',
    batch_size: 1,
    n_iter: 1,
    send_images: true,
    save_images: false,
    override_settings: {
      CLIP_stop_at_last_layers: Math.max(1, job.clip_skip),
      ...(model ? { sd_model_checkpoint: model } : {}),
    },
    // Keep the checkpoint loaded for the next job instead of switching back after every request.
    override_settings_restore_afterwards: false,
  };
  if (job.source_image) {
    body.init_images = [Buffer.from(job.source_image.bytes).toString('base64')];
    body.denoising_strength = job.denoising_strength ?? 0.75;
  }
  return body;
}

async function readResult(
  response: Response,
  seed: number,
  route: string,
  signal: AbortSignal,
): Promise<GeneratedImage> {
  let body: { images?: unknown; info?: unknown } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    if (signal.aborted) throw error;
    throw new BackendError(`AUTOMATIC1111 ${route} response unreadable (not JSON): ${causeText(error)}`, {
      cause: error,
    });
  }
  const first = Array.isArray(body?.images) ? body.images[0] : undefined;
  if (typeof first !== 'string' || !first) {
    throw new BackendError(`AUTOMATIC1111 ${route} response has no images[0]`);
  }
  // Some builds prefix a data URL; the picture itself is plain base64.
  const bytes = new Uint8Array(Buffer.from(first.replace(/^data:[^,]*,/, ''), 'base64'));
  const info = requireImage(bytes, `AUTOMATIC1111 ${route} images[0]`);
  return { bytes, ...info, seed: infoSeed(body?.info) ?? seed };
}

/** The seed in the `info` JSON string (`seed`, or `all_seeds[0]`). */
function infoSeed(info: unknown): number | undefined {
  if (typeof info !== 'string') return undefined;
  try {
    const parsed = JSON.parse(info) as { seed?: unknown; all_seeds?: unknown[] };
    const seed = parsed.seed ?? parsed.all_seeds?.[0];
    return typeof seed === 'number' && Number.isInteger(seed) ? seed : undefined;
  } catch {
    return undefined;
  }
}
