// @aipg/worker — the reference AI Power Grid worker. Every export is named here on purpose (docs/worker.md):
// what a program running a worker, or writing a backend, needs; nothing else of the internals.

// Built-in backends, for a program that wraps or configures one itself.
export { createDemoBackend, type DemoOptions } from './backends/demo.js';
export { type Automatic1111Options, createAutomatic1111Backend } from './backends/images/automatic1111.js';
export { type ComfyUIOptions, createComfyUIBackend } from './backends/images/comfyui/backend.js';
export {
  BUILT_IN_WORKFLOWS,
  type ComfyNode,
  type ComfyWorkflow,
  PLACEHOLDERS,
  type WorkflowPair,
} from './backends/images/comfyui/templates.js';
export { createDemoImageBackend, type DemoImageOptions } from './backends/images/demo.js';
export { type ImageInfo, readImageInfo } from './backends/images/image-info.js';
export { createImageBackend } from './backends/index.js';
export { createKoboldBackend, type KoboldOptions } from './backends/kobold.js';
export { createOpenAICompatibleBackend, type OpenAICompatibleOptions } from './backends/openai-compatible.js';
// Configuration: bridgeData.yaml or GRID_* env → one validated WorkerConfig.
export { configFromEnv, type Env } from './config/env.js';
export { type LoadConfigOptions, loadConfig, parseConfigText } from './config/load.js';
export { type ParseResult, parseConfig } from './config/parse.js';
export type {
  EndpointConfig,
  EndpointType,
  ImageCapabilities,
  ImageEndpointConfig,
  ImageEndpointType,
  ImageModelConfig,
  ImageModelFamily,
  ModelConfig,
  Protocol,
  WorkerConfig,
} from './config/types.js';
export { BackendError, ConfigError, type ConfigIssue, FatalError, WorkerError } from './errors.js';
// Writing an image backend.
export type {
  GeneratedImage,
  ImageBackend,
  ImageContext,
  ImageJob,
  ImageJobLora,
  ImageJobProgress,
  ImageMime,
  ImageSource,
} from './image-job.js';
// Writing a backend.
export type {
  Backend,
  BackendInfo,
  FinishReason,
  GridJob,
  JobContext,
  JobDelta,
  JobHandler,
  JobMessage,
  JobParams,
  JobResult,
  JobUsage,
} from './job.js';
export type { Log, LogTarget } from './log.js';
export { type MetricsServer, renderMetrics, startMetricsServer } from './metrics.js';
export { workerSocketUrl } from './protocols/websocket/slot.js';
export type { JobEnd, WorkerState, WorkerStats } from './runtime/stats.js';
export { drainOnSignals, SAME_PRESS_MS, type SignalDrain, type SignalDrainOptions } from './signals.js';
// Signed results: the key every result is signed with (docs/worker.md, "Signed results").
export {
  defaultKeyFile,
  generateWorkerKey,
  loadOrCreateWorkerKey,
  WORKER_KEY_FILE,
  type WorkerKey,
} from './signing.js';
export { BRIDGE_AGENT, WORKER_VERSION } from './version.js';
export { createWorker, type DrainOptions, type JobEndEvent, Worker, type WorkerOptions } from './worker.js';
