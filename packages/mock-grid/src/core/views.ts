/**
 * Read-only views the doors serialize straight into their wire shapes. Built on demand from the core's
 * records; O(workers) or O(jobs of one request), never a walk over the queue.
 */
import type {
  ChatQuote,
  HordeActiveModel,
  HordeHeartbeat,
  HordeImageCheck,
  HordePerformance,
  HordeTextStatus,
  HordeUserDetails,
  HordeWorkerDetails,
  ImageQuote,
  ModelStatus,
  WorkerList,
  WorkerSummary,
} from '@aipg/sdk';
import { username } from './books/accounts.js';
import type { JobQueue } from './books/queue.js';
import { decodeTokensPerSecond, type Stats, tokensPerSecond } from './books/stats.js';
import type { Account, Job, Req, Worker } from './entities.js';
import { round2, round3 } from './tokens.js';
import type {
  ImagePriceQuote,
  ImageResultView,
  ImageStatusView,
  JobView,
  TextPriceQuote,
  WorkerVerificationView,
  WorkerView,
} from './types.js';

/** The version the AIPG Horde fork reported (spec: HordeHeartbeat.version). */
export const HORDE_VERSION = '4.46.3';

export interface ViewContext {
  now: number;
  queue: JobQueue;
  stats: Stats;
  workers: ReadonlyMap<string, Worker>;
  online(worker: Worker): boolean;
  /** The online workers, found without walking the ones that went away. */
  onlineWorkers(): Worker[];
  possible(models: string[]): boolean;
  possibleImage(models: string[]): boolean;
}

const nullableRound2 = (v: number | null): number | null => (v === null ? null : round2(v));

function onlineWorkers(ctx: ViewContext): Worker[] {
  return ctx.onlineWorkers();
}

/** A Horde model or worker type: text workers and image workers (media workers of `job_types: [image]`). */
export type HordeModelType = 'text' | 'image';

/** The Horde type of a worker: `image` for a media worker (AIPG's video workers are image workers too), else `text`. */
export function hordeTypeOf(w: Worker): HordeModelType {
  return w.media ? 'image' : 'text';
}

/**
 * The online workers of one type by model, sorted by name (text models and image models are kept apart: an
 * image model is never a text model).
 */
function byModel(ctx: ViewContext, type: HordeModelType = 'text'): Map<string, Worker[]> {
  const map = new Map<string, Worker[]>();
  for (const w of onlineWorkers(ctx)) {
    if (hordeTypeOf(w) !== type) continue;
    for (const m of w.models) {
      let list = map.get(m);
      if (!list) {
        list = [];
        map.set(m, list);
      }
      list.push(w);
    }
  }
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function uptimeSeconds(ctx: ViewContext, w: Worker): number {
  let ms = w.uptimeMs;
  if (w.conn) ms += ctx.now - w.conn.connectedAt;
  else if (ctx.online(w) && w.lastPopAt !== null) ms += ctx.now - w.lastPopAt;
  return Math.floor(ms / 1000);
}

function workerTokensPerSecond(w: Worker): number {
  return tokensPerSecond({ tokens: w.tokensGenerated, genMs: w.genTimeMs });
}

/** What the grid measured of a worker and its reputation (routing/standing.ts), in wire units. */
function standingView(ctx: ViewContext, w: Worker) {
  const s = w.standing;
  const speed = s.speed.get();
  const ttft = s.ttftMs.get();
  return {
    region: w.region,
    reputation: round2(s.reputation(ctx.now)),
    reliability: round3(s.reliability(ctx.now)),
    tokens_per_s: speed === null ? null : round2(speed),
    ttft: ttft === null ? null : round3(ttft / 1000),
  };
}

/** A worker's verification on the wire (spec `WorkerVerification`; docs/mock-grid-core.md "Verification"). */
export function verificationView(w: Worker): WorkerVerificationView {
  const c = w.check;
  if (c === null) return null;
  return {
    state: c.state,
    next_probe_at: c.state === 'failed' && c.retryAt !== null ? Math.ceil(c.retryAt / 1000) : null,
    probes_failed: c.probesFailed,
    last_failure: c.lastFailure,
    benchmark: c.benchmark ? { tokens_per_s: c.benchmark.tokensPerS, ttft: c.benchmark.ttftS } : null,
    canaries: { passed: c.canaries.passed, failed: c.canaries.failed },
  };
}

export function workerView(ctx: ViewContext, w: Worker): WorkerView {
  const standing = standingView(ctx, w);
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    owner: username(w.owner),
    online: ctx.online(w),
    models: [...w.models],
    maxLength: w.maxLength,
    maxContextLength: w.maxContextLength,
    nsfw: w.nsfw,
    busy: (w.conn?.current ?? null) !== null || w.popGens.size > 0,
    requestsFulfilled: w.requestsFulfilled,
    tokensGenerated: w.tokensGenerated,
    denEarned: w.denEarned,
    strikes: w.strikes.length,
    cooldownUntil: w.cooldownUntil !== null && w.cooldownUntil > ctx.now ? w.cooldownUntil : null,
    uncompletedJobs: w.uncompletedJobs,
    createdAt: w.createdAt,
    lastSeenAt: w.lastSeenAt,
    simulated: w.simulated,
    region: standing.region,
    reputation: standing.reputation,
    reliability: standing.reliability,
    tokensPerS: standing.tokens_per_s,
    ttftS: standing.ttft,
    uptimeS: uptimeSeconds(ctx, w),
    verification: verificationView(w),
  };
}

export function hordeStatusView(ctx: ViewContext, req: Req): HordeTextStatus {
  let finished = 0;
  let processing = 0;
  let restarted = 0;
  let waiting = 0;
  let faulted = false;
  let open = 0;
  let position = 0;
  for (const job of req.jobs) {
    restarted += job.failures;
    switch (job.state) {
      case 'completed':
        finished++;
        break;
      case 'leased':
      case 'streaming':
        processing++;
        open++;
        break;
      case 'queued': {
        waiting++;
        open++;
        const p = ctx.queue.position(job);
        if (p > 0 && (position === 0 || p < position)) position = p;
        break;
      }
      case 'faulted':
        faulted = true;
        break;
      default:
        break;
    }
  }
  const totals = ctx.stats.totals;
  const avgGenSeconds = totals.jobs > 0 ? totals.genMs / totals.jobs / 1000 : 0;
  const online = onlineWorkers(ctx).length;
  const models = req.jobs[0]?.models ?? [];
  return {
    finished,
    processing,
    restarted,
    waiting,
    done: faulted || open === 0,
    faulted,
    wait_time: waiting > 0 ? Math.ceil((position * avgGenSeconds) / Math.max(1, online)) : 0,
    queue_position: position,
    kudos: round2(req.charged),
    is_possible: ctx.possible(models),
    generations: req.jobs
      .filter((j) => j.result !== null)
      .map((j) => ({
        text: j.result!.text,
        seed: j.result!.seed,
        worker_id: j.result!.workerId,
        worker_name: j.result!.workerName,
        model: j.result!.model,
        // Text generations always report "ok" on the Horde (docs/mock-grid-core.md, quirk 6.8).
        state: 'ok' as const,
        gen_metadata: [],
        ...(j.result!.signature ? { signature: j.result!.signature } : {}),
        ...(j.result!.routing ? { routing: j.result!.routing } : {}),
      })),
  };
}

export function modelStatusView(ctx: ViewContext): ModelStatus[] {
  const out: ModelStatus[] = [];
  for (const [name, workers] of byModel(ctx)) {
    const t = ctx.stats.model(name);
    const samples = t?.jobs ?? 0;
    out.push({
      name,
      count: workers.length,
      type: 'text',
      max_context_length: Math.max(...workers.map((w) => w.maxContextLength)),
      samples,
      tokens_per_s: nullableRound2(decodeTokensPerSecond(t)),
      avg_ttft_s: samples > 0 ? round3(t!.ttftMs / samples / 1000) : null,
      avg_latency_s: samples > 0 ? round3(t!.latencyMs / samples / 1000) : null,
    });
  }
  return out;
}

export function workerListView(ctx: ViewContext): WorkerList {
  const workers = onlineWorkers(ctx).map(
    (w): WorkerSummary => ({
      id: w.id,
      name: w.name,
      models: [...w.models],
      job_types: w.media ? ([...w.media.types] as WorkerSummary['job_types']) : ['text'],
      online: true,
      ...standingView(ctx, w),
      uptime: uptimeSeconds(ctx, w),
      verification: verificationView(w),
    }),
  );
  return { count: workers.length, workers };
}

/**
 * `GET /api/v2/status/models?type=`: the models of `type` with an online worker. Text: `performance` is
 * tokens/s over the whole generation time, `queued` the queued tokens, `jobs` the queued jobs and `eta` queued
 * tokens ÷ (performance × count). Image: `jobs` is the queued images; the grid keeps no megapixel-step figures,
 * so `performance`, `queued` and `eta` are 0 (spec: HordeActiveModel).
 */
export function activeModelsView(ctx: ViewContext, type: HordeModelType = 'text'): HordeActiveModel[] {
  const out: HordeActiveModel[] = [];
  for (const [name, workers] of byModel(ctx, type)) out.push(activeModel(ctx, type, name, workers.length));
  return out;
}

function activeModel(ctx: ViewContext, type: HordeModelType, name: string, count: number): HordeActiveModel {
  const queued = ctx.queue.laneCounts(name);
  if (type === 'image') {
    return { name, count, performance: 0, queued: 0, jobs: queued.jobs, eta: 0, type };
  }
  const performance = tokensPerSecond(ctx.stats.model(name));
  return {
    name,
    count,
    performance: round2(performance),
    queued: queued.tokens,
    jobs: queued.jobs,
    eta: performance > 0 ? Math.ceil(queued.tokens / (performance * count)) : 0,
    type,
  };
}

/**
 * `GET /api/v2/status/models/{model_name}`: the model's entry as in `activeModelsView`, looked up among image
 * models first and then text models (the Horde's order), or an empty list when no online worker serves it.
 */
export function activeModelView(ctx: ViewContext, name: string): HordeActiveModel[] {
  for (const type of ['image', 'text'] as const) {
    const workers = byModel(ctx, type).get(name);
    if (workers) return [activeModel(ctx, type, name, workers.length)];
  }
  return [];
}

export function performanceView(ctx: ViewContext): HordePerformance {
  const online = onlineWorkers(ctx);
  const threads = online.reduce((sum, w) => sum + w.threads, 0);
  return {
    queued_requests: ctx.queue.size,
    queued_text_requests: ctx.queue.size,
    worker_count: online.length,
    text_worker_count: online.length,
    thread_count: threads,
    text_thread_count: threads,
    queued_megapixelsteps: 0,
    past_minute_megapixelsteps: 0,
    queued_forms: 0,
    interrogator_count: 0,
    interrogator_thread_count: 0,
    queued_tokens: ctx.queue.tokens,
    past_minute_tokens: ctx.stats.pastMinuteTokens(ctx.now),
  };
}

export function heartbeatView(ctx: ViewContext): HordeHeartbeat {
  const online = onlineWorkers(ctx);
  return {
    message: 'OK',
    version: HORDE_VERSION,
    queue: ctx.queue.size,
    threads: online.reduce((sum, w) => sum + w.threads, 0),
    active_count: online.length,
    db_connection: true,
  };
}

/** `HordeWorkerDetails`: an image worker shows its image capabilities, a text worker its text limits. */
export function hordeWorkerView(ctx: ViewContext, w: Worker): HordeWorkerDetails {
  const type = hordeTypeOf(w);
  const common: HordeWorkerDetails = {
    type,
    name: w.name,
    id: w.id,
    online: ctx.online(w),
    requests_fulfilled: w.requestsFulfilled,
    kudos_rewards: w.denEarned,
    kudos_details: { generated: w.denEarned, uptime: 0 },
    threads: w.threads,
    uptime: uptimeSeconds(ctx, w),
    maintenance_mode: false,
    paused: false,
    info: null,
    nsfw: w.nsfw,
    owner: username(w.owner),
    trusted: w.owner.trusted,
    flagged: false,
    uncompleted_jobs: w.uncompletedJobs,
    models: [...w.models],
    forms: [],
    team: { name: null, id: null },
    bridge_agent: w.bridgeAgent,
    region: w.region,
    reputation: round2(w.standing.reputation(ctx.now)),
    verification: verificationView(w),
  };
  const media = w.media;
  if (type === 'image' && media) {
    // The grid keeps no megapixel-step figures, so `performance` and `megapixelsteps_generated` are left out.
    return {
      ...common,
      max_pixels: media.maxPixels,
      img2img: media.img2img,
      painting: media.painting,
      'post-processing': media.postProcessing,
      lora: media.lora,
      controlnet: media.controlnet,
      sdxl_controlnet: false,
      messages: [],
    };
  }
  return {
    ...common,
    performance: `${workerTokensPerSecond(w).toFixed(1)} tokens per second`,
    max_length: w.maxLength,
    max_context_length: w.maxContextLength,
    tokens_generated: w.tokensGenerated,
    messages: [],
  };
}

export function hordeUserView(ctx: ViewContext, a: Account): HordeUserDetails {
  const activeText: string[] = [];
  for (const id of a.workerIds) {
    const w = ctx.workers.get(id);
    const gen = w?.conn?.current;
    if (gen?.state === 'active') activeText.push(gen.id);
    for (const g of w?.popGens ?? []) activeText.push(g.id);
  }
  return {
    username: username(a),
    id: a.id,
    kudos: a.balance,
    evaluating_kudos: 0,
    concurrency: a.maxInFlight,
    worker_invited: 0,
    moderator: a.moderator,
    kudos_details: {
      accumulated: a.earned,
      gifted: 0,
      donated: 0,
      admin: 0,
      received: 0,
      recurring: 0,
      awarded: 0,
      styled: 0,
    },
    worker_count: a.workerIds.size,
    worker_ids: [...a.workerIds],
    sharedkey_ids: [],
    active_generations: { text: activeText, image: [], alchemy: [] },
    monthly_kudos: { amount: 0, last_received: null },
    trusted: a.trusted,
    flagged: false,
    vpn: false,
    service: false,
    education: false,
    customizer: false,
    special: false,
    suspicious: 0,
    pseudonymous: a.anonymous,
    account_age: Math.floor((ctx.now - a.createdAt) / 1000),
    usage: { tokens: a.tokensUsed, requests: a.jobsRequested },
    contributions: { tokens: a.tokensGenerated, fulfillments: a.jobsFulfilled },
    records: {
      usage: { tokens: a.tokensUsed, megapixelsteps: 0 },
      contribution: { tokens: a.tokensGenerated, megapixelsteps: 0 },
      fulfillment: { text: a.jobsFulfilled, image: 0, interrogation: 0 },
      request: { text: a.jobsRequested, image: 0, interrogation: 0 },
    },
  };
}

export function jobView(job: Job): JobView {
  const gen = job.gen;
  return {
    id: job.id,
    requestId: job.req.id,
    index: job.index,
    source: job.req.source,
    // A job is only reachable once its submit move made it 'queued'.
    state: job.state === 'new' ? 'queued' : job.state,
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

/** The progress of a live image generation as the Horde shows it, or null when nothing was reported. */
function generationProgress(job: Job): { pct: number; steps: { current: number; total: number } | null } {
  const gen = job.gen;
  return { pct: gen ? gen.pct : 0, steps: gen?.steps ?? null };
}

/**
 * How far an image request has come, 0–100: the average over its images of a finished one's 100, a running
 * one's last report (kept below 100 until it is verified) and a waiting one's 0 (spec `ImageProgress`).
 */
export function imageProgressPercent(req: Req): number {
  if (req.jobs.length === 0) return 0;
  let sum = 0;
  for (const job of req.jobs) {
    if (job.state === 'completed') sum += 100;
    else if (job.state === 'leased' || job.state === 'streaming')
      sum += Math.min(99, generationProgress(job).pct);
  }
  return round2(sum / req.jobs.length);
}

/** An image request's state for the Horde `check` / `status` (the door turns each image's key into a URL). */
export function imageStatusView(ctx: ViewContext, req: Req): ImageStatusView {
  let finished = 0;
  let processing = 0;
  let restarted = 0;
  let waiting = 0;
  let faulted = false;
  let open = 0;
  let position = 0;
  let steps: { current: number; total: number } | null = null;
  for (const job of req.jobs) {
    restarted += job.failures;
    if (job.state === 'completed') finished++;
    else if (job.state === 'leased' || job.state === 'streaming') {
      processing++;
      open++;
      steps ??= generationProgress(job).steps;
    } else if (job.state === 'queued') {
      waiting++;
      open++;
      const p = ctx.queue.position(job);
      if (p > 0 && (position === 0 || p < position)) position = p;
    } else if (job.state === 'faulted') faulted = true;
  }
  const image = req.image!;
  const online = ctx.onlineWorkers().filter((w) => w.media).length;
  const check: HordeImageCheck = {
    finished,
    processing,
    restarted,
    waiting,
    done: faulted || open === 0,
    faulted,
    // The average time of an image is not tracked: a queued request counts its position.
    wait_time: waiting > 0 ? Math.ceil(position / Math.max(1, online)) : 0,
    queue_position: position,
    kudos: round2(req.charged),
    is_possible: ctx.possibleImage(image.models),
    progress: {
      progress_percent: imageProgressPercent(req),
      ...(steps ? { current_step: steps.current, total_steps: steps.total } : {}),
    },
  };
  const generations: ImageResultView[] = [];
  for (const job of req.jobs) {
    const r = job.result;
    if (!r?.image) continue;
    generations.push({
      id: r.image.generationId,
      key: r.image.key,
      contentType: r.image.contentType,
      seed: r.seed,
      workerId: r.workerId,
      workerName: r.workerName,
      model: r.model,
      state: r.state,
      den: r.image.den,
    });
  }
  return { check, generations, shared: image.horde?.shared ?? false, r2: image.r2 };
}

/** The /v1 `ChatQuote` of a text request's quote (spec: openapi/components/v1.yaml). */
export function chatQuoteView(q: TextPriceQuote): ChatQuote {
  return {
    object: 'chat.completion.quote',
    model: q.model,
    n: q.n,
    prompt_tokens: q.promptTokens,
    max_tokens: q.maxTokens,
    context_tokens: q.contextTokens,
    size_factor: round3(q.sizeFactor),
    context_factor: round3(q.contextFactor),
    // Unrounded: the charge of `t` tokens is `round2(round2(t × den_per_token) + fee)`, exactly.
    den_per_token: q.denPerToken,
    fee: q.fee,
    den_per_choice: q.denPerJob,
    den: q.den,
  };
}

/** The /v1 `ImageQuote` of an image request's quote (spec: openapi/components/v1.yaml). */
export function imageQuoteView(q: ImagePriceQuote): ImageQuote {
  return {
    object: 'image.quote',
    model: q.model,
    n: q.n,
    width: q.width,
    height: q.height,
    steps: q.steps,
    megapixel_steps: q.megapixelSteps,
    family_factor: q.familyFactor,
    den_per_megapixel_step: q.denPerMegapixelStep,
    den_per_image: q.denPerImage,
    den: q.den,
  };
}
