/**
 * Trigger: a client submits a request (/v1 chat, Horde async). The checks in order: key and scope, rate
 * limit, body, workers named, in-flight cap, model online (/v1 only), upfront kudos; then the request's `n`
 * jobs are queued and each is offered to an idle WS connection.
 */
import type { Books } from '../books/index.js';
import type { Account, Job, Req } from '../entities.js';
import { GridError } from '../errors.js';
import { uuid } from '../ids.js';
import { hordeImageSpec, type ImageSpec, v1ImageSpec } from '../image-spec.js';
import { close, enqueue } from '../moves.js';
import { freshJob } from '../new-job.js';
import { jobIds, type Outbox } from '../outbox.js';
import { imageQuote, textQuote } from '../pricing.js';
import { type ChatPlan, planChat } from '../routing/plan.js';
import type { ImageSubmitInput, MockJobOptions, Submission, SubmitInput } from '../types.js';
import { chatSpec, hordeSpec, type JobSpec } from '../validate.js';

/** The `Retry-After` of the in-flight cap's 429 (`TooManyPrompts`): 2 s. */
export const IN_FLIGHT_RETRY_AFTER_MS = 2_000;

type SubmitBooks = Pick<
  Books,
  | 'clock'
  | 'settings'
  | 'accounts'
  | 'requests'
  | 'workers'
  | 'queue'
  | 'stats'
  | 'events'
  | 'chatLimiter'
  | 'hordeLimiter'
  | 'imageLimiter'
>;

/**
 * `as`: a batch's request (docs/mock-grid-core.md "Batches"), submitted for the account that created the
 * batch, which is already authenticated. It counts in the account's in-flight cap like any request, but not
 * in its rate limit: the batch was the one request the limit counts.
 */
export function submit(b: SubmitBooks, out: Outbox, input: SubmitInput, as?: Account): Submission {
  const now = b.clock.now();
  const account = as ?? b.accounts.authenticate(input.apiKey, 'inference.submit');
  const limiter = input.source === 'v1' ? b.chatLimiter : b.hordeLimiter;
  // Counted per account, so the limiter holds no key.
  if (!as) limiter?.hit(String(account.id), now);
  const spec: JobSpec = input.source === 'v1' ? chatSpec(input.request) : hordeSpec(input.request);

  let resolvedModel: string | null = null;
  let plan: ChatPlan | null = null;
  if (input.source === 'v1') {
    plan = planChat(b.workers, b.settings, input.request);
    spec.models = plan.models;
    resolvedModel = plan.models[0]!;
  }
  const allow = new Set<string>();
  for (const id of spec.workers) {
    if (!b.workers.byId.has(id)) {
      throw new GridError('WorkerNotFound', `Worker ID '${id}' not found`, { field: 'workers' });
    }
    allow.add(id);
  }
  const quote = textQuote(b.settings, input.source, spec.models, spec, spec.n);
  const kudos = quote.den;
  const isPossible = b.workers.possible(spec.models);
  // A quote (docs/mock-grid-core.md "Pricing"): the checks above apply, the in-flight cap and upfront den do not.
  if (input.request.dry_run === true) {
    return { id: '', jobIds: [], kudos, possible: isPossible, model: resolvedModel, quote };
  }
  if (account.inFlight + spec.n > account.maxInFlight) {
    throw new GridError(
      'TooManyPrompts',
      `Too many concurrent requests: ${account.inFlight} in flight, the limit is ${account.maxInFlight}`,
      // Every 429 says when to come back; a slot frees when one of the account's jobs ends, which the grid
      // cannot foresee, so this is a fixed hint (docs/mock-grid-core.md "Limits").
      { limit: account.maxInFlight, retryAfterMs: IN_FLIGHT_RETRY_AFTER_MS },
    );
  }
  requireUpfront(b, account, kudos);

  const req: Req = {
    id: uuid(),
    source: input.source,
    account,
    createdAt: now,
    chat: input.source === 'v1' ? input.request : null,
    horde: input.source === 'horde' ? input.request : null,
    image: null,
    jobs: [],
    open: 0,
    kudosEstimate: kudos,
    charged: 0,
    listeners: input.listener ? [input.listener] : null,
    log: null,
  };
  if (input.watch ?? input.source === 'horde') req.log = b.events.open(req.id, spec.n);
  for (let index = 0; index < spec.n; index++) {
    const job: Job = {
      id: uuid(),
      req,
      index,
      models: spec.models,
      maxLength: spec.maxLength,
      wantTokens: spec.wantTokens,
      maxContextLength: spec.maxContextLength,
      nsfw: spec.nsfw,
      trustedWorkers: spec.trustedWorkers || (plan?.trustedOnly ?? false),
      allowWorkers: plan ? plan.allow : allow.size > 0 && !spec.workerBlacklist ? allow : null,
      blockWorkers: plan ? plan.block : allow.size > 0 && spec.workerBlacklist ? allow : null,
      seq: b.requests.nextSeq(),
      createdAt: now,
      seed: spec.seed ?? Math.floor(b.settings.random() * 2 ** 31),
      promptTokens: spec.promptTokens,
      routing: plan?.routing ?? null,
      // Last: a literal that spreads first and then sets many fields is far slower to build (V8).
      ...freshJob(),
    };
    req.jobs.push(job);
  }
  b.requests.add(req);
  b.accounts.requested(account, spec.n);
  queueJobs(b, out, req, input.mock);
  return {
    id: req.id,
    jobIds: req.jobs.map((j) => j.id),
    kudos,
    possible: isPossible,
    model: resolvedModel,
    quote,
  };
}

/**
 * An image request (/v1 `createImage`, Horde `generate/async`): the same checks as text in the same order
 * (key and scope, rate limit, body, workers named, in flight — /v1 also counts media requests in flight,
 * `maxMediaInFlight` — the model online for /v1, upfront kudos), then one job per image, each with its own
 * seed, queued and offered to idle media connections (docs/mock-grid-core.md "Image jobs").
 */
export function submitImage(b: SubmitBooks, out: Outbox, input: ImageSubmitInput): Submission {
  const now = b.clock.now();
  const account = b.accounts.authenticate(input.apiKey, 'inference.submit');
  const limiter = input.source === 'v1' ? b.imageLimiter : b.hordeLimiter;
  limiter?.hit(String(account.id), now);
  const source = input.sourceKey
    ? { key: input.sourceKey }
    : input.sourceUrl
      ? { url: input.sourceUrl }
      : null;
  const random = b.settings.random;
  const image: ImageSpec =
    input.source === 'v1'
      ? v1ImageSpec(input.request, random, source)
      : hordeImageSpec(input.request, random, source);
  const allow = new Set<string>();
  for (const id of image.workers) {
    if (!b.workers.byId.has(id)) {
      throw new GridError('WorkerNotFound', `Worker ID '${id}' not found`, { field: 'workers' });
    }
    allow.add(id);
  }
  const quote = imageQuote(b.settings, image);
  const kudos = quote.den;
  const isPossible = b.workers.possibleImage(image.models);
  const dryRun = input.request.dry_run === true;
  if (input.source === 'horde' && dryRun) {
    return { id: '', jobIds: [], kudos, possible: isPossible, model: null, quote };
  }
  // A /v1 quote still needs its model online (below); the in-flight caps do not apply to it.
  if (!dryRun && account.inFlight + image.n > account.maxInFlight) {
    throw new GridError(
      'TooManyPrompts',
      `Too many concurrent requests: ${account.inFlight} in flight, the limit is ${account.maxInFlight}`,
      { limit: account.maxInFlight, retryAfterMs: IN_FLIGHT_RETRY_AFTER_MS },
    );
  }
  if (input.source === 'v1') {
    const cap = b.settings.maxMediaInFlight;
    if (!dryRun && account.mediaInFlight >= cap) {
      throw new GridError(
        'TooManyPrompts',
        `Too many image requests in flight: ${account.mediaInFlight}, the limit is ${cap}`,
        { limit: cap, retryAfterMs: IN_FLIGHT_RETRY_AFTER_MS },
      );
    }
    // An offline model is never substituted; no image worker at all is the 503 (spec `createImage`).
    if (!b.workers.possibleImage([])) {
      throw new GridError('NoModelOnline', 'No image workers are currently online.');
    }
    if (!isPossible) {
      throw new GridError('ModelNotOnline', `Model '${image.models[0]}' is not available`, {
        field: 'model',
      });
    }
  }
  if (dryRun) return { id: '', jobIds: [], kudos, possible: isPossible, model: quote.model, quote };
  requireUpfront(b, account, kudos);
  const req: Req = {
    id: uuid(),
    source: input.source,
    account,
    createdAt: now,
    chat: null,
    horde: null,
    image,
    jobs: [],
    open: 0,
    kudosEstimate: kudos,
    charged: 0,
    listeners: input.listener ? [input.listener] : null,
    log: null,
  };
  if (input.watch ?? input.source === 'horde') req.log = b.events.open(req.id, image.n);
  for (let index = 0; index < image.n; index++) {
    req.jobs.push({
      id: uuid(),
      req,
      index,
      models: image.models,
      maxLength: null,
      // Image jobs count no tokens in the queue's token totals.
      wantTokens: 0,
      maxContextLength: null,
      nsfw: image.nsfw,
      trustedWorkers: image.trustedWorkers,
      allowWorkers: allow.size > 0 && !image.workerBlacklist ? allow : null,
      blockWorkers: allow.size > 0 && image.workerBlacklist ? allow : null,
      seq: b.requests.nextSeq(),
      createdAt: now,
      seed: image.seeds[index]!,
      promptTokens: 0,
      routing: null,
      // Last: a literal that spreads first and then sets many fields is far slower to build (V8).
      ...freshJob(),
    });
  }
  b.requests.add(req);
  b.accounts.requested(account, image.n);
  queueJobs(b, out, req, input.mock);
  return {
    id: req.id,
    jobIds: req.jobs.map((j) => j.id),
    kudos,
    possible: isPossible,
    model: image.models[0]!,
    quote,
  };
}

/**
 * Queues a new request's jobs and offers each to an idle connection — after every `queued`, so a listener
 * sees all of them before any `assigned`. A mock scenario (docs/mock-grid.md "Scenarios and faults") may hold
 * them (the core releases them after `holdMs`, grid-core.ts), fault them at once, or keep them for a
 * simulated worker.
 */
function queueJobs(b: SubmitBooks, out: Outbox, req: Req, mock: MockJobOptions | undefined): void {
  for (const job of req.jobs) {
    job.held = (mock?.holdMs ?? 0) > 0;
    job.scenario = mock?.worker ?? null;
    job.acceptEmpty = mock?.acceptEmpty === true;
    enqueue(b, out, job);
  }
  if (mock?.fault !== undefined) {
    const at = b.clock.now();
    for (const job of req.jobs) {
      b.queue.remove(job);
      close(b, out, job, { type: 'faulted', ...jobIds(job), at, message: mock.fault }, 'orphan');
    }
    return;
  }
  for (const job of req.jobs) if (!job.held) out.dispatch(job);
}

/** With `upfrontKudos`, a request whose price the account cannot cover is refused before it is queued. */
function requireUpfront(b: SubmitBooks, account: { balance: number }, kudos: number): void {
  if (b.settings.upfrontKudos && account.balance < kudos) {
    throw new GridError(
      'KudosUpfront',
      `This request needs ${kudos} den upfront; the balance is ${account.balance}`,
      { limit: kudos },
    );
  }
}
