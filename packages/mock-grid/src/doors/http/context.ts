import type { GridCore } from '../../core/index.js';
import { Faults } from '../../scenarios/faults.js';
import { ObjectStore, type StoreLimits } from '../../store/object-store.js';
import { loadSpec } from '../../validation/load.js';
import { type CaptureOptions, RequestCapture } from './capture.js';
import { DoorGuard, NO_RATE_LIMITS } from './guard.js';
import { ProgressTokens } from './progress-tokens.js';
import { DEFAULT_LIMITS, type DoorContext, type DoorLimits } from './router.js';

/**
 * The context both HTTP transports (node server, msw) hand every route: `limits` over the defaults, and
 * with `rateLimited: false` (`rateLimits: false`, `--no-rate-limits`) none of the door's rate limits
 * unless `limits` names one. Each context has its own object store (its own signing secret) and its own
 * request capture (`capture` sizes its ring).
 */
export function createDoorContext(
  grid: GridCore,
  limits: Partial<DoorLimits> | undefined,
  rateLimited: boolean,
  storeLimits?: Partial<StoreLimits>,
  capture?: CaptureOptions,
): DoorContext {
  const resolved: DoorLimits = { ...DEFAULT_LIMITS, ...(rateLimited ? {} : NO_RATE_LIMITS), ...limits };
  const store = new ObjectStore(grid.clock, (id) => grid.hasRequest(id), storeLimits);
  return {
    grid,
    spec: loadSpec(),
    limits: resolved,
    guard: new DoorGuard(grid, resolved),
    store,
    progress: new ProgressTokens(grid),
    capture: new RequestCapture(grid.clock, capture),
    faults: new Faults(),
  };
}
