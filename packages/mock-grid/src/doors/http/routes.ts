import { hordeRoutes } from './horde-v2.js';
import { type DoorContext, dispatch, type Route } from './router.js';
import type { DoorRequest, DoorResponse } from './types.js';
import { v1Routes } from './v1.js';

/** Every HTTP route of the mock grid, for the node server and the msw handlers alike. */
export const routes: Route[] = [...v1Routes, ...hordeRoutes];

export function handleDoorRequest(req: DoorRequest, ctx: DoorContext): Promise<DoorResponse> {
  return dispatch(routes, req, ctx);
}
