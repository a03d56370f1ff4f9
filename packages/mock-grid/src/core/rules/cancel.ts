/**
 * Trigger: a client cancels a request or one job (Horde DELETE, /v1 disconnect), or command `cancel` (a
 * sibling job faulted). A queued job leaves the queue; a leased one is taken back and its WS worker gets
 * `cancel`, its connection draining until the worker answers.
 */
import type { Books } from '../books/index.js';
import type { Job } from '../entities.js';
import { isTerminal } from '../job-machine.js';
import { close, endGeneration } from '../moves.js';
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
    endGeneration(b, gen, 'abort', 'cancelled', conn !== null);
    if (conn) out.cancelFrame(conn, gen.id);
  }
  close(b, out, job, { type: 'cancelled', ...jobIds(job), at: b.clock.now() });
}
