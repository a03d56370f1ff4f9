import { hordeRoutes } from './horde-v2.js';
import { type DoorContext, dispatch, errorResponse, type Route, surfaceOf } from './router.js';
import type { DoorRequest, DoorResponse } from './types.js';
import { v1Routes } from './v1.js';

/** Every HTTP route of the mock grid, for the node server and the msw handlers alike. */
export const routes: Route[] = [...v1Routes, ...hordeRoutes];

/** Routes one request; an IP that failed authentication too often is refused first (guard.ts). Never throws. */
export async function handleDoorRequest(req: DoorRequest, ctx: DoorContext): Promise<DoorResponse> {
  let out: DoorResponse;
  try {
    ctx.guard.admit(req);
    out = await dispatch(routes, req, ctx);
  } catch (err) {
    out = errorResponse(surfaceOf(req.path), err);
  }
  ctx.guard.answered(req, out.status);
  return out;
}
