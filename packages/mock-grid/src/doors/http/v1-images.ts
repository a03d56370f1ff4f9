import type { ImageGenerationRequest } from '@aipg/sdk';
import { limits } from '@aipg/sdk/wire';
import type { GridJobEvent, ImageDone, Submission } from '../../core/index.js';
import { imageQuoteView, isGridError } from '../../core/index.js';
import { URL_TTL_S } from '../../store/object-store.js';
import { decodeImageData } from './image-data.js';
import { type Route, type RouteInput, v1ApiKey } from './router.js';
import { type DoorResponse, json } from './types.js';

/**
 * The /v1 image door (spec: openapi/paths/v1_images_generations.yaml, v1_progress_token.yaml): a synchronous
 * `createImage` over the core's image jobs, and the progress of a request by its `progress_token`.
 */

/** How long `createImage` waits for its images (spec: 300 s, then 504). */
export const IMAGE_TIMEOUT_MS = 300_000;

function validationError(field: string, msg: string, input: unknown): DoorResponse {
  return json(422, { detail: [{ type: 'value_error', loc: ['body', field], msg, input }] });
}

function beforeImage(input: RouteInput): DoorResponse | undefined {
  input.ctx.grid.authenticate(v1ApiKey(input.req), 'inference.submit');
  return undefined;
}

type Terminal = Extract<GridJobEvent, { type: 'failed' | 'faulted' | 'cancelled' }>;

async function createImage(input: RouteInput): Promise<DoorResponse> {
  const { grid, store, progress } = input.ctx;
  const body = input.body as ImageGenerationRequest;
  let sourceKey: string | undefined;
  const dryRun = body.dry_run === true;
  // A quote reads no source image (spec: ImageGenerationRequest.dry_run).
  if (body.image !== undefined && !dryRun) {
    const decoded = decodeImageData(body.image);
    const max = limits.ImageGenerationRequest.image.maxBytes;
    if (decoded === null) return validationError('image', 'image must be base64 or a data: URI', '…');
    if (decoded.length > max) return json(413, { detail: `image too large (max ${max} bytes)` });
    sourceKey = `src-${crypto.randomUUID()}`;
    if (!store.write(sourceKey, '', decoded, null)) return json(413, { detail: 'the object store is full' });
  }
  const events: GridJobEvent[] = [];
  let wake: (() => void) | undefined;
  let submission: Submission;
  try {
    submission = grid.submitImage({
      source: 'v1',
      apiKey: v1ApiKey(input.req),
      request: body,
      mock: input.req.mock,
      ...(sourceKey ? { sourceKey } : {}),
      listener: (e) => {
        // A /v1 request is forgotten once its last image is done, and its images with it: keep each image
        // (delivered in the same turn as the transition) for as long as its download URL is valid.
        if (e.type === 'done' && e.image) store.pin(e.image.key, URL_TTL_S.get);
        events.push(e);
        wake?.();
      },
    });
  } catch (err) {
    if (sourceKey) store.delete(sourceKey);
    if (isGridError(err, 'InvalidField') || isGridError(err, 'MissingPrompt')) {
      const field = err.field ?? 'body';
      return validationError(field, err.message, (body as unknown as Record<string, unknown>)[field]);
    }
    if (isGridError(err, 'NoModelOnline')) return json(503, { detail: err.message });
    if (isGridError(err, 'ModelNotOnline')) {
      return json(404, { detail: `Model '${body.model ?? ''}' is not available` });
    }
    throw err;
  }
  if (dryRun && submission.quote.kind === 'image') return json(200, imageQuoteView(submission.quote));
  if (sourceKey) store.adopt(sourceKey, submission.id);
  const token = body.progress_token;
  if (token) progress.follow(token, submission.id);

  const startedAt = grid.clock.now();
  const images: (ImageDone | undefined)[] = submission.jobIds.map(() => undefined);
  let ending: Terminal | 'timeout' | 'aborted' | undefined;
  const timer = grid.clock.setTimer(() => {
    ending ??= 'timeout';
    wake?.();
  }, IMAGE_TIMEOUT_MS);
  const onAbort = () => {
    ending ??= 'aborted';
    wake?.();
  };
  input.req.signal.addEventListener('abort', onAbort, { once: true });
  try {
    let left = images.length;
    while (left > 0 && ending === undefined) {
      const e = events.shift();
      if (!e) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      if (e.type === 'done') {
        if (images[e.index] === undefined) left--;
        images[e.index] = e.image;
      } else if (e.type === 'failed' || e.type === 'faulted' || e.type === 'cancelled') ending = e;
    }
  } finally {
    grid.clock.clearTimer(timer);
    input.req.signal.removeEventListener('abort', onAbort);
    if (ending !== undefined) {
      try {
        grid.cancelImage(submission.id);
      } catch {
        // Already gone: nothing left to cancel.
      }
    }
    if (token) progress.finish(token, submission.id, ending === undefined ? 100 : 0);
  }
  if (ending === 'timeout') {
    return json(504, { detail: `Image generation timed out after ${IMAGE_TIMEOUT_MS / 1000} s.` });
  }
  if (ending !== undefined) {
    const detail =
      ending === 'aborted' || ending.type === 'cancelled' ? 'The request was cancelled.' : ending.message;
    return json(502, { detail });
  }
  return json(200, imagesResponse(input, body, images as ImageDone[], startedAt));
}

function imagesResponse(
  input: RouteInput,
  body: ImageGenerationRequest,
  images: ImageDone[],
  startedAt: number,
) {
  const { grid, store } = input.ctx;
  const origin = input.req.origin ?? '';
  const b64 = body.response_format === 'b64_json';
  const data = images.map((image) => {
    const out: Record<string, unknown> = {
      revised_prompt: body.prompt,
      seed: image.seed,
      worker: image.worker,
      routing: image.routing,
    };
    if (b64) {
      out.b64_json = base64(store.read(image.key)?.bytes ?? new Uint8Array(0));
      store.delete(image.key);
    } else out.url = store.getUrl(origin, image.key, URL_TTL_S.get);
    return out;
  });
  let den = 0;
  for (const image of images) den += image.den;
  return {
    created: Math.floor(grid.clock.now() / 1000),
    data,
    output_format: body.output_format ?? 'png',
    size: body.size ?? '1024x1024',
    grid: {
      model: images[0]?.model ?? body.model,
      gen_time: Math.round(grid.clock.now() - startedAt) / 1000,
      steps: body.steps ?? limits.ImageGenerationRequest.steps.default,
      den: Math.round(den * 100) / 100,
    },
  };
}

/** Base64 of bytes without `Buffer` (the msw handlers run in browsers too). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function getProgress({ ctx, params }: RouteInput): DoorResponse {
  return json(200, { progress: ctx.progress.read(params.token ?? '') });
}

export const v1ImageRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/images\/generations$/,
    operationId: 'createImage',
    before: beforeImage,
    handler: createImage,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/progress\/(?<token>[^/]+)$/,
    operationId: 'getProgress',
    handler: getProgress,
  },
];
