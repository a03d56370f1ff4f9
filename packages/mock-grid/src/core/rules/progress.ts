/**
 * Trigger: a token frame. A live generation's first token moves its job to `streaming`; every token pushes
 * a WS lease on. Tokens for a generation that is no longer live on that worker are ignored: tokens still in
 * flight after a cancel are normal.
 */
import type { Books } from '../books/index.js';
import { move } from '../job-machine.js';
import { jobIds, type Outbox } from '../outbox.js';
import { owns } from '../ownership.js';
import type { ProgressInput } from '../types.js';

export function progress(
  b: Pick<Books, 'clock' | 'settings' | 'accounts' | 'generations'>,
  out: Outbox,
  input: ProgressInput,
): boolean {
  const gen = b.generations.get(input.generationId);
  if (gen?.state !== 'active' || !owns(b, gen, input.by)) return false;
  const job = gen.job!;
  const now = b.clock.now();
  if (gen.firstTokenAt === null) gen.firstTokenAt = now;
  if (job.state === 'leased') move(job, 'token');
  // The lease timer re-arms itself lazily for the rest (fail.ts `leaseTimer`).
  if (gen.conn) gen.deadline = now + b.settings.wsLeaseMs;
  if (input.finish_reason) gen.finishReason = input.finish_reason;
  out.jobEvent(job, { type: 'token', ...jobIds(job), at: now, delta: input.delta });
  return true;
}
