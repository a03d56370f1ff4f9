// One Horde v2 pop loop = one job at a time; `max_threads` loops share the worker name (as multi-bridge does,
// and `threads` in the pop says so). Every popped job ends in a submit: ok, or `faulted` so the Horde re-queues it.

import { AuthenticationError } from '@aipg/sdk';
import { FatalError } from '../../errors.js';
import { type Slot, type SlotContext, servable, waitUntilServable } from '../../runtime/context.js';
import { ABORT, blamesBackend, recordOutcome, runJob, tokensOf } from '../../runtime/run-job.js';
import { signedFields } from '../../signing.js';
import { Backoff } from '../../util/timing.js';
import { type HordeClient, hordeErrorText, type PoppedJob, type SubmitBody } from './client.js';
import { jobFromPop } from './job.js';

export interface HordeSlotOptions {
  client: HordeClient;
  /** After an empty pop: default 1 s doubling to 5 s. */
  idleBackoff?: { initialMs: number; maxMs: number };
  /** After a pop error: default 2 s doubling to 30 s. */
  errorBackoff?: { initialMs: number; maxMs: number };
}

export class HordeSlot implements Slot {
  private current: AbortController | undefined;
  private readonly idle: Backoff;
  private readonly errors: Backoff;
  private connected = false;

  constructor(
    private readonly ctx: SlotContext,
    private readonly options: HordeSlotOptions,
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
        let pop: PoppedJob | null;
        try {
          // A pop already sent is never aborted on drain: its answer may carry a job the Horde assigned to us.
          pop = await this.options.client.pop({
            name: model.name,
            models: [model.gridModel],
            max_length: model.maxLength,
            max_context_length: model.maxContextLength,
            threads: model.maxThreads,
            nsfw: ctx.config.nsfw,
            ...(ctx.key ? { public_key: ctx.key.publicKey } : {}),
          });
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
        await this.serve(pop);
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

  private async serve(pop: PoppedJob): Promise<void> {
    const { ctx } = this;
    const job = jobFromPop(pop, ctx.unit.model);
    const controller = new AbortController();
    this.current = controller;
    ctx.stats.inFlight += 1;
    const outcome = await runJob(ctx.unit.backend.handle, job, {
      controller,
      // A popped job's lease runs from the pop (upstream Horde: 150 s), however much the backend streams.
      timeout: { ms: ctx.jobTimeoutMs, restartOnOutput: false },
      onDelta: () => {},
    });
    this.current = undefined;
    recordOutcome(ctx.unit.breaker, outcome);

    let body: SubmitBody;
    let end: 'done' | 'failed' | 'handed_back';
    if (outcome.kind === 'done') {
      const text = outcome.result.text;
      // No key: an unsigned submit, sent without waiting (as before signatures).
      const signed = !ctx.key
        ? {}
        : await signedFields(ctx.key, {
            generationId: job.id,
            text,
            worker: ctx.unit.model.name,
            now: ctx.now(),
          });
      body = { id: job.id, generation: text, state: 'ok', ...signed };
      end = 'done';
    } else {
      // The exact faulted body (multi-bridge dropped id/generation, got a 400, and the job was never re-queued).
      body = { id: job.id, generation: '', state: 'faulted' };
      const handedBack = outcome.kind === 'aborted' && outcome.reason === ABORT.handBack;
      end = handedBack ? 'handed_back' : 'failed';
      const why =
        outcome.kind === 'failed'
          ? outcome.message
          : handedBack
            ? 'worker shutting down'
            : `timed out after ${ctx.jobTimeoutMs / 1000} s (job_timeout)`;
      ctx.log(
        'warn',
        `${ctx.unit.model.name}: job ${job.id} ${handedBack ? 'handed back' : 'failed'}: ${why}`,
      );
    }

    try {
      const result = await this.options.client.submit(body);
      if (result.kind === 'accepted') ctx.stats.addDen(result.reward);
      else if (result.kind === 'already-submitted')
        ctx.log('info', `${ctx.unit.model.name}: job ${job.id} was already submitted (${result.detail})`);
      else if (result.kind === 'aborted-by-grid')
        ctx.log('warn', `${ctx.unit.model.name}: job ${job.id} was aborted by the grid (${result.detail})`);
      else {
        ctx.log('error', `${ctx.unit.model.name}: submit of job ${job.id} rejected: ${result.detail}`);
        end = 'failed';
      }
    } catch (error) {
      ctx.log(
        'error',
        `${ctx.unit.model.name}: submit of job ${job.id} failed after retries: ${hordeErrorText(error)}`,
      );
      end = 'failed';
    }
    ctx.stats.inFlight -= 1;
    ctx.jobEnded(end, tokensOf(outcome), job.id);
    // Before popping again: is the backend still there? (The loop waits for it when not.)
    if (blamesBackend(outcome)) await ctx.unit.gate.check();
  }
}
