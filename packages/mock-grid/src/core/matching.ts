/** Whether a worker may take a job (docs/mock-grid-core.md "Matching"). */

import type { SkipReason } from './books/queue.js';
import type { Job, Worker } from './entities.js';

/** Why `worker` cannot take `job` (beyond the model, which the lanes already decide), or null. */
export function unfit(job: Job, worker: Worker): SkipReason | null {
  if (job.maxLength !== null && job.maxLength > worker.maxLength) return 'max_length';
  if (job.maxContextLength !== null && job.maxContextLength > worker.maxContextLength)
    return 'max_context_length';
  if (job.nsfw && !worker.nsfw) return 'nsfw';
  if (job.trustedWorkers && !worker.owner.trusted) return 'untrusted';
  if (job.allowWorkers && !job.allowWorkers.has(worker.id)) return 'worker_id';
  if (job.blockWorkers?.has(worker.id) || job.avoid?.has(worker.id)) return 'blacklist';
  return null;
}
