/**
 * Workers of both kinds: who owns a name, what each serves, and which may be online. Online-ness is
 * checked lazily (a pop worker goes offline by the clock, with no event), and the `maybeOnline` sets keep
 * the workers that went away out of every later scan.
 */
import type { Account, Worker } from './entities.js';
import { GridError } from './errors.js';
import { gridEmit } from './events.js';
import { uuid } from './ids.js';
import { GRID_DEFAULTS } from './settings.js';
import type { GridState } from './state.js';
import type { PopCheckInInput } from './types.js';

/** Models kept per worker, the rest are ignored (AI Horde `PopInput.models`: "at most 200 kept"). */
export const MAX_WORKER_MODELS = 200;

/** What a register frame or a pop body says about the worker. */
export interface WorkerUpdate {
  kind: 'ws' | 'pop';
  models: string[];
  maxLength: number | undefined;
  maxContextLength: number | undefined;
  nsfw: boolean | undefined;
  bridgeAgent: string;
  threads?: number | undefined;
}

/** The worker called `name`, created for `account` if new. Throws InvalidField (name, models) and
 *  WrongCredentials (the name belongs to another account). */
export function claimWorker(
  state: GridState,
  account: Account,
  name: unknown,
  models: unknown,
  kind: 'ws' | 'pop',
): Worker {
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
  const existing = state.workersByName.get(name);
  if (existing) {
    if (existing.owner !== account) {
      throw new GridError('WrongCredentials', `Worker name '${name}' is registered to another account`, {
        field: 'name',
      });
    }
    return existing;
  }
  const now = state.clock.now();
  const worker: Worker = {
    id: uuid(state.settings.random),
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
  state.workers.set(worker.id, worker);
  state.workersByName.set(name, worker);
  account.workerIds.add(worker.id);
  return worker;
}

/** Applies a register frame or pop body (throws InvalidField for a bad limit) and re-indexes the worker. */
export function updateWorker(state: GridState, worker: Worker, u: WorkerUpdate): void {
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
  forgetOffline(state, worker);
  worker.kind = u.kind;
  // The Horde keeps the first 200 models of a pop (§2.7); the same cap bounds what one WS worker costs each
  // time it looks for a job (its model lanes) and what /v1/models walks.
  worker.models = [...new Set(u.models)].slice(0, MAX_WORKER_MODELS);
  worker.modelSet = new Set(worker.models);
  indexWorker(state, worker);
  worker.maxLength = maxLength;
  worker.maxContextLength = maxContextLength;
  worker.nsfw = u.nsfw ?? true;
  worker.threads = threads;
  worker.bridgeAgent = u.bridgeAgent;
}

/** Puts the worker (back) into the may-be-online sets. */
export function indexWorker(state: GridState, worker: Worker): void {
  for (const m of worker.models) {
    let set = state.workersByModel.get(m);
    if (!set) {
      set = new Set();
      state.workersByModel.set(m, set);
    }
    set.add(worker);
  }
  state.maybeOnline.add(worker);
}

export function forgetOffline(state: GridState, worker: Worker): void {
  for (const m of worker.models) {
    const set = state.workersByModel.get(m);
    if (!set) continue;
    set.delete(worker);
    // A model nobody serves any more leaves the map too, so `onlineModels` (every `auto` request) stays small.
    if (set.size === 0) state.workersByModel.delete(m);
  }
  state.maybeOnline.delete(worker);
}

/** A WS worker while connected; a pop worker for `popOfflineMs` after its last pop. */
export function isOnline(state: GridState, worker: Worker): boolean {
  if (worker.conn) return true;
  return worker.lastPopAt !== null && state.clock.now() - worker.lastPopAt < state.settings.popOfflineMs;
}

/** `isOnline`, and an offline worker leaves the scan sets until it registers or pops again. */
export function onlineOrForget(state: GridState, worker: Worker): boolean {
  state.workersInspected++;
  if (isOnline(state, worker)) return true;
  forgetOffline(state, worker);
  return false;
}

export function onlineWorkers(state: GridState): Worker[] {
  const out: Worker[] = [];
  for (const w of state.maybeOnline) if (onlineOrForget(state, w)) out.push(w);
  return out;
}

/** Whether an online worker serves one of `models` (any model when empty). */
export function possible(state: GridState, models: string[]): boolean {
  if (models.length === 0) {
    for (const w of state.maybeOnline) if (onlineOrForget(state, w)) return true;
    return false;
  }
  for (const model of models) {
    const set = state.workersByModel.get(model);
    if (set) for (const w of set) if (onlineOrForget(state, w)) return true;
  }
  return false;
}

/** Models with at least one online worker, sorted. */
export function onlineModels(state: GridState): string[] {
  const out: string[] = [];
  for (const [model, workers] of state.workersByModel) {
    for (const w of workers) {
      if (onlineOrForget(state, w)) {
        out.push(model);
        break;
      }
    }
  }
  return out.sort();
}

/** `Grid.checkIn`: creates or updates a pop worker from a pop body. */
export function checkIn(state: GridState, input: PopCheckInInput): Worker {
  const now = state.clock.now();
  const account = state.accounts.authenticate(input.apikey, 'worker.connect');
  const worker = claimWorker(state, account, input.name, input.models, 'pop');
  updateWorker(state, worker, {
    kind: 'pop',
    models: input.models,
    maxLength: input.max_length,
    maxContextLength: input.max_context_length,
    nsfw: input.nsfw,
    bridgeAgent: input.bridge_agent ?? 'unknown:0:unknown',
    threads: input.threads,
  });
  const wasOnline = worker.lastPopAt !== null && now - worker.lastPopAt < state.settings.popOfflineMs;
  // Uptime accrues only between check-ins that are less than the offline threshold apart (§2.11).
  if (wasOnline) worker.uptimeMs += now - worker.lastPopAt!;
  else
    gridEmit(state, {
      type: 'worker.online',
      at: now,
      workerId: worker.id,
      name: worker.name,
      kind: 'pop',
    });
  worker.lastPopAt = now;
  worker.lastSeenAt = now;
  return worker;
}
