export {
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
  type PipelineInit,
  type RequestOptions,
  type WithRequestID,
} from './client';
export { APIPromise } from './core/api-promise';
export {
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionSnapshot,
  ChatCompletionStream,
  type ChatCompletionStreamEvents,
} from './core/chat-completion-stream';
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
  ServiceUnavailableError,
  StreamInterruptedError,
  UnprocessableEntityError,
} from './core/errors';
export type { components, operations, paths } from './generated/openapi';
export type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from './resources/chat';
export type { Model, ModelList } from './resources/models';
export type { ModelStatus } from './resources/status';
export type {
  TextGenerateOptions,
  TextGenerateParams,
  TextGeneration,
  TextJobResult,
  TextJobStatus,
  TextJobSubmitted,
} from './resources/text';
export type { WorkerList, WorkerSummary } from './resources/workers';
export { VERSION } from './version';
