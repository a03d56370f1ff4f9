/**
 * The grid core's public face: `GridCore`, whose methods are the calls the doors make (index.ts has the
 * overview). Each call runs one rule (rules/, one file per trigger) over the books (books/) and then
 * delivers the effects the rule queued (outbox.ts): events, frames to WS sinks, and follow-up commands,
 * which this class routes to their rules. docs/mock-grid-core.md "How the core is built" has the layers.
 */
import type {
  Batch,
  BatchList,
  ChatCompletionRequest,
  FileDeleted,
  FileList,
  FileObject,
  HordeActiveModel,
  HordeHeartbeat,
  HordeModes,
  HordePerformance,
  HordeProgress,
  HordeTextModelStats,
  HordeTextStatsTotals,
  HordeTextStatus,
  HordeUserDetails,
  HordeWorkerDetails,
  ModelStatus,
  UsageReport,
  WorkerList,
} from '@aipg/sdk';
import { BatchRunner, type CreateBatchInput, type CreateFileInput } from './batch-runner.js';
import { ANONYMOUS_KEY, accountView } from './books/accounts.js';
import type { EventLog, WatchListener } from './books/events.js';
import { FileBook } from './books/files.js';
import { type Books, createBooks } from './books/index.js';
import { type Clock, SystemClock, type TimerHandle } from './clock.js';
import type { Account, Generation, Req, Worker } from './entities.js';
import { GridError } from './errors.js';
import { type Ack, type CommandRunner, Outbox } from './outbox.js';
import { isStale, resolve, type StaleCode } from './ownership.js';
import { assignImagePop, assignPop, dispatch, feed } from './rules/assign.js';
import { cancel } from './rules/cancel.js';
import { complete, completeImages } from './rules/complete.js';
import { strike } from './rules/discipline.js';
import { fail, giveBack, leaseTimer } from './rules/fail.js';
import { liveMediaGeneration, mediaProgress, progress } from './rules/progress.js';
import { checkIn, checkInImage, connect } from './rules/register.js';
import { release } from './rules/release.js';
import { submit, submitImage } from './rules/submit.js';
import { sweep } from './rules/sweep.js';
import { due } from './rules/verify.js';
import { type BatchSettings, resolveSettings } from './settings.js';
import type {
  AccountView,
  CompleteInput,
  CompleteResult,
  FailInput,
  FailResult,
  GridListener,
  GridOptions,
  ImagePopCheckInInput,
  ImagePopResult,
  ImageStatusView,
  ImageSubmitInput,
  ImageSubmitResultInput,
  JobListener,
  JobView,
  KeyEntry,
  MediaDoneInput,
  MediaProgressInput,
  MediaSlot,
  PopCheckInInput,
  PopResult,
  ProgressInput,
  RequestAsker,
  RetainedEvents,
  Scope,
  SignerView,
  Submission,
  SubmitInput,
  WatchOptions,
  WorkerSink,
  WorkerView,
  WsRegisterInput,
  WsRegistration,
} from './types.js';
import {
  activeModelsView,
  activeModelView,
  type HordeModelType,
  heartbeatView,
  hordeStatusView,
  hordeUserView,
  hordeWorkerView,
  imageProgressPercent,
  imageStatusView,
  jobView,
  modelStatusView,
  performanceView,
  type ViewContext,
  workerListView,
  workerView,
} from './views.js';

export { GRID_DEFAULTS } from './settings.js';

export class GridCore {
  readonly clock: Clock;
  readonly #books: Books;
  readonly #out = new Outbox();
  #sweepTimer: TimerHandle | null = null;
  /** The `queue-delay` holds still running (see `#held`), and the rules' own timers (`Books.later`). */
  readonly #holds = new Set<TimerHandle>();
  readonly #batches: BatchRunner;
  /** Follow-ups queued by rules, each run by the rule it belongs to. */
  readonly #run: CommandRunner = {
    dispatch: (job) => dispatch(this.#books, this.#out, job),
    feed: (conn) => feed(this.#books, this.#out, conn),
    drop: (conn, reason) => release(this.#books, this.#out, conn.id, reason),
    cancel: (job) => cancel(this.#books, this.#out, job),
    strike: (worker) => strike(this.#books, this.#out, worker),
    failAttempt: (gen, message) => {
      if (gen.state === 'active') fail(this.#books, this.#out, gen, message, false);
    },
  };

  constructor(options: GridOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    const settings = resolveSettings(options);
    this.#books = createBooks(
      options,
      settings,
      this.clock,
      (gen) => this.#onTimer(gen),
      (ms, fn) => this.#later(ms, fn),
      (worker) => this.#onCheckDue(worker),
    );
    const events = this.#books.events;
    this.#out.recorder = (job, event) => events.record(job, event);
    this.#batches = new BatchRunner({
      clock: this.clock,
      settings: settings.batch,
      files: new FileBook(),
      account: (apiKey) => this.#batchAccount(apiKey),
      submit: (account, request, listener) => this.#submitFor(account, request, listener),
      jobState: (jobId) => this.job(jobId)?.state,
      cancel: (id) => {
        try {
          this.cancel(id);
        } catch {
          // Already ended and forgotten: nothing left to cancel.
        }
      },
    });
  }

  /** Whether a result without a worker signature goes unpaid (`allowUnsignedResults: false`). */
  get signaturesRequired(): boolean {
    return !this.#books.settings.allowUnsignedResults;
  }

  // ---- accounts ----------------------------------------------------------------------------------------

  /** The account of `apiKey`, which must hold `scope` (throws MissingAPIKey, InvalidAPIKey, MissingScope,
   *  AnonForbiddenWorker). */
  authenticate(apiKey: string | undefined, scope: Scope): AccountView {
    return accountView(this.#books.accounts.authenticate(apiKey, scope));
  }

  /** Adds or updates a key at runtime (strict mode's only way in besides `options.keys`). */
  addKey(entry: KeyEntry): AccountView {
    return accountView(this.#books.accounts.add(entry));
  }

  /** The account of a key with its ledger, no scope needed. */
  account(apiKey: string | undefined): AccountView {
    return accountView(this.#books.accounts.lookup(apiKey));
  }

  /**
   * What a key's account was charged for, by model and UTC day (`GET /v1/account/usage`; docs/mock-grid-core.md
   * "Usage"): `start`/`end` are `YYYY-MM-DD`, inclusive, by default the 30 days up to today on the grid's clock.
   * The key must be one that may submit, and not the shared anonymous one (MissingScope). Throws InvalidField
   * naming `start_date` or `end_date` for a bad day or range.
   */
  usage(apiKey: string | undefined, range: { start?: string; end?: string } = {}): UsageReport {
    const account = this.#ownAccount(apiKey);
    return this.#books.accounts.usage.report(account.id, this.clock.now(), range);
  }

  // ---- jobs --------------------------------------------------------------------------------------------

  /**
   * Queues a request of `n` jobs (or, for a Horde `dry_run`, only prices it: `id` is '' and nothing is
   * queued). Checks in order: key and scope, rate limit, body, in-flight cap, model online (/v1 only),
   * upfront kudos.
   */
  submit(input: SubmitInput): Submission {
    this.#prune();
    try {
      return this.#held(submit(this.#books, this.#out, input), input.mock?.holdMs);
    } finally {
      this.#deliver();
    }
  }

  /**
   * Horde-shaped status of a request. With `asker` (a Horde client), only Horde requests it may see are found
   * (`GridOptions.requestAccess`: the submitting key, or the id alone; another account's key never), and
   * anything else is RequestNotFound, so an id reveals nothing to another account; without it (in-process
   * callers) any request. Throws RequestNotFound.
   */
  status(requestId: string, asker?: RequestAsker): HordeTextStatus {
    this.#prune();
    return hordeStatusView(this.#ctx(), this.#request(requestId, asker, 'text'));
  }

  /**
   * Cancels a whole request (request id) or one job (job id): queued jobs leave the queue, leased ones
   * are taken back and their WS worker gets `cancel`. `asker` as for `status`. Returns the request's status
   * afterwards.
   */
  cancel(id: string, asker?: RequestAsker): HordeTextStatus {
    this.#prune();
    const req = this.#cancel(id, asker, 'text');
    return hordeStatusView(this.#ctx(), req);
  }

  #cancel(id: string, asker: RequestAsker | undefined, kind: 'text' | 'image'): Req {
    const job = this.#books.requests.job(id);
    const req = this.#request(job ? job.req.id : id, asker, kind);
    try {
      for (const target of job ? [job] : req.jobs) cancel(this.#books, this.#out, target);
    } finally {
      this.#deliver();
    }
    return req;
  }

  // ---- image jobs (docs/mock-grid-core.md "Image jobs") ------------------------------------------------

  /**
   * Queues an image request: one job per image, each with its own seed (a Horde `dry_run` only prices it).
   * Checks as `submit`, plus the media requests in flight of a /v1 account (`maxMediaInFlight`); /v1 also
   * needs an image worker online (`NoModelOnline`) serving the model (`ModelNotOnline`).
   */
  submitImage(input: ImageSubmitInput): Submission {
    this.#prune();
    try {
      return this.#held(submitImage(this.#books, this.#out, input), input.mock?.holdMs);
    } finally {
      this.#deliver();
    }
  }

  /** An image request's state and its verified images (`asker` as for `status`). Throws RequestNotFound. */
  imageStatus(requestId: string, asker?: RequestAsker): ImageStatusView {
    this.#prune();
    return imageStatusView(this.#ctx(), this.#request(requestId, asker, 'image'));
  }

  /** Cancels an image request (or one image, by job id), as `cancel`; a WS media job stops as a whole. */
  cancelImage(id: string, asker?: RequestAsker): ImageStatusView {
    this.#prune();
    return imageStatusView(this.#ctx(), this.#cancel(id, asker, 'image'));
  }

  /** Whether the grid still knows request `id` (the object store deletes a forgotten request's images). */
  hasRequest(id: string): boolean {
    return this.#books.requests.request(id) !== undefined;
  }

  /** How far a live or recently kept image request has come (0–100), or null when it is not known. */
  imageProgress(requestId: string): number | null {
    const req = this.#books.requests.request(requestId);
    return req?.image ? imageProgressPercent(req) : null;
  }

  /** One Horde image pop: checks the image worker in, then hands it up to its `amount` images of a request. */
  popImage(input: ImagePopCheckInInput): ImagePopResult {
    this.#prune();
    let worker: Worker;
    try {
      worker = checkInImage(this.#books, this.#out, input);
    } finally {
      this.#deliver();
    }
    try {
      return assignImagePop(this.#books, this.#out, worker.id);
    } finally {
      this.#deliver();
    }
  }

  /** A WS `progress` frame: false (and nothing done) for a media job no longer live on that connection. */
  mediaProgress(input: MediaProgressInput): boolean {
    const gen = liveMediaGeneration(this.#books, input);
    if (!gen) return false;
    try {
      mediaProgress(this.#books, this.#out, gen, input);
    } finally {
      this.#deliver();
    }
    return true;
  }

  /**
   * A Horde `generate/progress` report. Throws InvalidJobID, WrongCredentials, and DuplicateGen / AbortedGen
   * for a generation that already finished or was taken back (the door's "Job already completed or faulted").
   */
  reportImageProgress(input: MediaProgressInput): HordeProgress {
    this.#prune();
    try {
      const gen = resolve(this.#books, this.#out, input.generationId, input.by);
      if (gen.key === null) {
        throw new GridError('InvalidJobID', `Processing Job with ID ${input.generationId} does not exist.`, {
          field: 'id',
        });
      }
      mediaProgress(this.#books, this.#out, gen, input);
      return {
        progress_percent: gen.pct,
        ...(gen.steps ? { current_step: gen.steps.current, total_steps: gen.steps.total } : {}),
        progress_updated_at: new Date(this.clock.now()).toISOString(),
      };
    } finally {
      this.#deliver();
    }
  }

  /** Where a live popped image generation's image goes (for the Horde submit's check), or undefined. */
  mediaSlot(generationId: string): MediaSlot | undefined {
    const gen = this.#books.generations.get(generationId);
    if (gen?.state !== 'active' || gen.key === null) return undefined;
    return {
      generationId: gen.id,
      key: gen.key,
      contentType: null,
      seed: gen.job!.seed,
      requestId: gen.job!.req.id,
    };
  }

  /**
   * A WS media job's `done` with the door's verdict on each slot (`store/verify.ts`), acked on the sink like a
   * text `done` (den 0 unless every image passed). Every image verified: each is paid and done. Any failure:
   * the whole job failed — a strike, nothing paid, and its images go to another worker. Stale ids as for
   * `complete` (thrown after the ack).
   */
  completeMedia(input: MediaDoneInput): CompleteResult {
    this.#prune();
    const b = this.#books;
    const out = this.#out;
    const ack: Ack = { id: input.generationId, den: 0 };
    const by = 'connectionId' in input.by ? b.connections.get(input.by.connectionId) : undefined;
    if (by) out.ack(by, ack);
    try {
      const gen = resolve(b, out, input.generationId, input.by);
      const batch = gen.batch ?? [gen];
      const failed = input.verdicts.find((v) => !v.ok);
      if (input.cancelled) giveBack(b, out, gen);
      else if (gen.key === null || input.verdicts.length !== batch.length) {
        fail(
          b,
          out,
          gen,
          `The worker reported ${input.verdicts.length} of ${batch.length} outputs`,
          false,
          true,
        );
      } else if (failed && !failed.ok) {
        fail(b, out, gen, `Worker output verification failed: ${failed.reason}`, false, true);
      } else {
        const types = input.verdicts.map((v) => (v.ok ? v.contentType : ''));
        ack.den = completeImages(b, out, gen, types, 'ok');
      }
      return { reward: ack.den };
    } finally {
      this.#deliver();
    }
  }

  /**
   * A Horde image submit with the door's verdict on its image. `state: faulted` or a failed check fails the
   * generation (reward 0, re-queued for another worker; a pop worker earns no strike); otherwise it is paid.
   * Throws as `complete`.
   */
  submitImageResult(input: ImageSubmitResultInput): CompleteResult {
    this.#prune();
    const b = this.#books;
    const out = this.#out;
    try {
      const gen = resolve(b, out, input.generationId, input.by);
      const verdict = input.verdict;
      if (gen.key === null) {
        throw new GridError('InvalidJobID', `Processing Job with ID ${input.generationId} does not exist.`, {
          field: 'id',
        });
      }
      if (input.state === 'faulted') {
        fail(b, out, gen, 'The worker reported the generation as faulted', false);
        return { reward: 0 };
      }
      if (!verdict.ok) {
        fail(b, out, gen, `Worker output verification failed: ${verdict.reason}`, false, true);
        return { reward: 0 };
      }
      const state = input.state ?? 'ok';
      return { reward: completeImages(b, out, gen, [verdict.contentType], state, input.seed) };
    } finally {
      this.#deliver();
    }
  }

  job(jobId: string): JobView | undefined {
    const job = this.#books.requests.job(jobId);
    return job ? jobView(job) : undefined;
  }

  /** Listens to one request's jobs (request id) or one job (job id) from now on. Returns unsubscribe. */
  subscribe(id: string, listener: JobListener): () => void {
    const requests = this.#books.requests;
    const owner: { listeners: JobListener[] | null } | undefined = requests.job(id) ?? requests.request(id);
    if (!owner) throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
    const list = owner.listeners ?? [];
    owner.listeners = list;
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /**
   * Watches a watchable request's events (docs/mock-grid-core.md "Job events"; spec `JobEvent`): `listener`
   * gets the retained events after `options.after` (0: all) at once, then each new one as it is delivered —
   * nothing missed, nothing twice — and `options.onEnd` runs after the final one (at once when the request had
   * already ended). `id` is the request id. `asker` as for `status`, for any watchable request (Horde, or a /v1
   * submit with `watch: true`). Throws RequestNotFound (unknown, forgotten, not watchable, or not the asker's)
   * and InvalidField (`after` not a non-negative integer). Returns unsubscribe; events are read-only.
   */
  watch(id: string, options: WatchOptions, listener: WatchListener): () => void {
    this.#prune();
    const log = this.#log(id, options.asker);
    const after = checkAfter(options.after);
    // Replay and live hand-over in one synchronous step: no event can be recorded in between.
    const unsubscribe = log.ended ? () => {} : log.watch(listener, options.onEnd);
    try {
      for (const event of log.after(after)) listener(event);
    } catch (error) {
      // A listener that throws on the replay is not left watching.
      unsubscribe();
      throw error;
    }
    if (log.ended && options.onEnd) options.onEnd();
    return unsubscribe;
  }

  /** A watchable request's retained events after `after` (default 0: all), as `watch` replays them. */
  events(id: string, options: Omit<WatchOptions, 'onEnd'> = {}): RetainedEvents {
    this.#prune();
    const log = this.#log(id, options.asker);
    return { events: log.after(checkAfter(options.after)), lastSeq: log.lastSeq, ended: log.ended };
  }

  #log(id: string, asker: RequestAsker | undefined): EventLog {
    const req = this.#books.requests.request(id);
    if (req?.log && (!asker || this.#owns(req, asker))) return req.log;
    throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
  }

  /** The grid-wide lifecycle stream (every job event plus worker and ledger events). */
  onEvent(listener: GridListener): () => void {
    const listeners = this.#out.listeners;
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
    this.#prune();
    try {
      return connect(this.#books, this.#out, input, sink);
    } finally {
      this.#deliver();
    }
  }

  /** The connection is gone (socket closed): its in-flight job goes back to the front of the queue. */
  release(connectionId: string): void {
    try {
      release(this.#books, this.#out, connectionId);
    } finally {
      this.#deliver();
    }
  }

  // ---- Horde pop workers -------------------------------------------------------------------------------

  /** Creates or updates a pop worker from a pop body (the check-in half of a pop). */
  checkIn(input: PopCheckInInput): WorkerView {
    this.#prune();
    let worker: Worker;
    try {
      worker = checkIn(this.#books, this.#out, input);
    } finally {
      this.#deliver();
    }
    return workerView(this.#ctx(), worker);
  }

  /** The oldest matching queued job for a (checked-in) worker, leased for `popLeaseMs`, with skip counts. */
  assign(workerId: string): PopResult {
    try {
      return assignPop(this.#books, this.#out, workerId);
    } finally {
      this.#deliver();
    }
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
    try {
      return progress(this.#books, this.#out, input);
    } finally {
      this.#deliver();
    }
  }

  /**
   * A finished generation (WS `done`, Horde submit). Throws InvalidJobID (unknown id), WrongCredentials
   * (Horde key does not own the worker), DuplicateGen (already submitted), AbortedGen (no longer leased
   * to this worker: lease expired, cancelled, worker replaced). An empty completion that was not
   * cancelled, or Horde `state: "faulted"`, is a failure: strike + requeue, reward 0.
   *
   * A WS connection's `done` is answered on its sink with `ack` (den 0 for a failure or a stale
   * generation), queued before anything the completion leads to, so the worker reads its ack before
   * its next job.
   */
  complete(input: CompleteInput): CompleteResult {
    this.#prune();
    const b = this.#books;
    const out = this.#out;
    const ack: Ack = { id: input.generationId, den: 0 };
    const by = 'connectionId' in input.by ? b.connections.get(input.by.connectionId) : undefined;
    if (by) out.ack(by, ack);
    try {
      const gen = resolve(b, out, input.generationId, input.by);
      // What a worker streamed is what the client got: that is the result, and what is billed. `done`'s full
      // text counts only when nothing was streamed (spec: WsDone.full_text).
      const streamed = gen.streamedText.length > 0 || gen.streamedReasoning.length > 0;
      const text = streamed ? gen.streamedText : (input.text ?? '');
      const reasoning = streamed ? gen.streamedReasoning : (input.reasoning ?? '');
      const signature = input.signature ?? 'missing';
      if (input.state === 'faulted') {
        fail(b, out, gen, 'The worker reported the generation as faulted', false);
      } else if (signature === 'invalid' || (signature === 'missing' && !b.settings.allowUnsignedResults)) {
        // A bad (or, when required, absent) signature: a worker error plus a strike, for both kinds (fail
        // strikes only WS workers). openapi/components/ws.yaml WsDone, docs/mock-grid-core.md.
        const popWorker = gen.conn ? null : gen.worker;
        fail(b, out, gen, `The worker's result signature is ${signature}`, false);
        if (popWorker) out.strike(popWorker);
      } else if (text.length === 0 && reasoning.length === 0 && !input.cancelled && !gen.job?.acceptEmpty) {
        fail(b, out, gen, 'The worker returned an empty completion', false);
      } else {
        ack.den = complete(b, out, gen, input, text, reasoning);
      }
      return { reward: ack.den };
    } finally {
      this.#deliver();
    }
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
    const b = this.#books;
    try {
      let gen: Generation;
      try {
        gen = resolve(b, this.#out, input.generationId, input.by);
      } catch (error) {
        if (isStale(error)) return { accepted: false, reason: error.code as StaleCode };
        throw error;
      }
      const message = input.message ?? 'The worker failed the generation';
      fail(b, this.#out, gen, message, input.clientError ?? false);
      return { accepted: true };
    } finally {
      this.#deliver();
    }
  }

  /** Who must sign a live generation's result (its worker's name and registered key), for the doors'
   *  signature check before `complete`; undefined when the generation is not live. */
  signer(generationId: string): SignerView | undefined {
    const gen = this.#books.generations.get(generationId);
    if (gen?.state !== 'active') return undefined;
    return { worker: gen.worker.name, publicKey: gen.worker.publicKey };
  }

  // ---- the Batch API (docs/mock-grid-core.md "Batches"; spec: openapi/components/batch.yaml) ---------

  /** The Batch API's limits and pacing (`GridOptions.batch` over `BATCH_DEFAULTS`). */
  get batchSettings(): Readonly<BatchSettings> {
    return this.#books.settings.batch;
  }

  /** Stores a JSONL file (`purpose: batch`). Throws PayloadTooLarge, TooManyFiles, InvalidField, key errors. */
  createFile(input: CreateFileInput): FileObject {
    return this.#batches.createFile(input);
  }

  /** One of the key's files; another key's or an unknown id is RequestNotFound. */
  file(apiKey: string | undefined, fileId: string): FileObject {
    return this.#batches.file(apiKey, fileId);
  }

  /** A file's content (an output or error file: one `BatchRequestOutput` per line, in input order). */
  fileContent(apiKey: string | undefined, fileId: string): string {
    return this.#batches.fileContent(apiKey, fileId);
  }

  deleteFile(apiKey: string | undefined, fileId: string): FileDeleted {
    return this.#batches.deleteFile(apiKey, fileId);
  }

  listFiles(apiKey: string | undefined, query?: Parameters<BatchRunner['listFiles']>[1]): FileList {
    return this.#batches.listFiles(apiKey, query);
  }

  /**
   * Creates a batch from an uploaded file (`validating`; the file is read on the next step of the clock).
   * Throws InvalidField, RequestNotFound (the file), TooManyBatches, key errors.
   */
  createBatch(input: CreateBatchInput): Batch {
    return this.#batches.create(input);
  }

  batch(apiKey: string | undefined, batchId: string): Batch {
    return this.#batches.retrieve(apiKey, batchId);
  }

  listBatches(apiKey: string | undefined, query?: { after?: string; limit?: number }): BatchList {
    return this.#batches.list(apiKey, query);
  }

  /** Cancels a batch: queued requests are cancelled, running ones finish, then `cancelled`. */
  cancelBatch(apiKey: string | undefined, batchId: string): Batch {
    return this.#batches.cancel(apiKey, batchId);
  }

  // ---- views -------------------------------------------------------------------------------------------

  worker(idOrName: string): WorkerView | undefined {
    const worker = this.#books.workers.get(idOrName);
    return worker ? workerView(this.#ctx(), worker) : undefined;
  }

  /** Whether a simulated worker (`WorkerSink.simulated`) is online: the mock's worker scenarios need one. */
  simulatedOnline(): boolean {
    return this.#books.workers.online().some((w) => w.simulated);
  }

  /** Models with at least one online worker, sorted. */
  onlineModels(): string[] {
    return this.#books.workers.onlineModels();
  }

  /** GET /v1/status/models */
  modelStatus(): ModelStatus[] {
    return modelStatusView(this.#ctx());
  }

  /** GET /v1/workers (online workers of both kinds) */
  workerList(): WorkerList {
    return workerListView(this.#ctx());
  }

  /** GET /api/v2/status/models?type=: the text (default) or image models with an online worker. */
  hordeModels(type: HordeModelType = 'text'): HordeActiveModel[] {
    return activeModelsView(this.#ctx(), type);
  }

  /** GET /api/v2/status/models/{model_name}: that model's entry (image models first), or [] when none serves it. */
  hordeModel(name: string): HordeActiveModel[] {
    return activeModelView(this.#ctx(), name);
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
    return this.#books.workers.online().map((w) => hordeWorkerView(ctx, w));
  }

  /** GET /api/v2/workers/{id}. Throws WorkerNotFound. */
  hordeWorker(workerId: string): HordeWorkerDetails {
    const worker = this.#books.workers.byId.get(workerId);
    if (!worker)
      throw new GridError('WorkerNotFound', `Worker ID '${workerId}' not found`, { field: 'worker_id' });
    return hordeWorkerView(this.#ctx(), worker);
  }

  /** GET /api/v2/workers/name/{worker_name}: any worker, by its exact name. Throws WorkerNotFound. */
  hordeWorkerByName(name: string): HordeWorkerDetails {
    const worker = this.#books.workers.byName.get(name);
    if (!worker)
      throw new GridError('WorkerNotFound', `Worker with ID '${name}' not found.`, { field: 'worker_name' });
    return hordeWorkerView(this.#ctx(), worker);
  }

  /**
   * GET /api/v2/status/modes: the mock grid has none of the Horde's modes, so all are false. `raid_mode` is
   * shown to a moderator's key only (`KeyEntry.moderator`); any other key sent throws InvalidAPIKey (unknown in
   * strict mode) or NotModerator, as on the Horde. Without a key, the two public modes.
   */
  hordeModes(apiKey: string | undefined): HordeModes {
    const modes: HordeModes = { maintenance_mode: false, invite_only_mode: false };
    if (apiKey === undefined) return modes;
    const account = this.#books.accounts.lookup(apiKey);
    if (!account.moderator) throw new GridError('NotModerator', "You're not a mod. BTFO!");
    return { ...modes, raid_mode: false };
  }

  /** GET /api/v2/stats/text/totals: completed text jobs and their tokens per window, on the core clock. */
  hordeTextStats(): HordeTextStatsTotals {
    return this.#books.stats.windowTotals(this.clock.now());
  }

  /** GET /api/v2/stats/text/models: completed text jobs per model in the last day, 30 days and in all. */
  hordeTextModelStats(): HordeTextModelStats {
    return this.#books.stats.modelWindows(this.clock.now());
  }

  /** GET /api/v2/find_user. Throws MissingAPIKey / InvalidAPIKey. */
  findUser(apiKey: string | undefined): HordeUserDetails {
    return hordeUserView(this.#ctx(), this.#books.accounts.lookup(apiKey));
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
    const b = this.#books;
    return {
      queued: b.queue.size,
      queuedTokens: b.queue.tokens,
      inspected: b.queue.inspected,
      workersInspected: b.workers.inspected,
      modelsIndexed: b.workers.byModel.size,
      requests: b.requests.size,
      generations: b.generations.size,
    };
  }

  /** Stops every lease timer and forgets listeners; the grid must not be used afterwards. */
  dispose(): void {
    this.#books.generations.disarmAll();
    this.#books.verification.disarmAll();
    this.#batches.dispose();
    if (this.#sweepTimer) this.clock.clearTimer(this.#sweepTimer);
    this.#sweepTimer = null;
    for (const timer of this.#holds) this.clock.clearTimer(timer);
    this.#holds.clear();
    this.#out.listeners.clear();
  }

  // ---- internals ---------------------------------------------------------------------------------------

  /** After each call's transition — also when it threw (a stale answer may have freed a connection
   *  first): delivers what it queued. Inside a delivery (a sink answering at once) the running loop does. */
  #deliver(): void {
    this.#out.deliver(this.#run);
    if (this.#sweepTimer === null && this.#books.queue.size > 0) this.#armSweep();
  }

  /**
   * The mock's `queue-delay` (`SubmitInput.mock.holdMs`): the request's jobs were queued held; after `holdMs`
   * each still queued may be taken, and is offered to an idle connection at once.
   */
  #held(submission: Submission, holdMs: number | undefined): Submission {
    if (!holdMs || holdMs <= 0 || submission.jobIds.length === 0) return submission;
    const timer = this.clock.setTimer(() => {
      this.#holds.delete(timer);
      try {
        for (const id of submission.jobIds) {
          const job = this.#books.requests.job(id);
          if (!job?.held) continue;
          job.held = false;
          this.#run.dispatch(job);
        }
      } finally {
        this.#deliver();
      }
    }, holdMs);
    this.#holds.add(timer);
    return submission;
  }

  /** While jobs are queued, a sweep every quarter of `noWorkerTimeoutMs` answers the ones nobody can serve. */
  #armSweep(): void {
    this.#sweepTimer = this.clock.setTimer(() => {
      this.#sweepTimer = null;
      try {
        sweep(this.#books, this.#out);
      } finally {
        this.#deliver();
      }
    }, this.#books.settings.noWorkerTimeoutMs / 4);
  }

  #later(ms: number, fn: () => void): () => void {
    const timer = this.clock.setTimer(() => {
      this.#holds.delete(timer);
      try {
        fn();
      } finally {
        this.#deliver();
      }
    }, ms);
    this.#holds.add(timer);
    return () => {
      this.clock.clearTimer(timer);
      this.#holds.delete(timer);
    };
  }

  /** A worker's next probe or canary fell due (books/verification.ts). */
  #onCheckDue(worker: Worker): void {
    try {
      due(this.#books, this.#out, worker);
    } finally {
      this.#deliver();
    }
  }

  #onTimer(gen: Generation): void {
    try {
      leaseTimer(this.#books, this.#out, gen);
    } finally {
      this.#deliver();
    }
  }

  /** The account behind a Batch API call: a key that may submit, never the shared anonymous one (its files
   *  would be every anonymous caller's). */
  #batchAccount(apiKey: string | undefined): Account {
    const account = this.#books.accounts.authenticate(apiKey, 'inference.submit');
    if (apiKey?.trim() === ANONYMOUS_KEY || account.anonymous) {
      throw new GridError('MissingScope', 'The anonymous key cannot use files or batches: use your own key', {
        field: 'apikey',
      });
    }
    return account;
  }

  /** The account of a key that may submit and is not the shared anonymous one (its usage is everyone's). */
  #ownAccount(apiKey: string | undefined): Account {
    const account = this.#books.accounts.authenticate(apiKey, 'inference.submit');
    if (account.anonymous) {
      throw new GridError('MissingScope', 'The anonymous key has no usage of its own: use your own key', {
        field: 'apikey',
      });
    }
    return account;
  }

  /** A batch's request: the core's submit for an account the batch already checked (rules/submit.ts `as`). */
  /** A batch line's submit: watchable, so its `response.request_id` can be followed on `/v1/jobs/{id}/events`. */
  #submitFor(account: Account, request: ChatCompletionRequest, listener: JobListener): Submission {
    this.#prune();
    try {
      return submit(
        this.#books,
        this.#out,
        { source: 'v1', apiKey: undefined, request, listener, watch: true },
        account,
      );
    } finally {
      this.#deliver();
    }
  }

  /** Forgets finished requests and generation tombstones past their retention. */
  #prune(): void {
    const now = this.clock.now();
    this.#books.requests.prune(now);
    this.#books.generations.prune(now);
  }

  /** The request `id` of `kind` as `asker` may see it (see `status`). */
  #request(id: string, asker: RequestAsker | undefined, kind: 'text' | 'image'): Req {
    const req = this.#books.requests.request(id);
    const ofKind = req !== undefined && (req.image !== null) === (kind === 'image');
    if (req && ofKind && (!asker || (req.source === 'horde' && this.#owns(req, asker)))) return req;
    throw new GridError('RequestNotFound', 'Request not found', { field: 'id' });
  }

  /** An anonymous request is its id's; otherwise a key that is sent must be the owner's, and no key is
   *  enough only under `requestAccess: 'id'` (the AI Horde's model, where the id is the capability). */
  #owns(req: Req, asker: RequestAsker): boolean {
    if (req.account.anonymous) return true;
    if (asker.apiKey === undefined || asker.apiKey === '') return this.#books.settings.requestAccess === 'id';
    try {
      return this.#books.accounts.lookup(asker.apiKey) === req.account;
    } catch {
      return false; // a key that is not valid: not the owner
    }
  }

  #ctx(): ViewContext {
    const b = this.#books;
    return {
      now: this.clock.now(),
      queue: b.queue,
      stats: b.stats,
      workers: b.workers.byId,
      online: (w) => b.workers.isOnline(w),
      onlineWorkers: () => b.workers.online(),
      possible: (models) => b.workers.possible(models),
      possibleImage: (models) => b.workers.possibleImage(models),
    };
  }
}

/** A watch's `after`: a non-negative integer (default 0). */
function checkAfter(after: number | undefined): number {
  if (after === undefined) return 0;
  if (!Number.isSafeInteger(after) || after < 0) {
    throw new GridError('InvalidField', 'after must be a non-negative integer', { field: 'after' });
  }
  return after;
}

/**
 * @deprecated The core's old name, which it shared with the SDK's client `Grid`: use `GridCore`. A
 * subclass rather than an alias, so the class keeps its own name.
 */
export class Grid extends GridCore {}
