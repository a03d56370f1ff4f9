import type { HordeImageAsyncRequest, HordeImageGeneration } from '@aipg/sdk';
import type { ImagePopCheckInInput, ImageStatusView, MediaVerdict } from '../../core/index.js';
import { isGridError } from '../../core/index.js';
import { sniffImage } from '../../store/magic.js';
import { URL_TTL_S } from '../../store/object-store.js';
import { verifyUpload } from '../../store/verify.js';
import { hordeError } from '../errors.js';
import { NO_WORKER_WARNING, pollHint } from './horde-v2.js';
import { decodeImageData, isHttpUrl } from './image-data.js';
import { hordeApiKey, type Route, type RouteInput } from './router.js';
import { type DoorResponse, json } from './types.js';
import { base64 } from './v1-images.js';

/**
 * The AI Horde v2 image door (spec: openapi/paths/api_v2_generate_{async,check_id,status_id,pop,progress,submit}.yaml):
 * requests, their check and status (images as signed download URLs, seeds as strings), and the worker's half —
 * pop with signed `r2_uploads`, progress, submit with the image checked before it is paid (src/store/).
 */

function imageAsync({ ctx, req, body }: RouteInput): DoorResponse {
  const request = body as HordeImageAsyncRequest;
  const source = request.source_image ?? null;
  let sourceKey: string | undefined;
  let sourceUrl: string | undefined;
  if (source !== null && source !== '' && request.dry_run !== true) {
    if (isHttpUrl(source)) sourceUrl = source;
    else {
      const bytes = decodeImageData(source);
      if (bytes === null || sniffImage(bytes) === null) {
        return json(400, {
          message: 'Image validation failed: source_image is not an image',
          rc: 'ImageValidationFailed',
        });
      }
      sourceKey = `src-${crypto.randomUUID()}`;
      if (!ctx.store.write(sourceKey, '', bytes, sniffImage(bytes))) {
        return json(400, { message: 'The source image cannot be stored', rc: 'ImageValidationFailed' });
      }
    }
  }
  let submission: ReturnType<typeof ctx.grid.submitImage>;
  try {
    submission = ctx.grid.submitImage({
      source: 'horde',
      apiKey: hordeApiKey(req),
      request,
      mock: req.mock,
      ...(sourceKey ? { sourceKey } : {}),
      ...(sourceUrl ? { sourceUrl } : {}),
    });
  } catch (err) {
    if (sourceKey) ctx.store.delete(sourceKey);
    throw err;
  }
  if (sourceKey) ctx.store.adopt(sourceKey, submission.id);
  if (request.dry_run === true) return json(200, { kudos: submission.kudos });
  const out: Record<string, unknown> = { id: submission.id, kudos: submission.kudos };
  if (!submission.possible) out.message = NO_WORKER_WARNING;
  return json(202, out);
}

function statusBody(input: RouteInput, view: ImageStatusView) {
  const { store } = input.ctx;
  const origin = input.req.origin ?? '';
  const generations: HordeImageGeneration[] = view.generations.map((g) => ({
    img: view.r2
      ? store.getUrl(origin, g.key, URL_TTL_S.get)
      : base64(store.read(g.key)?.bytes ?? new Uint8Array(0)),
    // A string on the Horde status (text generations use an integer).
    seed: String(g.seed),
    id: g.id,
    censored: g.state === 'censored' || g.state === 'csam',
    gen_metadata: [],
    worker_id: g.workerId,
    worker_name: g.workerName,
    model: g.model,
    state: g.state,
  }));
  return { ...view.check, generations, shared: view.shared };
}

function imagePop({ ctx, req, body }: RouteInput): DoorResponse {
  const b = body as Omit<ImagePopCheckInInput, 'apikey'>;
  const result = ctx.grid.popImage({ ...b, apikey: hordeApiKey(req) });
  const job = result.job;
  if (!job) {
    return json(200, {
      id: null,
      ids: [],
      payload: {},
      model: null,
      ttl: null,
      skipped: result.skipped,
      messages: [],
    });
  }
  const origin = req.origin ?? '';
  const uploads = job.slots.map(
    (slot) =>
      ctx.store.putUrl(origin, slot.key, { requestId: slot.requestId, contentType: null }, URL_TTL_S.hordePut)
        .url,
  );
  const source = job.sourceKey ? ctx.store.read(job.sourceKey) : undefined;
  return json(200, {
    id: job.ids[0],
    ids: job.ids,
    payload: job.payload,
    model: job.model,
    ttl: job.ttl,
    ...(source
      ? { source_image: base64(source.bytes) }
      : job.sourceUrl
        ? { source_image: job.sourceUrl }
        : {}),
    source_processing: job.sourceProcessing,
    media_type: 'image',
    r2_upload: uploads[0],
    r2_uploads: uploads,
    skipped: {},
    messages: [],
  });
}

interface ProgressBody {
  id: string;
  current_step: number;
  total_steps: number;
}

function imageProgress({ ctx, req, body }: RouteInput): DoorResponse {
  const b = body as ProgressBody;
  try {
    const view = ctx.grid.reportImageProgress({
      generationId: b.id,
      by: { apiKey: hordeApiKey(req) },
      currentStep: b.current_step,
      totalSteps: b.total_steps,
    });
    return json(200, view);
  } catch (err) {
    // The AIPG Horde's answer for a finished, faulted or taken-back generation: `{message}` without `rc`.
    if (isGridError(err, 'DuplicateGen') || isGridError(err, 'AbortedGen')) {
      return json(400, { message: 'Job already completed or faulted' });
    }
    return hordeError(err);
  }
}

interface SubmitBody {
  id: string;
  generation: string;
  state?: 'ok' | 'censored' | 'faulted' | 'csam';
  seed?: number;
  sha256?: string;
}

async function imageSubmit({ ctx, req, body }: RouteInput): Promise<DoorResponse> {
  const b = body as SubmitBody;
  const slot = ctx.grid.mediaSlot(b.id);
  let verdict: MediaVerdict = { ok: false, reason: 'the generation is not live' };
  if (slot && b.state !== 'faulted') {
    if (b.generation !== 'R2') {
      // The fallback when the upload failed: the image itself, stored like an upload and checked the same way.
      const bytes = decodeImageData(b.generation);
      if (bytes !== null) ctx.store.write(slot.key, slot.requestId, bytes, null);
    }
    verdict = await verifyUpload(ctx.store.read(slot.key), slot.contentType, b.sha256);
    if (!verdict.ok) ctx.store.delete(slot.key);
  }
  const result = ctx.grid.submitImageResult({
    generationId: b.id,
    by: { apiKey: hordeApiKey(req) },
    ...(b.state ? { state: b.state } : {}),
    ...(b.seed === undefined ? {} : { seed: b.seed }),
    verdict,
  });
  return json(200, { reward: result.reward });
}

const asker = (input: RouteInput) => ({ apiKey: hordeApiKey(input.req) });

export const hordeImageRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/v2\/generate\/async$/,
    operationId: 'hordeImageAsync',
    handler: imageAsync,
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/generate\/check\/(?<id>[^/]+)$/,
    operationId: 'hordeImageCheck',
    handler: (input) => {
      const { check } = input.ctx.grid.imageStatus(input.params.id ?? '', asker(input));
      return json(200, check, pollHint(check));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/generate\/status\/(?<id>[^/]+)$/,
    operationId: 'hordeImageStatus',
    handler: (input) =>
      json(200, statusBody(input, input.ctx.grid.imageStatus(input.params.id ?? '', asker(input)))),
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/v2\/generate\/status\/(?<id>[^/]+)$/,
    operationId: 'hordeImageCancel',
    handler: (input) =>
      json(200, statusBody(input, input.ctx.grid.cancelImage(input.params.id ?? '', asker(input)))),
  },
  { method: 'POST', pattern: /^\/api\/v2\/generate\/pop$/, operationId: 'hordeImagePop', handler: imagePop },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/generate\/progress$/,
    operationId: 'hordeImageProgress',
    handler: imageProgress,
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/generate\/submit$/,
    operationId: 'hordeImageSubmit',
    handler: imageSubmit,
  },
];
