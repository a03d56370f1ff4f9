/**
 * Image requests, as the core keeps them: both doors' bodies (`ImageGenerationRequest` on /v1,
 * `HordeImageAsyncRequest` on the Horde) checked and reduced to one `ImageSpec`, and a media worker's
 * capabilities (`MediaCaps`, from a WS media register frame or a Horde image pop). The numbers are the spec's
 * (`limits` in `@aipg/sdk/wire`, generated from openapi/components/{v1,horde,ws}.yaml). docs/mock-grid-core.md
 * "Image jobs".
 */
import type { HordeImageAsyncRequest, ImageGenerationRequest } from '@aipg/sdk';
import { limits } from '@aipg/sdk/wire';
import { GridError } from './errors.js';
import { sha256Hex } from './sha256.js';

const V1 = limits.ImageGenerationRequest;
const HP = limits.HordeImageParams;

/** The image file types the grid stores and checks (openapi/components/v1.yaml `ImageOutputFormat`). */
export type ImageContentType = 'image/png' | 'image/jpeg' | 'image/webp';
export type ImageExt = 'png' | 'jpg' | 'webp';

export const CONTENT_TYPE_OF: Record<ImageExt, ImageContentType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** What a request needs a worker to allow (a worker without it never gets the job). */
export interface ImageNeeds {
  img2img: boolean;
  painting: boolean;
  postProcessing: boolean;
  lora: boolean;
  controlnet: boolean;
}

export interface ImageSpec {
  door: 'v1' | 'horde';
  prompt: string;
  negativePrompt: string | null;
  n: number;
  width: number;
  height: number;
  steps: number;
  cfgScale: number;
  sampler: string;
  models: string[];
  /** One per image, in request order. */
  seeds: number[];
  /** The file type a WS slot asks for: /v1 `output_format`; PNG for a Horde request (which names none). */
  ext: ImageExt;
  needs: ImageNeeds;
  nsfw: boolean;
  trustedWorkers: boolean;
  workers: string[];
  workerBlacklist: boolean;
  /** Horde `r2: false`: the status carries the images as base64 instead of URLs. */
  r2: boolean;
  /** The source picture (img2img, painting, ControlNet): an object-store key the door stored it under, or a URL. */
  source: { key: string } | { url: string } | null;
  sourceProcessing: 'img2img' | 'inpainting' | 'outpainting' | null;
  denoisingStrength: number | null;
  loras: { name: string; strength?: number; clip?: number }[];
  postProcessing: string[];
  controlType: string | null;
  /** The client's body, for the pop payload's pass-through fields. */
  v1: ImageGenerationRequest | null;
  horde: HordeImageAsyncRequest | null;
}

/** A media worker's capabilities (openapi/components/ws.yaml `WsRegister`, horde.yaml `HordeImagePopRequest`). */
export interface MediaCaps {
  /** The media kinds it registered (`image`, `video`, `audio`, `3d`); only `image` jobs exist here. */
  types: Set<string>;
  maxPixels: number;
  img2img: boolean;
  painting: boolean;
  postProcessing: boolean;
  lora: boolean;
  controlnet: boolean;
  /** Most images of one request it is handed at once. */
  amount: number;
}

function invalid(field: string, limit: string, message: string): never {
  throw new GridError('InvalidField', message, { field, limit });
}

function integerIn(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(field, `${min}..${max}`, `${field} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

function numberIn(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    invalid(field, `${min}..${max}`, `${field} must be a number in ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

function prompt(value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new GridError('MissingPrompt', 'A prompt is required', { field: 'prompt' });
  }
  return value;
}

/** `WIDTHxHEIGHT` within the /v1 sides (spec: `ImageGenerationRequest.size`, `x-min-side` and friends). */
export function parseSize(size: unknown): { width: number; height: number } {
  const { minSide, maxSide, sideMultiple } = V1.size;
  const limit = `WIDTHxHEIGHT, each side ${minSide}-${maxSide} and a multiple of ${sideMultiple}`;
  const m = typeof size === 'string' ? /^([1-9][0-9]{1,3})x([1-9][0-9]{1,3})$/.exec(size) : null;
  const sides = m ? [Number(m[1]), Number(m[2])] : [];
  if (!m || sides.some((s) => s < minSide || s > maxSide || s % sideMultiple !== 0)) {
    invalid('size', limit, `size must be ${limit}, got ${String(size)}`);
  }
  return { width: sides[0]!, height: sides[1]! };
}

/** Seeds of `n` images: `first + i × step` (wrapped to 32 bits as workers take them), or random ones. */
function seeds(n: number, first: number | null, step: number, random: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(first === null ? Math.floor(random() * 2 ** 32) : first + i * step);
  }
  return out;
}

/** The Horde's string seed: a string of digits is the number, any other string is hashed to one. */
export function hordeSeed(seed: string | null | undefined): number | null {
  if (seed === undefined || seed === null || seed === '') return null;
  if (/^[0-9]{1,15}$/.test(seed)) return Number(seed);
  return Number.parseInt(sha256Hex(seed).slice(0, 8), 16);
}

/** A /v1 `createImage` body (the door has checked it against the schema; this checks meaning). */
export function v1ImageSpec(
  req: ImageGenerationRequest,
  random: () => number,
  source: ImageSpec['source'],
): ImageSpec {
  const text = prompt(req.prompt);
  const { width, height } = parseSize(req.size ?? '1024x1024');
  const n = integerIn(req.n, 'n', V1.n.minimum, V1.n.maximum, V1.n.default);
  const steps = integerIn(req.steps, 'steps', V1.steps.minimum, V1.steps.maximum, V1.steps.default);
  const cfgScale = numberIn(
    req.cfg_scale,
    'cfg_scale',
    V1.cfg_scale.minimum,
    V1.cfg_scale.maximum,
    V1.cfg_scale.default,
  );
  if (req.strength !== undefined && req.denoise !== undefined && req.strength !== req.denoise) {
    invalid('denoise', 'equal to strength', `denoise (${req.denoise}) and strength (${req.strength}) differ`);
  }
  const strength = numberIn(
    req.strength ?? req.denoise,
    'strength',
    V1.strength.minimum,
    V1.strength.maximum,
    V1.strength.default,
  );
  const first = req.seed === undefined ? null : integerIn(req.seed, 'seed', 0, V1.seed.maximum, 0);
  const format = req.output_format ?? 'png';
  const ext: ImageExt = format === 'jpeg' ? 'jpg' : format;
  const loras = req.loras ?? [];
  if (loras.length > V1.loras.maxItems) invalid('loras', `0..${V1.loras.maxItems}`, 'too many loras');
  const img2img = source !== null;
  return {
    door: 'v1',
    prompt: text,
    negativePrompt: req.negative_prompt ?? null,
    n,
    width,
    height,
    steps,
    cfgScale,
    sampler: req.sampler ?? 'k_euler_a',
    models: [req.model ?? 'FLUX.2 [klein]'],
    seeds: seeds(n, first, 1, random),
    ext,
    needs: { img2img, painting: false, postProcessing: false, lora: loras.length > 0, controlnet: false },
    // /v1 has no nsfw field and filters no workers by it, as for chat (validate.ts): any image worker fits,
    // also a pop worker that sent `nsfw: false`.
    nsfw: false,
    trustedWorkers: false,
    workers: [],
    workerBlacklist: false,
    r2: true,
    source,
    sourceProcessing: img2img ? 'img2img' : null,
    denoisingStrength: img2img ? strength : null,
    loras: loras.map((l) => ({ ...l })),
    postProcessing: [],
    controlType: null,
    v1: req,
    horde: null,
  };
}

/** A Horde `generate/async` body (the door has checked it against the schema; this checks meaning). */
export function hordeImageSpec(
  req: HordeImageAsyncRequest,
  random: () => number,
  source: ImageSpec['source'],
): ImageSpec {
  const full = prompt(req.prompt);
  const cut = full.indexOf('###');
  const p = req.params ?? {};
  const size = (v: unknown, field: string) => {
    const value = integerIn(v, field, HP.width.minimum, HP.width.maximum, HP.width.default);
    if (value % HP.width.multipleOf !== 0) {
      invalid(
        field,
        `a multiple of ${HP.width.multipleOf}`,
        `${field} must be a multiple of 64, got ${value}`,
      );
    }
    return value;
  };
  const width = size(p.width, 'params.width');
  const height = size(p.height, 'params.height');
  const n = integerIn(p.n, 'params.n', HP.n.minimum, HP.n.maximum, HP.n.default);
  const steps = integerIn(p.steps, 'params.steps', HP.steps.minimum, HP.steps.maximum, HP.steps.default);
  const cfgScale = numberIn(
    p.cfg_scale,
    'params.cfg_scale',
    HP.cfg_scale.minimum,
    HP.cfg_scale.maximum,
    HP.cfg_scale.default,
  );
  const variation = integerIn(
    p.seed_variation,
    'params.seed_variation',
    HP.seed_variation.minimum,
    HP.seed_variation.maximum,
    HP.seed_variation.default,
  );
  const processing = req.source_processing ?? 'txt2img';
  const hasSource = source !== null;
  const painting = hasSource && (processing === 'inpainting' || processing === 'outpainting');
  const img2img = hasSource && (processing === 'img2img' || processing === 'remix');
  const loras = p.loras ?? [];
  const post = p.post_processing ?? [];
  const models = req.models && req.models.length > 0 ? [...new Set(req.models)] : ['stable_diffusion'];
  const processed = img2img ? 'img2img' : painting ? (processing as 'inpainting' | 'outpainting') : null;
  return {
    door: 'horde',
    prompt: cut === -1 ? full : full.slice(0, cut),
    negativePrompt: cut === -1 ? null : full.slice(cut + 3),
    n,
    width,
    height,
    steps,
    cfgScale,
    sampler: p.sampler_name ?? 'k_euler_a',
    models,
    seeds: seeds(n, hordeSeed(p.seed), variation, random),
    // A Horde request names no file type. Its pop slots take any image type (keys still end `.webp`, as on the
    // AIPG Horde: `imageKey`); a WS worker serving it gets PNG slots, the type /v1 defaults to and every
    // reference backend makes (docs/mock-grid.md "Object store").
    ext: 'png',
    needs: {
      img2img,
      painting,
      postProcessing: post.length > 0,
      lora: loras.length > 0,
      controlnet: p.control_type !== undefined && p.control_type !== null,
    },
    nsfw: req.nsfw ?? true,
    trustedWorkers: req.trusted_workers ?? false,
    workers: (req.workers ?? []).slice(0, limits.HordeImageAsyncRequest.workers.keptItems),
    workerBlacklist: req.worker_blacklist ?? false,
    r2: req.r2 ?? true,
    source: processed ? source : null,
    sourceProcessing: processed,
    denoisingStrength: processed ? (p.denoising_strength ?? HP.denoising_strength.default) : null,
    loras: loras.map((l) => ({
      name: l.name,
      ...(l.model === undefined ? {} : { strength: l.model }),
      ...(l.clip === undefined ? {} : { clip: l.clip }),
    })),
    postProcessing: [...post],
    controlType: p.control_type ?? null,
    v1: null,
    horde: req,
  };
}

/** Defaults of a media worker that does not say (openapi/components/ws.yaml `WsRegister`). */
const WS_MEDIA_DEFAULTS = {
  maxPixels: 2_359_296,
  img2img: true,
  painting: true,
  postProcessing: true,
  lora: false,
  controlnet: false,
  amount: 4,
};

/** …and of a Horde image pop (openapi/components/horde.yaml `HordeImagePopRequest`). */
const POP_MEDIA_DEFAULTS = {
  maxPixels: limits.HordeImagePopRequest.max_pixels.default,
  img2img: true,
  painting: true,
  postProcessing: true,
  lora: false,
  controlnet: false,
  amount: limits.HordeImagePopRequest.amount.default,
};

export interface MediaCapsInput {
  max_pixels?: number | undefined;
  allow_img2img?: boolean | undefined;
  allow_painting?: boolean | undefined;
  allow_post_processing?: boolean | undefined;
  allow_lora?: boolean | undefined;
  allow_controlnet?: boolean | undefined;
  amount?: number | undefined;
}

/** A media worker's capabilities from its register frame (`kind: 'ws'`) or image pop (`'pop'`). */
export function mediaCaps(input: MediaCapsInput, types: Iterable<string>, kind: 'ws' | 'pop'): MediaCaps {
  const d = kind === 'ws' ? WS_MEDIA_DEFAULTS : POP_MEDIA_DEFAULTS;
  const amountMax = limits.HordeImagePopRequest.amount.maximum;
  return {
    types: new Set(types),
    maxPixels: integerIn(input.max_pixels, 'max_pixels', 4096, Number.MAX_SAFE_INTEGER, d.maxPixels),
    img2img: input.allow_img2img ?? d.img2img,
    painting: input.allow_painting ?? d.painting,
    postProcessing: input.allow_post_processing ?? d.postProcessing,
    lora: input.allow_lora ?? d.lora,
    controlnet: input.allow_controlnet ?? d.controlnet,
    amount: integerIn(input.amount, 'amount', 1, amountMax, d.amount),
  };
}
