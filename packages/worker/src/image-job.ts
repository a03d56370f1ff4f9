// The image backend interface, separate from the text Backend (job.ts): an image job asks for pictures, not a
// token stream. Either protocol's image job (the WebSocket media `job` frame or a Horde v2 image pop) is
// normalised into an ImageJob before a backend sees it; the backend returns one picture per requested seed.
import type { BackendInfo } from './job.js';

/** The picture formats a backend may return (and the grid accepts in an upload slot). */
export type ImageMime = 'image/png' | 'image/webp' | 'image/jpeg';

/** A LoRA to apply: `model` and `clip` are its strengths (the Horde range −5..5, 1 = full strength). */
export interface ImageJobLora {
  /** The LoRA as the job names it; backends map it to a file name (`name.safetensors` when it has no extension). */
  name: string;
  model: number;
  clip: number;
}

/** The source picture of an img2img job, already downloaded or decoded from base64. */
export interface ImageSource {
  bytes: Uint8Array;
  mime: ImageMime;
}

export interface ImageJob {
  /** The grid's job id (WS `job.id` / the Horde procgen id of the first image). */
  id: string;
  /** The model the grid asked for, as advertised. */
  model: string;
  prompt: string;
  /** Empty when the job has none. */
  negative_prompt: string;
  width: number;
  height: number;
  steps: number;
  cfg_scale: number;
  /** The Horde sampler name (`k_euler_a`, `k_dpmpp_2m`, …); backends map it to their own names. */
  sampler_name: string;
  /** Use the Karras noise schedule. */
  karras: boolean;
  /** CLIP layers to skip, 1 = none (the Horde range 1–12). */
  clip_skip: number;
  /** One seed per image: `seeds.length` is the job's `n`, and the backend returns that many images. */
  seeds: number[];
  /** How far an img2img job may move from its source, 0.01–1 (unused without `source_image`). */
  denoising_strength?: number;
  /** Present for img2img jobs. */
  source_image?: ImageSource;
  loras: ImageJobLora[];
}

/** One generated picture. */
export interface GeneratedImage {
  bytes: Uint8Array;
  mime: ImageMime;
  /** Read from the picture itself, not copied from the request. */
  width: number;
  height: number;
  /** The seed it was generated with: the job's seed for this picture (`seeds`, same order), unless the backend reports another. */
  seed: number;
}

/**
 * Sampling progress over the whole job: `steps` = the job's steps × its number of images, `step` = the steps
 * done so far (it only grows).
 */
export interface ImageJobProgress {
  step: number;
  steps: number;
}

export interface ImageContext {
  /** Aborted when the client cancels, the worker hands the job back, or the job times out. */
  signal: AbortSignal;
  onProgress?: (progress: ImageJobProgress) => void;
}

export interface ImageBackend {
  /** A short label for logs, e.g. `comfyui http://127.0.0.1:8188`. */
  readonly label: string;
  /**
   * Generates one picture per `job.seeds` entry, in that order. Throws a BackendError on failure. When
   * `ctx.signal` aborts, the backend tells its server to stop (ComfyUI `/interrupt`, A1111
   * `/sdapi/v1/interrupt`) and the call rejects with an AbortError.
   */
  generate(job: ImageJob, ctx: ImageContext): Promise<GeneratedImage[]>;
  /** Optional health check, as for the text Backend. */
  readonly probe?: (signal: AbortSignal) => Promise<BackendInfo | undefined>;
}
