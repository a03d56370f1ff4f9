import type { EndpointConfig, ModelConfig, WorkerConfig } from '../config/types.js';
import type { Backend } from '../job.js';
import type { Log } from '../log.js';
import type { WorkerKey } from '../signing.js';
import type { Sleep } from '../util/timing.js';
import type { BackendGate } from './backend-gate.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { JobEnd, StatsCounter } from './stats.js';

/** One grid worker identity (a config model entry) and what its slots share. */
export interface Unit {
  endpoint: EndpointConfig;
  model: ModelConfig;
  backend: Backend;
  breaker: CircuitBreaker;
  /** Keeps the identity off the grid while its backend is down. */
  gate: BackendGate;
}

export interface SlotContext {
  config: WorkerConfig;
  unit: Unit;
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
  jobEnded(end: JobEnd, tokens: number, id: string): void;
}

export interface Slot {
  /** Serves jobs until drained; rejects with a FatalError when the grid refuses the worker. */
  run(): Promise<void>;
  /** Past the drain timeout: abort the in-flight job and give it back to the grid. */
  handBack(): void;
}

/** Whether a slot may take jobs now: its identity's breaker is not paused and its backend is up. */
export function servable(ctx: SlotContext): boolean {
  return !ctx.unit.breaker.paused && ctx.unit.gate.isUp;
}

/** Waits out a paused breaker or a backend that is down, whichever holds (returns early on drain). */
export async function waitUntilServable(ctx: SlotContext, name: string): Promise<void> {
  if (ctx.unit.breaker.paused) {
    ctx.log('warn', `${name}: ${ctx.config.circuitBreaker.failures} backend failures in a row; pausing`);
    await ctx.unit.breaker.wait(ctx.drainSignal);
  } else {
    await ctx.unit.gate.ready(ctx.drainSignal);
  }
}
