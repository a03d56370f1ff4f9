// A Horde text worker's jobs (openapi/paths/api_v2_generate_text_pop.yaml, _text_submit.yaml): pop with the
// text limits, run the backend, submit the text (signed when the worker has a key) or `faulted`.
import type { SlotContext } from '../../runtime/context.js';
import { ABORT, blamesBackend, recordOutcome, runJob, tokensOf } from '../../runtime/run-job.js';
import { signedFields } from '../../signing.js';
import { type HordeClient, hordeErrorText, type PoppedJob, type SubmitBody } from './client.js';
import { jobFromPop } from './job.js';
import type { HordeJobKind } from './slot.js';

export function textJobs(ctx: SlotContext, client: HordeClient): HordeJobKind<PoppedJob> {
  const { model } = ctx.unit;
  return {
    pop: () =>
      client.pop({
        name: model.name,
        models: [model.gridModel],
        max_length: model.maxLength,
        max_context_length: model.maxContextLength,
        threads: model.maxThreads,
        nsfw: ctx.config.nsfw,
        ...(ctx.key ? { public_key: ctx.key.publicKey } : {}),
      }),
    serve: (pop, controller) => serve(ctx, client, pop, controller),
  };
}

async function serve(
  ctx: SlotContext,
  client: HordeClient,
  pop: PoppedJob,
  controller: AbortController,
): Promise<void> {
  const job = jobFromPop(pop, ctx.unit.model);
  ctx.stats.inFlight += 1;
  const outcome = await runJob(ctx.unit.backend.handle, job, {
    controller,
    // A popped job's lease runs from the pop (upstream Horde: 150 s), however much the backend streams.
    timeout: { ms: ctx.jobTimeoutMs, restartOnOutput: false },
    onDelta: () => {},
  });
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
    ctx.log('warn', `${ctx.unit.model.name}: job ${job.id} ${handedBack ? 'handed back' : 'failed'}: ${why}`);
  }

  try {
    const result = await client.submit(body);
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
