/**
 * A finished generation: the worker's owner is paid, the requester charged, the model's statistics
 * updated, and the requester gets `done` with the /v1 `grid` metadata.
 */
import { username } from './accounts.js';
import { feed } from './dispatch.js';
import type { Generation } from './entities.js';
import { emit, gridEmit, jobIds } from './events.js';
import { endGen } from './leases.js';
import { isAutoModel } from './model-routing.js';
import { charge, reward } from './pricing.js';
import { closeJob, finishReq } from './requests.js';
import type { GridState } from './state.js';
import { decodeMs } from './stats.js';
import { countCompletionTokens, round2, round3 } from './tokens.js';
import type { CompleteInput } from './types.js';

/** Settles a live generation with a non-empty (or cancelled) completion. Returns the worker's reward. */
export function completeGen(
  state: GridState,
  gen: Generation,
  input: CompleteInput,
  text: string,
  reasoning: string,
): number {
  const job = gen.job!;
  const worker = gen.worker;
  const requester = job.req.account;
  const now = state.clock.now();
  const tokens = countCompletionTokens(text + reasoning, gen.maxLength);
  const earned = reward(state.settings, gen.model, tokens);
  const resultState = input.state ?? 'ok';
  const charged = charge(state.settings, earned, resultState);
  const genMs = now - gen.assignedAt;
  const ttftMs = (gen.firstTokenAt ?? now) - gen.assignedAt;
  const seed = input.seed ?? job.seed;
  const conn = gen.conn;
  endGen(state, gen, 'done', null);

  worker.requestsFulfilled++;
  worker.tokensGenerated += tokens;
  worker.genTimeMs += genMs;
  worker.denEarned = round2(worker.denEarned + earned);
  const owner = worker.owner;
  owner.balance = round2(owner.balance + earned);
  owner.earned = round2(owner.earned + earned);
  owner.tokensGenerated += tokens;
  owner.jobsFulfilled++;
  state.accounts.record(owner, {
    at: now,
    kind: 'earned',
    amount: earned,
    jobId: job.id,
    tokens,
    model: gen.model,
  });
  requester.balance = round2(requester.balance - charged);
  requester.spent = round2(requester.spent + charged);
  requester.tokensUsed += tokens;
  job.req.charged = round2(job.req.charged + charged);
  state.accounts.record(requester, {
    at: now,
    kind: 'spent',
    amount: charged,
    jobId: job.id,
    tokens,
    model: gen.model,
  });
  const decode = decodeMs(genMs, ttftMs);
  state.stats.record(gen.model, now, {
    tokens,
    genMs,
    decodeMs: decode,
    ttftMs,
    latencyMs: now - job.createdAt,
  });

  job.result = {
    text,
    seed,
    workerId: worker.id,
    workerName: worker.name,
    model: gen.model,
    state: resultState,
  };
  const finish =
    input.finish_reason ??
    gen.finishReason ??
    (input.cancelled ? 'cancelled' : tokens >= gen.maxLength ? 'length' : 'stop');
  const requested = job.req.chat?.model;
  closeJob(job, 'completed');
  emit(state, job, {
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
      ...(requested !== undefined && isAutoModel(requested)
        ? {
            routing: { requested, model: gen.model, rule: 'the online model with the most online workers' },
          }
        : {}),
    },
  });
  gridEmit(state, {
    type: 'credited',
    at: now,
    jobId: job.id,
    account: username(owner),
    workerName: worker.name,
    den: earned,
  });
  gridEmit(state, { type: 'charged', at: now, jobId: job.id, account: username(requester), den: charged });
  finishReq(state, job.req);
  if (conn) feed(state, conn);
  return earned;
}
