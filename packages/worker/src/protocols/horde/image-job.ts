import type { FetchLike } from '../../backends/http.js';
import type { ImageEndpointConfig } from '../../config/types.js';
import type { ImageJob } from '../../image-job.js';
import { ImageJobRefused } from '../../runtime/run-image-job.js';
import { checkFits, clampInt, clampNumber, loadSourceImage, lorasFrom, seedsFor } from '../image-params.js';
import type { PoppedImageJob } from './client.js';

/** The generation ids of an image pop, in `payload.seeds` order (`[id]` when a Horde sends no `ids`). */
export function idsOf(pop: PoppedImageJob): string[] {
  const ids = Array.isArray(pop.ids) ? pop.ids.filter((id) => typeof id === 'string' && id) : [];
  return ids.length > 0 ? ids : [pop.id];
}

/** What to do with the source picture that this worker can do: nothing, or start from it. */
const SOURCE_KINDS = new Set(['txt2img', 'img2img']);

/**
 * An image pop → ImageJob (openapi/components/horde.yaml HordeImagePopPayload): one image per id, the text
 * after `###` as the negative prompt, `ddim_steps` as the steps, the pop payload's defaults (`karras: true`),
 * numbers clamped to their ranges, the source picture downloaded or decoded. Refuses (ImageJobRefused) a job
 * that needs more than this worker popped with.
 */
export async function imageJobFromPop(
  pop: PoppedImageJob,
  endpoint: ImageEndpointConfig,
  io: { fetch: FetchLike; signal: AbortSignal; random: () => number },
): Promise<ImageJob> {
  const payload: Partial<NonNullable<PoppedImageJob['payload']>> & Record<string, unknown> =
    pop.payload ?? {};
  if (pop.media_type === 'video')
    throw new ImageJobRefused('job refused: this worker makes images, not video');
  const processing = pop.source_processing ?? 'txt2img';
  const painting = processing === 'inpainting' || processing === 'outpainting';
  if (!painting && !SOURCE_KINDS.has(processing))
    throw new ImageJobRefused(`job refused: source_processing ${processing} is not supported by this worker`);
  const fullPrompt = typeof payload.prompt === 'string' ? payload.prompt : '';
  const split = fullPrompt.indexOf('###');
  // A source picture is started from (img2img), whatever source_processing says besides painting.
  const source = typeof pop.source_image === 'string' && !painting ? pop.source_image : '';
  const job: ImageJob = {
    id: pop.id,
    model: pop.model ?? endpoint.models[0]?.gridModel ?? '',
    prompt: split < 0 ? fullPrompt : fullPrompt.slice(0, split).trim(),
    negative_prompt: split < 0 ? '' : fullPrompt.slice(split + 3).trim(),
    width: clampInt(payload.width, 64, 3072, 512),
    height: clampInt(payload.height, 64, 3072, 512),
    steps: clampInt(payload.ddim_steps, 1, 500, 30),
    cfg_scale: clampNumber(payload.cfg_scale, 0, 100, 7.5),
    sampler_name:
      typeof payload.sampler_name === 'string' && payload.sampler_name ? payload.sampler_name : 'k_euler_a',
    karras: payload.karras !== false,
    clip_skip: clampInt(payload.clip_skip, 1, 12, 1),
    seeds: seedsFor(idsOf(pop).length, payload.seeds, payload.seed, io.random),
    loras: lorasFrom(payload.loras, 'model'),
  };
  checkFits(
    job,
    {
      images: job.seeds.length,
      img2img: source !== '',
      painting: painting || (typeof pop.source_mask === 'string' && pop.source_mask !== ''),
      postProcessing: Array.isArray(payload.post_processing) && payload.post_processing.length > 0,
      controlnet: typeof payload.control_type === 'string',
    },
    endpoint,
  );
  if (source) {
    job.source_image = await loadSourceImage(source, io.fetch, io.signal);
    job.denoising_strength = clampNumber(payload.denoising_strength, 0.01, 1, 0.75);
  }
  return job;
}
