import type { HordeNewspiece, HordeTextAsyncRequest } from '@aipg/sdk';
import type { CompleteInput, PopCheckInInput } from '../../core/index.js';
import { checkSignature } from '../signatures.js';
import type { DoorRateLimit } from './guard.js';
import { hordeApiKey, type Route, type RouteInput } from './router.js';
import { type DoorResponse, json } from './types.js';

/**
 * The AI Horde v2 door under `/api/v2` (spec: openapi/paths/api_v2_*.yaml): text jobs and the status, stats and
 * worker views of both kinds (image jobs: horde-images.ts). Each handler is a
 * translation: wire body → one core call → wire body. Errors are `{message, rc}` (see ../errors.ts).
 */

/** The live warning text, kept verbatim although the AIPG expiry is really 24 h (spec: HordeWarning). */
export const NO_WORKER_WARNING =
  'Warning: No available workers can fulfill this request. It will expire in 20 minutes unless a worker appears. Please consider reducing the size of the request or choosing a different model.';

/** A `before` hook that counts the request against one of the door's rate limits (429 past it). */
function limited(which: DoorRateLimit): (input: RouteInput) => undefined {
  return ({ ctx, req }) => {
    ctx.guard.hit(which, req);
    return undefined;
  };
}

function textAsync({ ctx, req, body }: RouteInput): DoorResponse {
  const request = body as HordeTextAsyncRequest;
  const submission = ctx.grid.submit({ source: 'horde', apiKey: hordeApiKey(req), request, mock: req.mock });
  if (request.dry_run === true) return json(200, { kudos: submission.kudos });
  const out: Record<string, unknown> = { id: submission.id, kudos: submission.kudos };
  if (!submission.possible) out.message = NO_WORKER_WARNING;
  return json(202, out);
}

function pop({ ctx, req, body }: RouteInput): DoorResponse {
  const b = body as Omit<PopCheckInInput, 'apikey'>;
  const result = ctx.grid.pop({ ...b, apikey: hordeApiKey(req) });
  const job = result.job;
  // 200 whether or not a job was found: an empty pop is `id: null, ids: []` plus the skip counts (docs/mock-grid-core.md, quirk 6.7).
  // `payload` is `{}` then, as flask-restx marshals the missing nested model; horde-sdk rejects `null` there.
  return json(200, {
    id: job ? job.id : null,
    ids: job ? [job.id] : [],
    payload: job ? job.payload : {},
    model: job ? job.model : null,
    softprompt: null,
    ttl: job ? job.ttl : null,
    skipped: result.skipped,
    messages: [],
  });
}

interface SubmitBody {
  id: string;
  generation: string;
  state?: 'ok' | 'censored' | 'faulted' | 'csam';
  seed?: number;
  worker_sig?: string | null;
  signed_at?: number;
}

async function submit({ ctx, req, body }: RouteInput): Promise<DoorResponse> {
  const b = body as SubmitBody;
  const apiKey = hordeApiKey(req);
  // Deliberate fix of quirk 6.9 (docs/mock-grid-core.md): the live server answers an invalid key here with a 500 (KeyError). The core
  // checks the key before the generation id, so it is the usual 401 InvalidAPIKey (see ../errors.ts).
  const input: CompleteInput = {
    generationId: b.id,
    by: { apiKey },
    text: b.generation,
    state: b.state ?? 'ok',
    // Checked before the core call (Web Crypto is async); the core strikes for a bad one (../signatures.ts).
    ...(await checkSignature(ctx.grid, b.id, b.generation, b)),
  };
  const result = ctx.grid.complete(b.seed === undefined ? input : { ...input, seed: b.seed });
  return json(200, { reward: result.reward });
}

function modelStatus({ ctx, query }: RouteInput): DoorResponse {
  // `type` defaults to image on the live Horde, a documented quirk kept (spec: hordeModelStatus).
  const type = (query.type as 'image' | 'text' | undefined) ?? 'image';
  let models = ctx.grid.hordeModels(type);
  const min = query.min_count as number | undefined;
  const max = query.max_count as number | undefined;
  if (min !== undefined) models = models.filter((m) => m.count >= min);
  if (max !== undefined) models = models.filter((m) => m.count <= max);
  return json(200, models);
}

function workers({ ctx, query }: RouteInput): DoorResponse {
  const list = ctx.grid.hordeWorkers();
  // As on the Horde: an empty `type` or `name` is no filter (horde-sdk sends `type=` for all types), a name is
  // compared case-insensitively, and a name filter wins over the type filter (spec: hordeListWorkers).
  const name = query.name as string | undefined;
  if (name)
    return json(
      200,
      list.filter((w) => w.name.toLowerCase() === name.toLowerCase()),
    );
  const type = query.type as string | undefined;
  return json(200, type ? list.filter((w) => w.type === type) : list);
}

/** The mock grid's fixed news (spec: hordeNews). */
export const MOCK_NEWS: HordeNewspiece[] = [
  {
    date_published: '2026-07-24',
    newspiece:
      'This is the AIPG mock grid: it serves the Horde v2 API so Horde clients and workers can be tested. The live AIPG grid has retired /api/v2; use the /v1 API there.',
    importance: 'Information',
    tags: ['mock-grid'],
    title: 'AIPG mock grid',
    more_info_urls: ['https://github.com/AIPowerGrid/aipg-grid-sdk/blob/main/docs/mock-grid.md'],
  },
];

export const hordeRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/v2\/generate\/text\/async$/,
    operationId: 'hordeTextAsync',
    handler: textAsync,
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/generate\/text\/status\/(?<id>[^/]+)$/,
    operationId: 'hordeTextStatus',
    before: limited('status'),
    // Only the submitting key reads or cancels a request (an anonymous one: its id alone, as on the Horde).
    handler: ({ ctx, params, req }) => {
      const status = ctx.grid.status(params.id ?? '', { apiKey: hordeApiKey(req) });
      return json(200, status, pollHint(status));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/v2\/generate\/text\/status\/(?<id>[^/]+)$/,
    operationId: 'hordeTextCancel',
    handler: ({ ctx, params, req }) =>
      json(200, ctx.grid.cancel(params.id ?? '', { apiKey: hordeApiKey(req) })),
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/generate\/text\/pop$/,
    operationId: 'hordeTextPop',
    before: limited('pop'),
    handler: pop,
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/generate\/text\/submit$/,
    operationId: 'hordeTextSubmit',
    handler: submit,
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/status\/heartbeat$/,
    operationId: 'hordeHeartbeat',
    handler: ({ ctx }) => json(200, ctx.grid.heartbeat()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/status\/models$/,
    operationId: 'hordeModelStatus',
    handler: modelStatus,
  },
  {
    method: 'GET',
    // The rest of the path is the name: text model names hold `/` (spec: hordeModelStatusSingle).
    pattern: /^\/api\/v2\/status\/models\/(?<model_name>.+)$/,
    operationId: 'hordeModelStatusSingle',
    handler: ({ ctx, params }) => json(200, ctx.grid.hordeModel(params.model_name ?? '')),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/status\/news$/,
    operationId: 'hordeNews',
    handler: () => json(200, MOCK_NEWS),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/status\/modes$/,
    operationId: 'hordeModes',
    handler: ({ ctx, req }) => json(200, ctx.grid.hordeModes(hordeApiKey(req))),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/stats\/text\/totals$/,
    operationId: 'hordeTextStatsTotals',
    handler: ({ ctx }) => json(200, ctx.grid.hordeTextStats()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/stats\/text\/models$/,
    operationId: 'hordeTextStatsModels',
    handler: ({ ctx }) => json(200, ctx.grid.hordeTextModelStats()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/status\/performance$/,
    operationId: 'hordePerformance',
    handler: ({ ctx }) => json(200, ctx.grid.hordePerformance()),
  },
  { method: 'GET', pattern: /^\/api\/v2\/workers$/, operationId: 'hordeListWorkers', handler: workers },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/workers\/(?<worker_id>[^/]+)$/,
    operationId: 'hordeGetWorker',
    handler: ({ ctx, params }) => json(200, ctx.grid.hordeWorker(params.worker_id ?? '')),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/workers\/name\/(?<worker_name>[^/]+)$/,
    operationId: 'hordeGetWorkerByName',
    handler: ({ ctx, params }) => json(200, ctx.grid.hordeWorkerByName(params.worker_name ?? '')),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/find_user$/,
    operationId: 'hordeFindUser',
    before: limited('findUser'),
    handler: ({ ctx, req }) => json(200, ctx.grid.findUser(hordeApiKey(req))),
  },
];

/**
 * When a client still polling should come back (spec: `X-Poll-After-Ms` on the text status and the image
 * check, an AIPG extension): the request's `wait_time` in ms, within 1–10 s; nothing once it is done.
 */
export function pollHint(view: { done: boolean; wait_time: number }): Record<string, string> | undefined {
  if (view.done) return undefined;
  return { 'x-poll-after-ms': String(Math.min(10_000, Math.max(1_000, Math.round(view.wait_time * 1000)))) };
}
