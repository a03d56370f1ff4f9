import type { FetchLike } from '../../backends/http.js';
import type { ImageEndpointConfig } from '../../config/types.js';
import type { ImageJob } from '../../image-job.js';
import type { WsMediaJob } from '../../wire.js';
import { checkFits, clampInt, clampNumber, loadSourceImage, lorasFrom, seedsFor } from '../image-params.js';

/** A frame is a media job when it has upload slots (openapi/components/ws.yaml WsMediaJob). */
export function isMediaJob(frame: { type: string }): frame is WsMediaJob {
  const f = frame as Partial<WsMediaJob>;
  return Array.isArray(f.upload) && typeof f.job_type === 'string';
}

/**
 * A media `job` frame → ImageJob: one image per upload slot (`seeds[i]` for slot i), the spec's defaults for
 * what the payload leaves out, numbers clamped to their ranges, the source picture downloaded. Refuses
 * (ImageJobRefused) a job that needs more than this worker registered (max_pixels, amount, allow_*).
 */
export async function imageJobFromFrame(
  frame: WsMediaJob,
  endpoint: ImageEndpointConfig,
  io: { fetch: FetchLike; signal: AbortSignal; random: () => number },
): Promise<ImageJob> {
  const payload: Partial<WsMediaJob['payload']> = frame.payload ?? {};
  const recipe = payload.recipe_inputs ?? {};
  const source = typeof payload.source_image_url === 'string' ? payload.source_image_url : '';
  const job: ImageJob = {
    id: frame.id,
    model: frame.model,
    prompt: typeof payload.prompt === 'string' ? payload.prompt : '',
    negative_prompt: typeof payload.negative_prompt === 'string' ? payload.negative_prompt : '',
    width: clampInt(payload.width, 64, 3072, 512),
    height: clampInt(payload.height, 64, 3072, 512),
    steps: clampInt(payload.steps, 1, 500, 30),
    cfg_scale: clampNumber(payload.cfg_scale, 0, 100, 7.5),
    sampler_name:
      typeof payload.sampler_name === 'string' && payload.sampler_name ? payload.sampler_name : 'k_euler_a',
    // Not WsMediaJobPayload fields: a grid may pass them in recipe_inputs (the HordeImageParams defaults otherwise).
    karras: recipe.karras === true,
    clip_skip: clampInt(recipe.clip_skip, 1, 12, 1),
    seeds: seedsFor(frame.upload.length, payload.seeds, payload.seed, io.random),
    loras: lorasFrom(payload.loras, 'strength'),
  };
  checkFits(
    job,
    {
      images: job.seeds.length,
      img2img: source !== '',
      painting:
        payload.source_processing === 'inpainting' ||
        payload.source_processing === 'outpainting' ||
        typeof payload.source_mask_url === 'string',
      postProcessing: Array.isArray(payload.post_processing) && payload.post_processing.length > 0,
      controlnet: typeof payload.control_type === 'string',
    },
    endpoint,
  );
  if (source) {
    job.source_image = await loadSourceImage(source, io.fetch, io.signal);
    job.denoising_strength = clampNumber(
      payload.denoising_strength ?? recipe.denoising_strength,
      0.01,
      1,
      0.75,
    );
  }
  return job;
}
