/**
 * Simulated workers (docs/mock-grid.md "Simulated workers"): a fleet that lives inside the grid's process, so
 * `startMockGrid({ simulate: true })` answers chats and images with no worker process. fleet.ts describes a
 * fleet, text.ts and picture.ts (png.ts, jpeg.ts, webp.ts) make the output, plan.ts decides what a worker does with a job, sim-worker.ts runs
 * it, fleet-runner.ts starts a fleet on a core.
 */
export {
  DEFAULT_FLEET,
  FleetError,
  type FleetInput,
  type FleetSpec,
  MAX_SIM_CONCURRENCY,
  parseFleet,
  SIM_WORKER_DEFAULTS,
  type SimImageSpec,
  type SimMode,
  type SimWorkerInput,
  type SimWorkerSpec,
} from './fleet.js';
export { FLEET_ACCOUNT, type Fleet, startFleet } from './fleet-runner.js';
export { encodeGreyJpeg } from './jpeg.js';
export { type PictureType, simPicture, simPixels, thumbSide } from './picture.js';
export {
  type ImageJobPlan,
  type JobOutcome,
  type JobPlan,
  MIN_TICK_MS,
  type PlannedImage,
  planImageJob,
  planTextJob,
} from './plan.js';
export { encodePng } from './png.js';
export { createFleetSigner, type FleetSigner, signText } from './signing.js';
export { SIM_BRIDGE_AGENT, type SimConnection, SimulatedWorker, type SlotHooks } from './sim-worker.js';
export { CHARS_PER_TOKEN, echoText, GENERATE_TOKENS, generateText, type SimText } from './text.js';
export { encodeSolidWebp } from './webp.js';
