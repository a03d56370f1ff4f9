/**
 * `@aipg/mock-grid` — an in-process AI Power Grid for tests and local development: the live `/v1` API, the
 * worker WebSocket and the AI Horde v2 text API, all over one transport-free grid core.
 *
 * ```ts
 * const grid = await startMockGrid({ port: 0 });
 * const openai = new OpenAI({ baseURL: `${grid.url}/v1`, apiKey: 'grid_test_key' });
 * await grid.close();
 * ```
 * msw handlers live in `@aipg/mock-grid/msw`.
 */

export { parseFleetText, readFleetFile } from './cli/fleet-file.js';
export { type KeyFileEntry, KeysFileError, parseKeys, readKeysFile } from './cli/keys-file.js';
// The grid core (see core/index.ts for the API overview).
export {
  type AccountView,
  ANONYMOUS_KEY,
  CHAT_LIMITS,
  type Clock,
  type CloseReason,
  type CompleteInput,
  type CompleteResult,
  contextFactor,
  type DoneInfo,
  estimateTokens,
  type FailInput,
  type FailResult,
  GENERATION_TRANSITIONS,
  type GenerationTrigger,
  GRID_DEFAULTS,
  Grid,
  GridCore,
  GridError,
  type GridErrorCode,
  type GridErrorDetails,
  type GridEvent,
  type GridJobEvent,
  type GridListener,
  type GridOptions,
  HORDE_LIMITS,
  type ImageDone,
  type ImagePopAssignment,
  type ImagePopCheckInInput,
  type ImagePopResult,
  type ImagePriceQuote,
  type ImageResultView,
  type ImageSkippedCounts,
  type ImageStatusView,
  type ImageSubmitInput,
  type ImageSubmitResultInput,
  imageFamilyFactor,
  imagePrice,
  isGridError,
  JOB_TRANSITIONS,
  type JobEvent,
  type JobListener,
  type JobSource,
  type JobState,
  type JobTrigger,
  type JobView,
  type KeyEntry,
  type LedgerRecord,
  MAX_WORKER_MODELS,
  ManualClock,
  type MediaDoneInput,
  type MediaProgressInput,
  type MediaSlot,
  type MediaVerdict,
  megapixelSteps,
  modelParams,
  multiplier,
  type PopAssignment,
  type PopCheckInInput,
  type PopResult,
  PRICING_DEFAULTS,
  type PriceQuote,
  type PricingOptions,
  type ProgressInput,
  type RateLimitOptions,
  type RateLimitRule,
  type RequestAsker,
  type Scope,
  type SkippedCounts,
  type Submission,
  type SubmitInput,
  SystemClock,
  type TextPriceQuote,
  type TimerHandle,
  tokenRate,
  USAGE_DEFAULT_DAYS,
  USAGE_MAX_DAYS,
  VERIFICATION_DEFAULTS,
  type VerificationSettings,
  type WorkerKind,
  type WorkerRef,
  type WorkerSink,
  type WorkerView,
  type WsJobOffer,
  type WsMediaJobOffer,
  type WsRegisterInput,
  type WsRegistration,
} from './core/index.js';
export {
  CAPTURE_DEFAULTS,
  type CapturedRequest,
  type CapturedStream,
  type CaptureOptions,
  REDACTED,
} from './doors/http/capture.js';
export { DEFAULT_LIMITS, type DoorLimits } from './doors/http/router.js';
export { toKeyEntries } from './keys.js';
export {
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioInfo,
  type ScenarioKind,
  type ScenarioName,
  type ScenarioParam,
} from './scenarios/catalog.js';
export type { FaultOptions, GridFaults, ScenarioParams } from './scenarios/faults.js';
export { type Scenario, ScenarioError } from './scenarios/select.js';
export { type MockGrid, type MockGridOptions, startMockGrid } from './server.js';
// Simulated workers (docs/mock-grid.md "Simulated workers"), started by `startMockGrid({ simulate })`; the
// fleet runner and the job plans stay inside the package.
export {
  DEFAULT_FLEET,
  FleetError,
  type FleetInput,
  type FleetSpec,
  parseFleet,
  type SimConnection,
  type SimImageSpec,
  type SimMode,
  type SimulatedWorker,
  type SimWorkerInput,
  type SimWorkerSpec,
} from './simulate/index.js';
