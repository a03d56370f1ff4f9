// A media session's jobs (openapi/components/ws.yaml WsMediaJob): run the image backend, send `progress`
// about every 2 s, PUT image i to `upload[i].put_url` with the slot's `content_type`, then `done` with one
// `{index, seed, sha256}` per slot. A failed upload is an `error` frame (the grid re-queues the job), a `cancel`
// a `done` with `cancelled: true` and no results.
import type { GeneratedImage } from '../../image-job.js';
import type { ImageUnit, SlotContext } from '../../runtime/context.js';
import {
  ImageJobRefused,
  type ImageOutcome,
  megapixelSteps,
  runImageJob,
} from '../../runtime/run-image-job.js';
import { ABORT, type Settled } from '../../runtime/run-job.js';
import type { WsMediaJob, WsMediaResult, WsUploadSlot } from '../../wire.js';
import { putObject, sha256Hex, UploadError } from '../upload.js';
import { imageJobFromFrame, isMediaJob } from './media-job.js';
import type { ServingJob, WsJobKind } from './slot.js';

export function mediaJobs(ctx: SlotContext<ImageUnit>): WsJobKind {
  const { endpoint, model } = ctx.unit;
  return {
    register() {
      const { capabilities } = endpoint;
      return {
        models: [model.gridModel],
        job_types: ['image'],
        max_pixels: endpoint.maxPixels,
        allow_img2img: capabilities.img2img,
        allow_painting: capabilities.painting,
        allow_post_processing: capabilities.postProcessing,
        allow_lora: capabilities.lora,
        allow_controlnet: capabilities.controlnet,
        amount: endpoint.amount,
      };
    },
    async serve(frame, job) {
      const { id, send, name } = job;
      if (!isMediaJob(frame) || frame.job_type !== 'image') {
        const message = isMediaJob(frame)
          ? `this worker makes images, not ${frame.job_type}`
          : 'this connection takes image jobs only, not text';
        const report = async () => {
          send({ type: 'error', id, message, client_error: false });
          ctx.log('warn', `${name}: job ${id} refused: ${message}`);
          ctx.jobEnded('failed', 0, id);
        };
        return { outcome: { kind: 'failed', clientError: false, backendFault: false }, report };
      }
      const generated = await runImageJob(
        ctx.unit.backend,
        (signal) => imageJobFromFrame(frame, endpoint, { fetch: ctx.fetch, signal, random: ctx.random }),
        {
          controller: job.controller,
          // The grid waits at most 600 s for a frame of a media job: a job that keeps reporting progress may run on.
          timeout: { ms: ctx.jobTimeoutMs, restartOnOutput: true },
          now: ctx.now,
          onProgress: ({ step, steps }) =>
            send({ type: 'progress', id, pct: Math.round((Math.min(step, steps) / steps) * 1000) / 10 }),
        },
      );
      const outcome = generated.kind === 'done' ? await deliver(ctx, frame, generated, job) : generated;
      return { outcome: settled(outcome), report: () => report(ctx, job, outcome) };
    },
  };
}

/** How a media job ended: the generation's outcome, or after the uploads their results. */
type MediaOutcome =
  | { kind: 'delivered'; results: WsMediaResult[]; megapixelSteps: number }
  | Exclude<ImageOutcome, { kind: 'done' }>;

/** Uploads every picture to its slot; an upload that fails (after its retries) fails the job. */
async function deliver(
  ctx: SlotContext<ImageUnit>,
  frame: WsMediaJob,
  generated: Extract<ImageOutcome, { kind: 'done' }>,
  job: ServingJob,
): Promise<MediaOutcome> {
  const { images } = generated;
  const signal = job.controller.signal;
  try {
    // Every picture must be of its slot's type (the grid checks the magic bytes): this worker converts none.
    for (const [i, image] of images.entries()) checkType(image, frame.upload[i]!, i);
    const results: WsMediaResult[] = [];
    for (const [index, image] of images.entries()) {
      const slot = frame.upload[index]!;
      await putObject(slot.put_url, image.bytes, slot.content_type, {
        fetch: ctx.fetch,
        signal,
        sleep: ctx.sleep,
        random: ctx.random,
      });
      results.push({ index, seed: image.seed, sha256: sha256Hex(image.bytes) });
    }
    return { kind: 'delivered', results, megapixelSteps: megapixelSteps(generated.job, images) };
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted', reason: signal.reason };
    const message =
      error instanceof UploadError || error instanceof ImageJobRefused
        ? error.message
        : `upload failed: ${error instanceof Error ? error.message : String(error)}`;
    return { kind: 'failed', message, clientError: false, backendFault: false };
  }
}

function checkType(image: GeneratedImage, slot: WsUploadSlot, index: number): void {
  if (image.mime === slot.content_type) return;
  throw new ImageJobRefused(
    `upload slot ${index} wants ${slot.content_type}, the backend made ${image.mime}, and this worker converts no pictures`,
  );
}

function settled(outcome: MediaOutcome): Settled {
  return outcome.kind === 'delivered' ? { kind: 'done' } : outcome;
}

async function report(ctx: SlotContext<ImageUnit>, job: ServingJob, outcome: MediaOutcome): Promise<void> {
  const { id, name, send } = job;
  if (outcome.kind === 'delivered') {
    send({ type: 'done', id, results: outcome.results });
    ctx.jobEnded('done', 0, id, { images: outcome.results.length, megapixelSteps: outcome.megapixelSteps });
  } else if (outcome.kind === 'aborted' && outcome.reason === ABORT.cancel) {
    // The spec's cancelled media done: no results, no strike, nothing paid.
    send({ type: 'done', id, results: [], cancelled: true });
    ctx.jobEnded('cancelled', 0, id);
  } else if (outcome.kind === 'aborted' && outcome.reason === ABORT.connectionLost) {
    ctx.log('warn', `${name}: connection lost during job ${id}; the grid re-queues it`);
    ctx.jobEnded('lost', 0, id);
  } else if (outcome.kind === 'aborted' && outcome.reason === ABORT.handBack) {
    send({ type: 'error', id, message: 'worker shutting down: job handed back', client_error: false });
    ctx.jobEnded('handed_back', 0, id);
  } else {
    const failure =
      outcome.kind === 'failed'
        ? outcome
        : {
            message: `backend reported no progress for ${ctx.jobTimeoutMs / 1000} s (job_timeout)`,
            clientError: false,
          };
    send({ type: 'error', id, message: failure.message.slice(0, 500), client_error: failure.clientError });
    ctx.log('warn', `${name}: job ${id} failed: ${failure.message}`);
    ctx.jobEnded('failed', 0, id);
  }
}
