/**
 * A /v1 chat request's routing plan, made once at submit (docs/mock-grid-core.md "Requester controls"): the
 * models it may be served with, in order (its `model`, then its `models` fallbacks, offline ones passed over,
 * cheapest first with `sort: price`), the workers it may go to, and a check that some online worker meets
 * every hard constraint, else an error naming the first one nobody meets.
 */
import type { ChatCompletionRequest } from '@aipg/sdk';
import type { WorkerBook } from '../books/workers.js';
import type { Worker } from '../entities.js';
import { GridError } from '../errors.js';
import { AUTO_MODEL_RULE, isAutoModel, resolveChatModel } from '../model-routing.js';
import { multiplier } from '../pricing.js';
import type { Settings } from '../settings.js';
import { type JobRouting, MAX_FALLBACK_MODELS, type RoutingRequest, readRouting } from './prefs.js';

export interface ChatPlan {
  models: string[];
  routing: JobRouting | null;
  allow: Set<string> | null;
  block: Set<string> | null;
  trustedOnly: boolean;
}

export function planChat(workers: WorkerBook, settings: Settings, request: ChatCompletionRequest): ChatPlan {
  const prefs = readRouting(request.routing);
  const fallbacks = readFallbacks(request);
  if (fallbacks.length === 0 && prefs === null) {
    // The common case stays what it always was: one model, resolved or refused.
    return {
      models: [resolveChatModel(workers, request.model)],
      routing: null,
      allow: null,
      block: null,
      trustedOnly: false,
    };
  }
  const skipped: JobRouting['skipped'] = [];
  const models: string[] = [];
  for (const asked of [request.model, ...fallbacks]) {
    if (!isAutoModel(asked) && !workers.possible([asked])) {
      skipped.push({ model: asked, reason: 'no online worker serves it' });
      continue;
    }
    const model = resolveChatModel(workers, asked);
    if (!models.includes(model)) models.push(model);
  }
  const allowFallbacks = prefs?.allowFallbacks ?? true;
  // Nothing online, or the first choice offline when fallbacks are not allowed: refused as a lone model is.
  if (models.length === 0 || (!allowFallbacks && skipped.length > 0 && skipped[0]!.model === request.model)) {
    resolveChatModel(workers, request.model);
  }
  if (!allowFallbacks) models.length = 1;
  if (prefs?.sort === 'price') {
    models.sort((a, b) => multiplier(settings, a) - multiplier(settings, b));
  }
  const allow = prefs && prefs.only.length > 0 ? idsOf(workers, prefs.only, 'only') : null;
  const block = prefs && prefs.ignore.length > 0 ? idsOf(workers, prefs.ignore, 'ignore') : null;
  let prefer = prefs && prefs.prefer.length > 0 ? idsOf(workers, prefs.prefer, 'prefer') : null;
  let only = allow;
  // Without fallbacks a preference is a requirement: the preferred workers or nobody.
  if (!allowFallbacks && prefer) {
    only = only ? new Set([...only].filter((id) => prefer!.has(id))) : prefer;
    prefer = null;
  }
  const routing: JobRouting = {
    region: prefs?.region ?? null,
    sort: prefs?.sort ?? null,
    prefer,
    minTokensPerS: prefs?.minTokensPerS ?? null,
    maxTtftMs: prefs?.maxTtftMs ?? null,
    requested: request.model,
    modelRule: isAutoModel(request.model) ? AUTO_MODEL_RULE : null,
    skipped,
  };
  if (prefs) requireSomeone(workers, models, prefs, only, block, routing);
  return { models, routing, allow: only, block, trustedOnly: prefs?.trustedOnly ?? false };
}

function readFallbacks(request: ChatCompletionRequest): string[] {
  const { models, route } = request as { models?: unknown; route?: unknown };
  if (route !== undefined && route !== null && route !== 'fallback') {
    throw new GridError('InvalidField', "route must be 'fallback' (the only routing mode)", {
      field: 'route',
      limit: 'fallback',
    });
  }
  if (models === undefined || models === null) return [];
  if (!Array.isArray(models) || models.some((m) => typeof m !== 'string' || m.length === 0)) {
    throw new GridError('InvalidField', 'models must be a list of model names', { field: 'models' });
  }
  if (models.length > MAX_FALLBACK_MODELS) {
    throw new GridError('InvalidField', `models lists at most ${MAX_FALLBACK_MODELS} fallbacks`, {
      field: 'models',
      limit: MAX_FALLBACK_MODELS,
    });
  }
  return models as string[];
}

/** Worker ids for names (or ids); an unknown one is `WorkerNotFound` naming the list. */
function idsOf(workers: WorkerBook, names: string[], field: string): Set<string> {
  const ids = new Set<string>();
  for (const name of names) {
    const worker = workers.get(name);
    if (!worker) {
      throw new GridError('WorkerNotFound', `routing.${field}: no worker is called '${name}'`, {
        field: `routing.${field}`,
      });
    }
    ids.add(worker.id);
  }
  return ids;
}

/**
 * Some online worker of `models` meets every hard constraint, else `RoutingUnmet` naming the first constraint
 * that leaves nobody (checked in the order the spec lists them), with what the best worker offers instead.
 */
function requireSomeone(
  workers: WorkerBook,
  models: string[],
  prefs: RoutingRequest,
  only: Set<string> | null,
  block: Set<string> | null,
  routing: JobRouting,
): void {
  let pool: Worker[] = [];
  for (const model of models) {
    for (const w of workers.byModel.get(model) ?? [])
      if (workers.isOnline(w) && !pool.includes(w)) pool.push(w);
  }
  const unmet = (field: string, message: string): never => {
    throw new GridError('RoutingUnmet', `routing.${field}: ${message}`, { field: `routing.${field}` });
  };
  const served = `serving ${models.join(', ')}`;
  if (only) {
    pool = pool.filter((w) => only.has(w.id));
    if (pool.length === 0) unmet('only', `none of the workers named is online ${served}`);
  }
  if (block) {
    pool = pool.filter((w) => !block.has(w.id));
    if (pool.length === 0) unmet('ignore', `no other worker is online ${served}`);
  }
  if (prefs.trustedOnly) {
    pool = pool.filter((w) => w.owner.trusted);
    if (pool.length === 0) unmet('trusted_only', `no trusted worker is online ${served}`);
  }
  const min = routing.minTokensPerS;
  if (min !== null) {
    const fastest = Math.max(0, ...pool.map((w) => w.standing.speed.get() ?? 0));
    pool = pool.filter((w) => (w.standing.speed.get() ?? 0) >= min);
    if (pool.length === 0) {
      unmet(
        'min_tokens_per_s',
        `no online worker measures ${min} tokens/s or more (the fastest: ${round1(fastest)})`,
      );
    }
  }
  const max = routing.maxTtftMs;
  if (max !== null) {
    const ttfts = pool.map((w) => w.standing.ttftMs.get()).filter((t): t is number => t !== null);
    pool = pool.filter((w) => (w.standing.ttftMs.get() ?? Number.POSITIVE_INFINITY) <= max);
    if (pool.length === 0) {
      const quickest = ttfts.length > 0 ? `${round1(Math.min(...ttfts) / 1000)} s` : 'none measured yet';
      unmet('max_ttft', `no online worker starts within ${max / 1000} s (the quickest: ${quickest})`);
    }
  }
}

const round1 = (v: number): number => Math.round(v * 10) / 10;
