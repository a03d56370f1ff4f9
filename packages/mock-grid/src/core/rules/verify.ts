/**
 * Trigger: a worker's verification (docs/mock-grid-core.md "Verification") — it arrives (WS register, pop
 * check-in), its next check falls due (a timer of the verification book), it is free for a job (a waiting
 * check goes first), or it answers, fails or outlasts a check.
 *
 * A check is a /v1 chat job of the grid's own account, built as any /v1 job is and handed straight to its one
 * worker (never queued, so no other worker or client can see it): a **probe** before a new worker's first real
 * job, a **canary** now and then once it is verified. It asks the worker to repeat a few random words; the
 * reply must hold them, within `timeoutMs`. A passed check is paid by the grid's account as a real job would
 * be, and its speed goes into the worker's standing and benchmark; a failed probe leaves the worker ineligible
 * (matching.ts) until a later probe passes, a failed canary marks it (`standing.failed(now, 'canary')`).
 */
import type { ChatCompletionRequest } from '@aipg/sdk';
import type { Books } from '../books/index.js';
import { decodeMs } from '../books/stats.js';
import type { CheckJob, Conn, Generation, Job, Req, Worker, WorkerCheck } from '../entities.js';
import { uuid } from '../ids.js';
import { type JobTrigger, move } from '../job-machine.js';
import { endGeneration, lease } from '../moves.js';
import { freshJob } from '../new-job.js';
import { jobIds, type Outbox } from '../outbox.js';
import { pricedContext, reward } from '../pricing.js';
import { countCompletionTokens, round2, round3 } from '../tokens.js';
import type { JobEvent } from '../types.js';
import { chatSpec } from '../validate.js';
import { answers, checkMaxTokens, checkPrompt, checkWords, pickOne, retryDelayMs } from '../verification.js';

type VerifyBooks = Pick<
  Books,
  'clock' | 'settings' | 'accounts' | 'generations' | 'connections' | 'queue' | 'workers' | 'verification'
>;

/** A text worker arrives: the grid starts checking it, or goes on where its checks were. */
export function arrived(b: VerifyBooks, worker: Worker): void {
  const v = b.settings.verification;
  // Images are checked one by one by the doors already (docs/mock-grid.md "Verification").
  if (worker.media !== null || (!v.probe && v.canaryEveryMs === null)) return;
  worker.check ??= {
    state: v.probe ? 'pending' : 'verified',
    job: null,
    retryAt: null,
    probesFailed: 0,
    lastFailure: null,
    benchmark: null,
    canaries: { passed: 0, failed: 0 },
    timer: null,
  };
  const check = worker.check;
  if (openCheck(check)) return;
  const now = b.clock.now();
  if (check.state === 'pending' || (check.state === 'failed' && now >= (check.retryAt ?? now))) {
    prepare(b, worker, 'probe');
  } else if (check.timer === null) {
    // It was away when its next check fell due (or it is new and needs no probe).
    if (check.state === 'failed') b.verification.arm(worker, check.retryAt! - now);
    else if (v.canaryEveryMs !== null) b.verification.arm(worker, v.canaryEveryMs);
  }
}

/** The worker's next check is due: a probe after a failed one, or a canary. */
export function due(b: VerifyBooks, out: Outbox, worker: Worker): void {
  const check = worker.check;
  // Away: `arrived` picks it up when it comes back.
  if (!check || openCheck(check) || !b.workers.isOnline(worker)) return;
  if (check.state === 'verified' && b.settings.verification.canaryEveryMs === null) return;
  prepare(b, worker, check.state === 'verified' ? 'canary' : 'probe');
  const conn = worker.conn;
  // An idle connection takes it now (assign.ts `feed`); a busy one when its job ends; a pop worker on its next pop.
  if (conn && !conn.closed && !conn.current) out.feed(conn);
}

/**
 * The worker is free for a job: its waiting check, if any, is leased to it (to `conn`, or popped) with
 * `timeoutMs` as its lease. Returns the generation, or null when no check waits.
 */
export function handOut(b: VerifyBooks, out: Outbox, worker: Worker, conn: Conn | null): Generation | null {
  const job = worker.check?.job;
  if (job?.state !== 'new') return null;
  // Never in the queue: straight to this worker.
  move(job, 'submit');
  const gen = lease(b, out, job, worker, conn);
  const ms = b.settings.verification.timeoutMs;
  gen.deadline = gen.assignedAt + ms;
  b.generations.arm(gen, ms);
  return gen;
}

/** The worker answered a check (complete.ts): judged, paid when passed. Returns the worker's reward. */
export function answered(
  b: VerifyBooks,
  out: Outbox,
  gen: Generation,
  text: string,
  reasoning: string,
): number {
  const job = gen.job!;
  const worker = gen.worker;
  const now = b.clock.now();
  const v = b.settings.verification;
  const tokens = countCompletionTokens(text + reasoning, gen.maxLength);
  const genMs = now - gen.assignedAt;
  const ttftMs = (gen.firstTokenAt ?? now) - gen.assignedAt;
  const decode = decodeMs(genMs, ttftMs);
  const conn = gen.conn;
  endGeneration(b, gen, 'finish', null);
  const right = answers(text, job.req.check!.words);
  const late = genMs > v.timeoutMs;
  let earned = 0;
  if (right && !late) {
    // Paid as the same answer to a client would be, so the ack tells the worker nothing.
    earned = reward(b.settings, gen.model, tokens, pricedContext(job.req.source, job));
    const receipt = { at: now, jobId: job.id, tokens, model: gen.model };
    b.workers.fulfilled(worker, tokens, genMs, earned);
    b.accounts.credit(worker.owner, earned, receipt);
    b.accounts.charge(b.verification.account, earned, receipt, { promptTokens: job.promptTokens, images: 0 });
    // A measurement like any job's (routing/standing.ts): it counts for `min_tokens_per_s` and the router.
    const streamed = gen.firstTokenAt !== null;
    worker.standing.completed(now, tokens, decode, streamed ? ttftMs : null);
    if (conn) worker.standing.onlineUntil(now, conn.connectedAt);
    worker.check!.benchmark = {
      tokensPerS: decode > 0 && tokens > 0 ? round2(tokens / (decode / 1000)) : null,
      ttftS: streamed ? round3(ttftMs / 1000) : null,
    };
  }
  end(out, job, {
    type: 'done',
    ...jobIds(job),
    at: now,
    text,
    usage: {
      prompt_tokens: job.promptTokens,
      completion_tokens: tokens,
      total_tokens: job.promptTokens + tokens,
    },
    finish_reason: 'stop',
    grid: {
      worker: worker.name,
      gen_time: round3(genMs / 1000),
      ttft: round3(ttftMs / 1000),
      seed: job.seed,
    },
  });
  const why = right ? `answered after ${genMs} ms, the limit is ${v.timeoutMs} ms` : 'wrong answer';
  settle(b, out, worker, job, right && !late, right && !late ? null : why);
  if (conn) out.feed(conn);
  return earned;
}

/** The worker failed a check with an error (or an empty answer): a failed check (fail.ts). */
export function errored(b: VerifyBooks, out: Outbox, gen: Generation, message: string): void {
  const job = gen.job!;
  const conn = gen.conn;
  endGeneration(b, gen, 'finish', 'failed');
  end(out, job, { type: 'failed', ...jobIds(job), at: b.clock.now(), message, clientError: false }, 'reject');
  // The worker's own message stays out of the reason, which the workers endpoints show (it may quote the prompt).
  settle(b, out, gen.worker, job, false, 'the worker reported an error');
  if (conn && !conn.closed) out.feed(conn);
}

/** A check's lease (`timeoutMs`) ran out before the worker answered (fail.ts `leaseTimer`): too slow. */
export function timedOut(b: VerifyBooks, out: Outbox, gen: Generation): void {
  const job = gen.job!;
  const conn = gen.conn;
  const ms = b.settings.verification.timeoutMs;
  endGeneration(b, gen, 'abort', 'too slow');
  if (conn) out.cancelFrame(conn, gen.id);
  const message = `no answer within ${ms} ms`;
  end(out, job, { type: 'faulted', ...jobIds(job), at: b.clock.now(), message }, 'fault');
  settle(b, out, gen.worker, job, false, message);
  if (conn && !conn.closed) out.feed(conn);
}

/** The check of `worker` waiting or in flight; one abandoned with a connection (moves.ts `takeBack`) is forgotten. */
function openCheck(check: WorkerCheck): Job | null {
  const job = check.job;
  if (job && job.state !== 'new' && job.state !== 'leased' && job.state !== 'streaming') check.job = null;
  return check.job;
}

/** Builds the worker's next check as a /v1 chat request (the shape every /v1 job has) and keeps it waiting. */
function prepare(b: VerifyBooks, worker: Worker, kind: CheckJob['kind']): Job {
  const v = b.settings.verification;
  const now = b.clock.now();
  const words = checkWords(v.words);
  const request: ChatCompletionRequest = {
    model: pickOne(worker.models),
    messages: [{ role: 'user', content: checkPrompt(words) }],
    max_tokens: checkMaxTokens(words),
  };
  const spec = chatSpec(request);
  const req: Req = {
    id: uuid(),
    source: 'v1',
    account: b.verification.account,
    createdAt: now,
    chat: request,
    horde: null,
    image: null,
    jobs: [],
    open: 0,
    kudosEstimate: 0,
    charged: 0,
    listeners: null,
    log: null,
    check: { kind, worker, words },
  };
  const job: Job = {
    id: uuid(),
    req,
    index: 0,
    models: spec.models,
    maxLength: spec.maxLength,
    wantTokens: spec.wantTokens,
    maxContextLength: spec.maxContextLength,
    nsfw: false,
    trustedWorkers: false,
    allowWorkers: new Set([worker.id]),
    blockWorkers: null,
    seq: 0,
    createdAt: now,
    // Minted as a real /v1 job's seed is.
    seed: Math.floor(b.settings.random() * 2 ** 31),
    promptTokens: spec.promptTokens,
    routing: null,
    // Last: a literal that spreads first and then sets many fields is far slower to build (V8).
    ...freshJob(),
  };
  req.jobs.push(job);
  worker.check!.job = job;
  return job;
}

/** The check is over: the worker's verification moves on, and its next check is timed. */
function settle(
  b: VerifyBooks,
  out: Outbox,
  worker: Worker,
  job: Job,
  passed: boolean,
  why: string | null,
): void {
  const check = worker.check!;
  const v = b.settings.verification;
  const now = b.clock.now();
  const kind = job.req.check!.kind;
  if (check.job === job) check.job = null;
  check.lastFailure = passed ? check.lastFailure : why;
  if (kind === 'probe' && !passed) {
    check.state = 'failed';
    check.probesFailed++;
    const wait = retryDelayMs(v, check.probesFailed);
    check.retryAt = now + wait;
    b.verification.arm(worker, wait);
  } else {
    if (kind === 'probe') {
      check.state = 'verified';
      check.probesFailed = 0;
      check.retryAt = null;
      check.lastFailure = null;
    } else if (passed) check.canaries.passed++;
    else {
      check.canaries.failed++;
      worker.standing.failed(now, 'canary');
    }
    if (v.canaryEveryMs !== null) b.verification.arm(worker, v.canaryEveryMs);
  }
  out.gridEvent({
    type: 'worker.checked',
    at: now,
    workerId: worker.id,
    name: worker.name,
    check: kind,
    passed,
    reason: passed ? null : why,
  });
}

type Ending = Extract<JobEvent, { type: 'done' | 'failed' | 'faulted' }>;

/** Ends a check job. Not `moves.close`: a check is in no request book and counts in no grid statistic. */
function end(out: Outbox, job: Job, event: Ending, trigger: JobTrigger = 'complete'): void {
  move(job, trigger);
  out.jobEvent(job, event);
}
