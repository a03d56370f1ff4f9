/**
 * Requests and their jobs, from submit to forgotten: the submit checks, queuing the `n` jobs, a job's
 * terminal state, cancelling, and forgetting finished requests and generation tombstones after retention.
 */
import { callSink } from './connections.js';
import { push } from './dispatch.js';
import type { Job, Req } from './entities.js';
import { GridError } from './errors.js';
import { emit, jobIds } from './events.js';
import { uuid } from './ids.js';
import { endGen } from './leases.js';
import { resolveChatModel } from './model-routing.js';
import { jobCost } from './pricing.js';
import { GRID_DEFAULTS } from './settings.js';
import type { GridState } from './state.js';
import { round2 } from './tokens.js';
import type { JobState, Submission, SubmitInput } from './types.js';
import { chatSpec, hordeSpec, type JobSpec } from './validate.js';
import { possible } from './worker-registry.js';

const TERMINAL: ReadonlySet<JobState> = new Set(['completed', 'failed', 'faulted', 'cancelled']);

/** `Grid.submit`: see there for the order of the checks. */
export function submit(state: GridState, input: SubmitInput): Submission {
  const now = state.clock.now();
  const account = state.accounts.authenticate(input.apiKey, 'inference.submit');
  const limiter = input.source === 'v1' ? state.chatLimiter : state.hordeLimiter;
  limiter?.hit(input.apiKey!, now);
  const spec: JobSpec = input.source === 'v1' ? chatSpec(input.request) : hordeSpec(input.request);

  let resolvedModel: string | null = null;
  if (input.source === 'v1') {
    resolvedModel = resolveChatModel(state, spec.models[0]!);
    spec.models = [resolvedModel];
  }
  const allow = new Set<string>();
  for (const id of spec.workers) {
    if (!state.workers.has(id)) {
      throw new GridError('WorkerNotFound', `Worker ID '${id}' not found`, { field: 'workers' });
    }
    allow.add(id);
  }
  const perJob = jobCost(state.settings, spec.models, spec.wantTokens ?? GRID_DEFAULTS.workerMaxLength);
  const kudos = round2(perJob * spec.n);
  const isPossible = possible(state, spec.models);
  if (input.source === 'horde' && input.request.dry_run) {
    return { id: '', jobIds: [], kudos, possible: isPossible, model: null };
  }
  if (account.inFlight + spec.n > account.maxInFlight) {
    throw new GridError(
      'TooManyPrompts',
      `Too many concurrent requests: ${account.inFlight} in flight, the limit is ${account.maxInFlight}`,
      { limit: account.maxInFlight },
    );
  }
  if (state.settings.upfrontKudos && account.balance < kudos) {
    throw new GridError(
      'KudosUpfront',
      `This request needs ${kudos} den upfront; the balance is ${account.balance}`,
      {
        limit: kudos,
      },
    );
  }

  const req: Req = {
    id: uuid(state.settings.random),
    source: input.source,
    account,
    createdAt: now,
    chat: input.source === 'v1' ? input.request : null,
    horde: input.source === 'horde' ? input.request : null,
    jobs: [],
    open: spec.n,
    kudosEstimate: kudos,
    charged: 0,
    listeners: input.listener ? [input.listener] : null,
  };
  state.reqs.set(req.id, req);
  account.inFlight += spec.n;
  account.jobsRequested += spec.n;
  for (let index = 0; index < spec.n; index++) {
    const job: Job = {
      id: uuid(state.settings.random),
      req,
      index,
      state: 'queued',
      models: spec.models,
      maxLength: spec.maxLength,
      wantTokens: spec.wantTokens,
      maxContextLength: spec.maxContextLength,
      nsfw: spec.nsfw,
      trustedWorkers: spec.trustedWorkers,
      allowWorkers: allow.size > 0 && !spec.workerBlacklist ? allow : null,
      blockWorkers: allow.size > 0 && spec.workerBlacklist ? allow : null,
      seq: state.seq++,
      createdAt: now,
      seed: spec.seed ?? Math.floor(state.settings.random() * 2 ** 31),
      promptTokens: spec.promptTokens,
      failures: 0,
      nodes: [],
      inQueue: false,
      scan: 0,
      gen: null,
      listeners: null,
      result: null,
    };
    req.jobs.push(job);
    state.jobs.set(job.id, job);
  }
  // Queue all first, then push: a listener sees every `queued` before any `assigned`.
  for (const job of req.jobs) {
    state.queue.add(job, false);
    emit(state, job, { type: 'queued', ...jobIds(job), at: now });
  }
  for (const job of req.jobs) if (job.state === 'queued') push(state, job);
  return { id: req.id, jobIds: req.jobs.map((j) => j.id), kudos, possible: isPossible, model: resolvedModel };
}

/** Moves a job to a terminal state: it no longer counts as open or in flight. */
export function closeJob(job: Job, jobState: JobState): void {
  job.state = jobState;
  job.req.open--;
  job.req.account.inFlight--;
}

/** Queued: out of the queue. Leased: the generation is aborted and a WS worker gets `cancel`. */
export function cancelJob(state: GridState, job: Job): void {
  if (TERMINAL.has(job.state)) return;
  const now = state.clock.now();
  state.queue.remove(job);
  const gen = job.gen;
  if (gen) {
    const conn = gen.conn;
    endGen(state, gen, 'aborted', 'cancelled', conn !== null);
    if (conn) callSink(state, conn, () => conn.sink.cancel(gen.id));
  }
  state.stats.cancelled++;
  closeJob(job, 'cancelled');
  emit(state, job, { type: 'cancelled', ...jobIds(job), at: now });
  finishReq(state, job.req);
}

/** When a request has no open job left: /v1 requests are forgotten at once (nothing polls them); Horde
 *  requests stay readable by `status` for `retentionMs`. */
export function finishReq(state: GridState, req: Req): void {
  if (req.open > 0 || !state.reqs.has(req.id)) return;
  if (req.source === 'v1') forget(state, req);
  else
    state.retention.pushBack({ at: state.clock.now() + state.settings.retentionMs, kind: 'req', id: req.id });
}

function forget(state: GridState, req: Req): void {
  state.reqs.delete(req.id);
  for (const job of req.jobs) state.jobs.delete(job.id);
}

/** Drops finished requests and generation tombstones past their retention. Amortised O(1). */
export function prune(state: GridState): void {
  const now = state.clock.now();
  for (const fifo of [state.retention, state.wsRetention]) {
    for (let head = fifo.at(0); head && head.at <= now; head = fifo.at(0)) {
      fifo.shift();
      if (head.kind === 'gen') {
        const gen = state.gens.get(head.id);
        if (gen && gen.state !== 'active' && gen.conn?.current !== gen) state.gens.delete(head.id);
      } else {
        const req = state.reqs.get(head.id);
        if (req) forget(state, req);
      }
    }
  }
}
