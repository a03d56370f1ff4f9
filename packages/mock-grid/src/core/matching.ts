/** Whether a worker may take a job (docs/mock-grid-core.md "Matching", "Image jobs"). */

import type { SkipReason } from './books/queue.js';
import type { Job, Worker } from './entities.js';
import { fastEnough } from './routing/prefs.js';
import type { ImageSkippedCounts } from './wire.js';

export type ImageSkipReason = keyof ImageSkippedCounts;

/** Why `worker` cannot take text `job` (beyond the model, which the lanes already decide), or null. */
export function unfit(job: Job, worker: Worker): SkipReason | null {
  // A media worker never gets a text job (nor a text worker an image job): another lane of work.
  if (job.req.image !== null || worker.media !== null) return 'models';
  if (job.maxLength !== null && job.maxLength > worker.maxLength) return 'max_length';
  if (job.maxContextLength !== null && job.maxContextLength > worker.maxContextLength)
    return 'max_context_length';
  return common(job, worker);
}

/** Why `worker` cannot take image `job`: its size, the capabilities it needs, and the common rules. */
export function unfitImage(job: Job, worker: Worker): ImageSkipReason | null {
  const image = job.req.image;
  const caps = worker.media;
  if (image === null || caps === null || !caps.types.has('image')) return 'models';
  if (image.width * image.height > caps.maxPixels) return 'max_pixels';
  const needs = image.needs;
  if (needs.img2img && !caps.img2img) return 'img2img';
  if (needs.painting && !caps.painting) return 'painting';
  if (needs.postProcessing && !caps.postProcessing) return 'post-processing';
  if (needs.lora && !caps.lora) return 'lora';
  if (needs.controlnet && !caps.controlnet) return 'controlnet';
  return common(job, worker);
}

function common(
  job: Job,
  worker: Worker,
): 'nsfw' | 'untrusted' | 'worker_id' | 'blacklist' | 'performance' | null {
  // A mock scenario's job (docs/mock-grid.md "Scenarios and faults"): held in the queue for now, or kept for
  // a simulated worker. Counted as `worker_id`: like a job naming its workers, it is not for this one.
  if (job.held || (job.scenario !== null && !worker.simulated)) return 'worker_id';
  // Kept for the pop worker the router chose, until its next pop (rules/assign.ts).
  if (job.reservedFor !== null && job.reservedFor !== worker) return 'worker_id';
  // A worker the grid verifies takes no real job before it passed its probe (rules/verify.ts). Counted as
  // `worker_id`: for now the job is not for this worker.
  if (worker.check !== null && worker.check.state !== 'verified') return 'worker_id';
  if (job.nsfw && !worker.nsfw) return 'nsfw';
  if (job.trustedWorkers && !worker.owner.trusted) return 'untrusted';
  if (job.allowWorkers && !job.allowWorkers.has(worker.id)) return 'worker_id';
  if (job.blockWorkers?.has(worker.id) || job.avoid?.has(worker.id)) return 'blacklist';
  // The request's hard speed constraints (routing/prefs.ts): measured figures only.
  if (job.routing !== null && !fastEnough(job.routing, worker)) return 'performance';
  return null;
}
