import type { FetchLike } from '../backends/http.js';
import type {
  EndpointConfig,
  ImageEndpointConfig,
  ImageModelConfig,
  ModelConfig,
  WorkerConfig,
} from '../config/types.js';
import type { ImageBackend } from '../image-job.js';
import type { Backend } from '../job.js';
import type { Log } from '../log.js';
import type { WorkerKey } from '../signing.js';
import type { Sleep } from '../util/timing.js';
import type { BackendGate } from './backend-gate.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { JobEnd, StatsCounter } from './stats.js';

/** What every grid worker identity has, text or image: its name and model, breaker and backend gate. */
export interface UnitBase {
  model: { name: string; gridModel: string };
  breaker: CircuitBreaker;
  /** Keeps the identity off the grid while its backend is down. */
  gate: BackendGate;
}

/** One text worker identity (a config model entry) and what its slots share. */
export interface Unit extends UnitBase {
  endpoint: EndpointConfig;
  model: ModelConfig;
  backend: Backend;
}

/** One image worker identity (an image endpoint's model entry) and what its slots share. */
export interface ImageUnit extends UnitBase {
  endpoint: ImageEndpointConfig;
  model: ImageModelConfig;
  backend: ImageBackend;
}

/** What an image job delivered, for the stats and `onJob`. */
export interface ImageWork {
  images: number;
  /** width × height / 1 000 000 × steps, summed over the delivered images (docs/spec.md, "Image rewards"). */
  megapixelSteps: number;
}

export interface SlotContext<U extends UnitBase = Unit> {
  config: WorkerConfig;
  unit: U;
  stats: StatsCounter;
  log: Log;
  sleep: Sleep;
  random: () => number;
  /** config.jobTimeoutMs resolved (0 = never): see WorkerConfig. */
  jobTimeoutMs: number;
  /** Aborted when the worker starts draining: take no new jobs, finish the current one. */
  drainSignal: AbortSignal;
  /** Signs every result, its public key going with each register frame and pop; none: unsigned. */
  key: WorkerKey | undefined;
  /** Wall clock for `signed_at` (Unix ms). */
  now: () => number;
  /** HTTP for what the worker itself fetches and uploads (image sources, upload slots). */
  fetch: FetchLike;
  jobEnded(end: JobEnd, tokens: number, id: string, images?: ImageWork): void;
}

export interface Slot {
  /** Serves jobs until drained; rejects with a FatalError when the grid refuses the worker. */
  run(): Promise<void>;
  /** Past the drain timeout: abort the in-flight job and give it back to the grid. */
  handBack(): void;
}

/** Whether a slot may take jobs now: its identity's breaker is not paused and its backend is up. */
export function servable(ctx: SlotContext<UnitBase>): boolean {
  return !ctx.unit.breaker.paused && ctx.unit.gate.isUp;
}

/** Waits out a paused breaker or a backend that is down, whichever holds (returns early on drain). */
export async function waitUntilServable(ctx: SlotContext<UnitBase>, name: string): Promise<void> {
  if (ctx.unit.breaker.paused) {
    ctx.log('warn', `${name}: ${ctx.config.circuitBreaker.failures} backend failures in a row; pausing`);
    await ctx.unit.breaker.wait(ctx.drainSignal);
  } else {
    await ctx.unit.gate.ready(ctx.drainSignal);
  }
}
