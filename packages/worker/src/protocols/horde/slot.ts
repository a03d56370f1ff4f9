// One Horde v2 pop loop = one job at a time; `max_threads` loops share the worker name (as multi-bridge does,
// and `threads` in the pop says so). Every popped job ends in a submit: ok, or `faulted` so the Horde re-queues it.

import { AuthenticationError } from '@aipg/sdk';
import { FatalError } from '../../errors.js';
import {
  type Slot,
  type SlotContext,
  servable,
  type UnitBase,
  waitUntilServable,
} from '../../runtime/context.js';
import { ABORT } from '../../runtime/run-job.js';
import { Backoff } from '../../util/timing.js';
import { hordeErrorText } from './client.js';

/** What one kind of Horde worker (text: text-jobs.ts, image: image-jobs.ts) pops and how it serves a job. */
export interface HordeJobKind<J> {
  /** One pop with this worker's limits or capabilities: the job, or null for an empty pop. */
  pop(): Promise<J | null>;
  /** Serves the job to its end: every popped job ends in submits (ok, or faulted so the Horde re-queues it). */
  serve(job: J, controller: AbortController): Promise<void>;
}

export interface HordeSlotOptions {
  /** After an empty pop: default 1 s doubling to 5 s. */
  idleBackoff?: { initialMs: number; maxMs: number };
  /** After a pop error: default 2 s doubling to 30 s. */
  errorBackoff?: { initialMs: number; maxMs: number };
}

export class HordeSlot<J> implements Slot {
  private current: AbortController | undefined;
  private readonly idle: Backoff;
  private readonly errors: Backoff;
  private connected = false;

  constructor(
    private readonly ctx: SlotContext<UnitBase>,
    options: HordeSlotOptions,
    private readonly kind: HordeJobKind<J>,
  ) {
    this.idle = new Backoff({
      ...(options.idleBackoff ?? { initialMs: 1000, maxMs: 5000 }),
      random: ctx.random,
    });
    this.errors = new Backoff({
      ...(options.errorBackoff ?? { initialMs: 2000, maxMs: 30_000 }),
      random: ctx.random,
    });
  }

  async run(): Promise<void> {
    const { ctx } = this;
    const { model } = ctx.unit;
    try {
      while (!ctx.drainSignal.aborted) {
        if (!servable(ctx)) {
          this.setConnected(false);
          await waitUntilServable(ctx, model.name);
          continue;
        }
        let pop: J | null;
        try {
          // A pop already sent is never aborted on drain: its answer may carry a job the Horde assigned to us.
          pop = await this.kind.pop();
        } catch (error) {
          if (error instanceof AuthenticationError) {
            throw new FatalError(
              `grid refused worker "${model.name}" (pop: ${hordeErrorText(error)}): check api_key / GRID_API_KEY`,
            );
          }
          this.setConnected(false);
          const delay = this.errors.next();
          ctx.log(
            'warn',
            `${model.name}: pop failed (${hordeErrorText(error)}); retrying in ${(delay / 1000).toFixed(1)} s`,
          );
          await ctx.sleep(delay, ctx.drainSignal);
          continue;
        }
        this.setConnected(true);
        this.errors.reset();
        if (!pop) {
          await ctx.sleep(this.idle.next(), ctx.drainSignal);
          continue;
        }
        this.idle.reset();
        const controller = new AbortController();
        this.current = controller;
        try {
          await this.kind.serve(pop, controller);
        } finally {
          this.current = undefined;
        }
      }
    } finally {
      this.setConnected(false);
    }
  }

  handBack(): void {
    this.current?.abort(ABORT.handBack);
  }

  private setConnected(value: boolean): void {
    if (value === this.connected) return;
    this.connected = value;
    if (value) this.ctx.log('info', `${this.ctx.unit.model.name}: checked in with the grid (pop ok)`);
    this.ctx.stats.connected += value ? 1 : -1;
  }
}
