// A Horde image worker's jobs (openapi/paths/api_v2_generate_pop.yaml, _progress.yaml, _submit.yaml): pop with
// the image capabilities and `amount`, report progress about every 2 s, then per image PUT its bytes to
// `r2_uploads[i]` (`r2_upload` for the first) and submit `generation: "R2"` with its seed and sha256 — or, when
// the upload failed, the image itself as base64 (the fallback). A failed job submits every id `faulted`.
import { Buffer } from 'node:buffer';
import { APIError } from '@aipg/sdk';
import type { GeneratedImage } from '../../image-job.js';
import type { ImageUnit, SlotContext } from '../../runtime/context.js';
import { megapixelSteps, runImageJob } from '../../runtime/run-image-job.js';
import { ABORT, blamesBackend, recordOutcome } from '../../runtime/run-job.js';
import { putObject, sha256Hex } from '../upload.js';
import { type HordeClient, hordeErrorText, type ImageSubmitBody, type PoppedImageJob } from './client.js';
import { idsOf, imageJobFromPop } from './image-job.js';
import type { HordeJobKind } from './slot.js';

export function imageJobs(ctx: SlotContext<ImageUnit>, client: HordeClient): HordeJobKind<PoppedImageJob> {
  const { endpoint, model } = ctx.unit;
  const { capabilities } = endpoint;
  return {
    pop: () =>
      client.popImage({
        name: model.name,
        models: [model.gridModel],
        max_pixels: endpoint.maxPixels,
        allow_img2img: capabilities.img2img,
        allow_painting: capabilities.painting,
        allow_post_processing: capabilities.postProcessing,
        allow_lora: capabilities.lora,
        allow_controlnet: capabilities.controlnet,
        threads: model.maxThreads,
        nsfw: ctx.config.nsfw,
        amount: endpoint.amount,
      }),
    serve: (pop, controller) => serve(ctx, client, pop, controller),
  };
}

async function serve(
  ctx: SlotContext<ImageUnit>,
  client: HordeClient,
  pop: PoppedImageJob,
  controller: AbortController,
): Promise<void> {
  const name = ctx.unit.model.name;
  const ids = idsOf(pop);
  ctx.stats.inFlight += 1;
  const outcome = await runImageJob(
    ctx.unit.backend,
    (signal) => imageJobFromPop(pop, ctx.unit.endpoint, { fetch: ctx.fetch, signal, random: ctx.random }),
    {
      controller,
      // A popped job's lease runs from the pop (`ttl`), however much progress the backend reports.
      timeout: { ms: ctx.jobTimeoutMs, restartOnOutput: false },
      now: ctx.now,
      // One report covers every image of the job (HordeImageProgressRequest.id); a late or refused one is no loss
      // — except the grid's "already completed or faulted": the request was cancelled or the job taken back, the
      // one way a pop worker learns it, so the backend stops instead of making pictures nobody takes.
      onProgress: ({ step, steps }) => {
        client.progress({ id: pop.id, current_step: step, total_steps: steps }).catch((error: unknown) => {
          if (isTakenBack(error)) {
            ctx.log('info', `${name}: job ${pop.id} was cancelled or taken back by the grid; stopping it`);
            controller.abort(ABORT.cancel);
          } else {
            ctx.log('debug', `${name}: progress report for ${pop.id} failed: ${hordeErrorText(error)}`);
          }
        });
      },
    },
  );
  recordOutcome(ctx.unit.breaker, outcome);

  let end: 'done' | 'failed' | 'handed_back' | 'cancelled';
  const delivered: GeneratedImage[] = [];
  if (outcome.kind === 'aborted' && outcome.reason === ABORT.cancel) {
    // The grid no longer holds these generations: nothing to submit.
    end = 'cancelled';
  } else if (outcome.kind === 'done') {
    end = 'done';
    for (const [i, image] of outcome.images.entries()) {
      const body = await uploaded(ctx, pop, i, image, controller.signal);
      if (await submit(ctx, client, body)) delivered.push(image);
      else end = 'failed';
    }
  } else {
    const handedBack = outcome.kind === 'aborted' && outcome.reason === ABORT.handBack;
    end = handedBack ? 'handed_back' : 'failed';
    const why =
      outcome.kind === 'failed'
        ? outcome.message
        : handedBack
          ? 'worker shutting down'
          : `timed out after ${ctx.jobTimeoutMs / 1000} s (job_timeout)`;
    ctx.log('warn', `${name}: job ${pop.id} ${handedBack ? 'handed back' : 'failed'}: ${why}`);
    // Every id faulted, so the Horde re-queues each image (the seed is required in the submit's model).
    const payload = pop.payload ?? {};
    for (const [i, id] of ids.entries()) {
      const seed = payload.seeds?.[i] ?? (typeof payload.seed === 'number' ? payload.seed + i : 0);
      await submit(ctx, client, { id, generation: '', state: 'faulted', seed });
    }
  }
  ctx.stats.inFlight -= 1;
  const work =
    outcome.kind === 'done'
      ? { images: delivered.length, megapixelSteps: megapixelSteps(outcome.job, delivered) }
      : undefined;
  ctx.jobEnded(end, 0, pop.id, work);
  // Before popping again: is the backend still there? (The loop waits for it when not.)
  if (blamesBackend(outcome)) await ctx.unit.gate.check();
}

/** The progress answer for a generation that finished or was taken back (spec: api_v2_generate_progress.yaml 400). */
function isTakenBack(error: unknown): boolean {
  return (
    error instanceof APIError && error.status === 400 && /already completed or faulted/i.test(error.message)
  );
}

/**
 * Uploads image `i` to its `r2_uploads` URL and returns its submit body: `R2` when the upload landed, else the
 * image as base64 (no URL, or the PUT failed after its retries), so the image is delivered either way.
 */
async function uploaded(
  ctx: SlotContext<ImageUnit>,
  pop: PoppedImageJob,
  i: number,
  image: GeneratedImage,
  signal: AbortSignal,
): Promise<ImageSubmitBody> {
  const id = idsOf(pop)[i]!;
  const url = pop.r2_uploads?.[i] ?? (i === 0 ? pop.r2_upload : undefined);
  const sha256 = sha256Hex(image.bytes);
  const base = { id, state: 'ok' as const, seed: image.seed, sha256 };
  if (!url) return { ...base, generation: Buffer.from(image.bytes).toString('base64') };
  try {
    await putObject(url, image.bytes, image.mime, {
      fetch: ctx.fetch,
      signal,
      sleep: ctx.sleep,
      random: ctx.random,
    });
    return { ...base, generation: 'R2' };
  } catch (error) {
    const why = signal.aborted
      ? 'the job was handed back'
      : error instanceof Error
        ? error.message
        : String(error);
    ctx.log('warn', `${ctx.unit.model.name}: upload of image ${id} failed (${why}); submitting it as base64`);
    return { ...base, generation: Buffer.from(image.bytes).toString('base64') };
  }
}

/** One submit; true when the grid took it (accepted, or already had it). */
async function submit(
  ctx: SlotContext<ImageUnit>,
  client: HordeClient,
  body: ImageSubmitBody,
): Promise<boolean> {
  const name = ctx.unit.model.name;
  try {
    const result = await client.submitImage(body);
    if (result.kind === 'accepted') {
      ctx.stats.addDen(result.reward);
      return true;
    }
    if (result.kind === 'already-submitted') {
      ctx.log('info', `${name}: image ${body.id} was already submitted (${result.detail})`);
      return true;
    }
    if (result.kind === 'aborted-by-grid') {
      ctx.log('warn', `${name}: image ${body.id} was aborted by the grid (${result.detail})`);
      return false;
    }
    ctx.log('error', `${name}: submit of image ${body.id} rejected: ${result.detail}`);
  } catch (error) {
    ctx.log('error', `${name}: submit of image ${body.id} failed after retries: ${hordeErrorText(error)}`);
  }
  return false;
}
