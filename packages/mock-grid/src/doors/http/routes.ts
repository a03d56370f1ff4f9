import { OBJECTS_PREFIX, type StoreResponse } from '../../store/object-store.js';
import { hordeImageRoutes } from './horde-images.js';
import { hordeRoutes } from './horde-v2.js';
import { jobEventRoutes } from './job-events.js';
import { type DoorContext, dispatch, type Route } from './router.js';
import { withScenario } from './scenario-play.js';
import type { DoorRequest, DoorResponse } from './types.js';
import { v1Routes } from './v1.js';
import { v1AccountRoutes } from './v1-account.js';
import { v1BatchRoutes } from './v1-batches.js';
import { v1ImageRoutes } from './v1-images.js';

/**
 * The operations that read a key: an IP that has failed authentication too often is refused these (429)
 * before anything else is checked (guard.ts). Each declares the 429 in the spec.
 */
const KEYED = new Set([
  'createChatCompletion',
  'hordeTextAsync',
  'hordeTextStatus',
  'hordeTextCancel',
  'hordeTextPop',
  'hordeTextSubmit',
  'hordeFindUser',
  'hordeModes',
  'createImage',
  'getUsage',
  'hordeImageAsync',
  'hordeImageCheck',
  'hordeImageStatus',
  'hordeImageCancel',
  'hordeImagePop',
  'hordeImageProgress',
  'hordeImageSubmit',
  'createFile',
  'listFiles',
  'retrieveFile',
  'deleteFile',
  'retrieveFileContent',
  'createBatch',
  'listBatches',
  'retrieveBatch',
  'cancelBatch',
]);

function admitted(route: Route): Route {
  if (!KEYED.has(route.operationId)) return route;
  const before = route.before;
  return {
    ...route,
    before: (input) => {
      input.ctx.guard.admit(input.req);
      return before?.(input);
    },
  };
}

/** Every HTTP route of the mock grid, for the node server and the msw handlers alike. */
export const routes: Route[] = [
  ...v1Routes,
  ...v1ImageRoutes,
  ...jobEventRoutes,
  ...v1BatchRoutes,
  ...v1AccountRoutes,
  ...hordeRoutes,
  ...hordeImageRoutes,
].map(admitted);

/**
 * Routes one request under the scenario it asked for or a test set (scenario-play.ts), counts a refused key
 * against its IP (guard.ts) and records it in the request capture (capture.ts: both transports come through
 * here). `scenarios: false` (the client WebSocket, whose requests have no headers of their own) routes it as
 * it is. Never throws.
 */
export async function handleDoorRequest(
  req: DoorRequest,
  ctx: DoorContext,
  options: { scenarios?: boolean } = {},
): Promise<DoorResponse> {
  const at = ctx.grid.clock.now();
  const out =
    options.scenarios === false
      ? await dispatch(routes, req, ctx)
      : await withScenario(req, ctx, (r) => dispatch(routes, r, ctx));
  ctx.guard.answered(req, out.status);
  return ctx.capture.record(req, out, at);
}

/** Answers an object-store request (`/objects/{key}`, src/store/): raw bytes, not JSON, so not routed above. */
export function handleStoreRequest(
  ctx: DoorContext,
  method: string,
  path: string,
  query: URLSearchParams,
  contentType: string | undefined,
  body: Uint8Array | undefined,
): StoreResponse {
  const raw = path.slice(OBJECTS_PREFIX.length);
  let key = raw;
  try {
    key = decodeURIComponent(raw);
  } catch {
    // Left as sent: its signature will not match.
  }
  return ctx.store.handle({ method, key, query, contentType, body });
}

export function isStorePath(path: string): boolean {
  return path.startsWith(OBJECTS_PREFIX);
}
