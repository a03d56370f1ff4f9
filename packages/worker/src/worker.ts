// The worker: one identity per config model entry (text and image), `maxThreads` slots each, over the
// configured protocol. An image identity's WebSocket slots are media sessions (a session never mixes text and
// media jobs: openapi/components/ws.yaml WsRegister), its Horde slots pop image jobs.

import type { FetchLike } from './backends/http.js';
import { createBackend, createImageBackend } from './backends/index.js';
import { advertisedModelName } from './config/parse.js';
import {
  DEFAULTS,
  type EndpointConfig,
  type ImageEndpointConfig,
  type ImageModelConfig,
  type ModelConfig,
  type WorkerConfig,
} from './config/types.js';
import { FatalError } from './errors.js';
import type { ImageBackend } from './image-job.js';
import type { Backend } from './job.js';
import { type Log, type LogTarget, toLog } from './log.js';
import { HordeClient } from './protocols/horde/client.js';
import { imageJobs as hordeImageJobs } from './protocols/horde/image-jobs.js';
import { HordeSlot } from './protocols/horde/slot.js';
import { textJobs as hordeTextJobs } from './protocols/horde/text-jobs.js';
import { mediaJobs } from './protocols/websocket/media-jobs.js';
import { WebSocketSlot, type WsJobKind, workerSocketUrl } from './protocols/websocket/slot.js';
import { textJobs as wsTextJobs } from './protocols/websocket/text-jobs.js';
import { BackendGate } from './runtime/backend-gate.js';
import { CircuitBreaker } from './runtime/circuit-breaker.js';
import type { ImageUnit, ImageWork, Slot, SlotContext, Unit, UnitBase } from './runtime/context.js';
import { type JobEnd, StatsCounter, type WorkerState, type WorkerStats } from './runtime/stats.js';
import type { WorkerKey } from './signing.js';
import { type BackoffSchedule, realSleep, type Sleep } from './util/timing.js';

export interface WorkerOptions {
  config: WorkerConfig;
  /** Replaces the backend the config describes (a Backend for every entry, or a factory per entry). */
  backend?: Backend | ((endpoint: EndpointConfig, model: ModelConfig) => Backend);
  /** Replaces the image backend the config describes (one for every image entry, or a factory per entry). */
  imageBackend?: ImageBackend | ((endpoint: ImageEndpointConfig, model: ImageModelConfig) => ImageBackend);
  /**
   * Where log lines go: a `(level, message)` function, or the SDK's `Logger` (any object with
   * debug/info/warn/error, e.g. `console`). Default: nowhere — the library prints nothing itself.
   */
  log?: LogTarget;
  /** Called when a job ends, however it ended. */
  onJob?: (event: JobEndEvent) => void;
  /**
   * The Ed25519 key that signs every result: `loadOrCreateWorkerKey(file)` keeps one across runs (the CLI
   * always passes one), `generateWorkerKey()` makes one for this run. Without it results go unsigned, which a
   * grid that requires signatures refuses (docs/worker.md, "Signed results").
   */
  key?: WorkerKey;
  /** Test seams: time, randomness, HTTP and back-off schedules. */
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  fetch?: FetchLike;
  /** Backend probe retries while it is down (default 1 s → 30 s). */
  probeRetry?: BackoffSchedule;
  /** WebSocket reconnect back-off (default 1 s → 30 s). */
  reconnect?: BackoffSchedule;
  /** WebSocket protocol-level ping period; an unanswered ping drops the connection (default 30 s). */
  heartbeatMs?: number;
  /** Horde: after an empty pop (default 1 s → 5 s) and after a pop error (default 2 s → 30 s). */
  idleBackoff?: BackoffSchedule;
  errorBackoff?: BackoffSchedule;
  submitRetryBaseMs?: number;
}

/** What `onJob` receives: a job this worker took has ended. */
export interface JobEndEvent {
  id: string;
  end: JobEnd;
  /** Completion tokens (backend usage when reported, else streamed deltas); 0 for an image job. */
  tokens: number;
  /** Image jobs that ended `done`: the images delivered (uploaded or submitted). */
  images?: number;
  /** Their megapixel-steps, width × height / 1 000 000 × steps each (docs/spec.md, "Image rewards"). */
  megapixelSteps?: number;
}

export interface DrainOptions {
  /** How long in-flight jobs may still run before they are handed back (default: config drain_timeout). */
  timeoutMs?: number;
}

export class Worker {
  readonly config: WorkerConfig;
  private readonly counter = new StatsCounter();
  private readonly drainController = new AbortController();
  private readonly slots: Slot[] = [];
  private readonly units: UnitBase[] = [];
  private readonly log: Log;
  private running: Promise<void> | undefined;
  private stopped = false;
  private handBackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.config = options.config;
    this.log = toLog(options.log);
  }

  /**
   * Starts serving; resolves once every slot has stopped after `drain()`/`stop()`, rejects with a FatalError
   * when the grid refuses the worker (bad key, scope, ownership). Calling it again returns the same promise.
   */
  run(): Promise<void> {
    this.running ??= this.start();
    return this.running;
  }

  /** Stop taking jobs, let in-flight jobs finish (handing them back after the timeout), then resolve. */
  async drain(options: DrainOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? this.config.drainTimeoutMs;
    if (!this.drainController.signal.aborted) {
      this.log(
        'info',
        `draining: ${this.counter.inFlight} job(s) in flight, hand-back after ${timeoutMs / 1000} s`,
      );
      this.drainController.abort();
    }
    if (timeoutMs <= 0) this.handBackAll();
    else if (!this.handBackTimer) {
      this.handBackTimer = setTimeout(() => this.handBackAll(), timeoutMs);
      this.handBackTimer.unref?.();
    }
    if (!this.running) return;
    await this.running.catch(() => {});
  }

  /** Drain without waiting: in-flight jobs are handed back at once. */
  stop(): Promise<void> {
    return this.drain({ timeoutMs: 0 });
  }

  stats(): WorkerStats {
    const c = this.counter;
    return {
      state: this.state(),
      connected: c.connected,
      inFlight: c.inFlight,
      jobs: { ...c.jobs },
      tokens: c.tokens,
      den: c.den,
      images: c.images,
      megapixelSteps: c.megapixelSteps,
    };
  }

  private state(): WorkerState {
    if (this.stopped) return 'stopped';
    if (this.drainController.signal.aborted) return 'draining';
    if (this.counter.inFlight > 0) return 'busy';
    // Every identity is off the grid on purpose: breaker paused, or backend down.
    if (this.units.length > 0 && this.units.every((u) => u.breaker.paused || !u.gate.isUp)) return 'paused';
    return this.counter.connected > 0 ? 'idle' : 'connecting';
  }

  private handBackAll(): void {
    for (const slot of this.slots) slot.handBack();
  }

  private async start(): Promise<void> {
    const { config, options } = this;
    const sleep = options.sleep ?? realSleep;
    const random = options.random ?? Math.random;
    const key = options.key;
    if (key)
      this.log('info', `signing results with public key ${key.publicKey}${key.file ? ` (${key.file})` : ''}`);
    const hordeClient =
      config.protocol === 'horde'
        ? new HordeClient({
            url: config.url,
            apiKey: config.apiKey,
            fetch: options.fetch,
            sleep,
            random,
            log: this.log,
            submitRetryBaseMs: options.submitRetryBaseMs,
          })
        : undefined;
    const slotsFor = (ctx: SlotContext<UnitBase>, threads: number, kind: () => WsJobKind) => {
      const { name } = ctx.unit.model;
      for (let i = 0; i < threads; i++) {
        this.slots.push(
          new WebSocketSlot(
            ctx,
            {
              url: workerSocketUrl(config.url),
              // Extra connections get their own names: a second register with the same name replaces the first (1012).
              name: i === 0 ? name : `${name}#${i + 1}`,
              reconnect: options.reconnect,
              heartbeatMs: options.heartbeatMs,
            },
            kind(),
          ),
        );
      }
    };
    const hordeOptions = { idleBackoff: options.idleBackoff, errorBackoff: options.errorBackoff };
    const shared = {
      config,
      stats: this.counter,
      log: this.log,
      sleep,
      random,
      drainSignal: this.drainController.signal,
      key,
      now: options.now ?? Date.now,
      fetch: options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init)),
      jobEnded: (end: JobEnd, tokens: number, id: string, images?: ImageWork) =>
        this.jobEnded(end, tokens, id, images),
    };
    const breaker = () =>
      new CircuitBreaker({
        failures: config.circuitBreaker.failures,
        pauseMs: config.circuitBreaker.pauseMs,
        now: options.now,
        sleep,
      });
    for (const endpoint of config.endpoints) {
      for (const model of endpoint.models) {
        const backend =
          typeof options.backend === 'function'
            ? options.backend(endpoint, model)
            : (options.backend ?? createBackend(endpoint, model));
        // A copy: a KoboldCpp endpoint without `model` learns it from the backend's first probe.
        const unitModel: ModelConfig = { ...model };
        if (!unitModel.gridModel && !backend.probe) {
          throw new FatalError(
            `${model.name}: no model to advertise; set \`model\` or \`grid_model\` in the config`,
          );
        }
        const unit: Unit = {
          endpoint,
          model: unitModel,
          backend,
          gate: new BackendGate({
            backend,
            name: model.name,
            log: this.log,
            sleep,
            random,
            retry: options.probeRetry,
            needModel: unitModel.gridModel
              ? undefined
              : (name) => {
                  unitModel.model = name;
                  unitModel.gridModel = advertisedModelName(name.replace(/^koboldcpp\//i, ''));
                  this.log(
                    'info',
                    `${model.name}: the backend serves ${name}; advertising ${unitModel.gridModel}`,
                  );
                },
          }),
          breaker: breaker(),
        };
        this.units.push(unit);
        const ctx: SlotContext<Unit> = {
          ...shared,
          unit,
          jobTimeoutMs: config.jobTimeoutMs ?? DEFAULTS.jobTimeoutSeconds[config.protocol] * 1000,
        };
        this.log(
          'info',
          `${model.name}: ${config.protocol} → ${config.url}, model ${model.gridModel || '(named by the backend)'} via ${backend.label}, ${model.maxThreads} slot(s)`,
        );
        if (hordeClient) {
          for (let i = 0; i < model.maxThreads; i++)
            this.slots.push(new HordeSlot(ctx, hordeOptions, hordeTextJobs(ctx, hordeClient)));
        } else slotsFor(ctx, model.maxThreads, () => wsTextJobs(ctx));
      }
    }
    for (const endpoint of config.imageEndpoints ?? []) {
      for (const model of endpoint.models) {
        const backend =
          typeof options.imageBackend === 'function'
            ? options.imageBackend(endpoint, model)
            : (options.imageBackend ?? createImageBackend(endpoint, model));
        const unit: ImageUnit = {
          endpoint,
          model,
          backend,
          gate: new BackendGate({
            backend,
            name: model.name,
            log: this.log,
            sleep,
            random,
            retry: options.probeRetry,
          }),
          breaker: breaker(),
        };
        this.units.push(unit);
        const ctx: SlotContext<ImageUnit> = {
          ...shared,
          unit,
          jobTimeoutMs: config.jobTimeoutMs ?? DEFAULTS.imageJobTimeoutSeconds[config.protocol] * 1000,
        };
        this.log(
          'info',
          `${model.name}: ${config.protocol} → ${config.url}, image model ${model.gridModel} via ${backend.label}, ${model.maxThreads} slot(s), up to ${endpoint.amount} image(s) of ${endpoint.maxPixels} pixels per job`,
        );
        if (hordeClient) {
          for (let i = 0; i < model.maxThreads; i++)
            this.slots.push(new HordeSlot(ctx, hordeOptions, hordeImageJobs(ctx, hordeClient)));
        } else slotsFor(ctx, model.maxThreads, () => mediaJobs(ctx));
      }
    }
    let fatal: FatalError | undefined;
    await Promise.all(
      this.slots.map((slot) =>
        slot.run().catch((error: unknown) => {
          // Not logged here: run() rejects with it, and whoever awaits run() says it (the CLI does), once.
          fatal ??= error instanceof FatalError ? error : new FatalError(String(error));
          void this.stop();
        }),
      ),
    );
    clearTimeout(this.handBackTimer);
    this.stopped = true;
    this.log('info', 'stopped');
    if (fatal) throw fatal;
  }

  private jobEnded(end: JobEnd, tokens: number, id: string, images?: ImageWork): void {
    const c = this.counter;
    c.jobs[end] += 1;
    c.tokens += tokens;
    if (images) {
      c.images += images.images;
      c.megapixelSteps = Math.round((c.megapixelSteps + images.megapixelSteps) * 1e6) / 1e6;
    }
    const what = images
      ? `${images.images} image(s), ${images.megapixelSteps.toFixed(2)} megapixel-steps`
      : `${tokens} tokens, the backend's count`;
    this.log(
      end === 'done' || end === 'cancelled' ? 'info' : 'warn',
      `job ${id} ${end.replace('_', ' ')} (${what})`,
    );
    this.options.onJob?.({
      id,
      end,
      tokens,
      ...(images ? { images: images.images, megapixelSteps: images.megapixelSteps } : {}),
    });
  }
}

export function createWorker(options: WorkerOptions): Worker {
  return new Worker(options);
}
