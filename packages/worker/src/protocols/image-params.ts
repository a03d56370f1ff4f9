// Reading an image job off the wire, the same way for both protocols' image job mappers: numbers clamped to the
// spec's ranges (openapi/components/horde.yaml HordeImageParams), one seed per image, LoRAs, the source picture,
// and a refusal for a job that needs more than this worker advertised.
import type { FetchLike } from '../backends/http.js';
import { readImageInfo } from '../backends/images/image-info.js';
import type { ImageEndpointConfig } from '../config/types.js';
import type { ImageJob, ImageJobLora, ImageSource } from '../image-job.js';
import { ImageJobRefused } from '../runtime/run-image-job.js';
import { causeText } from '../util/errors.js';
import { num } from './params.js';

/** A number within [min, max] (out-of-range values are clamped), or `fallback` when it is no number. */
export function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  const n = num(value);
  return n === undefined ? fallback : Math.min(max, Math.max(min, n));
}

/** `clampNumber` for whole numbers (rounded down). */
export function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  return Math.floor(clampNumber(value, min, max, fallback));
}

/** The largest seed a picture gets when the job names none (a 32-bit seed, as every backend takes). */
const SEED_RANGE = 2 ** 32;

function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * One seed per image: the job's `seeds` in order; where they are missing or short, `first + i` when the job
 * has a first seed, else a random one (what comfy-bridge does with a short `seeds`).
 */
export function seedsFor(count: number, listed: unknown, first: unknown, random: () => number): number[] {
  const given = Array.isArray(listed) ? listed : [];
  return Array.from({ length: count }, (_, i) => {
    const seed = given[i];
    if (isSeed(seed)) return seed;
    if (isSeed(first)) return first + i;
    return Math.floor(random() * SEED_RANGE);
  });
}

/** LoRAs with their strengths clamped to −5..5 (`strengthKey`: `strength` on /v1 and WS, `model` on the Horde). */
export function lorasFrom(raw: unknown, strengthKey: 'strength' | 'model'): ImageJobLora[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null)
    .filter((l) => typeof l.name === 'string' && l.name.trim() !== '')
    .map((l) => ({
      name: (l.name as string).trim(),
      model: clampNumber(l[strengthKey], -5, 5, 1),
      clip: clampNumber(l.clip, -5, 5, 1),
    }));
}

/** What a job needs, to hold against what the endpoint advertised. */
export interface ImageNeeds {
  images: number;
  /** A source picture (img2img). */
  img2img: boolean;
  painting: boolean;
  postProcessing: boolean;
  controlnet: boolean;
}

/**
 * Refuses (ImageJobRefused, not the client's fault: another worker may serve it) a job that needs more than
 * this worker advertised — the grid matches on these, so such a job is the grid's mistake.
 */
export function checkFits(
  job: Pick<ImageJob, 'width' | 'height' | 'loras'>,
  needs: ImageNeeds,
  endpoint: ImageEndpointConfig,
): void {
  const { capabilities } = endpoint;
  const problems: string[] = [];
  if (job.width * job.height > endpoint.maxPixels)
    problems.push(`${job.width}×${job.height} is more than max_pixels ${endpoint.maxPixels}`);
  if (needs.images > endpoint.amount)
    problems.push(`${needs.images} images is more than the advertised amount ${endpoint.amount}`);
  if (needs.img2img && !capabilities.img2img) problems.push('img2img is not allowed (allow_img2img)');
  if (job.loras.length > 0 && !capabilities.lora) problems.push('LoRAs are not allowed (allow_lora)');
  if (needs.painting) problems.push('inpainting/outpainting is not supported by this worker');
  if (needs.postProcessing) problems.push('post-processing is not supported by this worker');
  if (needs.controlnet) problems.push('ControlNet is not supported by this worker');
  if (problems.length > 0) throw new ImageJobRefused(`job refused: ${problems.join('; ')}`);
}

/** How long fetching a source picture may take. */
const SOURCE_TIMEOUT_MS = 60_000;

/**
 * A source picture from the job: an http(s) URL is downloaded (a WebSocket job's signed `source_image_url`, a
 * Horde pop's `source_image` when it is a URL), anything else is base64, raw or as a `data:` URL (the Horde's
 * base64 WebP). Its MIME type is read from its bytes.
 */
export async function loadSourceImage(
  value: string,
  fetchImpl: FetchLike,
  signal: AbortSignal,
): Promise<ImageSource> {
  let bytes: Uint8Array;
  if (/^https?:\/\//i.test(value)) {
    let response: Response;
    try {
      response = await fetchImpl(value, {
        method: 'GET',
        signal: AbortSignal.any([signal, AbortSignal.timeout(SOURCE_TIMEOUT_MS)]),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ImageJobRefused(`could not download the source image: ${causeText(error)}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new ImageJobRefused(`could not download the source image: HTTP ${response.status}`);
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } else {
    bytes = Buffer.from(value.replace(/^data:[^,]*,/, ''), 'base64');
  }
  const info = readImageInfo(bytes);
  if (!info)
    throw new ImageJobRefused(`the source image (${bytes.length} bytes) is not a PNG, JPEG or WebP picture`);
  return { bytes, mime: info.mime };
}
