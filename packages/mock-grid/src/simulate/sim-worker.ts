/**
 * A simulated worker: an ordinary worker of the core that lives in the grid's process. Each of its
 * `concurrency` slots is one registration (`core.register(frame, sink)`), named as the reference worker names
 * its extra connections (`name`, `name#2`, …: a second register under the same name would replace the first),
 * so it gets the matching, leases, rewards, stats and listings any WS worker gets. A slot runs each job's plan
 * (plan.ts) on the core's clock: a `ManualClock` in a test moves it, nothing else does.
 */
import type {
  CloseReason,
  GridCore,
  MediaVerdict,
  TimerHandle,
  WorkerRef,
  WorkerSink,
  WsJobOffer,
  WsMediaJobOffer,
} from '../core/index.js';
import { isGridError, isStale } from '../core/index.js';
import { checkSignature } from '../doors/signatures.js';
import type { ObjectStore } from '../store/object-store.js';
import { sha256HexOf, verifyUpload } from '../store/verify.js';
import type { SimWorkerSpec } from './fleet.js';
import { type ImageJobPlan, type JobPlan, planImageJob, planTextJob } from './plan.js';
import { type FleetSigner, signTextHashed } from './signing.js';

/** One connection of a simulated worker, as the grid lists it. */
export interface SimConnection {
  /** The registered worker name (`name`, then `name#2` …). */
  name: string;
  workerId: string;
  connectionId: string;
}

/** The bridge agent simulated workers register with (shown by the Horde worker views). */
export const SIM_BRIDGE_AGENT = 'aipg-mock-grid-sim:1';

export class SimulatedWorker {
  readonly spec: SimWorkerSpec;
  readonly #slots: SimSlot[] = [];

  constructor(
    core: GridCore,
    store: ObjectStore | undefined,
    spec: SimWorkerSpec,
    apiKey: string,
    hooks: SlotHooks = {},
  ) {
    this.spec = spec;
    for (let i = 0; i < spec.concurrency; i++) {
      const name = i === 0 ? spec.name : `${spec.name}#${i + 1}`;
      this.#slots.push(new SimSlot(core, store, spec, name, apiKey, hooks));
    }
  }

  get name(): string {
    return this.spec.name;
  }

  get models(): string[] {
    return [...this.spec.models];
  }

  /** The first connection's worker id (each further slot is its own worker: see `connections`). */
  get workerId(): string {
    return this.#slots[0]!.registration.workerId;
  }

  get connections(): SimConnection[] {
    return this.#slots.map((s) => ({ name: s.name, ...s.registration }));
  }

  /** Generations running now, for tests that wait for a slot to be busy. */
  get busy(): number {
    return this.#slots.filter((s) => s.running).length;
  }

  /** Disconnects every slot: a job in flight goes back to the queue, as when a worker's socket closes. */
  stop(): void {
    for (const slot of this.#slots) slot.stop();
  }
}

/** The first try to come back after an eviction (the core's cooldown then says how long to wait). */
const RECONNECT_MS = 1000;

/** What a slot is given besides its spec, and reports back. */
export interface SlotHooks {
  /** Signs each text result (`createFleetSigner`); without it results are unsigned. */
  signer?: FleetSigner | undefined;
  onAck?: (name: string, generationId: string, den: number) => void;
}

/** One registration: a connection that runs one job at a time. */
class SimSlot {
  /** Set by `ready`, which the core calls inside `register` before it offers any job. */
  registration = { workerId: '', connectionId: '' };
  #timer: TimerHandle | null = null;
  /** The text job being streamed, how many of its tokens went out, and when it started (the core's ms). */
  #text: { plan: JobPlan; sent: number; startedAt: number } | null = null;
  #image: ImageJobPlan | null = null;
  /** No connection now (evicted, replaced, stopped). */
  #closed = false;
  /** `stop()` was called: no reconnect either. */
  #stopped = false;
  /** A finished text job's result is being signed (Web Crypto is asynchronous): the slot is still busy. */
  #signing = false;

  constructor(
    private readonly core: GridCore,
    private readonly store: ObjectStore | undefined,
    private readonly spec: SimWorkerSpec,
    readonly name: string,
    private readonly apiKey: string,
    private readonly hooks: SlotHooks,
  ) {
    this.#connect();
  }

  /** Registers this slot; throws what `core.register` throws (the first time: the fleet fails to start). */
  #connect(): void {
    const sink: WorkerSink = {
      simulated: true,
      ready: (registration) => {
        this.registration = registration;
        this.#closed = false;
      },
      job: (offer) => this.#startText(offer),
      mediaJob: (offer) => this.#startImage(offer),
      cancel: (generationId) => this.#cancel(generationId),
      ack: (generationId, den) => this.hooks.onAck?.(this.name, generationId, den),
      close: (reason) => this.#closeByCore(reason),
    };
    const { spec } = this;
    const image = spec.image;
    this.core.register(
      {
        apikey: this.apiKey,
        name: this.name,
        models: spec.models,
        max_length: spec.max_length,
        max_context_length: spec.max_context_length,
        bridge_agent: SIM_BRIDGE_AGENT,
        ...(this.hooks.signer ? { public_key: this.hooks.signer.publicKey } : {}),
        ...(spec.region ? { region: spec.region } : {}),
        // A simulated image worker can "render" anything: it declares every capability.
        ...(image
          ? {
              job_types: ['image'],
              max_pixels: image.max_pixels,
              amount: image.amount,
              allow_img2img: true,
              allow_painting: true,
              allow_post_processing: true,
              allow_lora: true,
              allow_controlnet: true,
            }
          : {}),
      },
      sink,
    );
  }

  /**
   * After an eviction, comes back when the cooldown ends, as the reference worker reconnects (the core refuses
   * it with WorkerCooldown until then, and says how long).
   */
  #reconnect(afterMs: number): void {
    this.#schedule(
      afterMs,
      () => {
        if (this.#stopped) return;
        try {
          this.#connect();
        } catch (err) {
          if (isGridError(err, 'WorkerCooldown')) this.#reconnect(err.retryAfterMs ?? RECONNECT_MS);
        }
      },
      true,
    );
  }

  get running(): boolean {
    return this.#text !== null || this.#image !== null || this.#signing;
  }

  /** Who this slot's frames come from: its registration (a `connectionId` ref), not a new object per token. */
  get #by(): WorkerRef {
    return this.registration;
  }

  // ---- text ----------------------------------------------------------------------------------------------

  #startText(offer: WsJobOffer): void {
    const plan = planTextJob(offer, this.spec);
    const startedAt = this.core.clock.now();
    this.#text = { plan, sent: 0, startedAt };
    this.#schedule(Math.round(plan.ttftMs), () => this.#tick(1));
  }

  /** Emits up to `count` tokens, then ends the job or schedules the next tick. */
  #tick(count: number): void {
    const job = this.#text;
    if (!job) return;
    const { plan } = job;
    const stopAt =
      plan.outcome.kind === 'done'
        ? plan.tokens.length
        : Math.min(plan.outcome.afterTokens, plan.tokens.length);
    const until = Math.min(stopAt, job.sent + count);
    for (; job.sent < until; job.sent++) {
      const live = this.core.progress({
        generationId: plan.generationId,
        by: this.#by,
        delta: { content: plan.tokens[job.sent]! },
      });
      // Taken back meanwhile (the lease, a shutdown): nothing more to send for it.
      if (!live || this.#text !== job) return;
    }
    if (job.sent < stopAt) {
      // Token i is due at ttft + i × interval after the start: timers in whole ms (a manual clock's time stays
      // whole), with no drift from rounding each interval.
      const due = Math.round(job.startedAt + plan.ttftMs + job.sent * plan.intervalMs);
      this.#schedule(Math.max(0, due - this.core.clock.now()), () => this.#tick(plan.tokensPerTick));
      return;
    }
    this.#text = null;
    if (this.#endedWithout(plan)) return;
    const input = {
      generationId: plan.generationId,
      by: this.#by,
      text: plan.tokens.join(''),
      finish_reason: plan.finishReason,
    };
    const signer = this.hooks.signer;
    if (!signer) {
      this.#settle(() => this.core.complete({ ...input, signature: 'missing' }));
      return;
    }
    // Signed as the reference worker signs, and checked as the WS door checks (the core pays on that verdict).
    this.#signing = true;
    void (async () => {
      const { sha256, ...claim } = await signTextHashed(signer, {
        generationId: input.generationId,
        text: input.text,
        worker: this.name,
        signedAt: Math.floor(this.core.clock.now()),
      });
      const verdict = await checkSignature(this.core, input.generationId, input.text, claim, sha256);
      this.#signing = false;
      if (this.#closed || this.#stopped) return;
      this.#settle(() => this.core.complete({ ...input, ...verdict }));
    })().catch(() => {
      this.#signing = false;
      // Only a disposed core (the grid closed while this signed) gets here: nothing is left to answer.
    });
  }

  // ---- images --------------------------------------------------------------------------------------------

  #startImage(offer: WsMediaJobOffer): void {
    const plan = planImageJob(offer, this.spec);
    this.#image = plan;
    const half = Math.round(plan.renderMs / 2);
    this.#schedule(half, () => {
      if (this.#image !== plan) return;
      this.core.mediaProgress({ generationId: plan.generationId, by: this.#by, pct: 50 });
      this.#schedule(Math.round(plan.renderMs) - half, () => void this.#finishImage(plan));
    });
  }

  /** Uploads each picture into the grid's store and settles the job with the door's own check of each. */
  async #finishImage(plan: ImageJobPlan): Promise<void> {
    if (this.#image !== plan) return;
    this.#image = null;
    if (this.#endedWithout(plan)) return;
    const verdicts: MediaVerdict[] = [];
    for (const image of plan.images) {
      const stored = this.store?.write(image.slot.key, image.slot.requestId, image.bytes, image.contentType);
      const sha256 = await sha256HexOf(image.bytes);
      verdicts.push(
        stored
          ? await verifyUpload(this.store?.read(image.slot.key), image.slot.contentType, sha256)
          : { ok: false as const, reason: 'the object store refused the upload' },
      );
    }
    if (this.#closed) return;
    this.#settle(() => this.core.completeMedia({ generationId: plan.generationId, by: this.#by, verdicts }));
  }

  // ---- cancel, close -------------------------------------------------------------------------------------

  /** The grid took the job back (its client went away): stop, and answer `done {cancelled}` as a WS worker does. */
  #cancel(generationId: string): void {
    if (this.#text?.plan.generationId === generationId) {
      const { plan, sent } = this.#text;
      this.#clear();
      this.#text = null;
      this.#settle(() =>
        this.core.complete({
          generationId,
          by: this.#by,
          text: plan.tokens.slice(0, sent).join(''),
          cancelled: true,
        }),
      );
    } else if (this.#image?.generationId === generationId) {
      this.#clear();
      this.#image = null;
      this.#settle(() =>
        this.core.completeMedia({ generationId, by: this.#by, verdicts: [], cancelled: true }),
      );
    }
  }

  /** Replaced or evicted: the core already dropped this connection. An evicted slot comes back later. */
  #closeByCore(reason?: CloseReason): void {
    this.#closed = true;
    this.#clear();
    this.#text = null;
    this.#image = null;
    if (reason === 'evicted' && !this.#stopped) this.#reconnect(RECONNECT_MS);
  }

  /** A plan whose outcome is no result (a worker error, a dropped connection): carried out; true if so. */
  #endedWithout(plan: JobPlan | ImageJobPlan): boolean {
    const { outcome } = plan;
    if (outcome.kind === 'fail') {
      this.core.fail({ generationId: plan.generationId, by: this.#by, message: outcome.message });
    } else if (outcome.kind === 'disconnect') {
      this.#drop();
    }
    return outcome.kind !== 'done';
  }

  /**
   * The mock scenario `worker-disconnect`: the connection goes as a socket that dropped would (the core
   * requeues its job with no failure counted, or fails a stream that already got tokens), and the slot
   * reconnects after `RECONNECT_MS`, as the reference worker does.
   */
  #drop(): void {
    const { connectionId } = this.registration;
    this.#closeByCore();
    this.core.release(connectionId);
    this.#reconnect(RECONNECT_MS);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const connected = !this.#closed;
    this.#closeByCore();
    if (connected) this.core.release(this.registration.connectionId);
  }

  /** Runs `fn` after `ms` on the core's clock, while connected (or, `whileClosed`, while waiting to reconnect). */
  #schedule(ms: number, fn: () => void, whileClosed = false): void {
    this.#clear();
    if (this.#closed !== whileClosed || this.#stopped) return;
    this.#timer = this.core.clock.setTimer(() => {
      this.#timer = null;
      if (this.#closed === whileClosed && !this.#stopped) fn();
    }, ms);
  }

  #clear(): void {
    if (this.#timer) this.core.clock.clearTimer(this.#timer);
    this.#timer = null;
  }

  /** A stale answer (the job was cancelled or taken back first) is acked with den 0 and is no error. */
  #settle(answer: () => unknown): void {
    try {
      answer();
    } catch (err) {
      if (!isStale(err)) throw err;
    }
  }
}
