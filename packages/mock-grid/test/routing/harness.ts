/**
 * A crafted fleet on a driven clock: scripted WS workers that answer each job after their own time to first
 * token and at their own speed, or fail it, as the test sets them — so routing can be measured by counting jobs,
 * never by wall time.
 */
import {
  Grid,
  GridError,
  type GridJobEvent,
  type GridOptions,
  ManualClock,
  type WorkerSink,
  type WsJobOffer,
} from '../../src/core/index.js';

export const MODEL = 'm1';
/** Each job's answer: 64 characters, which the grid counts as 16 tokens. */
export const ANSWER = 'x'.repeat(64);
const ANSWER_TOKENS = 16;

export interface ScriptedSpec {
  name: string;
  tokensPerS?: number;
  ttftMs?: number;
  /** Every job ends in a worker error (after its first token). */
  failing?: boolean;
  /** This share of its jobs (evenly spread, no randomness) ends in a worker error. */
  failureRate?: number;
  region?: string;
  models?: string[];
  /** The key it registers with (default `worker-key`; `trusted-key` is a trusted owner's). */
  apikey?: string;
  /**
   * Whether it does what a prompt of the form "Reply with exactly these words and nothing else: …" asks (default
   * true), as a working model does; false: it answers every prompt alike, so it fails the grid's checks.
   */
  obeys?: boolean;
}

/** The words a prompt asks to be repeated (the grid's probes and canaries ask so), or null. */
export function askedWords(prompt: string): string | null {
  const m = /Reply with exactly these words and nothing else: ([^\n]+)/.exec(prompt);
  return m ? m[1]!.trim() : null;
}

export class ScriptedWorker {
  /** Jobs it was offered (attempts), and how many it completed. */
  offered = 0;
  completed = 0;
  failing: boolean;
  obeys: boolean;
  /** Every job offer it got, in order. */
  readonly offers: WsJobOffer[] = [];
  /** Offers it was told to cancel (their ids). */
  readonly cancelled: string[] = [];
  readonly connectionId: string;

  constructor(
    readonly fleet: Fleet,
    readonly spec: ScriptedSpec,
  ) {
    this.failing = spec.failing ?? false;
    this.obeys = spec.obeys ?? true;
    const sink: WorkerSink = {
      ready: () => {},
      job: (offer) => this.#run(offer),
      cancel: (id) => this.cancelled.push(id),
      close: () => {},
    };
    const reg = fleet.grid.register(
      {
        apikey: spec.apikey ?? 'worker-key',
        name: spec.name,
        models: spec.models ?? [MODEL],
        ...(spec.region ? { region: spec.region } : {}),
      },
      sink,
    );
    this.connectionId = reg.connectionId;
  }

  #run(offer: WsJobOffer): void {
    this.offered++;
    this.offers.push(offer);
    const { grid, clock } = this.fleet;
    // Read when the answer goes out: a job pushed inside `register` (a probe) comes before its connection id.
    const by = {
      get connectionId() {
        return self.connectionId;
      },
    };
    const self = this;
    const ttft = this.spec.ttftMs ?? 100;
    const decodeMs = (ANSWER_TOKENS / (this.spec.tokensPerS ?? 100)) * 1000;
    const asked = this.obeys ? askedWords(offer.payload.prompt) : null;
    clock.setTimer(() => {
      // The first token, then the rest of the answer when it is done: the streamed text is the result. A check
      // job's words (when the worker obeys) are the whole answer.
      grid.progress({ generationId: offer.id, by, delta: { content: asked ?? ANSWER.slice(0, 4) } });
      clock.setTimer(() => {
        const rate = this.spec.failureRate ?? 0;
        const failsThisOne = Math.floor(this.offered * rate) > Math.floor((this.offered - 1) * rate);
        if (this.failing || failsThisOne) {
          grid.fail({ generationId: offer.id, by, message: 'backend error', clientError: false });
          return;
        }
        try {
          if (asked === null)
            grid.progress({ generationId: offer.id, by, delta: { content: ANSWER.slice(4) } });
          grid.complete({ generationId: offer.id, by, text: asked ?? ANSWER });
          this.completed++;
        } catch (error) {
          // Too late: the grid took the job back (the WS door acks such an answer with den 0).
          if (!(error instanceof GridError && error.code === 'AbortedGen')) throw error;
        }
      }, decodeMs);
    }, ttft);
  }
}

/** A Horde pop worker that polls every `pollMs` while `polling`, and answers each job after its decode time. */
export class ScriptedPopWorker {
  offered = 0;
  completed = 0;
  polling = true;

  constructor(
    readonly fleet: Fleet,
    readonly spec: ScriptedSpec & { pollMs?: number },
  ) {
    this.#poll();
  }

  #poll(): void {
    const { grid, clock } = this.fleet;
    if (this.polling) {
      const popped = grid.pop({
        apikey: 'worker-key',
        name: this.spec.name,
        models: this.spec.models ?? [MODEL],
      });
      const job = popped.job;
      if (job) {
        this.offered++;
        const ms = (this.spec.ttftMs ?? 100) + (ANSWER_TOKENS / (this.spec.tokensPerS ?? 100)) * 1000;
        clock.setTimer(() => {
          this.completed++;
          grid.complete({ generationId: job.id, by: { apiKey: 'worker-key' }, text: ANSWER });
        }, ms);
      }
    }
    clock.setTimer(() => this.#poll(), this.spec.pollMs ?? 1_000);
  }
}

export class Fleet {
  readonly clock = new ManualClock();
  readonly grid: Grid;
  readonly workers: (ScriptedWorker | ScriptedPopWorker)[] = [];

  constructor(specs: ScriptedSpec[], options: GridOptions = {}) {
    this.grid = new Grid({
      clock: this.clock,
      rateLimits: false,
      // Many jobs from one key, and a flaky worker must not be evicted mid-test unless a test wants it.
      maxInFlight: 10_000,
      strikeLimit: 1_000_000,
      authMode: 'strict',
      keys: [
        { key: 'client-key', balance: 1e9 },
        { key: 'worker-key' },
        { key: 'trusted-key', trusted: true },
      ],
      ...options,
    });
    for (const spec of specs) this.add(spec);
  }

  add(spec: ScriptedSpec): ScriptedWorker {
    const worker = new ScriptedWorker(this, spec);
    this.workers.push(worker);
    return worker;
  }

  addPop(spec: ScriptedSpec & { pollMs?: number }): ScriptedPopWorker {
    const worker = new ScriptedPopWorker(this, spec);
    this.workers.push(worker);
    return worker;
  }

  byName(name: string): ScriptedWorker | ScriptedPopWorker {
    const w = this.workers.find((x) => x.spec.name === name);
    if (!w) throw new Error(`no worker ${name}`);
    return w;
  }

  /** Submits one chat request; its events are collected. */
  submit(request: Record<string, unknown> = {}): GridJobEvent[] {
    const events: GridJobEvent[] = [];
    this.grid.submit({
      source: 'v1',
      apiKey: 'client-key',
      request: { model: MODEL, messages: [{ role: 'user', content: 'hi' }], max_tokens: 32, ...request },
      listener: (e) => events.push(e),
    });
    return events;
  }

  /**
   * `n` requests one after another, each run to its end before the next arrives (`gapMs` of driven time apart):
   * every decision is the router's, among idle workers. Returns each request's final event.
   */
  sequential(n: number, request: Record<string, unknown> = {}, gapMs = 5_000): GridJobEvent[] {
    const ends: GridJobEvent[] = [];
    for (let i = 0; i < n; i++) {
      const events = this.submit(request);
      this.clock.advance(gapMs);
      const end = events.find((e) => e.type === 'done' || e.type === 'faulted' || e.type === 'failed');
      if (!end) throw new Error(`request ${i} did not end within ${gapMs} ms: ${events.map((e) => e.type)}`);
      ends.push(end);
    }
    return ends;
  }

  /** `n` requests at once (every worker busy, the rest queued), then time to finish them all. */
  burst(n: number, request: Record<string, unknown> = {}, drainMs = 600_000): GridJobEvent[][] {
    const all: GridJobEvent[][] = [];
    for (let i = 0; i < n; i++) all.push(this.submit(request));
    this.clock.advance(drainMs);
    return all;
  }

  /** Each worker's share of the completed jobs since `since` (counts from `snapshot()`). */
  snapshot(): Map<string, number> {
    return new Map(this.workers.map((w) => [w.spec.name, w.completed]));
  }

  shares(since = new Map<string, number>()): Record<string, number> {
    const done = this.workers.map((w) => w.completed - (since.get(w.spec.name) ?? 0));
    const total = done.reduce((a, b) => a + b, 0);
    return Object.fromEntries(this.workers.map((w, i) => [w.spec.name, total === 0 ? 0 : done[i]! / total]));
  }
}

/** The worker that served a final `done` event. */
export function servedBy(event: GridJobEvent): string {
  if (event.type !== 'done') throw new Error(`expected done, got ${event.type}`);
  return event.grid.worker ?? '';
}
