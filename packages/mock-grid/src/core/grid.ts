/**
 * The grid core's public face: one `Grid` whose methods are the calls the doors make (see index.ts for
 * the overview). The rules live in the modules it wires, plain functions over the shared `GridState`
 * (state.ts); docs/mock-grid-core.md lists which file holds what.
 */

import type {
  HordeActiveModel,
  HordeHeartbeat,
  HordePerformance,
  HordeTextStatus,
  HordeUserDetails,
  HordeWorkerDetails,
  ModelStatus,
  WorkerList,
} from '@aipg/sdk';
import { accountView } from './accounts.js';
import { type Clock, SystemClock } from './clock.js';
import { completeGen } from './completion.js';
import { connect, dropConn } from './connections.js';
import { popPayload } from './convert.js';
import type { Generation } from './entities.js';
import { GridError, type GridErrorCode } from './errors.js';
import { failGen } from './failures.js';
import { lease, progress, resolve } from './leases.js';
import { unfit } from './matching.js';
import { emptySkipped } from './queue.js';
import { cancelJob, prune, submit } from './requests.js';
import { createState, type GridState } from './state.js';
import type {
  AccountView,
  CompleteInput,
  CompleteResult,
  FailInput,
  FailResult,
  GridListener,
  GridOptions,
  JobListener,
  JobView,
  KeyEntry,
  PopCheckInInput,
  PopResult,
  ProgressInput,
  Scope,
  Submission,
  SubmitInput,
  WorkerSink,
  WorkerView,
  WsRegisterInput,
  WsRegistration,
} from './types.js';
import {
  activeModelsView,
  heartbeatView,
  hordeStatusView,
  hordeUserView,
  hordeWorkerView,
  jobView,
  modelStatusView,
  performanceView,
  type ViewContext,
  workerListView,
  workerView,
} from './views.js';
import { checkIn, isOnline, onlineModels, onlineWorkers, possible } from './worker-registry.js';

export { GRID_DEFAULTS } from './settings.js';
export { MAX_WORKER_MODELS } from './worker-registry.js';

/** Submit outcomes that mean "nothing to do": the door answers them (ack den 0) instead of failing. */
type StaleCode = NonNullable<FailResult['reason']>;
const STALE_CODES: ReadonlySet<GridErrorCode> = new Set<StaleCode>([
  'InvalidJobID',
  'DuplicateGen',
  'AbortedGen',
]);

export class Grid {
  readonly clock: Clock;
  readonly #state: GridState;

  constructor(options: GridOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.#state = createState(options, this.clock);
  }

  // ---- accounts ----------------------------------------------------------------------------------------

  /** The account of `apiKey`, which must hold `scope` (throws MissingAPIKey, InvalidAPIKey, MissingScope,
   *  AnonForbiddenWorker). */
  authenticate(apiKey: string | undefined, scope: Scope): AccountView {
    return accountView(this.#state.accounts.authenticate(apiKey, scope));
  }

  /** Adds or updates a key at runtime (strict mode's only way in besides `options.keys`). */
  addKey(entry: KeyEntry): AccountView {
    return accountView(this.#state.accounts.add(entry));
  }

  /** The account of a key with its ledger, no scope needed. */
  account(apiKey: string | undefined): AccountView {
    return accountView(this.#state.accounts.lookup(apiKey));
  }

  // ---- jobs --------------------------------------------------------------------------------------------

  /**
   * Queues a request of `n` jobs (or, for a Horde `dry_run`, only prices it: `id` is '' and nothing is
   * queued). Checks in order: key and scope, rate limit, body, in-flight cap, model online (/v1 only),
   * upfront kudos.
   */
  submit(input: SubmitInput): Submission {
    prune(this.#state);
    return submit(this.#state, input);
  }

  /** Horde-shaped status of a request (any source). Throws RequestNotFound. */
  status(requestId: string): HordeTextStatus {
    prune(this.#state);
    const req = this.#state.reqs.get(requestId);
    if (!req) throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
    return hordeStatusView(this.#ctx(), req);
  }

  /**
   * Cancels a whole request (request id) or one job (job id): queued jobs leave the queue, leased ones
   * are taken back and their WS worker gets `cancel`. Returns the request's status afterwards.
   */
  cancel(id: string): HordeTextStatus {
    const state = this.#state;
    prune(state);
    const job = state.jobs.get(id);
    const req = state.reqs.get(id) ?? job?.req;
    if (!req) throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
    const targets = job ? [job] : [...req.jobs];
    for (const target of targets) cancelJob(state, target);
    return hordeStatusView(this.#ctx(), req);
  }

  job(jobId: string): JobView | undefined {
    const job = this.#state.jobs.get(jobId);
    return job ? jobView(job) : undefined;
  }

  /** Listens to one request's jobs (request id) or one job (job id) from now on. Returns unsubscribe. */
  subscribe(id: string, listener: JobListener): () => void {
    const owner: { listeners: JobListener[] | null } | undefined =
      this.#state.jobs.get(id) ?? this.#state.reqs.get(id);
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
    const listeners = this.#state.listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  // ---- WS workers --------------------------------------------------------------------------------------

  /**
   * Registers a WS worker connection. Throws MissingAPIKey/InvalidAPIKey (door: 4001), MissingScope,
   * AnonForbiddenWorker, WrongCredentials (name owned by another account), WorkerCooldown (door: 4003),
   * InvalidField. A live connection with the same name is closed with `replaced` and its job requeued.
   * Calls `sink.ready` and then pushes a queued job at once if one matches.
   */
  register(input: WsRegisterInput, sink: WorkerSink): WsRegistration {
    prune(this.#state);
    return connect(this.#state, input, sink);
  }

  /** The connection is gone (socket closed): its in-flight job goes back to the front of the queue. */
  release(connectionId: string): void {
    const conn = this.#state.conns.get(connectionId);
    if (conn) dropConn(this.#state, conn, 'disconnected');
  }

  // ---- Horde pop workers -------------------------------------------------------------------------------

  /** Creates or updates a pop worker from a pop body (the check-in half of a pop). */
  checkIn(input: PopCheckInInput): WorkerView {
    prune(this.#state);
    const worker = checkIn(this.#state, input);
    return workerView(this.#ctx(), worker);
  }

  /** The oldest matching queued job for a (checked-in) worker, leased for `popLeaseMs`, with skip counts. */
  assign(workerId: string): PopResult {
    const state = this.#state;
    const worker = state.workers.get(workerId);
    if (!worker) throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`);
    const skipped = emptySkipped();
    const job = state.queue.take(worker, (j) => unfit(j, worker), skipped);
    if (!job) return { workerId, job: null, skipped };
    const gen = lease(state, job, worker, null);
    return {
      workerId,
      skipped,
      job: {
        id: gen.id,
        jobId: job.id,
        model: gen.model,
        payload: popPayload(job, worker),
        ttl: state.settings.popTtlSeconds,
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
    return progress(this.#state, input);
  }

  /**
   * A finished generation (WS `done`, Horde submit). Throws InvalidJobID (unknown id), WrongCredentials
   * (Horde key does not own the worker), DuplicateGen (already submitted), AbortedGen (no longer leased
   * to this worker: lease expired, cancelled, worker replaced). An empty completion that was not
   * cancelled, or Horde `state: "faulted"`, is a failure: strike + requeue, reward 0.
   */
  complete(input: CompleteInput): CompleteResult {
    const state = this.#state;
    prune(state);
    const gen = resolve(state, input.generationId, input.by);
    const text = input.text ?? '';
    const reasoning = input.reasoning ?? '';
    if (input.state === 'faulted') {
      failGen(state, gen, 'The worker reported the generation as faulted', false);
      return { reward: 0 };
    }
    if (text.length === 0 && reasoning.length === 0 && !input.cancelled) {
      failGen(state, gen, 'The worker returned an empty completion', false);
      return { reward: 0 };
    }
    return { reward: completeGen(state, gen, input, text, reasoning) };
  }

  /**
   * A worker error. `clientError` (WS `client_error: true`): the job fails to the client (a 400), no
   * strike, no retry. Otherwise: a strike for a WS worker, and the job is requeued or faulted after
   * `maxAttempts` failures. Returns `{accepted: false}` instead of throwing for a generation that is
   * unknown, already finished or no longer this worker's: a worker answering a `cancel` with an `error`
   * frame is normal flow (like late token frames). Key problems (Horde) still throw.
   */
  fail(input: FailInput): FailResult {
    const state = this.#state;
    prune(state);
    let gen: Generation;
    try {
      gen = resolve(state, input.generationId, input.by);
    } catch (error) {
      if (error instanceof GridError && STALE_CODES.has(error.code)) {
        return { accepted: false, reason: error.code as StaleCode };
      }
      throw error;
    }
    failGen(state, gen, input.message ?? 'The worker failed the generation', input.clientError ?? false);
    return { accepted: true };
  }

  // ---- views -------------------------------------------------------------------------------------------

  worker(idOrName: string): WorkerView | undefined {
    const worker = this.#state.workers.get(idOrName) ?? this.#state.workersByName.get(idOrName);
    return worker ? workerView(this.#ctx(), worker) : undefined;
  }

  /** Models with at least one online worker, sorted. */
  onlineModels(): string[] {
    return onlineModels(this.#state);
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
    for (const w of onlineWorkers(this.#state)) out.push(hordeWorkerView(ctx, w));
    return out;
  }

  /** GET /api/v2/workers/{id}. Throws WorkerNotFound. */
  hordeWorker(workerId: string): HordeWorkerDetails {
    const worker = this.#state.workers.get(workerId);
    if (!worker)
      throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`, { field: 'worker_id' });
    return hordeWorkerView(this.#ctx(), worker);
  }

  /** GET /api/v2/find_user. Throws MissingAPIKey / InvalidAPIKey. */
  findUser(apiKey: string | undefined): HordeUserDetails {
    return hordeUserView(this.#ctx(), this.#state.accounts.lookup(apiKey));
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
    const state = this.#state;
    return {
      queued: state.queue.size,
      queuedTokens: state.queue.tokens,
      inspected: state.queue.inspected,
      workersInspected: state.workersInspected,
      modelsIndexed: state.workersByModel.size,
      requests: state.reqs.size,
      generations: state.gens.size,
    };
  }

  /** Stops every lease timer and forgets listeners; the grid must not be used afterwards. */
  dispose(): void {
    for (const gen of this.#state.gens.values()) {
      if (gen.timer) this.clock.clearTimer(gen.timer);
      gen.timer = null;
    }
    this.#state.listeners.clear();
  }

  #ctx(): ViewContext {
    const state = this.#state;
    return {
      now: this.clock.now(),
      queue: state.queue,
      stats: state.stats,
      workers: state.workers,
      online: (w) => isOnline(state, w),
      onlineWorkers: () => onlineWorkers(state),
      possible: (models) => possible(state, models),
    };
  }
}
