// @aipg/worker — the reference AI Power Grid worker.
export * from './backends/index.js';
export * from './config/index.js';
export {
  type Backend,
  BackendError,
  type BackendInfo,
  type FinishReason,
  type GridJob,
  type JobContext,
  type JobDelta,
  type JobHandler,
  type JobMessage,
  type JobParams,
  type JobResult,
  type JobUsage,
} from './job.js';
export { type MetricsServer, renderMetrics, startMetricsServer } from './metrics.js';
export { workerSocketUrl } from './protocols/websocket/slot.js';
export { FatalError, type Log, type LogLevel } from './runtime/context.js';
export type { JobEnd, WorkerState, WorkerStats } from './runtime/stats.js';
export { drainOnSignals, SAME_PRESS_MS, type SignalDrain, type SignalDrainOptions } from './signals.js';
export { BRIDGE_AGENT, VERSION } from './version.js';
export { createWorker, type DrainOptions, type JobEvent, Worker, type WorkerOptions } from './worker.js';
