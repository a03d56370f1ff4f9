/**
 * The grid core: one job queue, workers of both kinds, accounts, leases, strikes, rewards, stats.
 * Transport-free: doors translate their wire into these calls (see index.ts for the overview).
 */
import { Accounts, accountView, username } from './accounts.js';
import { type Clock, SystemClock } from './clock.js';
import { chooseModel, popPayload, servedMaxLength, wsPayload } from './convert.js';
import { Deque } from './deque.js';
import type { Account, Conn, Generation, Job, Req, Worker } from './entities.js';
import { GridError, type GridErrorCode } from './errors.js';
import { emptySkipped, JobQueue, type SkipReason } from './queue.js';
import { RateLimiter } from './ratelimit.js';
import { decodeMs, Stats } from './stats.js';
import { countCompletionTokens, round2 } from './tokens.js';
import type {
  AccountView,
  CompleteInput,
  CompleteResult,
  FailInput,
  FailResult,
  GridEvent,
  GridListener,
  GridOptions,
  JobEvent,
  JobListener,
  JobState,
  JobView,
  KeyEntry,
  PopCheckInInput,
  PopResult,
  ProgressInput,
  Scope,
  Submission,
  SubmitInput,
  WorkerRef,
  WorkerSink,
  WorkerView,
  WsRegisterInput,
  WsRegistration,
} from './types.js';
import { chatSpec, hordeSpec, type JobSpec } from './validate.js';
import {
  activeModelsView,
  heartbeatView,
  hordeStatusView,
  hordeUserView,
  hordeWorkerView,
  modelStatusView,
  performanceView,
  type ViewContext,
  workerListView,
  workerView,
} from './views.js';
import type {
  HordeActiveModel,
  HordeHeartbeat,
  HordePerformance,
  HordeTextStatus,
  HordeUserDetails,
  HordeWorkerDetails,
  ModelStatus,
  WorkerList,
} from './wire.js';

/** Defaults, each matching the live grid or upstream Horde where one exists (docs/mock-grid-core.md). */
export const GRID_DEFAULTS = {
  authMode: 'open' as const,
  allowAnonymous: true,
  startingBalance: 1000,
  maxInFlight: 24,
  chatRateLimit: { limit: 30, windowMs: 60_000 },
  hordeAsyncRateLimit: { limit: 2, windowMs: 1_000 },
  wsLeaseMs: 300_000,
  popLeaseMs: 150_000,
  popTtlSeconds: 86_400,
  maxAttempts: 3,
  popOfflineMs: 300_000,
  strikeLimit: 6,
  strikeWindowMs: 300_000,
  cooldownLadderMs: [30_000, 120_000, 600_000, 3_600_000],
  ladderResetMs: 3_600_000,
  denPerToken: 0.1,
  hordeTax: 1,
  upfrontKudos: false,
  retentionMs: 600_000,
  wsRetentionMs: 60_000,
  scanLimit: 64,
  workerMaxLength: 512,
  workerMaxContextLength: 2048,
};

/** Submit outcomes that mean "nothing to do": the door answers them (ack den 0) instead of failing. */
type StaleCode = NonNullable<FailResult['reason']>;
const STALE_CODES: ReadonlySet<GridErrorCode> = new Set<StaleCode>([
  'InvalidJobID',
  'DuplicateGen',
  'AbortedGen',
]);

interface Expiry {
  at: number;
  kind: 'req' | 'gen';
  id: string;
}

const TERMINAL: ReadonlySet<JobState> = new Set(['completed', 'failed', 'faulted', 'cancelled']);

type Settings = Required<Omit<GridOptions, 'clock' | 'keys' | 'rateLimits' | 'modelMultipliers'>> & {
  modelMultipliers: Record<string, number>;
};

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Where the 32 hex digits go in `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
const UUID_HEX_AT = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
const uuidCodes: number[] = Array.from({ length: 36 }, () => 45); // '-'

/**
 * A version-4-shaped UUID from `random` (4 draws of 32 bits). Built as one flat 36-char string:
 * `crypto.randomUUID()` strings cost ~490 bytes each on Node 20 (they keep a larger backing store),
 * which matters with 100,000 queued jobs. Not cryptographically strong; ids here only need to be
 * unique and UUID-shaped.
 */
function uuid(random: () => number): string {
  let k = 0;
  for (let word = 0; word < 4; word++) {
    let bits = (random() * 0x1_0000_0000) >>> 0;
    for (let nibble = 0; nibble < 8; nibble++, bits >>>= 4)
      uuidCodes[UUID_HEX_AT[k++]!] = HEX_CODES[bits & 15]!;
  }
  uuidCodes[14] = 52; // version 4
  uuidCodes[19] = HEX_CODES[8 + ((random() * 4) | 0)]!; // RFC 4122 variant
  return String.fromCharCode.apply(null, uuidCodes);
}

/** Models kept per worker, the rest are ignored (AI Horde `PopInput.models`: "at most 200 kept"). */
export const MAX_WORKER_MODELS = 200;

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export class Grid {
  readonly clock: Clock;
  readonly #s: Settings;
  readonly #accounts: Accounts;
  readonly #queue: JobQueue;
  readonly #stats = new Stats();
  readonly #chatLimiter: RateLimiter | null;
  readonly #hordeLimiter: RateLimiter | null;
  readonly #reqs = new Map<string, Req>();
  readonly #jobs = new Map<string, Job>();
  readonly #gens = new Map<string, Generation>();
  readonly #workers = new Map<string, Worker>();
  readonly #workersByName = new Map<string, Worker>();
  /**
   * Workers that may be online, by model and in all. Offline workers leave these sets (a WS worker when its
   * socket closes, a pop worker the first time a scan finds it past the 300 s rule) and come back on their next
   * register or pop, so a scan for an online worker never walks the workers that have gone away.
   */
  readonly #workersByModel = new Map<string, Set<Worker>>();
  readonly #maybeOnline = new Set<Worker>();
  #workersInspected = 0;
  readonly #conns = new Map<string, Conn>();
  readonly #idleAny = new Set<Conn>();
  readonly #idleByModel = new Map<string, Set<Conn>>();
  readonly #listeners = new Set<GridListener>();
  /** Two FIFOs, each in due-time order because each has one fixed delay. */
  readonly #retention = new Deque<Expiry>();
  readonly #wsRetention = new Deque<Expiry>();
  #seq = 0;
  readonly #feedQueue: Conn[] = [];
  #feeding = false;

  constructor(options: GridOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    const d = GRID_DEFAULTS;
    this.#s = {
      authMode: options.authMode ?? d.authMode,
      allowAnonymous: options.allowAnonymous ?? d.allowAnonymous,
      startingBalance: options.startingBalance ?? d.startingBalance,
      maxInFlight: options.maxInFlight ?? d.maxInFlight,
      wsLeaseMs: options.wsLeaseMs ?? d.wsLeaseMs,
      popLeaseMs: options.popLeaseMs ?? d.popLeaseMs,
      popTtlSeconds: options.popTtlSeconds ?? d.popTtlSeconds,
      maxAttempts: options.maxAttempts ?? d.maxAttempts,
      popOfflineMs: options.popOfflineMs ?? d.popOfflineMs,
      strikeLimit: options.strikeLimit ?? d.strikeLimit,
      strikeWindowMs: options.strikeWindowMs ?? d.strikeWindowMs,
      cooldownLadderMs: options.cooldownLadderMs ?? d.cooldownLadderMs,
      ladderResetMs: options.ladderResetMs ?? d.ladderResetMs,
      denPerToken: options.denPerToken ?? d.denPerToken,
      modelMultipliers: options.modelMultipliers ?? {},
      hordeTax: options.hordeTax ?? d.hordeTax,
      upfrontKudos: options.upfrontKudos ?? d.upfrontKudos,
      retentionMs: options.retentionMs ?? d.retentionMs,
      wsRetentionMs: options.wsRetentionMs ?? d.wsRetentionMs,
      scanLimit: options.scanLimit ?? d.scanLimit,
      random: options.random ?? Math.random,
    };
    const positive = [
      'maxInFlight',
      'wsLeaseMs',
      'popLeaseMs',
      'maxAttempts',
      'popOfflineMs',
      'strikeLimit',
      'strikeWindowMs',
      'retentionMs',
      'wsRetentionMs',
      'scanLimit',
    ] as const;
    for (const field of positive) {
      if (!(this.#s[field] > 0)) {
        throw new GridError('InvalidField', `${field} must be > 0, got ${this.#s[field]}`, {
          field,
          limit: '> 0',
        });
      }
    }
    const ladder = this.#s.cooldownLadderMs;
    if (ladder.length === 0 || ladder.some((ms) => !(ms >= 0))) {
      throw new GridError('InvalidField', 'cooldownLadderMs needs at least one step, each >= 0', {
        field: 'cooldownLadderMs',
      });
    }
    const limits = options.rateLimits;
    this.#chatLimiter = limits === false ? null : new RateLimiter('chat', limits?.chat ?? d.chatRateLimit);
    this.#hordeLimiter =
      limits === false ? null : new RateLimiter('hordeAsync', limits?.hordeAsync ?? d.hordeAsyncRateLimit);
    this.#accounts = new Accounts(
      {
        mode: this.#s.authMode,
        allowAnonymous: this.#s.allowAnonymous,
        startingBalance: this.#s.startingBalance,
        maxInFlight: this.#s.maxInFlight,
        now: () => this.clock.now(),
      },
      options.keys ?? [],
    );
    this.#queue = new JobQueue(this.#s.scanLimit, (job) => job.wantTokens ?? d.workerMaxLength);
  }

  // ---- accounts ----------------------------------------------------------------------------------------

  /** The account of `apiKey`, which must hold `scope` (throws MissingAPIKey, InvalidAPIKey, MissingScope,
   *  AnonForbiddenWorker). */
  authenticate(apiKey: string | undefined, scope: Scope): AccountView {
    return accountView(this.#accounts.authenticate(apiKey, scope));
  }

  /** Adds or updates a key at runtime (strict mode's only way in besides `options.keys`). */
  addKey(entry: KeyEntry): AccountView {
    return accountView(this.#accounts.add(entry));
  }

  /** The account of a key with its ledger, no scope needed. */
  account(apiKey: string | undefined): AccountView {
    return accountView(this.#accounts.lookup(apiKey));
  }

  // ---- jobs --------------------------------------------------------------------------------------------

  /**
   * Queues a request of `n` jobs (or, for a Horde `dry_run`, only prices it: `id` is '' and nothing is
   * queued). Checks in order: key and scope, rate limit, body, in-flight cap, model online (/v1 only),
   * upfront kudos.
   */
  submit(input: SubmitInput): Submission {
    this.#prune();
    const now = this.clock.now();
    const account = this.#accounts.authenticate(input.apiKey, 'inference.submit');
    const limiter = input.source === 'v1' ? this.#chatLimiter : this.#hordeLimiter;
    limiter?.hit(input.apiKey!, now);
    const spec: JobSpec = input.source === 'v1' ? chatSpec(input.request) : hordeSpec(input.request);

    let resolvedModel: string | null = null;
    if (input.source === 'v1') {
      resolvedModel = this.#resolveChatModel(spec.models[0]!);
      spec.models = [resolvedModel];
    }
    const allow = new Set<string>();
    for (const id of spec.workers) {
      if (!this.#workers.has(id)) {
        throw new GridError('WorkerNotFound', `Worker ID '${id}' not found`, { field: 'workers' });
      }
      allow.add(id);
    }
    const perJob = this.#jobCost(spec.models, spec.wantTokens ?? GRID_DEFAULTS.workerMaxLength);
    const kudos = round2(perJob * spec.n);
    const possible = this.#possible(spec.models);
    if (input.source === 'horde' && input.request.dry_run) {
      return { id: '', jobIds: [], kudos, possible, model: null };
    }
    if (account.inFlight + spec.n > account.maxInFlight) {
      throw new GridError(
        'TooManyPrompts',
        `Too many concurrent requests: ${account.inFlight} in flight, the limit is ${account.maxInFlight}`,
        { limit: account.maxInFlight },
      );
    }
    if (this.#s.upfrontKudos && account.balance < kudos) {
      throw new GridError(
        'KudosUpfront',
        `This request needs ${kudos} den upfront; the balance is ${account.balance}`,
        {
          limit: kudos,
        },
      );
    }

    const req: Req = {
      id: uuid(this.#s.random),
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
    this.#reqs.set(req.id, req);
    account.inFlight += spec.n;
    account.jobsRequested += spec.n;
    for (let index = 0; index < spec.n; index++) {
      const job: Job = {
        id: uuid(this.#s.random),
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
        seq: this.#seq++,
        createdAt: now,
        seed: spec.seed ?? Math.floor(this.#s.random() * 2 ** 31),
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
      this.#jobs.set(job.id, job);
    }
    // Queue all first, then push: a listener sees every `queued` before any `assigned`.
    for (const job of req.jobs) {
      this.#queue.add(job, false);
      this.#emit(job, { type: 'queued', ...this.#ids(job), at: now });
    }
    for (const job of req.jobs) if (job.state === 'queued') this.#push(job);
    return { id: req.id, jobIds: req.jobs.map((j) => j.id), kudos, possible, model: resolvedModel };
  }

  /** Horde-shaped status of a request (any source). Throws RequestNotFound. */
  status(requestId: string): HordeTextStatus {
    this.#prune();
    const req = this.#reqs.get(requestId);
    if (!req) throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
    return hordeStatusView(this.#ctx(), req);
  }

  /**
   * Cancels a whole request (request id) or one job (job id): queued jobs leave the queue, leased ones
   * are taken back and their WS worker gets `cancel`. Returns the request's status afterwards.
   */
  cancel(id: string): HordeTextStatus {
    this.#prune();
    const job = this.#jobs.get(id);
    const req = this.#reqs.get(id) ?? job?.req;
    if (!req) throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
    const targets = job ? [job] : [...req.jobs];
    for (const target of targets) this.#cancelJob(target);
    return hordeStatusView(this.#ctx(), req);
  }

  job(jobId: string): JobView | undefined {
    const job = this.#jobs.get(jobId);
    if (!job) return undefined;
    const gen = job.gen;
    return {
      id: job.id,
      requestId: job.req.id,
      index: job.index,
      source: job.req.source,
      state: job.state,
      model: gen?.model ?? job.result?.model ?? job.models[0] ?? null,
      models: [...job.models],
      maxLength: job.maxLength,
      maxContextLength: job.maxContextLength,
      attempts: job.failures,
      createdAt: job.createdAt,
      seed: job.seed,
      generationId: gen?.id ?? null,
      workerId: gen?.worker.id ?? job.result?.workerId ?? null,
      workerName: gen?.worker.name ?? job.result?.workerName ?? null,
      text: job.result?.text ?? '',
    };
  }

  /** Listens to one request's jobs (request id) or one job (job id) from now on. Returns unsubscribe. */
  subscribe(id: string, listener: JobListener): () => void {
    const owner: { listeners: JobListener[] | null } | undefined = this.#jobs.get(id) ?? this.#reqs.get(id);
    if (!owner) throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
    const list = owner.listeners ?? [];
    owner.listeners = list;
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** The grid-wide lifecycle stream (every job event plus worker and ledger events). */
  onEvent(listener: GridListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- WS workers --------------------------------------------------------------------------------------

  /**
   * Registers a WS worker connection. Throws MissingAPIKey/InvalidAPIKey (door: 4001), MissingScope,
   * AnonForbiddenWorker, WrongCredentials (name owned by another account), WorkerCooldown (door: 4003),
   * InvalidField. A live connection with the same name is closed with `replaced` and its job requeued.
   * Calls `sink.ready` and then pushes a queued job at once if one matches.
   */
  register(input: WsRegisterInput, sink: WorkerSink): WsRegistration {
    this.#prune();
    const now = this.clock.now();
    const account = this.#accounts.authenticate(input.apikey, 'worker.connect');
    const worker = this.#claimWorker(account, input.name, input.models, 'ws');
    if (worker.cooldownUntil !== null && now < worker.cooldownUntil) {
      throw new GridError('WorkerCooldown', `Worker '${worker.name}' was evicted; retry later`, {
        retryAfterMs: worker.cooldownUntil - now,
      });
    }
    const previous = worker.conn;
    this.#updateWorker(worker, {
      kind: 'ws',
      models: input.models ?? [],
      maxLength: input.max_length,
      maxContextLength: input.max_context_length,
      nsfw: input.nsfw,
      bridgeAgent: input.bridge_agent ?? 'grid-ws',
    });
    if (previous) {
      this.#dropConn(previous, 'replaced by a new connection');
      this.#callSink(previous, () =>
        previous.sink.close('replaced', 'Replaced by a newer connection with the same name'),
      );
    }
    const conn: Conn = {
      id: uuid(this.#s.random),
      worker,
      sink,
      current: null,
      connectedAt: now,
      idle: false,
      idleModels: [],
      closed: false,
    };
    this.#conns.set(conn.id, conn);
    worker.conn = conn;
    // Dropping the replaced connection above took the worker out of the scan sets.
    this.#indexWorker(worker);
    worker.lastSeenAt = now;
    const registration = { workerId: worker.id, connectionId: conn.id };
    this.#gridEmit({ type: 'worker.online', at: now, workerId: worker.id, name: worker.name, kind: 'ws' });
    this.#callSink(conn, () => sink.ready(registration));
    this.#feed(conn);
    return registration;
  }

  /** The connection is gone (socket closed): its in-flight job goes back to the front of the queue. */
  release(connectionId: string): void {
    const conn = this.#conns.get(connectionId);
    if (conn) this.#dropConn(conn, 'disconnected');
  }

  // ---- Horde pop workers -------------------------------------------------------------------------------

  /** Creates or updates a pop worker from a pop body (the check-in half of a pop). */
  checkIn(input: PopCheckInInput): WorkerView {
    this.#prune();
    const now = this.clock.now();
    const account = this.#accounts.authenticate(input.apikey, 'worker.connect');
    const worker = this.#claimWorker(account, input.name, input.models, 'pop');
    this.#updateWorker(worker, {
      kind: 'pop',
      models: input.models,
      maxLength: input.max_length,
      maxContextLength: input.max_context_length,
      nsfw: input.nsfw,
      bridgeAgent: input.bridge_agent ?? 'unknown:0:unknown',
      threads: input.threads,
    });
    const wasOnline = worker.lastPopAt !== null && now - worker.lastPopAt < this.#s.popOfflineMs;
    // Uptime accrues only between check-ins that are less than the offline threshold apart (§2.11).
    if (wasOnline) worker.uptimeMs += now - worker.lastPopAt!;
    else
      this.#gridEmit({ type: 'worker.online', at: now, workerId: worker.id, name: worker.name, kind: 'pop' });
    worker.lastPopAt = now;
    worker.lastSeenAt = now;
    return workerView(this.#ctx(), worker);
  }

  /** The oldest matching queued job for a (checked-in) worker, leased for `popLeaseMs`, with skip counts. */
  assign(workerId: string): PopResult {
    const worker = this.#workers.get(workerId);
    if (!worker) throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`);
    const skipped = emptySkipped();
    const job = this.#queue.take(worker, (j) => this.#check(j, worker), skipped);
    if (!job) return { workerId, job: null, skipped };
    const gen = this.#lease(job, worker, null);
    return {
      workerId,
      skipped,
      job: {
        id: gen.id,
        jobId: job.id,
        model: gen.model,
        payload: popPayload(job, worker),
        ttl: this.#s.popTtlSeconds,
      },
    };
  }

  /** `checkIn` + `assign`: one Horde pop. */
  pop(input: PopCheckInInput): PopResult {
    const view = this.checkIn(input);
    return this.assign(view.id);
  }

  // ---- results (both kinds) ----------------------------------------------------------------------------

  /** A token frame. Returns false (and does nothing) for a generation that is not live on that worker:
   *  tokens still in flight after a cancel are normal and not an error. */
  progress(input: ProgressInput): boolean {
    const gen = this.#gens.get(input.generationId);
    if (gen?.state !== 'active' || !this.#owns(gen, input.by)) return false;
    const job = gen.job!;
    const now = this.clock.now();
    if (gen.firstTokenAt === null) gen.firstTokenAt = now;
    if (job.state === 'leased') job.state = 'streaming';
    if (gen.conn) gen.deadline = now + this.#s.wsLeaseMs;
    if (input.finish_reason) gen.finishReason = input.finish_reason;
    this.#emit(job, { type: 'token', ...this.#ids(job), at: now, delta: input.delta });
    return true;
  }

  /**
   * A finished generation (WS `done`, Horde submit). Throws InvalidJobID (unknown id), WrongCredentials
   * (Horde key does not own the worker), DuplicateGen (already submitted), AbortedGen (no longer leased
   * to this worker: lease expired, cancelled, worker replaced). An empty completion that was not
   * cancelled, or Horde `state: "faulted"`, is a failure: strike + requeue, reward 0.
   */
  complete(input: CompleteInput): CompleteResult {
    this.#prune();
    const gen = this.#resolve(input.generationId, input.by);
    const text = input.text ?? '';
    const reasoning = input.reasoning ?? '';
    if (input.state === 'faulted') {
      this.#failGen(gen, 'The worker reported the generation as faulted', false);
      return { reward: 0 };
    }
    if (text.length === 0 && reasoning.length === 0 && !input.cancelled) {
      this.#failGen(gen, 'The worker returned an empty completion', false);
      return { reward: 0 };
    }
    const job = gen.job!;
    const worker = gen.worker;
    const requester = job.req.account;
    const now = this.clock.now();
    const tokens = countCompletionTokens(text + reasoning, gen.maxLength);
    const reward = round2(tokens * this.#multiplier(gen.model) * this.#s.denPerToken);
    const state = input.state ?? 'ok';
    // Censored output is not charged to the requester (§2.8); the worker is paid for its work.
    const charge = state === 'ok' ? round2(reward + this.#s.hordeTax) : 0;
    const genMs = now - gen.assignedAt;
    const ttftMs = (gen.firstTokenAt ?? now) - gen.assignedAt;
    const seed = input.seed ?? job.seed;
    const conn = gen.conn;
    this.#endGen(gen, 'done', null);

    worker.requestsFulfilled++;
    worker.tokensGenerated += tokens;
    worker.genTimeMs += genMs;
    worker.denEarned = round2(worker.denEarned + reward);
    const owner = worker.owner;
    owner.balance = round2(owner.balance + reward);
    owner.earned = round2(owner.earned + reward);
    owner.tokensGenerated += tokens;
    owner.jobsFulfilled++;
    this.#accounts.record(owner, {
      at: now,
      kind: 'earned',
      amount: reward,
      jobId: job.id,
      tokens,
      model: gen.model,
    });
    requester.balance = round2(requester.balance - charge);
    requester.spent = round2(requester.spent + charge);
    requester.tokensUsed += tokens;
    job.req.charged = round2(job.req.charged + charge);
    this.#accounts.record(requester, {
      at: now,
      kind: 'spent',
      amount: charge,
      jobId: job.id,
      tokens,
      model: gen.model,
    });
    const decode = decodeMs(genMs, ttftMs);
    this.#stats.record(gen.model, now, {
      tokens,
      genMs,
      decodeMs: decode,
      ttftMs,
      latencyMs: now - job.createdAt,
    });

    job.result = { text, seed, workerId: worker.id, workerName: worker.name, model: gen.model, state };
    const finish =
      input.finish_reason ??
      gen.finishReason ??
      (input.cancelled ? 'cancelled' : tokens >= gen.maxLength ? 'length' : 'stop');
    const requested = job.req.chat?.model;
    this.#terminal(job, 'completed');
    this.#emit(job, {
      type: 'done',
      ...this.#ids(job),
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
    this.#gridEmit({
      type: 'credited',
      at: now,
      jobId: job.id,
      account: username(owner),
      workerName: worker.name,
      den: reward,
    });
    this.#gridEmit({ type: 'charged', at: now, jobId: job.id, account: username(requester), den: charge });
    this.#finishReq(job.req);
    if (conn) this.#feed(conn);
    return { reward };
  }

  /**
   * A worker error. `clientError` (WS `client_error: true`): the job fails to the client (a 400), no
   * strike, no retry. Otherwise: a strike for a WS worker, and the job is requeued or faulted after
   * `maxAttempts` failures. Returns `{accepted: false}` instead of throwing for a generation that is
   * unknown, already finished or no longer this worker's: a worker answering a `cancel` with an `error`
   * frame is normal flow (like late token frames). Key problems (Horde) still throw.
   */
  fail(input: FailInput): FailResult {
    this.#prune();
    let gen: Generation;
    try {
      gen = this.#resolve(input.generationId, input.by);
    } catch (error) {
      if (error instanceof GridError && STALE_CODES.has(error.code)) {
        return { accepted: false, reason: error.code as StaleCode };
      }
      throw error;
    }
    this.#failGen(gen, input.message ?? 'The worker failed the generation', input.clientError ?? false);
    return { accepted: true };
  }

  // ---- views -------------------------------------------------------------------------------------------

  worker(idOrName: string): WorkerView | undefined {
    const worker = this.#workers.get(idOrName) ?? this.#workersByName.get(idOrName);
    return worker ? workerView(this.#ctx(), worker) : undefined;
  }

  /** Models with at least one online worker, sorted. */
  onlineModels(): string[] {
    const out: string[] = [];
    for (const [model, workers] of this.#workersByModel) {
      for (const w of workers) {
        if (this.#onlineOrForget(w)) {
          out.push(model);
          break;
        }
      }
    }
    return out.sort();
  }

  /** GET /v1/status/models */
  modelStatus(): ModelStatus[] {
    return modelStatusView(this.#ctx());
  }

  /** GET /v1/workers (online workers of both kinds) */
  workerList(): WorkerList {
    return workerListView(this.#ctx());
  }

  /** GET /api/v2/status/models?type=text */
  hordeModels(): HordeActiveModel[] {
    return activeModelsView(this.#ctx());
  }

  /** GET /api/v2/status/performance */
  hordePerformance(): HordePerformance {
    return performanceView(this.#ctx());
  }

  /** GET /api/v2/status/heartbeat */
  heartbeat(): HordeHeartbeat {
    return heartbeatView(this.#ctx());
  }

  /** GET /api/v2/workers: the active (online) workers, like the Horde's list. `hordeWorker(id)` also
   *  finds offline ones. */
  hordeWorkers(): HordeWorkerDetails[] {
    const ctx = this.#ctx();
    const out: HordeWorkerDetails[] = [];
    for (const w of this.#onlineWorkers()) out.push(hordeWorkerView(ctx, w));
    return out;
  }

  /** GET /api/v2/workers/{id}. Throws WorkerNotFound. */
  hordeWorker(workerId: string): HordeWorkerDetails {
    const worker = this.#workers.get(workerId);
    if (!worker)
      throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`, { field: 'worker_id' });
    return hordeWorkerView(this.#ctx(), worker);
  }

  /** GET /api/v2/find_user. Throws MissingAPIKey / InvalidAPIKey. */
  findUser(apiKey: string | undefined): HordeUserDetails {
    return hordeUserView(this.#ctx(), this.#accounts.lookup(apiKey));
  }

  /** Counters for tests and benchmarks: queue size and the number of queue entries ever inspected. */
  counters(): {
    queued: number;
    queuedTokens: number;
    inspected: number;
    workersInspected: number;
    /** Models with at least one worker that may be online (the index every `auto` request walks). */
    modelsIndexed: number;
    requests: number;
    generations: number;
  } {
    return {
      queued: this.#queue.size,
      queuedTokens: this.#queue.tokens,
      inspected: this.#queue.inspected,
      workersInspected: this.#workersInspected,
      modelsIndexed: this.#workersByModel.size,
      requests: this.#reqs.size,
      generations: this.#gens.size,
    };
  }

  /** Stops every lease timer and forgets listeners; the grid must not be used afterwards. */
  dispose(): void {
    for (const gen of this.#gens.values()) {
      if (gen.timer) this.clock.clearTimer(gen.timer);
      gen.timer = null;
    }
    this.#listeners.clear();
  }

  // ---- internals ---------------------------------------------------------------------------------------

  #ctx(): ViewContext {
    return {
      now: this.clock.now(),
      queue: this.#queue,
      stats: this.#stats,
      workers: this.#workers,
      online: (w) => this.#online(w),
      onlineWorkers: () => this.#onlineWorkers(),
      possible: (models) => this.#possible(models),
    };
  }

  #ids(job: Job): { jobId: string; requestId: string; index: number } {
    return { jobId: job.id, requestId: job.req.id, index: job.index };
  }

  #emit(job: Job, event: JobEvent): void {
    if (job.listeners) for (const l of [...job.listeners]) this.#safeCall(l, event);
    if (job.req.listeners) for (const l of [...job.req.listeners]) this.#safeCall(l, event);
    this.#gridEmit(event);
  }

  #gridEmit(event: GridEvent): void {
    for (const l of this.#listeners) this.#safeCall(l, event);
  }

  /** A throwing listener must not leave the core half-way through a transition: its error is rethrown
   *  from a microtask instead (it still surfaces as an uncaught error). */
  #safeCall<E>(listener: (e: E) => void, event: E): void {
    try {
      listener(event);
    } catch (error) {
      rethrowLater(error);
    }
  }

  #callSink(conn: Conn, call: () => void): void {
    try {
      call();
    } catch (error) {
      // A sink that cannot write is a dead connection.
      if (!conn.closed) this.#dropConn(conn, 'sink failed');
      rethrowLater(error);
    }
  }

  #online(worker: Worker): boolean {
    if (worker.conn) return true;
    return worker.lastPopAt !== null && this.clock.now() - worker.lastPopAt < this.#s.popOfflineMs;
  }

  /** `#online`, and an offline worker leaves the scan sets until it registers or pops again. */
  #onlineOrForget(worker: Worker): boolean {
    this.#workersInspected++;
    if (this.#online(worker)) return true;
    this.#forgetOffline(worker);
    return false;
  }

  #indexWorker(worker: Worker): void {
    for (const m of worker.models) {
      let set = this.#workersByModel.get(m);
      if (!set) {
        set = new Set();
        this.#workersByModel.set(m, set);
      }
      set.add(worker);
    }
    this.#maybeOnline.add(worker);
  }

  #forgetOffline(worker: Worker): void {
    for (const m of worker.models) {
      const set = this.#workersByModel.get(m);
      if (!set) continue;
      set.delete(worker);
      // A model nobody serves any more leaves the map too, so `onlineModels` (every `auto` request) stays small.
      if (set.size === 0) this.#workersByModel.delete(m);
    }
    this.#maybeOnline.delete(worker);
  }

  #onlineWorkers(): Worker[] {
    const out: Worker[] = [];
    for (const w of this.#maybeOnline) if (this.#onlineOrForget(w)) out.push(w);
    return out;
  }

  #possible(models: string[]): boolean {
    if (models.length === 0) {
      for (const w of this.#maybeOnline) if (this.#onlineOrForget(w)) return true;
      return false;
    }
    for (const model of models) {
      const set = this.#workersByModel.get(model);
      if (set) for (const w of set) if (this.#onlineOrForget(w)) return true;
    }
    return false;
  }

  /** /v1: `auto*` picks the online model with the most online workers; an offline model is refused. */
  #resolveChatModel(model: string): string {
    // The common case stays cheap: a concrete model with an online worker.
    if (!isAutoModel(model) && this.#possible([model])) return model;
    const online = this.onlineModels();
    if (online.length === 0) {
      throw new GridError('NoModelOnline', 'No compatible text workers are currently online.', {
        field: 'model',
      });
    }
    if (isAutoModel(model)) {
      let best = online[0]!;
      let bestCount = -1;
      for (const m of online) {
        let count = 0;
        for (const w of this.#workersByModel.get(m) ?? []) if (this.#onlineOrForget(w)) count++;
        if (count > bestCount) {
          best = m;
          bestCount = count;
        }
      }
      return best;
    }
    if (!online.includes(model)) {
      throw new GridError(
        'ModelNotOnline',
        `Model '${model}' is not available. Online models: [${online.join(', ')}]`,
        {
          field: 'model',
        },
      );
    }
    return model;
  }

  #multiplier(model: string): number {
    // Own keys only: a model named `__proto__` or `constructor` must not read Object.prototype (NaN kudos).
    const multipliers = this.#s.modelMultipliers;
    return Object.hasOwn(multipliers, model) ? (multipliers[model] ?? 1) : 1;
  }

  #jobCost(models: string[], tokens: number): number {
    let mult = models.length === 0 ? 1 : 0;
    for (const m of models) mult = Math.max(mult, this.#multiplier(m));
    return round2(tokens * mult * this.#s.denPerToken + this.#s.hordeTax);
  }

  /** Why `worker` cannot take `job` (beyond the model, which the lanes already decide), or null. */
  #check(job: Job, worker: Worker): SkipReason | null {
    if (job.maxLength !== null && job.maxLength > worker.maxLength) return 'max_length';
    if (job.maxContextLength !== null && job.maxContextLength > worker.maxContextLength)
      return 'max_context_length';
    if (job.nsfw && !worker.nsfw) return 'nsfw';
    if (job.trustedWorkers && !worker.owner.trusted) return 'untrusted';
    if (job.allowWorkers && !job.allowWorkers.has(worker.id)) return 'worker_id';
    if (job.blockWorkers?.has(worker.id)) return 'blacklist';
    return null;
  }

  #claimWorker(account: Account, name: unknown, models: unknown, kind: 'ws' | 'pop'): Worker {
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100) {
      throw new GridError('InvalidField', 'A worker needs a name of 1..100 characters', {
        field: 'name',
        limit: '1..100',
      });
    }
    if (
      !Array.isArray(models) ||
      models.length === 0 ||
      models.some((m) => typeof m !== 'string' || m.length === 0)
    ) {
      throw new GridError('InvalidField', 'A worker needs a non-empty list of model names', {
        field: 'models',
      });
    }
    const existing = this.#workersByName.get(name);
    if (existing) {
      if (existing.owner !== account) {
        throw new GridError('WrongCredentials', `Worker name '${name}' is registered to another account`, {
          field: 'name',
        });
      }
      return existing;
    }
    const now = this.clock.now();
    const worker: Worker = {
      id: uuid(this.#s.random),
      name,
      kind,
      owner: account,
      models: [],
      modelSet: new Set(),
      maxLength: GRID_DEFAULTS.workerMaxLength,
      maxContextLength: GRID_DEFAULTS.workerMaxContextLength,
      nsfw: true,
      threads: 1,
      bridgeAgent: '',
      createdAt: now,
      lastSeenAt: now,
      lastPopAt: null,
      uptimeMs: 0,
      conn: null,
      popGens: new Set(),
      requestsFulfilled: 0,
      tokensGenerated: 0,
      genTimeMs: 0,
      denEarned: 0,
      uncompletedJobs: 0,
      strikes: [],
      evictions: 0,
      lastEvictionEnd: null,
      cooldownUntil: null,
    };
    this.#workers.set(worker.id, worker);
    this.#workersByName.set(name, worker);
    account.workerIds.add(worker.id);
    return worker;
  }

  #updateWorker(
    worker: Worker,
    u: {
      kind: 'ws' | 'pop';
      models: string[];
      maxLength: number | undefined;
      maxContextLength: number | undefined;
      nsfw: boolean | undefined;
      bridgeAgent: string;
      threads?: number | undefined;
    },
  ): void {
    const positive = (v: number | undefined, field: string, fallback: number): number => {
      if (v === undefined || v === null) return fallback;
      if (!Number.isInteger(v) || v < 1) {
        throw new GridError('InvalidField', `${field} must be a positive integer`, { field, limit: '>= 1' });
      }
      return v;
    };
    const maxLength = positive(u.maxLength, 'max_length', GRID_DEFAULTS.workerMaxLength);
    const maxContextLength = positive(
      u.maxContextLength,
      'max_context_length',
      GRID_DEFAULTS.workerMaxContextLength,
    );
    const threads = positive(u.threads, 'threads', 1);
    this.#forgetOffline(worker);
    worker.kind = u.kind;
    // The Horde keeps the first 200 models of a pop (§2.7); the same cap bounds what one WS worker costs each
    // time it looks for a job (its model lanes) and what /v1/models walks.
    worker.models = [...new Set(u.models)].slice(0, MAX_WORKER_MODELS);
    worker.modelSet = new Set(worker.models);
    this.#indexWorker(worker);
    worker.maxLength = maxLength;
    worker.maxContextLength = maxContextLength;
    worker.nsfw = u.nsfw ?? true;
    worker.threads = threads;
    worker.bridgeAgent = u.bridgeAgent;
  }

  /** Gives a just-queued job to an idle WS connection that can take it (push, no polling). */
  #push(job: Job): void {
    if (this.#idleAny.size === 0) return;
    if (job.models.length === 0) {
      for (const conn of this.#idleAny) {
        if (this.#check(job, conn.worker) === null) {
          this.#lease(job, conn.worker, conn);
          return;
        }
      }
      return;
    }
    for (const model of job.models) {
      const idle = this.#idleByModel.get(model);
      if (!idle) continue;
      for (const conn of idle) {
        if (this.#check(job, conn.worker) === null) {
          this.#lease(job, conn.worker, conn);
          return;
        }
      }
    }
  }

  /**
   * A WS connection has a free slot: give it the oldest matching job or park it as idle. Trampolined: a
   * sink that answers a job synchronously (an in-process worker) re-enters here from `complete`, and
   * that connection is fed by the outer loop instead of recursing once per queued job.
   */
  #feed(conn: Conn): void {
    this.#feedQueue.push(conn);
    if (this.#feeding) return;
    this.#feeding = true;
    try {
      for (let next = this.#feedQueue.shift(); next; next = this.#feedQueue.shift()) this.#feedOne(next);
    } finally {
      this.#feeding = false;
    }
  }

  #feedOne(conn: Conn): void {
    if (conn.closed || conn.current) return;
    const job = this.#queue.take(conn.worker, (j) => this.#check(j, conn.worker), emptySkipped());
    if (job) this.#lease(job, conn.worker, conn);
    else this.#setIdle(conn, true);
  }

  #setIdle(conn: Conn, idle: boolean): void {
    if (conn.idle === idle) return;
    conn.idle = idle;
    if (idle) {
      this.#idleAny.add(conn);
      conn.idleModels = conn.worker.models;
      for (const model of conn.idleModels) {
        let set = this.#idleByModel.get(model);
        if (!set) {
          set = new Set();
          this.#idleByModel.set(model, set);
        }
        set.add(conn);
      }
    } else {
      this.#idleAny.delete(conn);
      for (const model of conn.idleModels) this.#idleByModel.get(model)?.delete(conn);
      conn.idleModels = [];
    }
  }

  #lease(job: Job, worker: Worker, conn: Conn | null): Generation {
    this.#queue.remove(job);
    const now = this.clock.now();
    const model = chooseModel(job, worker);
    const leaseMs = conn ? this.#s.wsLeaseMs : this.#s.popLeaseMs;
    const gen: Generation = {
      id: uuid(this.#s.random),
      job,
      jobId: job.id,
      worker,
      conn,
      model,
      maxLength: servedMaxLength(job, worker),
      state: 'active',
      abortReason: null,
      assignedAt: now,
      firstTokenAt: null,
      timer: null,
      deadline: now + leaseMs,
      finishReason: null,
      endedAt: 0,
    };
    gen.timer = this.clock.setTimer(() => this.#leaseTimer(gen), leaseMs);
    this.#gens.set(gen.id, gen);
    job.gen = gen;
    job.state = 'leased';
    if (conn) {
      this.#setIdle(conn, false);
      conn.current = gen;
    } else worker.popGens.add(gen);
    this.#emit(job, {
      type: 'assigned',
      ...this.#ids(job),
      at: now,
      worker: { id: worker.id, name: worker.name, kind: conn ? 'ws' : 'pop' },
      generationId: gen.id,
      model,
    });
    if (conn && gen.state === 'active') {
      const offer = { id: gen.id, model, payload: wsPayload(job, worker, model) };
      this.#callSink(conn, () => conn.sink.job(offer));
    }
    return gen;
  }

  #leaseTimer(gen: Generation): void {
    gen.timer = null;
    const now = this.clock.now();
    if (gen.state === 'active' && gen.deadline > now) {
      // Token frames pushed the deadline on; re-arm for the rest.
      gen.timer = this.clock.setTimer(() => this.#leaseTimer(gen), gen.deadline - now);
      return;
    }
    if (gen.state === 'aborted' && gen.conn?.current === gen) {
      // A cancelled job whose worker never confirmed: free the connection anyway.
      this.#freeDrained(gen.conn);
      return;
    }
    if (gen.state !== 'active') return;
    const job = gen.job!;
    const conn = gen.conn;
    gen.worker.uncompletedJobs++;
    this.#endGen(gen, 'aborted', 'lease expired');
    if (conn) this.#callSink(conn, () => conn.sink.cancel(gen.id));
    job.failures++;
    this.#retryOrFault(job, 'lease expired');
    if (conn) this.#feed(conn);
  }

  /**
   * Ends a generation. A WS connection whose job was cancelled stays busy ("draining") until the worker
   * answers the cancel with `done`/`error` or one more lease passes, so it never holds two jobs.
   */
  #endGen(gen: Generation, state: 'done' | 'aborted', reason: string | null, drain = false): void {
    if (gen.timer) this.clock.clearTimer(gen.timer);
    gen.timer = null;
    gen.state = state;
    gen.abortReason = reason;
    gen.endedAt = this.clock.now();
    if (gen.job) gen.job.gen = null;
    gen.job = null;
    if (gen.conn) {
      if (drain && !gen.conn.closed) {
        gen.timer = this.clock.setTimer(() => this.#leaseTimer(gen), this.#s.wsLeaseMs);
      } else if (gen.conn.current === gen) gen.conn.current = null;
    } else gen.worker.popGens.delete(gen);
    // A WS worker's late `done` is acked with den 0 whether the id is remembered or not, so WS
    // generations are forgotten sooner (memory at thousands of jobs per second).
    if (gen.conn)
      this.#wsRetention.pushBack({ at: gen.endedAt + this.#s.wsRetentionMs, kind: 'gen', id: gen.id });
    else this.#retention.pushBack({ at: gen.endedAt + this.#s.retentionMs, kind: 'gen', id: gen.id });
  }

  #freeDrained(conn: Conn): void {
    const gen = conn.current;
    if (!gen) return;
    if (gen.timer) this.clock.clearTimer(gen.timer);
    gen.timer = null;
    conn.current = null;
    this.#feed(conn);
  }

  /** Finds the generation a worker submits for, enforcing who may submit it and whether it is still live. */
  #resolve(generationId: string, by: WorkerRef): Generation {
    // The key first: a bad key is a 401 whatever the id (the live Horde crashed with a 500 here, §6.9).
    const account = 'apiKey' in by ? this.#accounts.lookup(by.apiKey) : null;
    const gen = this.#gens.get(generationId);
    if (!gen)
      throw new GridError('InvalidJobID', `Processing Generation with ID ${generationId} does not exist.`, {
        field: 'id',
      });
    if (account) {
      if (gen.worker.owner !== account) {
        throw new GridError('WrongCredentials', 'This API key does not own the worker of this generation');
      }
      // The owner's WS connection holds it: a Horde submit cannot finish it.
      if (gen.conn) {
        throw new GridError('AbortedGen', 'This generation is leased to a WebSocket connection', {
          field: 'id',
        });
      }
    }
    const sameConn = 'connectionId' in by && gen.conn !== null && gen.conn.id === by.connectionId;
    if ('connectionId' in by && !sameConn) {
      throw new GridError('AbortedGen', 'This generation is not leased to this connection', { field: 'id' });
    }
    if (gen.state === 'done') {
      throw new GridError('DuplicateGen', 'This generation was already submitted', { field: 'id' });
    }
    if (gen.state === 'aborted') {
      if (gen.conn && gen.conn.current === gen) this.#freeDrained(gen.conn);
      throw new GridError('AbortedGen', `This generation was aborted (${gen.abortReason ?? 'stale'})`, {
        field: 'id',
      });
    }
    return gen;
  }

  #owns(gen: Generation, by: WorkerRef): boolean {
    if ('connectionId' in by) return gen.conn !== null && gen.conn.id === by.connectionId;
    try {
      return gen.conn === null && gen.worker.owner === this.#accounts.lookup(by.apiKey);
    } catch {
      return false;
    }
  }

  #failGen(gen: Generation, message: string, clientError: boolean): void {
    const job = gen.job!;
    const conn = gen.conn;
    const worker = gen.worker;
    const now = this.clock.now();
    this.#endGen(gen, 'done', clientError ? 'client error' : 'failed');
    if (clientError) {
      this.#stats.failed++;
      this.#terminal(job, 'failed');
      this.#emit(job, { type: 'failed', ...this.#ids(job), at: now, message, clientError: true });
      this.#finishReq(job.req);
    } else {
      worker.uncompletedJobs++;
      job.failures++;
      this.#retryOrFault(job, message);
      if (conn) this.#strike(worker);
    }
    if (conn && !conn.closed) this.#feed(conn);
  }

  #retryOrFault(job: Job, reason: string): void {
    const now = this.clock.now();
    if (job.failures >= this.#s.maxAttempts) {
      this.#stats.faulted++;
      this.#terminal(job, 'faulted');
      this.#emit(job, {
        type: 'faulted',
        ...this.#ids(job),
        at: now,
        message: `The job failed ${job.failures} times (last: ${reason})`,
      });
      // A faulted request is done (Horde: the waiting prompt is faulted): its other jobs stop.
      for (const sibling of job.req.jobs) this.#cancelJob(sibling);
      this.#finishReq(job.req);
      return;
    }
    job.state = 'queued';
    this.#queue.add(job, true);
    this.#emit(job, { type: 'requeued', ...this.#ids(job), at: now, reason });
    this.#push(job);
  }

  #strike(worker: Worker): void {
    const now = this.clock.now();
    const windowStart = now - this.#s.strikeWindowMs;
    while (worker.strikes.length > 0 && worker.strikes[0]! <= windowStart) worker.strikes.shift();
    worker.strikes.push(now);
    this.#gridEmit({
      type: 'worker.strike',
      at: now,
      workerId: worker.id,
      name: worker.name,
      strikes: worker.strikes.length,
    });
    if (worker.strikes.length >= this.#s.strikeLimit) this.#evict(worker);
  }

  #evict(worker: Worker): void {
    const now = this.clock.now();
    if (worker.lastEvictionEnd !== null && now - worker.lastEvictionEnd >= this.#s.ladderResetMs)
      worker.evictions = 0;
    const ladder = this.#s.cooldownLadderMs;
    const cooldownMs = ladder[Math.min(worker.evictions, ladder.length - 1)]!;
    worker.evictions++;
    worker.cooldownUntil = now + cooldownMs;
    worker.lastEvictionEnd = now + cooldownMs;
    worker.strikes = [];
    this.#gridEmit({ type: 'worker.evicted', at: now, workerId: worker.id, name: worker.name, cooldownMs });
    const conn = worker.conn;
    if (conn) {
      this.#dropConn(conn, 'evicted');
      this.#callSink(conn, () =>
        conn.sink.close(
          'evicted',
          `Too many failed jobs; reconnect allowed in ${Math.ceil(cooldownMs / 1000)} s`,
        ),
      );
    }
  }

  #dropConn(conn: Conn, reason: string): void {
    if (conn.closed) return;
    const now = this.clock.now();
    this.#setIdle(conn, false);
    conn.closed = true;
    this.#conns.delete(conn.id);
    const worker = conn.worker;
    if (worker.conn === conn) worker.conn = null;
    if (!this.#online(worker)) this.#forgetOffline(worker);
    worker.uptimeMs += now - conn.connectedAt;
    worker.lastSeenAt = now;
    const gen = conn.current;
    conn.current = null;
    if (gen) {
      if (gen.state === 'active') {
        const job = gen.job!;
        this.#endGen(gen, 'aborted', `worker ${reason}`);
        // A disconnect is not the job's fault: back to the front, no failure counted.
        job.state = 'queued';
        this.#queue.add(job, true);
        this.#emit(job, { type: 'requeued', ...this.#ids(job), at: now, reason: `worker ${reason}` });
        this.#push(job);
      } else if (gen.timer) {
        this.clock.clearTimer(gen.timer);
        gen.timer = null;
      }
    }
    this.#gridEmit({ type: 'worker.offline', at: now, workerId: worker.id, name: worker.name, reason });
  }

  #cancelJob(job: Job): void {
    if (TERMINAL.has(job.state)) return;
    const now = this.clock.now();
    this.#queue.remove(job);
    const gen = job.gen;
    if (gen) {
      const conn = gen.conn;
      this.#endGen(gen, 'aborted', 'cancelled', conn !== null);
      if (conn) this.#callSink(conn, () => conn.sink.cancel(gen.id));
    }
    this.#stats.cancelled++;
    this.#terminal(job, 'cancelled');
    this.#emit(job, { type: 'cancelled', ...this.#ids(job), at: now });
    this.#finishReq(job.req);
  }

  #terminal(job: Job, state: JobState): void {
    job.state = state;
    job.req.open--;
    job.req.account.inFlight--;
  }

  /** When a request has no open job left: /v1 requests are forgotten at once (nothing polls them); Horde
   *  requests stay readable by `status` for `retentionMs`. */
  #finishReq(req: Req): void {
    if (req.open > 0 || !this.#reqs.has(req.id)) return;
    if (req.source === 'v1') this.#forget(req);
    else this.#retention.pushBack({ at: this.clock.now() + this.#s.retentionMs, kind: 'req', id: req.id });
  }

  #forget(req: Req): void {
    this.#reqs.delete(req.id);
    for (const job of req.jobs) this.#jobs.delete(job.id);
  }

  /** Drops finished requests and generation tombstones past their retention. Amortised O(1). */
  #prune(): void {
    const now = this.clock.now();
    for (const fifo of [this.#retention, this.#wsRetention]) {
      for (let head = fifo.at(0); head && head.at <= now; head = fifo.at(0)) {
        fifo.shift();
        if (head.kind === 'gen') {
          const gen = this.#gens.get(head.id);
          if (gen && gen.state !== 'active' && gen.conn?.current !== gen) this.#gens.delete(head.id);
        } else {
          const req = this.#reqs.get(head.id);
          if (req) this.#forget(req);
        }
      }
    }
  }
}

/** `auto` and other `auto*` virtual models (`auto-fast`, `auto:code`, …) are routed by the grid. */
function isAutoModel(model: string): boolean {
  return model === 'auto' || model.startsWith('auto-') || model.startsWith('auto:');
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
