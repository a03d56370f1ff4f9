/**
 * Trigger: a client cancels a request or one job (Horde DELETE, /v1 disconnect), or command `cancel` (a
 * sibling job faulted). A queued job leaves the queue; a leased one is taken back and its WS worker gets
 * `cancel`, its connection draining until the worker answers.
 */
import type { Books } from '../books/index.js';
import type { Job } from '../entities.js';
import { isTerminal } from '../job-machine.js';
import { close, endBatch, requeue } from '../moves.js';
import { jobIds, type Outbox } from '../outbox.js';

export function cancel(
  b: Pick<Books, 'clock' | 'settings' | 'generations' | 'queue' | 'requests' | 'stats'>,
  out: Outbox,
  job: Job,
): void {
  if (isTerminal(job)) return;
  b.queue.remove(job);
  const gen = job.gen;
  if (gen) {
    const conn = gen.conn;
    // A WS media job stops as a whole (one job on the wire, cancelled by its first generation's id); its
    // other images go back to the queue, which is not their failure.
    const ended = endBatch(b, gen, 'abort', 'cancelled', conn !== null);
    if (conn) out.cancelFrame(conn, ended[0]?.[1].id ?? gen.id);
    for (const [other] of ended)
      if (other !== job) requeue(b, out, other, 'another image of its job was cancelled');
  }
  close(b, out, job, { type: 'cancelled', ...jobIds(job), at: b.clock.now() });
}
