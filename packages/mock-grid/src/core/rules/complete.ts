/**
 * Trigger: a worker finishes a generation with a result (WS `done`, Horde submit). The worker's owner is
 * credited, the requester charged, the worker's and the model's statistics updated, and the requester
 * gets `done` with the /v1 `grid` metadata. An empty or faulted result is not a completion: GridCore sends
 * those to fail.ts.
 */

import type { RoutingExplanation } from '@aipg/sdk';
import { username } from '../books/accounts.js';
import type { Books } from '../books/index.js';
import { decodeMs } from '../books/stats.js';
import type { Generation } from '../entities.js';
import { batchOf, close, endBatch, endGeneration } from '../moves.js';
import { jobIds, type Outbox } from '../outbox.js';
import { charge, imagePrice, megapixelSteps, pricedContext, reward } from '../pricing.js';
import { explain } from '../routing/explain.js';
import { countCompletionTokens, round2, round3 } from '../tokens.js';
import type { CompleteInput } from '../types.js';
import { answered } from './verify.js';

type CompleteBooks = Pick<
  Books,
  | 'clock'
  | 'settings'
  | 'accounts'
  | 'generations'
  | 'connections'
  | 'queue'
  | 'requests'
  | 'stats'
  | 'workers'
  | 'verification'
>;

/** Settles a live generation with a non-empty (or cancelled) completion. Returns the worker's reward. */
export function complete(
  b: CompleteBooks,
  out: Outbox,
  gen: Generation,
  input: CompleteInput,
  text: string,
  reasoning: string,
): number {
  const job = gen.job!;
  // A probe or canary is judged, not delivered (rules/verify.ts).
  if (job.req.check) return answered(b, out, gen, text, reasoning);
  const worker = gen.worker;
  const owner = worker.owner;
  const requester = job.req.account;
  const now = b.clock.now();
  const tokens = countCompletionTokens(text + reasoning, gen.maxLength);
  // At the rate the job was quoted at: its context was fixed at submit (docs/mock-grid-core.md "Pricing").
  const earned = reward(b.settings, gen.model, tokens, pricedContext(job.req.source, job));
  const resultState = input.state ?? 'ok';
  const charged = charge(b.settings, earned, resultState);
  const genMs = now - gen.assignedAt;
  const ttftMs = (gen.firstTokenAt ?? now) - gen.assignedAt;
  const conn = gen.conn;
  // Read before the generation ends: its decision and timing.
  const routing = explain(job, gen);
  endGeneration(b, gen, 'finish', null);

  const receipt = { at: now, jobId: job.id, tokens, model: gen.model };
  b.workers.fulfilled(worker, tokens, genMs, earned);
  b.accounts.credit(owner, earned, receipt);
  b.accounts.charge(requester, charged, receipt, { promptTokens: job.promptTokens, images: 0 });
  job.req.charged = round2(job.req.charged + charged);
  const decode = decodeMs(genMs, ttftMs);
  // The worker's standing (routing/standing.ts): a job done, at this speed; a worker that did not stream has
  // no time to first token.
  worker.standing.completed(now, tokens, decode, gen.firstTokenAt === null ? null : ttftMs);
  if (conn) worker.standing.onlineUntil(now, conn.connectedAt);
  b.stats.record(gen.model, now, { tokens, genMs, decodeMs: decode, ttftMs, latencyMs: now - job.createdAt });

  job.result = {
    text,
    seed: input.seed ?? job.seed,
    workerId: worker.id,
    workerName: worker.name,
    model: gen.model,
    state: resultState,
    signature: input.proof ?? null,
    routing,
  };
  const finish =
    input.finish_reason ??
    gen.finishReason ??
    (input.cancelled ? 'cancelled' : tokens >= gen.maxLength ? 'length' : 'stop');
  close(b, out, job, {
    type: 'done',
    ...jobIds(job),
    at: now,
    text,
    ...(reasoning ? { reasoning } : {}),
    usage: {
      prompt_tokens: job.promptTokens,
      completion_tokens: tokens,
      total_tokens: job.promptTokens + tokens,
    },
    finish_reason: finish,
    grid: {
      worker: worker.name,
      gen_time: round3(genMs / 1000),
      ttft: round3(ttftMs / 1000),
      tokens_per_s: decode > 0 ? round2(tokens / (decode / 1000)) : 0,
      // The seed the job carried (the client's or a minted one). A pop worker never receives it and its
      // submit's `seed` is a bridge default (multi-bridge and grid-text-worker send 0), so that one is kept
      // for the Horde status only.
      seed: job.seed,
      routing,
      ...(input.proof ? { signature: input.proof } : {}),
      den: charged,
    },
  });
  out.gridEvent({
    type: 'credited',
    at: now,
    jobId: job.id,
    account: username(owner),
    workerName: worker.name,
    den: earned,
  });
  out.gridEvent({ type: 'charged', at: now, jobId: job.id, account: username(requester), den: charged });
  if (conn) out.feed(conn);
  return earned;
}

/**
 * Settles verified images: a WS media job's whole batch (`gen` is its first generation) or one popped image.
 * Each image earns its worker its megapixel-step price (docs/spec.md "Image rewards") and costs its requester
 * the same (nothing when censored), and its job is done with the image. `contentTypes[i]` is the type the
 * door found image `i` to be. Returns the sum of the rewards (the WS `ack.den`, the Horde `reward`).
 */
export function completeImages(
  b: CompleteBooks,
  out: Outbox,
  gen: Generation,
  contentTypes: string[],
  state: 'ok' | 'censored' | 'faulted' | 'csam',
  seed?: number,
): number {
  const worker = gen.worker;
  const owner = worker.owner;
  const conn = gen.conn;
  const now = b.clock.now();
  let total = 0;
  // Read before the batch ends: a tombstone keeps no routing decision (moves.ts).
  const routings = new Map<Generation, RoutingExplanation>();
  for (const g of batchOf(gen)) if (g.state === 'active') routings.set(g, explain(g.job!, g));
  const ended = endBatch(b, gen, 'finish', null);
  ended.forEach(([job, g], i) => {
    const image = job.req.image!;
    const requester = job.req.account;
    const earned = imagePrice(
      g.model,
      image.width,
      image.height,
      image.steps,
      b.settings.pricing.denPerMegapixelStep,
    );
    const charged = state === 'ok' ? earned : 0;
    const genMs = now - g.assignedAt;
    // Image speed is megapixel-steps per second (routing/standing.ts).
    worker.standing.completed(now, megapixelSteps(image.width, image.height, image.steps), genMs, null);
    const receipt = { at: now, jobId: job.id, tokens: 0, model: g.model };
    b.workers.fulfilled(worker, 0, genMs, earned);
    b.accounts.credit(owner, earned, receipt);
    b.accounts.charge(requester, charged, receipt, { promptTokens: 0, images: 1 });
    job.req.charged = round2(job.req.charged + charged);
    total = round2(total + earned);
    const contentType = contentTypes[i] ?? 'image/webp';
    job.result = {
      text: '',
      seed: seed ?? job.seed,
      workerId: worker.id,
      workerName: worker.name,
      model: g.model,
      state,
      signature: null,
      image: { generationId: g.id, key: g.key!, contentType, den: charged },
    };
    close(b, out, job, {
      type: 'done',
      ...jobIds(job),
      at: now,
      text: '',
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      finish_reason: 'stop',
      grid: {
        worker: worker.name,
        gen_time: round3(genMs / 1000),
        ttft: round3(genMs / 1000),
        seed: job.seed,
      },
      image: {
        generationId: g.id,
        key: g.key!,
        contentType,
        seed: job.seed,
        model: g.model,
        worker: worker.name,
        den: charged,
        genTimeS: round3(genMs / 1000),
        routing: routings.get(g)!,
      },
    });
    out.gridEvent({
      type: 'credited',
      at: now,
      jobId: job.id,
      account: username(owner),
      workerName: worker.name,
      den: earned,
    });
    out.gridEvent({ type: 'charged', at: now, jobId: job.id, account: username(requester), den: charged });
  });
  if (conn) out.feed(conn);
  return total;
}
