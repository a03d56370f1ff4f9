import type { GridCore } from '../../core/index.js';
import { loadSpec } from '../../validation/load.js';
import { DoorGuard, NO_RATE_LIMITS } from './guard.js';
import { DEFAULT_LIMITS, type DoorContext, type DoorLimits } from './router.js';

/**
 * The context both HTTP transports (node server, msw) hand every route: `limits` over the defaults, and
 * with `rateLimited: false` (`rateLimits: false`, `--no-rate-limits`) none of the door's rate limits
 * unless `limits` names one.
 */
export function createDoorContext(
  grid: GridCore,
  limits: Partial<DoorLimits> | undefined,
  rateLimited: boolean,
): DoorContext {
  const resolved: DoorLimits = { ...DEFAULT_LIMITS, ...(rateLimited ? {} : NO_RATE_LIMITS), ...limits };
  return { grid, spec: loadSpec(), limits: resolved, guard: new DoorGuard(grid, resolved) };
}
