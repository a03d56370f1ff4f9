/**
 * Wire shapes the core reads (job inputs) and produces (views, worker payloads): the generated OpenAPI
 * types of `@aipg/sdk` under the names of openapi/README.md, imported as types only (no runtime link).
 * Wire names stay snake_case.
 */
import type { components } from '@aipg/sdk';

type Schemas = components['schemas'];

// /v1
export type ChatCompletionRequest = Schemas['ChatCompletionRequest'];
export type ChatMessage = Schemas['ChatMessage'];
export type ChatCompletionDelta = Schemas['ChatCompletionDelta'];
export type Usage = Schemas['CompletionUsage'];
export type GridMetadata = Schemas['GridMetadata'];
export type ModelStatus = Schemas['ModelStatus'];
export type WorkerSummary = Schemas['WorkerSummary'];
export type WorkerList = Schemas['WorkerList'];

// worker WebSocket
export type WsRegister = Schemas['WsRegister'];
export type WsJobPayload = Schemas['WsJobPayload'];
/** The `delta` of a WS token frame. */
export type WsTokenDelta = Schemas['ChatCompletionDelta'];

// Horde v2
export type HordeTextAsyncRequest = Schemas['HordeTextAsyncRequest'];
export type HordeTextParams = Schemas['HordeTextParams'];
export type HordeTextPopRequest = Schemas['HordeTextPopRequest'];
export type HordeTextPopPayload = Schemas['HordeTextPopPayload'];
export type HordeNoValidRequestFound = Schemas['HordeNoValidRequestFound'];
export type HordeTextGeneration = Schemas['HordeTextGeneration'];
export type HordeTextStatus = Schemas['HordeTextStatus'];
export type HordeActiveModel = Schemas['HordeActiveModel'];
export type HordePerformance = Schemas['HordePerformance'];
export type HordeHeartbeat = Schemas['HordeHeartbeat'];
export type HordeWorkerDetails = Schemas['HordeWorkerDetails'];
export type HordeUserDetails = Schemas['HordeUserDetails'];

/**
 * The pop `skipped` counts the core computes: every reason present (zero when none). Assignable to
 * `HordeNoValidRequestFound`, whose fields are all optional.
 */
export interface SkippedCounts {
  models: number;
  max_length: number;
  max_context_length: number;
  nsfw: number;
  untrusted: number;
  worker_id: number;
  blacklist: number;
}
