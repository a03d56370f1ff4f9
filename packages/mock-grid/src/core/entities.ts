/**
 * The core's internal records. Not exported from the package: doors see views (`JobView`, `WorkerView`,
 * `AccountView`, the Horde/v1 view shapes) built from these.
 */

import type {
  ChatCompletionRequest,
  HordeTextAsyncRequest,
  ResultSignature,
  RoutingExplanation,
} from '@aipg/sdk';
import type { EventLog } from './books/events.js';
import type { TimerHandle } from './clock.js';
import type { ImageSpec, MediaCaps } from './image-spec.js';
import type { JobRouting } from './routing/prefs.js';
import type { RouteDecision } from './routing/route.js';
import type { Standing } from './routing/standing.js';
import type {
  AccountView,
  JobListener,
  JobSource,
  JobState,
  LedgerRecord,
  Scope,
  WorkerKind,
  WorkerScenario,
  WorkerSink,
} from './types.js';

/** The live record behind an `AccountView`: the same counters, with sets where the view has arrays. */
export interface Account extends Omit<AccountView, 'username' | 'scopes' | 'workerIds'> {
  /** The name part of `username` (`name#id`). */
  name: string;
  scopes: Set<Scope>;
  workerIds: Set<string>;
  /** Ring of recent ledger records (bounded by RECORDS_KEPT). */
  records: LedgerRecord[];
  /** Image requests with a job not yet ended: written only by `move()` (job-machine.ts). */
  mediaInFlight: number;
}

export interface Req {
  id: string;
  source: JobSource;
  account: Account;
  createdAt: number;
  chat: ChatCompletionRequest | null;
  horde: HordeTextAsyncRequest | null;
  /** An image request (either door): its checked spec; null for text. Each job is one image. */
  image: ImageSpec | null;
  jobs: Job[];
  /** Jobs not yet in a terminal state: written only by `move()` (job-machine.ts). */
  open: number;
  kudosEstimate: number;
  charged: number;
  /** Created on first use: most jobs have one listener or none (memory with 100,000 queued jobs). */
  listeners: JobListener[] | null;
  /** The request's event log when it is watchable (books/events.ts), else null. */
  log: EventLog | null;
  /** A probe or canary of the grid's own (rules/verify.ts): never queued, billed or shown to a client. */
  check?: CheckJob;
}

/** What the grid asked for in a probe or canary, and of whom. */
export interface CheckJob {
  kind: 'probe' | 'canary';
  worker: Worker;
  /** The words the reply must contain, in order. */
  words: string[];
}

/** A worker's verification (docs/mock-grid-core.md "Verification"); null on a worker the grid does not check. */
export interface WorkerCheck {
  /** `pending`: no probe passed yet; `failed`: the last probe failed, the next comes at `retryAt`. */
  state: 'pending' | 'verified' | 'failed';
  /** The probe or canary handed out or waiting for the worker (state `new` until handed out), else null. */
  job: Job | null;
  /** When the next probe is due after a failed one. */
  retryAt: number | null;
  /** Failed probes in a row (the back-off doubles with each). */
  probesFailed: number;
  /** Why the last check failed, or null. */
  lastFailure: string | null;
  /** The speed the passed probe measured (tokens/s of decode) and its time to first token (s). */
  benchmark: { tokensPerS: number | null; ttftS: number | null } | null;
  canaries: { passed: number; failed: number };
  /** The next canary or probe (books/verification.ts), or null. */
  timer: TimerHandle | null;
}

export interface Job {
  id: string;
  req: Req;
  index: number;
  /** Written only by `move()` (job-machine.ts); 'new' until the submit move. */
  state: JobState | 'new';
  /** Models the requester accepts; empty = any. Case-sensitive. */
  models: string[];
  /** Horde `params.max_length`: the worker's max_length must reach it (null for /v1 jobs). */
  maxLength: number | null;
  /** Tokens to ask the worker for (clamped to its max_length); null = whatever it offers. */
  wantTokens: number | null;
  /** Context the worker must offer (null = no constraint). */
  maxContextLength: number | null;
  nsfw: boolean;
  trustedWorkers: boolean;
  allowWorkers: Set<string> | null;
  blockWorkers: Set<string> | null;
  /** Arrival order; a requeued job keeps it (priority by waiting time). */
  seq: number;
  createdAt: number;
  seed: number;
  promptTokens: number;
  /** Failed attempts so far (worker errors, empty completions, expired leases). */
  failures: number;
  /** Workers that let this job's lease expire: it is not handed back to them. Created on first use. */
  avoid: Set<string> | null;
  /** Held in the queue by the mock's `queue-delay` scenario: no worker may take it until the hold ends. */
  held: boolean;
  /** The mock scenario a simulated worker plays on this job's first attempt; cleared once it is leased. */
  scenario: WorkerScenario | null;
  /** `MockJobOptions.acceptEmpty`: an empty completion completes the job. */
  acceptEmpty: boolean;
  /** The request's routing preferences and constraints (routing/prefs.ts), or null when it gave none. */
  routing: JobRouting | null;
  /**
   * The pop worker the router gave this job to, kept for its next pop (rules/assign.ts `dispatch`); no other
   * worker may take it meanwhile. With the decision, and the timer that lets it go if the worker does not come.
   */
  reservedFor: Worker | null;
  reservation: { decision: RouteDecision; cancel: () => void } | null;
  /** The job's links in the queue lanes while it is queued (one per lane), else empty. */
  nodes: QueueNode[];
  inQueue: boolean;
  /** Last assignment scan that looked at this job (dedupes multi-model jobs within one scan). */
  scan: number;
  gen: Generation | null;
  /** Created on first use: most jobs have one listener or none (memory with 100,000 queued jobs). */
  listeners: JobListener[] | null;
  result: JobResult | null;
}

/** A link of an intrusive doubly linked list: O(1) unlink from anywhere in a lane. */
export interface QueueNode {
  job: Job;
  prev: QueueNode | null;
  next: QueueNode | null;
  lane: unknown;
}

export interface JobResult {
  text: string;
  seed: number;
  workerId: string;
  workerName: string;
  model: string;
  state: 'ok' | 'censored' | 'faulted' | 'csam';
  /** The worker's checked signature, when it signed. */
  signature: ResultSignature | null;
  /** How the job came to its worker (text jobs; routing/explain.ts). */
  routing?: RoutingExplanation;
  /** An image job's verified image: where it is stored, its type, and what it earned. */
  image?: { generationId: string; key: string; contentType: string; den: number };
}

export type GenState = 'active' | 'done' | 'aborted';

/** One attempt at a job by one worker (Horde "procgen"); its id is what the worker sees. */
export interface Generation {
  id: string;
  /** Null once the generation has ended (tombstones keep no job alive). */
  job: Job | null;
  jobId: string;
  worker: Worker;
  conn: Conn | null;
  model: string;
  maxLength: number;
  /** Written only by `move()` (job-machine.ts); 'new' until the lease move. */
  state: GenState | 'new';
  /**
   * Image jobs: the generations handed to one worker at once (up to its `amount`), in slot order; null for
   * text. A WS media job is one unit on the wire (its id is `batch[0].id`), so its generations start and end
   * together; a pop worker submits each on its own.
   */
  batch: Generation[] | null;
  /** Image jobs: the object-store key this generation's image goes to (`{id}.{ext}`); null for text. */
  key: string | null;
  /** Image jobs: what the worker last reported, 0–100, and (Horde progress) its steps. */
  pct: number;
  steps: { current: number; total: number } | null;
  abortReason: string | null;
  assignedAt: number;
  /**
   * How the job came to this worker: the router's decision when it was pushed to a free worker, or null when the
   * worker took it from the queue (a pop, or a connection that became free). Null again once it has ended
   * (moves.ts `forgetLive`).
   */
  route: RouteDecision | null;
  firstTokenAt: number | null;
  timer: TimerHandle | null;
  /** Lease end; token frames push it forward, the timer re-arms itself lazily. */
  deadline: number;
  /** A finish_reason seen on a token frame (used when `done` carries none). */
  finishReason: string | null;
  /** What the worker streamed: when it streamed anything, that is the result (not `done`'s full text).
   *  Emptied once the generation has ended. */
  streamedText: string;
  streamedReasoning: string;
  endedAt: number;
}

export interface Conn {
  id: string;
  worker: Worker;
  sink: WorkerSink;
  current: Generation | null;
  connectedAt: number;
  idle: boolean;
  /** The models this connection is indexed under while idle (the worker's models may change meanwhile). */
  idleModels: string[];
  closed: boolean;
}

export interface Worker {
  id: string;
  name: string;
  kind: WorkerKind;
  owner: Account;
  models: string[];
  modelSet: Set<string>;
  maxLength: number;
  maxContextLength: number;
  nsfw: boolean;
  threads: number;
  bridgeAgent: string;
  createdAt: number;
  lastSeenAt: number;
  lastPopAt: number | null;
  uptimeMs: number;
  conn: Conn | null;
  popGens: Set<Generation>;
  requestsFulfilled: number;
  tokensGenerated: number;
  genTimeMs: number;
  denEarned: number;
  uncompletedJobs: number;
  strikes: number[];
  evictions: number;
  lastEvictionEnd: number | null;
  cooldownUntil: number | null;
  /** Ed25519 public key (base64url) from its latest register/pop, for result signatures. */
  publicKey: string | null;
  /** A media worker's capabilities (WS media `job_types`, Horde image pop); null for a text worker. */
  media: MediaCaps | null;
  /** Its latest connection came from an in-process simulated worker (`WorkerSink.simulated`). */
  simulated: boolean;
  /** Where it says it runs (`WsRegister.region`, `HordeTextPopRequest.region`), or null. */
  region: string | null;
  /** What the grid measured of it and its reputation (routing/standing.ts). */
  standing: Standing;
  /** A pop worker whose last pop found nothing counts as free for the router until then (0: not). */
  standbyUntil: number;
  /** The job the router kept for this pop worker's next pop, or null. */
  reserved: Job | null;
  /** Its probes and canaries (rules/verify.ts); null when the grid does not verify it. */
  check: WorkerCheck | null;
}
