// The built-in ComfyUI workflows, one pair (txt2img, img2img) per model family, in ComfyUI's API format (what
// `POST /prompt` takes: node id → {class_type, inputs}). A string input "{{name}}" is a placeholder the worker
// fills from the job (docs/worker.md, "Image backends"); links are [node id, output index].

import type { ImageModelFamily } from '../../../config/types.js';

export interface ComfyNode {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
}
export type ComfyWorkflow = Record<string, ComfyNode>;

export interface WorkflowPair {
  txt2img: ComfyWorkflow;
  /** Has a `{{source_image}}` placeholder: the uploaded source picture's name. */
  img2img: ComfyWorkflow;
}

/** Every placeholder a workflow may use. */
export const PLACEHOLDERS = [
  'prompt',
  'negative_prompt',
  'seed',
  'steps',
  'cfg_scale',
  'sampler_name',
  'scheduler',
  'width',
  'height',
  'denoise',
  'model',
  'source_image',
  'clip_layer',
  'job_id',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

// Stable Diffusion 1.5 and SDXL: one checkpoint (model, CLIP, VAE), CLIP skip, positive/negative prompts.
const SD_TXT2IMG: ComfyWorkflow = {
  '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: '{{model}}' } },
  '2': { class_type: 'CLIPSetLastLayer', inputs: { clip: ['1', 1], stop_at_clip_layer: '{{clip_layer}}' } },
  '3': { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}', clip: ['2', 0] } },
  '4': { class_type: 'CLIPTextEncode', inputs: { text: '{{negative_prompt}}', clip: ['2', 0] } },
  '5': {
    class_type: 'EmptyLatentImage',
    inputs: { width: '{{width}}', height: '{{height}}', batch_size: 1 },
  },
  '6': {
    class_type: 'KSampler',
    inputs: {
      model: ['1', 0],
      positive: ['3', 0],
      negative: ['4', 0],
      latent_image: ['5', 0],
      seed: '{{seed}}',
      steps: '{{steps}}',
      cfg: '{{cfg_scale}}',
      sampler_name: '{{sampler_name}}',
      scheduler: '{{scheduler}}',
      denoise: 1,
    },
  },
  '7': { class_type: 'VAEDecode', inputs: { samples: ['6', 0], vae: ['1', 2] } },
  '8': { class_type: 'SaveImage', inputs: { images: ['7', 0], filename_prefix: 'grid_{{job_id}}' } },
};

/** Replaces the empty latent with the source picture, scaled to the requested size and VAE-encoded. */
function img2img(txt2img: ComfyWorkflow): ComfyWorkflow {
  const { '5': _latent, ...rest } = txt2img;
  const sampler = rest['6']!;
  return {
    ...rest,
    '9': { class_type: 'LoadImage', inputs: { image: '{{source_image}}' } },
    '10': {
      class_type: 'ImageScale',
      inputs: {
        image: ['9', 0],
        upscale_method: 'lanczos',
        width: '{{width}}',
        height: '{{height}}',
        crop: 'center',
      },
    },
    '11': { class_type: 'VAEEncode', inputs: { pixels: ['10', 0], vae: ['1', 2] } },
    '6': { ...sampler, inputs: { ...sampler.inputs, latent_image: ['11', 0], denoise: '{{denoise}}' } },
  };
}

// Flux: an all-in-one checkpoint (model, text encoders, VAE, e.g. flux1-dev-fp8.safetensors), the job's
// cfg_scale as Flux guidance, the sampler at cfg 1 with the "simple" schedule, an SD3-style latent.
const FLUX_TXT2IMG: ComfyWorkflow = {
  '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: '{{model}}' } },
  '3': { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}', clip: ['1', 1] } },
  '12': { class_type: 'FluxGuidance', inputs: { conditioning: ['3', 0], guidance: '{{cfg_scale}}' } },
  '4': { class_type: 'CLIPTextEncode', inputs: { text: '{{negative_prompt}}', clip: ['1', 1] } },
  '5': {
    class_type: 'EmptySD3LatentImage',
    inputs: { width: '{{width}}', height: '{{height}}', batch_size: 1 },
  },
  '6': {
    class_type: 'KSampler',
    inputs: {
      model: ['1', 0],
      positive: ['12', 0],
      negative: ['4', 0],
      latent_image: ['5', 0],
      seed: '{{seed}}',
      steps: '{{steps}}',
      cfg: 1,
      sampler_name: '{{sampler_name}}',
      scheduler: 'simple',
      denoise: 1,
    },
  },
  '7': { class_type: 'VAEDecode', inputs: { samples: ['6', 0], vae: ['1', 2] } },
  '8': { class_type: 'SaveImage', inputs: { images: ['7', 0], filename_prefix: 'grid_{{job_id}}' } },
};

export const BUILT_IN_WORKFLOWS: Record<ImageModelFamily, WorkflowPair> = {
  sd15: { txt2img: SD_TXT2IMG, img2img: img2img(SD_TXT2IMG) },
  // SDXL runs on the same graph as SD 1.5 (one checkpoint, CLIPTextEncode); only its sizes differ.
  sdxl: { txt2img: SD_TXT2IMG, img2img: img2img(SD_TXT2IMG) },
  flux: { txt2img: FLUX_TXT2IMG, img2img: img2img(FLUX_TXT2IMG) },
};
