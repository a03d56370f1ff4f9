/**
 * Trigger: the queue sweep timer (every quarter of `noWorkerTimeoutMs` while jobs are queued). A /v1 job
 * that no online worker could serve for `noWorkerTimeoutMs` — its model's workers all went away after it was
 * accepted — is answered: faulted with `noWorker`, which the /v1 door turns into a 503. A Horde request
 * waits for a worker instead, as on the Horde.
 */
import type { Books } from '../books/index.js';
import type { Job } from '../entities.js';
import { close } from '../moves.js';
import { jobIds, type Outbox } from '../outbox.js';

export function sweep(
  b: Pick<Books, 'clock' | 'settings' | 'queue' | 'requests' | 'stats' | 'workers'>,
  out: Outbox,
): void {
  const now = b.clock.now();
  const timeoutMs = b.settings.noWorkerTimeoutMs;
  const served = (model: string | null) => {
    const models = model === null ? [] : [model];
    return b.workers.possible(models) || b.workers.possibleImage(models);
  };
  const servable = (job: Job) =>
    job.req.image ? b.workers.possibleImage(job.models) : b.workers.possible(job.models);
  for (const job of b.queue.unserved(now, served, now - timeoutMs)) {
    if (job.req.source !== 'v1' || !job.inQueue || servable(job)) continue;
    b.queue.remove(job);
    const message = `No worker serving '${job.models.join("', '")}' has been online for ${timeoutMs / 1000} s`;
    close(b, out, job, { type: 'faulted', ...jobIds(job), at: now, message, noWorker: true }, 'orphan');
  }
}
