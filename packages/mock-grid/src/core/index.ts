/**
 * @aipg/mock-grid core — the transport-free grid. It knows jobs, workers and accounts; never HTTP,
 * WebSockets or JSON bodies, and it imports nothing from `node:` (it also runs inside msw handlers).
 *
 * API overview (all on `new GridCore(options)`; `Grid` is a deprecated alias; errors are `GridError` with a stable `code`, `field`,
 * `limit`, `retryAfterMs`; defaults in `GRID_DEFAULTS`):
 *
 *   accounts   authenticate(key, scope) · addKey(entry) · account(key) → balance, ledger records
 *   jobs       submit({source:'v1'|'horde', apiKey, request, listener?}) → {id, jobIds, kudos, possible, model}
 *              status(requestId) → HordeTextStatus · cancel(requestId|jobId) → HordeTextStatus · job(jobId)
 *              subscribe(requestId|jobId, listener) → unsubscribe; events: queued, assigned, token,
 *              requeued, done {text, usage, finish_reason, grid}, failed, faulted, cancelled
 *              onEvent(listener): the grid-wide stream (job events + worker.* + credited/charged)
 *   job events watch(requestId, {after?, asker?, onEnd?}, listener) → unsubscribe: a watchable request's
 *              (Horde, or submit({watch: true})) numbered wire events (spec JobEvent), retained then live;
 *              events(requestId, {after?, asker?}) → {events, lastSeq, ended}
 *   WS worker  register(registerFrame, sink) → {workerId, connectionId}. The core calls sink.ready() first,
 *              then pushes jobs with sink.job({id, model, payload}), cancels with sink.cancel(id), and
 *              asks for a close with sink.close('replaced' | 'evicted', message).
 *              token → progress({generationId, by:{connectionId}, delta}) → boolean
 *              done  → complete({generationId, by, text, reasoning?, finish_reason?, cancelled?}) → {reward}
 *              error → fail({generationId, by, message, clientError?}) → {accepted}; closed → release(connectionId)
 *   Horde pop  pop(body) = checkIn(body) + assign(workerId) → {workerId, job: {id, model, payload, ttl} | null, skipped}
 *              submit → complete({generationId, by:{apiKey}, text, state?, seed?}) → {reward}
 *   images     submitImage · imageStatus · cancelImage · imageProgress; WS media: sink.mediaJob(offer),
 *              mediaProgress, completeMedia({verdicts}); Horde: popImage, reportImageProgress, mediaSlot,
 *              submitImageResult({verdict}). The doors sign upload URLs and check the bytes (src/store/).
 *   views      modelStatus · workerList · hordeModels(type) · hordeModel(name) · hordePerformance · heartbeat ·
 *              hordeWorkers · hordeWorker(id) · hordeWorkerByName(name) · hordeModes(key) · hordeTextStats ·
 *              hordeTextModelStats · findUser(key) · onlineModels · worker(idOrName) · counters
 *   batch      createFile · file · fileContent · deleteFile · listFiles · createBatch · batch · listBatches ·
 *              cancelBatch · batchSettings (the OpenAI Batch API; every request line is an ordinary submit)
 *   time       every rule reads `options.clock` (`ManualClock.advance(ms)` in tests, `SystemClock` live)
 *
 * See docs/mock-grid-core.md for the job life, the matching rule and the numbers.
 */

export { BATCH_ENDPOINTS, type CreateBatchInput, type CreateFileInput } from './batch-runner.js';
export { ANONYMOUS_KEY } from './books/accounts.js';
export { EVENT_LOG_LIMIT, PROGRESS_EVERY_TOKENS, type WatchListener } from './books/events.js';
export { RateLimiter } from './books/ratelimit.js';
export { USAGE_DEFAULT_DAYS, USAGE_MAX_DAYS, utcDay } from './books/usage.js';
export { MAX_WORKER_MODELS } from './books/workers.js';
export { type Clock, ManualClock, SystemClock, type TimerHandle } from './clock.js';
export { completionChoice } from './convert.js';
export { GridError, type GridErrorCode, type GridErrorDetails, isGridError } from './errors.js';
export { GRID_DEFAULTS, Grid, GridCore } from './grid-core.js';
export {
  GENERATION_TRANSITIONS,
  type GenerationTrigger,
  JOB_TRANSITIONS,
  type JobTrigger,
} from './job-machine.js';
export { isStale, type StaleCode } from './ownership.js';
export {
  contextFactor,
  imageFamilyFactor,
  imagePrice,
  megapixelSteps,
  modelParams,
  multiplier,
  tokenRate,
} from './pricing.js';
export {
  BATCH_DEFAULTS,
  type BatchSettings,
  PRICING_DEFAULTS,
  VERIFICATION_DEFAULTS,
  type VerificationSettings,
} from './settings.js';
export { sha256Hex } from './sha256.js';
export { estimateTokens } from './tokens.js';
// What goes into and comes out of GridCore's calls.
export type {
  AccountView,
  CloseReason,
  CompleteInput,
  CompleteResult,
  DoneInfo,
  FailInput,
  FailResult,
  GridEvent,
  GridListener,
  GridOptions,
  ImageDone,
  ImagePopAssignment,
  ImagePopCheckInInput,
  ImagePopResult,
  ImagePriceQuote,
  ImageResultView,
  ImageStatusView,
  ImageSubmitInput,
  ImageSubmitResultInput,
  JobListener,
  JobSource,
  JobState,
  JobView,
  KeyEntry,
  LedgerRecord,
  MediaDoneInput,
  MediaProgressInput,
  MediaSlot,
  MediaVerdict,
  MockJobOptions,
  PopAssignment,
  PopCheckInInput,
  PopResult,
  PriceQuote,
  PricingOptions,
  ProgressInput,
  RateLimitOptions,
  RateLimitRule,
  RequestAsker,
  RetainedEvents,
  Scope,
  Scripted,
  SignerView,
  Submission,
  SubmitInput,
  TextPriceQuote,
  Watchable,
  WatchOptions,
  WorkerKind,
  WorkerRef,
  WorkerScenario,
  WorkerSink,
  WorkerVerificationView,
  WorkerView,
  WsJobOffer,
  WsMediaJobOffer,
  WsRegisterInput,
  WsRegistration,
} from './types.js';
export { CHAT_LIMITS, HORDE_LIMITS } from './validate.js';
export { chatQuoteView, imageQuoteView } from './views.js';
export type { ImageSkippedCounts, SkippedCounts } from './wire.js';

import type { JobEvent as CoreJobEvent } from './types.js';

/**
 * A job's event as the core delivers it to `submit`/`subscribe` listeners and on `onEvent` (`queued`,
 * `assigned`, `token`, `progress`, `requeued`, `done`, `failed`, `faulted`, `cancelled`). Not the wire's numbered
 * job event: that is `JobEvent` of `@aipg/sdk` (spec `JobEvent`, what `watch` hands over).
 */
export type GridJobEvent = CoreJobEvent;
/** @deprecated Renamed `GridJobEvent`, so that `JobEvent` means the spec's wire event (`@aipg/sdk`) everywhere. */
export type JobEvent = GridJobEvent;
