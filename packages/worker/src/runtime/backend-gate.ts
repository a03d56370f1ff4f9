// Keeps a worker identity off the grid while its backend is down: a worker that takes jobs it cannot serve fails
// them (a strike each on the live grid, and the client's job can fault after 3 tries). grid-text-worker does the
// same: it stays off-grid while the backend is down and re-probes it.

import { FatalError } from '../errors.js';
import type { Backend } from '../job.js';
import type { Log } from '../log.js';
import { Backoff, type Sleep } from '../util/timing.js';

export interface BackendGateOptions {
  /** A text Backend or an ImageBackend: only its label and probe matter here. */
  backend: Pick<Backend, 'label' | 'probe'>;
  /** Who is waiting, for log lines (the worker name). */
  name: string;
  log: Log;
  sleep: Sleep;
  random: () => number;
  /** Probe retry back-off (default 1 s doubling to 30 s). */
  retry?: { initialMs: number; maxMs: number };
  /**
   * The config names no model (a KoboldCpp endpoint): the first good probe must name it. Told the name; without
   * one the worker cannot register, a FatalError.
   */
  needModel?: (model: string) => void;
}

export class BackendGate {
  private up: boolean;
  private waiting: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: BackendGateOptions) {
    // A backend without a probe is taken to be up: its failures are the circuit breaker's business.
    this.up = !options.backend.probe;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Resolves once the backend answered a probe (at once when it is known to be up), or when `signal` aborts. */
  ready(signal: AbortSignal): Promise<void> {
    if (this.up || signal.aborted) return Promise.resolve();
    // The slots of one identity share one probe loop.
    this.waiting ??= this.waitUntilUp(signal).finally(() => {
      this.waiting = undefined;
    });
    return this.waiting;
  }

  /** After a failed job: probe once now. False (and listeners told) when the backend is down. */
  async check(): Promise<boolean> {
    if (!this.options.backend.probe) return true;
    const probe = await this.probeOnce();
    if (probe.ok) return true;
    const problem = probe.problem;
    if (this.up) {
      this.up = false;
      this.options.log('warn', `${this.options.name}: ${this.downMessage(problem)}`);
      for (const listener of this.listeners) listener();
    }
    return false;
  }

  /** Called when the backend goes down (so idle connections can leave the grid). */
  onDown(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async waitUntilUp(signal: AbortSignal): Promise<void> {
    const { log, name, sleep, random } = this.options;
    const backoff = new Backoff({ ...(this.options.retry ?? { initialMs: 1000, maxMs: 30_000 }), random });
    let said = false;
    while (!signal.aborted) {
      const probe = await this.probeOnce();
      if (probe.ok) {
        this.takeModel(probe.model);
        this.up = true;
        if (said) log('info', `${name}: backend ${this.options.backend.label} is up; taking jobs`);
        return;
      }
      if (!said) log('warn', `${name}: ${this.downMessage(probe.problem)}`);
      said = true;
      await sleep(backoff.next(), signal);
    }
  }

  private takeModel(model: string | undefined): void {
    const { needModel, backend } = this.options;
    if (!needModel) return;
    if (!model) {
      throw new FatalError(
        `${this.options.name}: backend ${backend.label} does not name its loaded model; set \`model\` or \`grid_model\` in the config`,
      );
    }
    needModel(model);
    this.options.needModel = undefined;
  }

  private async probeOnce(): Promise<{ ok: true; model?: string } | { ok: false; problem: string }> {
    try {
      const info = await this.options.backend.probe?.(AbortSignal.timeout(10_000));
      return { ok: true, model: info?.model };
    } catch (error) {
      return { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  private downMessage(problem: string): string {
    return `backend ${this.options.backend.label} is not answering (${problem}); taking no jobs until it does`;
  }
}
