/**
 * An image job in the terms of the worker that serves it: the WS media job payload (`WsMediaJobPayload`) and
 * the Horde image pop payload (`HordeImagePopPayload`), whichever door the request came through
 * (docs/mock-grid-core.md "Image jobs"). One payload covers the images of one batch, one seed each.
 */
import type { HordeImagePopPayload, WsMediaJobPayload } from '@aipg/sdk';
import type { Generation } from './entities.js';
import { CONTENT_TYPE_OF, type ImageSpec } from './image-spec.js';
import type { MediaSlot } from './types.js';

/** The seeds of a batch's images, in slot order. */
function batchSeeds(gens: Generation[]): number[] {
  return gens.map((g) => g.job!.seed);
}

export function wsMediaPayload(image: ImageSpec, gens: Generation[]): WsMediaJobPayload {
  const seeds = batchSeeds(gens);
  const payload: WsMediaJobPayload = {
    prompt: image.prompt,
    n: gens.length,
    width: image.width,
    height: image.height,
    steps: image.steps,
    sampler_name: image.sampler,
    cfg_scale: image.cfgScale,
    ext: image.ext,
    seed: seeds[0]!,
    seeds,
  };
  if (image.negativePrompt) payload.negative_prompt = image.negativePrompt;
  if (image.sourceProcessing) payload.source_processing = image.sourceProcessing;
  if (image.denoisingStrength !== null) payload.denoising_strength = image.denoisingStrength;
  if (image.loras.length > 0) payload.loras = image.loras.map((l) => ({ ...l }));
  if (image.postProcessing.length > 0) {
    payload.post_processing = image.postProcessing as NonNullable<WsMediaJobPayload['post_processing']>;
  }
  if (image.controlType) payload.control_type = image.controlType as WsMediaJobPayload['control_type'];
  return payload;
}

export function popImagePayload(image: ImageSpec, gens: Generation[]): HordeImagePopPayload {
  const seeds = batchSeeds(gens);
  const params = image.horde?.params ?? {};
  const payload: HordeImagePopPayload = {
    prompt: image.negativePrompt ? `${image.prompt}###${image.negativePrompt}` : image.prompt,
    ddim_steps: image.steps,
    seed: seeds[0]!,
    seeds,
    batch_size: gens.length,
    n_iter: gens.length,
    sampler_name: image.sampler as HordeImagePopPayload['sampler_name'],
    cfg_scale: image.cfgScale,
    width: image.width,
    height: image.height,
    karras: params.karras ?? true,
  };
  const horde = image.horde;
  if (horde && horde.nsfw === false && horde.censor_nsfw !== false) payload.use_nsfw_censor = true;
  if (image.denoisingStrength !== null) payload.denoising_strength = image.denoisingStrength;
  if (params.hires_fix !== undefined) payload.hires_fix = params.hires_fix;
  if (params.clip_skip !== undefined) payload.clip_skip = params.clip_skip;
  if (params.tiling !== undefined) payload.tiling = params.tiling;
  if (image.postProcessing.length > 0) {
    payload.post_processing = image.postProcessing as NonNullable<HordeImagePopPayload['post_processing']>;
  }
  if (image.controlType) payload.control_type = image.controlType as HordeImagePopPayload['control_type'];
  if (image.loras.length > 0) {
    payload.loras = image.loras.map((l) => ({
      name: l.name,
      ...(l.strength === undefined ? {} : { model: l.strength }),
      ...(l.clip === undefined ? {} : { clip: l.clip }),
    }));
  }
  return payload;
}

/**
 * Where each image of a batch goes. A WS slot names the type its bytes must be (the request's); a pop slot
 * leaves it open (a Horde bridge picks its own file type and may declare it on the PUT), and its key is
 * `{id}.webp` as on the AIPG Horde (spec: `HordeImageGeneration.img`).
 */
export function mediaSlots(image: ImageSpec, gens: Generation[], ws: boolean): MediaSlot[] {
  return gens.map((g) => ({
    generationId: g.id,
    key: g.key!,
    contentType: ws ? CONTENT_TYPE_OF[image.ext] : null,
    seed: g.job!.seed,
    requestId: g.job!.req.id,
  }));
}

/** The object-store key of a generation's image. */
export function imageKey(image: ImageSpec, generationId: string, ws: boolean): string {
  return `${generationId}.${ws ? image.ext : 'webp'}`;
}
