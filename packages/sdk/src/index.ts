export {
  type CallRequest,
  type CallResult,
  type ClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_CLIENT_AGENT,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type Fetch,
  Grid,
  type Logger,
  type LogLevel,
  type Middleware,
  type MiddlewareParams,
  type RequestOptions,
  type WithRequestID,
} from './client';
export { APIPromise } from './core/api-promise';
export {
  AIPGError,
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GoneError,
  InternalServerError,
  JobFaultedError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  type RateLimitInfo,
  RealtimeDisconnectedError,
  ServiceUnavailableError,
  StreamInterruptedError,
  UnprocessableEntityError,
} from './core/errors';
// Every spec schema under its spec name (each generated from openapi/, documented field by field), also
// reachable as `components['schemas'][name]`: the wire shapes the worker and the mock grid code against.
// The named exports below are the ones results and params are made of, with the SDK's own additions.
export type * from './generated/openapi';
export type { CursorPage, PagePromise } from './internal/pages';
export {
  type BatchChatItem,
  type BatchChatRequest,
  type BatchImageRequest,
  type BatchItem,
  type BatchOptions,
  type BatchOutputLine,
  type BatchProgress,
  type BatchResult,
  BatchRun,
} from './lib/batch';
export {
  type ChatCompletionSnapshot,
  type ChatCompletionSnapshotChoice,
  ChatCompletionStream,
  type ChatCompletionStreamEvents,
} from './lib/chat-completion-stream';
export type {
  RealtimeConnection,
  RealtimeOptions,
  RealtimeRequestOptions,
  SubscribeOptions,
  WebSocketFactory,
  WebSocketLike,
} from './realtime';
export type { UsageDay, UsageParams, UsageReport, UsageRow, UsageTotals } from './resources/account';
export type { BatchPollOptions } from './resources/batches';
export type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionContentPart,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionDelta,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
  ChatQuote,
  CompletionUsage,
  GridMetadata,
  RoutingExplanation,
  RoutingPreferences,
  RoutingScores,
} from './resources/chat';
export type { FileCreateParams, FileListParams } from './resources/files';
export type {
  GridImage,
  ImageGenerateOptions,
  ImageGenerateParams,
  ImageInput,
  ImageJobOptions,
  ImageJobParams,
  ImageJobResult,
  ImageMimeType,
  ImageQuote,
  ImageQuoteParams,
  ImagesResult,
} from './resources/images';
export {
  DEFAULT_WATCH_IDLE_MS,
  DEFAULT_WATCH_RECONNECTS,
  isFinalJobEvent,
  type JobWatchOptions,
} from './resources/jobs';
export type { Model, ModelList, ModelPricing } from './resources/models';
export type { ModelStatus } from './resources/status';
export type {
  HordeAsyncResponse,
  HordeGenerationState,
  HordeGenMetadata,
  HordeProgress,
  HordeTextAsyncRequest,
  HordeTextGeneration,
  HordeTextParams,
  HordeTextStatus,
  HordeWarning,
  TextGenerateOptions,
  TextGenerateParams,
  TextGeneration,
  TextJobResult,
  TextJobStatus,
  TextJobSubmitted,
} from './resources/text';
export type {
  HordeNoValidRequestFound,
  HordeSubmitResponse,
  HordeTextPopPayload,
  HordeTextPopRequest,
  HordeTextPopResponse,
  HordeTextSubmitRequest,
} from './resources/text-worker';
export type { WorkerList, WorkerSummary, WsJobKind, WsJobType } from './resources/workers';
export { VERSION } from './version';
