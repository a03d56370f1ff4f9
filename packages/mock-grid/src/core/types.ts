import type {
  ChatCompletionDelta,
  ChatCompletionRequest,
  CompletionUsage,
  GridMetadata,
  HordeImageAsyncRequest,
  HordeImageCheck,
  HordeImagePopPayload,
  HordeTextAsyncRequest,
  HordeTextPopPayload,
  ImageGenerationRequest,
  ResultSignature,
  RoutingExplanation,
  JobEvent as WireJobEvent,
  WorkerSummary,
  WsJobPayload,
  WsMediaJobPayload,
} from '@aipg/sdk';
import type { Clock } from './clock.js';
import type { MediaCapsInput } from './image-spec.js';
import type { BatchSettings, RoutingSettings, VerificationSettings } from './settings.js';
import type { ImageSkippedCounts, SkippedCounts } from './wire.js';

// ---- options -------------------------------------------------------------------------------------------

export type Scope = 'inference.submit' | 'worker.connect';

/** One parsed entry of a keys file (the loader lives in the doors/CLI). */
export interface KeyEntry {
  key: string;
  /** Display name; the account's username becomes `name#id`. Default `user`. */
  name?: string;
  /** Default: both scopes. */
  scopes?: Scope[];
  /** Starting balance in den. Default `GridOptions.startingBalance`. */
  balance?: number;
  /** Trusted owners' workers may serve `trusted_workers` jobs. Default false. */
  trusted?: boolean;
  /** A Horde moderator: sees `raid_mode` on `GET /api/v2/status/modes` (spec: HordeModes). Default false. */
  moderator?: boolean;
  /** Overrides `GridOptions.maxInFlight` for this account. */
  maxInFlight?: number;
}

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** /v1 chat completions per key. Default 30 per 60 s. */
  chat?: RateLimitRule;
  /** /v1 image generations per key. Default 10 per 60 s (openapi/paths/v1_images_generations.yaml). */
  images?: RateLimitRule;
  /** Horde text async per key. Default 2 per 1 s. */
  hordeAsync?: RateLimitRule;
}

/** The pricing rule's knobs (docs/mock-grid-core.md "Pricing"); each omitted one keeps its default. */
export interface PricingOptions {
  /** Billions of parameters of the reference size class: a model this size or smaller, or one whose name
   *  carries no size, has size factor 1. Default 8. */
  referenceParams?: number;
  /** Size factor of a larger model: `(params / referenceParams) ^ sizeExponent`. Default 1. */
  sizeExponent?: number;
  /** Tokens of context up to which a job has context factor 1. Default 8192. */
  referenceContext?: number;
  /** Context factor of a longer job: `(context / referenceContext) ^ contextExponent`. Default 0.5. */
  contextExponent?: number;
  /** den per megapixel-step of an image, before its family factor. Default 1. */
  denPerMegapixelStep?: number;
}

export interface GridOptions {
  /** Default: a `SystemClock`. Tests pass a `ManualClock`. */
  clock?: Clock;
  /** `open` (default): any non-empty key is accepted and becomes an account. `strict`: only `keys` (and the
   *  anonymous key only with `allowAnonymous: true`). */
  authMode?: 'open' | 'strict';
  /** Keys known from the start (both modes; in strict mode the only ones). */
  keys?: KeyEntry[];
  /** Whether the anonymous key `0000000000` may submit jobs. Default true in `open` mode, false in `strict`. */
  allowAnonymous?: boolean;
  /** Balance of an account created on first use. Default 1000 den. */
  startingBalance?: number;
  /** Jobs in flight (queued + leased) per account. Default 24 (live GRID_TEXT_CONCURRENCY). */
  maxInFlight?: number;
  /** Per-key rate limits; `false` turns them off. */
  rateLimits?: RateLimitOptions | false;
  /** Lease of a job pushed to a WS worker; renewed by every token frame. Default 300 000 (5 min). */
  wsLeaseMs?: number;
  /** Lease of a job popped by a Horde worker. Default 150 000 (upstream's 150 s). */
  popLeaseMs?: number;
  /** A WS media job not settled within this is taken back and re-queued. Default 900 000 (15 min, spec
   *  `WsMediaJob`). */
  wsMediaLeaseMs?: number;
  /** Lease of a popped image job, also its pop `ttl`. Default 600 000 (AIPG's 600 s for images). */
  imagePopLeaseMs?: number;
  /** Image requests in flight (queued or running) per account through /v1. Default 4 (spec `createImage`). */
  maxMediaInFlight?: number;
  /** The `ttl` reported in the pop response (AIPG: 86400 s). Default 86400. */
  popTtlSeconds?: number;
  /** Failed attempts after which a job is faulted. Default 3. */
  maxAttempts?: number;
  /** A Horde worker with no pop for this long is offline. Default 300 000. */
  popOfflineMs?: number;
  /** Strikes within `strikeWindowMs` that evict a WS worker. Default 6 in 300 000. */
  strikeLimit?: number;
  strikeWindowMs?: number;
  /** Cooldowns after the 1st, 2nd, 3rd, 4th+ eviction. Default 30 s, 2 min, 10 min, 1 h. */
  cooldownLadderMs?: number[];
  /** This long without an eviction after the last cooldown ended resets the ladder. Default 3 600 000. */
  ladderResetMs?: number;
  /** den per generated token before the model and context factors. Default 0.1. */
  denPerToken?: number;
  /**
   * Per-model size factor, replacing the one read from the model's name (docs/mock-grid-core.md "Pricing").
   * Default: none, so every model's factor comes from `pricing`.
   */
  modelMultipliers?: Record<string, number>;
  /** How a job's price scales with model size and context, and the image price (docs/mock-grid-core.md "Pricing"). */
  pricing?: PricingOptions;
  /** den added to the requester's charge per job (the Horde "tax"). Default 1. */
  hordeTax?: number;
  /** Refuse jobs whose worst-case cost exceeds the requester's balance (`KudosUpfront`). Default false. */
  upfrontKudos?: boolean;
  /** How long finished Horde requests stay readable by `status()`, and Horde generation ids are
   *  remembered for DuplicateGen/AbortedGen. Default 600 000 (10 min). */
  retentionMs?: number;
  /** How long a WS generation id is remembered after it ended (late frames get AbortedGen/DuplicateGen
   *  rather than InvalidJobID; the WS door acks all three with den 0). Default 60 000. */
  wsRetentionMs?: number;
  /** Queued jobs looked at per model lane per assignment (bounds the cost of one pop). Default 64. */
  scanLimit?: number;
  /**
   * A queued /v1 job that no online worker can serve (every worker of its model went away) is answered
   * (faulted, `noWorker`; the /v1 door's 503) once this long has passed, checked every quarter of it. Horde
   * requests wait for a worker instead, as on the Horde (their status says `is_possible: false`). Default
   * 60 000.
   */
  noWorkerTimeoutMs?: number;
  /**
   * A worker may stream this many times the job's token cap (plus 16 tokens) before it is a worker error: the
   * grid counts 4 characters as a token, and a worker's tokenizer may count fewer. `Infinity` turns the cap
   * off. Default 2.
   */
  streamCapFactor?: number;
  /**
   * Who may read or cancel a Horde request through the door. `owner`: only the submitting key. `id`: also a
   * caller that sends no key (the AI Horde's model: its clients poll status without one, and ids are
   * unguessable). A key of another account is refused either way, and an anonymous request is read by its id.
   * Default `owner` in strict auth mode, `id` in open mode.
   */
  requestAccess?: 'owner' | 'id';
  /** Source of randomness for minted seeds. Default Math.random. Ids always come from Web Crypto. */
  random?: () => number;
  /** Whether a result without a worker signature is paid (`CompleteInput.signature: 'missing'`); when false it
   *  is refused like a bad signature. Default true (openapi/components/ws.yaml WsDone). */
  allowUnsignedResults?: boolean;
  /** The Batch API's limits and pacing (`BATCH_DEFAULTS`; docs/mock-grid-core.md "Batches"). */
  batch?: Partial<BatchSettings>;
  /** How measured figures and reputation fade (`ROUTING_DEFAULTS`; docs/mock-grid-core.md "Routing"). */
  routing?: Partial<RoutingSettings>;
  /**
   * Probes and canaries (`VERIFICATION_DEFAULTS`; docs/mock-grid-core.md "Verification"). `true`: probes and a
   * canary every 10 min. Default off: a worker gets real jobs as soon as it registers.
   */
  verification?: boolean | Partial<VerificationSettings>;
}

// ---- accounts ------------------------------------------------------------------------------------------

export interface LedgerRecord {
  at: number;
  kind: 'earned' | 'spent';
  amount: number;
  jobId: string;
  tokens: number;
  model: string;
}

export interface AccountView {
  id: number;
  /** `name#id` like Horde usernames. */
  username: string;
  anonymous: boolean;
  trusted: boolean;
  moderator: boolean;
  scopes: Scope[];
  balance: number;
  earned: number;
  spent: number;
  tokensGenerated: number;
  tokensUsed: number;
  jobsFulfilled: number;
  jobsRequested: number;
  inFlight: number;
  maxInFlight: number;
  createdAt: number;
  workerIds: string[];
  /** The most recent ledger records, newest last (bounded). */
  records: LedgerRecord[];
}

// ---- jobs ----------------------------------------------------------------------------------------------

export type JobSource = 'v1' | 'horde';

/**
 * A job submission. `listener` is attached before anything happens, so it sees `queued` and an
 * `assigned` that may follow synchronously (a waiting WS worker gets the job inside `submit`).
 */
export type SubmitInput = (
  | { source: 'v1'; apiKey: string | undefined; request: ChatCompletionRequest; listener?: JobListener }
  | { source: 'horde'; apiKey: string | undefined; request: HordeTextAsyncRequest; listener?: JobListener }
) &
  Watchable &
  Scripted;

/**
 * The mock's scenarios for a request's jobs (docs/mock-grid.md "Scenarios and faults"): the doors set `mock`
 * from a `Prefer: scenario=…` header or `grid.faults`. Not on the wire.
 */
export interface Scripted {
  mock?: MockJobOptions;
}

export interface MockJobOptions {
  /** The jobs stay queued this long before any worker may take them (queued, counted, just not handed out). */
  holdMs?: number;
  /** The jobs fault at once with this message, as after a last failed attempt; no worker is struck. */
  fault?: string;
  /**
   * Played by a simulated worker: only a simulated worker may take a job's first attempt, and its offer
   * carries this (`WsJobOffer.scenario`); a retry is an ordinary job.
   */
  worker?: WorkerScenario;
  /**
   * An empty completion is delivered as one (the mock's `empty-completion` scenario) instead of being a worker
   * failure that is retried.
   */
  acceptEmpty?: boolean;
}

/** What a simulated worker is asked to do with a job, as the doors' scenario table names it. */
export interface WorkerScenario {
  name: string;
  params: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Whether a request keeps an event log (`GridCore.watch`, `GET /v1/jobs/{id}/events`; docs/mock-grid-core.md
 * "Job events"). Default: Horde submits do, /v1 ones do not (a /v1 chat's reply is its own stream, and nobody
 * could watch it). The client WebSocket and batches pass `watch: true`; such a /v1 request is then kept, like a
 * Horde one, for `retentionMs` after it finished.
 */
export interface Watchable {
  watch?: boolean;
}

/** `GridCore.watch`'s options. */
export interface WatchOptions {
  /** Start after this seq: the retained events after it, then the live ones (default 0: from the first). */
  after?: number;
  /** Who asks (a door's client): the request must be theirs, as for `status`. In-process callers omit it. */
  asker?: RequestAsker;
  /** Called once the request's final event was delivered — at once when the log had already ended. */
  onEnd?: () => void;
}

/** A request's retained events (`GridCore.events`). */
export interface RetainedEvents {
  events: WireJobEvent[];
  /** The last seq the log handed out (0 before the first event). */
  lastSeq: number;
  /** Whether the request's final event is logged (nothing more will come). */
  ended: boolean;
}

export type JobState =
  | 'queued'
  | 'leased' // assigned to a worker, no token yet
  | 'streaming' // at least one token frame arrived
  | 'completed'
  | 'failed' // terminal client error (WS error frame with client_error)
  | 'faulted' // failed maxAttempts times
  | 'cancelled';

export interface JobView {
  id: string;
  requestId: string;
  index: number;
  source: JobSource;
  state: JobState;
  model: string | null;
  models: string[];
  maxLength: number | null;
  maxContextLength: number | null;
  attempts: number;
  createdAt: number;
  seed: number;
  /** The current generation id (what the worker sees) while leased. */
  generationId: string | null;
  workerId: string | null;
  workerName: string | null;
  text: string;
}

/** Who asks for a request's status or cancels it through a door: the key it sent (if any). */
export interface RequestAsker {
  apiKey: string | undefined;
}

export interface Submission {
  /** Request id: Horde `id`, /v1 `chatcmpl-…` suffix. */
  id: string;
  /** One per `n`. */
  jobIds: string[];
  /** Estimated cost in den (Horde `kudos`). */
  kudos: number;
  /** Some online worker could serve it now (Horde `is_possible`). */
  possible: boolean;
  /** The concrete model for /v1 (`auto` resolved); null for Horde requests. */
  model: string | null;
  /** What the request is priced at, item by item (the quote of a `dry_run`; docs/mock-grid-core.md "Pricing"). */
  quote: PriceQuote;
}

/** A text request's price: every one of its `n` jobs at its cap (`den`), and the rate behind it. */
export interface TextPriceQuote {
  kind: 'text';
  /** The model priced: the concrete one for /v1, the dearest named one for Horde ('' for any model). */
  model: string;
  n: number;
  promptTokens: number;
  /** Completion tokens priced per job: `max_tokens` (/v1, 512 when unset) or `max_length` (Horde). */
  maxTokens: number;
  /** Tokens of context the job is priced for. */
  contextTokens: number;
  sizeFactor: number;
  contextFactor: number;
  /** den per completion token: `denPerToken × sizeFactor × contextFactor`. */
  denPerToken: number;
  /** den added to each job's charge (`hordeTax`). */
  fee: number;
  /** The charge of one job that generates `maxTokens`. */
  denPerJob: number;
  /** `denPerJob × n`: the most the request can cost (the Horde `kudos`). */
  den: number;
}

/** An image request's price: `n` images of the dearest model named. */
export interface ImagePriceQuote {
  kind: 'image';
  model: string;
  n: number;
  width: number;
  height: number;
  steps: number;
  megapixelSteps: number;
  familyFactor: number;
  denPerMegapixelStep: number;
  denPerImage: number;
  den: number;
}

export type PriceQuote = TextPriceQuote | ImagePriceQuote;

export interface DoneInfo {
  text: string;
  reasoning?: string;
  usage: CompletionUsage;
  finish_reason: string;
  grid: GridMetadata;
}

export type JobEvent =
  | { type: 'queued'; jobId: string; requestId: string; index: number; at: number }
  | {
      type: 'assigned';
      jobId: string;
      requestId: string;
      index: number;
      at: number;
      worker: { id: string; name: string; kind: WorkerKind };
      generationId: string;
      model: string;
    }
  | {
      type: 'token';
      jobId: string;
      requestId: string;
      index: number;
      at: number;
      /** The attempt the token belongs to (the `generationId` of its `assigned`). */
      generationId: string;
      delta: ChatCompletionDelta;
    }
  | {
      /** An image job's progress as its worker reported it (WS `progress`, Horde `generate/progress`). */
      type: 'progress';
      jobId: string;
      requestId: string;
      index: number;
      at: number;
      generationId: string;
      /** 0–100. */
      pct: number;
    }
  | { type: 'requeued'; jobId: string; requestId: string; index: number; at: number; reason: string }
  | ({ type: 'done'; jobId: string; requestId: string; index: number; at: number } & DoneInfo & {
        /** An image job's verified image (text jobs: absent). */
        image?: ImageDone;
      })
  | {
      type: 'failed';
      jobId: string;
      requestId: string;
      index: number;
      at: number;
      message: string;
      clientError: boolean;
    }
  | {
      type: 'faulted';
      jobId: string;
      requestId: string;
      index: number;
      at: number;
      message: string;
      /** Set when no online worker could serve it (the /v1 door answers 503, not 502). */
      noWorker?: true;
    }
  | { type: 'cancelled'; jobId: string; requestId: string; index: number; at: number };

export type JobListener = (event: JobEvent) => void;

/** The image an image job's `done` event carries: verified, stored under `key`, and paid. */
export interface ImageDone {
  generationId: string;
  key: string;
  contentType: string;
  seed: number;
  model: string;
  worker: string;
  /** What the image earned its worker, which is what the requester was charged (0 when censored). */
  den: number;
  genTimeS: number;
  /** Why it went to its worker (routing/explain.ts). */
  routing: RoutingExplanation;
}

/** Grid-wide lifecycle stream: every job event plus worker and ledger events. */
export type GridEvent =
  | JobEvent
  | { type: 'worker.online'; at: number; workerId: string; name: string; kind: WorkerKind }
  | { type: 'worker.offline'; at: number; workerId: string; name: string; reason: string }
  | { type: 'worker.evicted'; at: number; workerId: string; name: string; cooldownMs: number }
  | { type: 'worker.strike'; at: number; workerId: string; name: string; strikes: number }
  /** A probe or canary ended (docs/mock-grid-core.md "Verification"); `reason` says why one failed. */
  | {
      type: 'worker.checked';
      at: number;
      workerId: string;
      name: string;
      check: 'probe' | 'canary';
      passed: boolean;
      reason: string | null;
    }
  | { type: 'credited'; at: number; jobId: string; account: string; workerName: string; den: number }
  | { type: 'charged'; at: number; jobId: string; account: string; den: number };

export type GridListener = (event: GridEvent) => void;

// ---- workers -------------------------------------------------------------------------------------------

export type WorkerKind = 'ws' | 'pop';

/** The first WS frame, parsed (the door checks JSON shape; the core checks meaning). */
export interface WsRegisterInput {
  apikey: string | undefined;
  name: string;
  models?: string[];
  max_length?: number;
  max_context_length?: number;
  bridge_agent?: string;
  /** Not on the live wire; the mock lets a test worker opt out of nsfw jobs. Default true. */
  nsfw?: boolean;
  /** The worker's Ed25519 public key (base64url), for checking its result signatures. */
  public_key?: string;
  /** Where the worker runs (mock-only; `WsRegister.region`, `HordeTextPopRequest.region`). */
  region?: string;
  /** The kinds of job it takes: `[text]` (default), or media kinds (`image`, …); mixing both is refused. */
  job_types?: string[];
  /** Legacy single job type, read when `job_types` is absent. */
  worker_type?: string;
  /** Media workers: `max_pixels`, `allow_*` and `amount` (openapi/components/ws.yaml `WsRegister`). */
  max_pixels?: number;
  allow_img2img?: boolean;
  allow_painting?: boolean;
  allow_post_processing?: boolean;
  allow_lora?: boolean;
  allow_controlnet?: boolean;
  amount?: number;
}

/** One output of a media job: where it goes. The door signs the `key` into a PUT URL. */
export interface MediaSlot {
  generationId: string;
  key: string;
  /** The type the bytes must be; null = any image type (a Horde pop, where the PUT declares its own). */
  contentType: string | null;
  seed: number;
  requestId: string;
}

/** A media job frame's content for a WS worker (spec `WsMediaJob`), before the door signs its slots. */
export interface WsMediaJobOffer {
  /** The job id: the first generation's id; every frame about the job carries it. */
  id: string;
  job_type: 'image';
  model: string;
  payload: WsMediaJobPayload;
  slots: MediaSlot[];
  /** The source picture's object key (img2img, painting), for the door to sign a GET URL. */
  sourceKey: string | null;
  /** As `WsJobOffer.scenario`. */
  scenario?: WorkerScenario;
}

/** A job frame's content for a WS worker. */
export interface WsJobOffer {
  id: string;
  model: string;
  payload: WsJobPayload;
  /** The mock scenario a simulated worker plays on this job (`MockJobOptions.worker`); never sent on the wire. */
  scenario?: WorkerScenario;
}

/** Why the core wants a WS connection closed: doors map `replaced` → 1012, `evicted` → 4003. */
export type CloseReason = 'replaced' | 'evicted';

/**
 * How the core talks to a connected WS worker. Calls are synchronous; the door writes frames. Calls come
 * after the transition that caused them is complete, so a sink may call back into the grid at once (an
 * in-process worker answering a job): that call's own effects follow the ones already queued.
 */
export interface WorkerSink {
  /**
   * An in-process simulated worker (src/simulate/, the `--simulate` fleet) rather than a remote one: recorded on
   * the worker and shown as `WorkerView.simulated`, and only it may take a worker scenario's job. On the sink, not
   * the register input, so a worker over the wire cannot claim it.
   */
  readonly simulated?: boolean;
  /** Called once inside `register`, before any job: send `{"type":"ready","worker_id"}`. */
  ready(registration: WsRegistration): void;
  job(offer: WsJobOffer): void;
  /** A media job (only for connections that registered media `job_types`). */
  mediaJob?(offer: WsMediaJobOffer): void;
  cancel(generationId: string): void;
  close(reason: CloseReason, message: string): void;
  /**
   * The answer to this connection's `done` (den 0 for a failed or stale generation): send
   * `{"type":"ack","id","den"}`. Called before any job the completion frees the connection for.
   */
  ack?(generationId: string, den: number): void;
}

export interface WsRegistration {
  workerId: string;
  /** Identifies this connection in progress/complete/fail/release calls. */
  connectionId: string;
}

/** The Horde pop body, parsed. */
export interface PopCheckInInput {
  apikey: string | undefined;
  name: string;
  models: string[];
  max_length?: number;
  max_context_length?: number;
  nsfw?: boolean;
  threads?: number;
  bridge_agent?: string;
  amount?: number;
  /** The worker's Ed25519 public key (base64url), for checking its result signatures. */
  public_key?: string;
  /** Where the worker runs (mock-only; `WsRegister.region`, `HordeTextPopRequest.region`). */
  region?: string;
}

/** The Horde image pop body, parsed (openapi/components/horde.yaml `HordeImagePopRequest`). */
export interface ImagePopCheckInInput extends MediaCapsInput {
  apikey: string | undefined;
  name: string;
  models: string[];
  nsfw?: boolean;
  threads?: number;
  bridge_agent?: string;
  public_key?: string;
  /** Where the worker runs (mock-only; `WsRegister.region`, `HordeTextPopRequest.region`). */
  region?: string;
}

/** An image job handed to a pop worker: up to its `amount` images of one request. */
export interface ImagePopAssignment {
  /** One generation id per image, in `payload.seeds` order. */
  ids: string[];
  jobIds: string[];
  model: string;
  payload: HordeImagePopPayload;
  /** Seconds before the job is re-queued (`imagePopLeaseMs`). */
  ttl: number;
  slots: MediaSlot[];
  sourceKey: string | null;
  sourceUrl: string | null;
  sourceProcessing: string;
}

export interface ImagePopResult {
  workerId: string;
  job: ImagePopAssignment | null;
  skipped: ImageSkippedCounts;
}

/** A client's image request (/v1 `createImage` or Horde `generate/async`). `sourceKey`: where the door
 *  stored the source picture (img2img); `sourceUrl`: a source given as a URL, passed on as it is. */
export type ImageSubmitInput = (
  | { source: 'v1'; apiKey: string | undefined; request: ImageGenerationRequest }
  | { source: 'horde'; apiKey: string | undefined; request: HordeImageAsyncRequest }
) & { listener?: JobListener; sourceKey?: string; sourceUrl?: string } & Watchable &
  Scripted;

/** The door's check of one uploaded output (`store/verify.ts`): it was uploaded, is an image of the slot's
 *  type by its magic bytes, and matches the reported sha256. */
export type MediaVerdict = { ok: true; contentType: string } | { ok: false; reason: string };

/** WS `done` of a media job, after the door checked every slot (one verdict per slot, in slot order). */
export interface MediaDoneInput {
  generationId: string;
  by: WorkerRef;
  verdicts: MediaVerdict[];
  /** `cancelled: true`: nothing is paid, no strike. */
  cancelled?: boolean;
}

/** A Horde image submit, after the door checked the image. */
export interface ImageSubmitResultInput {
  generationId: string;
  by: WorkerRef;
  state?: 'ok' | 'censored' | 'faulted' | 'csam';
  seed?: number;
  verdict: MediaVerdict;
}

/** A worker's progress on a media job: WS `progress` (`pct`) or Horde `generate/progress` (steps). */
export interface MediaProgressInput {
  generationId: string;
  by: WorkerRef;
  pct?: number;
  currentStep?: number;
  totalSteps?: number;
}

/** One finished image of a request, as the doors show it (the door turns `key` into a URL or base64). */
export interface ImageResultView {
  id: string;
  key: string;
  contentType: string;
  seed: number;
  workerId: string;
  workerName: string;
  model: string;
  state: 'ok' | 'censored' | 'faulted' | 'csam';
  den: number;
}

/** An image request's state: the Horde check, its images so far, and what the request asked. */
export interface ImageStatusView {
  check: HordeImageCheck;
  generations: ImageResultView[];
  shared: boolean;
  r2: boolean;
}

export interface PopAssignment {
  /** Generation id (Horde procgen id): `id` and `ids[0]` of the pop response. */
  id: string;
  jobId: string;
  model: string;
  payload: HordeTextPopPayload;
  /** Seconds, as reported (see `popTtlSeconds`). */
  ttl: number;
}

export interface PopResult {
  workerId: string;
  job: PopAssignment | null;
  skipped: SkippedCounts;
}

/** Who is submitting: a WS connection, or a Horde worker's key. */
export type WorkerRef = { connectionId: string } | { apiKey: string | undefined };

export interface CompleteInput {
  generationId: string;
  by: WorkerRef;
  text: string;
  reasoning?: string;
  finish_reason?: string;
  /** WS `done` with `cancelled: true` (the client went away). */
  cancelled?: boolean;
  /** Horde submit `state`; `faulted` is the same as `fail()`. Default `ok`. */
  state?: 'ok' | 'censored' | 'faulted' | 'csam';
  seed?: number;
  /**
   * The door's check of the worker's signature (async Web Crypto, so it runs before this call): `invalid`
   * is a strike, no payment and a retry; `missing` is paid only while `allowUnsignedResults`. Default
   * `missing`.
   */
  signature?: 'valid' | 'invalid' | 'missing';
  /** With `signature: 'valid'`: what was checked, shown beside the result (/v1 `grid.signature`, Horde
   *  generation `signature`). */
  proof?: ResultSignature;
}

/** Who must have signed a live generation's result. */
export interface SignerView {
  /** The worker's name (part of the signed message). */
  worker: string;
  /** The public key it registered, or null. */
  publicKey: string | null;
}

export interface CompleteResult {
  /** den credited to the worker's account (0 for cancelled jobs). Horde `reward`, WS `ack.den`. */
  reward: number;
}

export interface FailInput {
  generationId: string;
  by: WorkerRef;
  message?: string;
  /** WS error frame `client_error: true`: the client gets a 400, no strike, no retry. */
  clientError?: boolean;
}

export interface FailResult {
  /** False when the generation was unknown, already finished, or no longer this worker's. */
  accepted: boolean;
  reason?: 'InvalidJobID' | 'DuplicateGen' | 'AbortedGen';
}

export interface ProgressInput {
  generationId: string;
  by: WorkerRef;
  delta: ChatCompletionDelta;
  finish_reason?: string;
}

export interface WorkerView {
  id: string;
  name: string;
  kind: WorkerKind;
  owner: string;
  online: boolean;
  models: string[];
  maxLength: number;
  maxContextLength: number;
  nsfw: boolean;
  busy: boolean;
  requestsFulfilled: number;
  tokensGenerated: number;
  denEarned: number;
  strikes: number;
  cooldownUntil: number | null;
  uncompletedJobs: number;
  createdAt: number;
  lastSeenAt: number;
  /** Served by the grid's own simulated fleet (src/simulate/), not a remote worker. */
  simulated: boolean;
  /** Where it says it runs, or null. */
  region: string | null;
  /** 0–100 (docs/mock-grid-core.md "Reputation"). */
  reputation: number;
  /** Its recent share of jobs that went well, 0–1. */
  reliability: number;
  /** Measured decode speed (tokens/s; megapixel-steps/s for an image worker), null until measured. */
  tokensPerS: number | null;
  /** Measured time to first token, seconds, null until measured. */
  ttftS: number | null;
  /** Seconds online in all (`HordeWorkerDetails.uptime`). */
  uptimeS: number;
  /** Its probes and canaries, as on the wire (docs/mock-grid-core.md "Verification"); null when not verified. */
  verification: WorkerVerificationView;
}

/** Spec `WorkerVerification` (`WorkerSummary.verification`). */
export type WorkerVerificationView = NonNullable<WorkerSummary['verification']> | null;
