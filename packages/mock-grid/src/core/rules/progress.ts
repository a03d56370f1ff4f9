/**
 * Trigger: a token frame. A live generation's first token moves its job to `streaming`; every token pushes
 * a WS lease on, and is kept: what a worker streamed is its result. Tokens for a generation that is no longer
 * live on that worker are ignored (tokens still in flight after a cancel are normal); tokens past the job's
 * cap fail the attempt.
 */
import type { Books } from '../books/index.js';
import type { Generation } from '../entities.js';
import { move } from '../job-machine.js';
import { jobIds, type Outbox } from '../outbox.js';
import { owns } from '../ownership.js';
import { tokensForChars } from '../tokens.js';
import type { MediaProgressInput, ProgressInput } from '../types.js';

/** Tokens a worker may stream past `streamCapFactor` × the job's cap (docs/mock-grid-core.md). */
const STREAM_SLACK_TOKENS = 16;

export function progress(
  b: Pick<Books, 'clock' | 'settings' | 'accounts' | 'generations'>,
  out: Outbox,
  input: ProgressInput,
): boolean {
  const gen = b.generations.get(input.generationId);
  // A media job streams no tokens (its progress is `mediaProgress`).
  if (gen?.state !== 'active' || gen.key !== null || !owns(b, gen, input.by)) return false;
  const job = gen.job!;
  const now = b.clock.now();
  const content = typeof input.delta.content === 'string' ? input.delta.content : '';
  const reasoning = typeof input.delta.reasoning_content === 'string' ? input.delta.reasoning_content : '';
  const streamed = gen.streamedText.length + gen.streamedReasoning.length + content.length + reasoning.length;
  if (tokensForChars(streamed) > gen.maxLength * b.settings.streamCapFactor + STREAM_SLACK_TOKENS) {
    // Output past the cap is never forwarded: the attempt is a worker error (strike, retry rules apply).
    out.failAttempt(gen, `The worker streamed more than the job's ${gen.maxLength} tokens`);
    return false;
  }
  gen.streamedText += content;
  gen.streamedReasoning += reasoning;
  if (gen.firstTokenAt === null) gen.firstTokenAt = now;
  if (job.state === 'leased') move(job, 'token');
  // The lease timer re-arms itself lazily for the rest (fail.ts `leaseTimer`).
  if (gen.conn) gen.deadline = now + b.settings.wsLeaseMs;
  if (input.finish_reason) gen.finishReason = input.finish_reason;
  // Built field by field (not `...jobIds(job)`): one object per token frame.
  out.jobEvent(job, {
    type: 'token',
    jobId: job.id,
    requestId: job.req.id,
    index: job.index,
    at: now,
    generationId: gen.id,
    delta: input.delta,
  });
  return true;
}

/**
 * A media worker's progress (WS `progress`, Horde `generate/progress`) on live generation `gen`: recorded on
 * every image of its job (a report counts for the whole job; spec `HordeImageProgressRequest.id`). It is not a
 * result and earns nothing; the views read it (`GET /v1/progress/{token}`, the Horde `check`), and each image's
 * `progress` event tells the listeners.
 */
export function mediaProgress(
  b: Pick<Books, 'clock'>,
  out: Outbox,
  gen: Generation,
  input: MediaProgressInput,
): void {
  let pct = input.pct;
  let steps: Generation['steps'] = null;
  if (input.currentStep !== undefined && input.totalSteps !== undefined && input.totalSteps > 0) {
    const current = Math.min(Math.max(0, input.currentStep), input.totalSteps);
    steps = { current, total: input.totalSteps };
    pct = (current / input.totalSteps) * 100;
  }
  const value = Math.min(100, Math.max(0, pct ?? 0));
  const at = b.clock.now();
  for (const g of gen.batch ?? [gen]) {
    if (g.state !== 'active') continue;
    g.pct = value;
    if (steps) g.steps = steps;
    const job = g.job!;
    out.jobEvent(job, { type: 'progress', ...jobIds(job), at, generationId: g.id, pct: value });
  }
}

/** Whether `by` holds live media generation `id` (a WS progress frame's check; never throws). */
export function liveMediaGeneration(
  b: Pick<Books, 'accounts' | 'generations'>,
  input: MediaProgressInput,
): Generation | null {
  const gen = b.generations.get(input.generationId);
  if (gen?.state !== 'active' || gen.key === null || !owns(b, gen, input.by)) return null;
  return gen;
}
