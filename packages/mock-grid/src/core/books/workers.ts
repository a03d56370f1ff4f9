/**
 * The workers book: workers of both kinds, who owns each name, what each serves, and which may be online.
 * Online-ness is checked lazily (a pop worker goes offline by the clock, with no event), and the
 * may-be-online sets keep the workers that went away out of every later scan.
 */
import { limits } from '@aipg/sdk/wire';
import type { Clock } from '../clock.js';
import type { Account, Worker } from '../entities.js';
import { GridError } from '../errors.js';
import { uuid } from '../ids.js';
import type { MediaCaps } from '../image-spec.js';
import { Standing } from '../routing/standing.js';
import { GRID_DEFAULTS, ROUTING_DEFAULTS, type RoutingSettings } from '../settings.js';
import { round2 } from '../tokens.js';

/** Models kept per worker, the rest are ignored (the spec's `HordeTextPopRequest.models`: 200 kept). */
export const MAX_WORKER_MODELS = limits.HordeTextPopRequest.models.keptItems;

/** What a register frame or a pop body says about the worker. */
export interface WorkerUpdate {
  kind: 'ws' | 'pop';
  models: string[];
  maxLength: number | undefined;
  maxContextLength: number | undefined;
  nsfw: boolean | undefined;
  bridgeAgent: string;
  threads?: number | undefined;
  /** Kept when absent: a pop that leaves it out does not forget the key. */
  publicKey?: string | undefined;
  /** A media worker's capabilities; null (or absent) for a text worker. */
  media?: MediaCaps | null;
  /** Where it runs (a mock-only field); kept when absent. */
  region?: string | null | undefined;
}

export class WorkerBook {
  readonly byId = new Map<string, Worker>();
  readonly byName = new Map<string, Worker>();
  /**
   * Workers that may be online, by model and in all. Offline workers leave these sets (a WS worker when its
   * socket closes, a pop worker the first time a scan finds it past the 300 s rule) and come back on their
   * next register or pop, so a scan for an online worker never walks the workers that have gone away.
   */
  readonly byModel = new Map<string, Set<Worker>>();
  /** The same for media workers: their models are image models, never listed or routed to as text models. */
  readonly imageByModel = new Map<string, Set<Worker>>();
  readonly #maybeOnline = new Set<Worker>();
  /** Workers looked at by online scans, ever: lets tests prove a scan skips the ones that went away. */
  inspected = 0;
  /** Pop workers whose last pop found nothing (`Worker.standbyUntil`): the router's pop candidates. */
  readonly standby = new Set<Worker>();

  constructor(
    private readonly clock: Clock,
    private readonly popOfflineMs: number,
    private readonly routing: RoutingSettings = ROUTING_DEFAULTS,
  ) {}

  get(idOrName: string): Worker | undefined {
    return this.byId.get(idOrName) ?? this.byName.get(idOrName);
  }

  /** The worker called `name`, created for `account` if new. Throws InvalidField (name, models) and
   *  WrongCredentials (the name belongs to another account). */
  claim(account: Account, name: unknown, models: unknown, kind: 'ws' | 'pop'): Worker {
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
    const existing = this.byName.get(name);
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
      id: uuid(),
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
      publicKey: null,
      media: null,
      simulated: false,
      region: null,
      standing: new Standing(this.routing),
      standbyUntil: 0,
      reserved: null,
      check: null,
    };
    this.byId.set(worker.id, worker);
    this.byName.set(name, worker);
    account.workerIds.add(worker.id);
    return worker;
  }

  /** Applies a register frame or pop body (throws InvalidField for a bad limit) and re-indexes the worker. */
  update(worker: Worker, u: WorkerUpdate): void {
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
    const region = u.region;
    if (
      region !== undefined &&
      region !== null &&
      (typeof region !== 'string' || region.length < 1 || region.length > 64)
    ) {
      throw new GridError('InvalidField', 'region must be a region name of 1..64 characters', {
        field: 'region',
        limit: '1..64',
      });
    }
    this.forgetOffline(worker);
    worker.kind = u.kind;
    worker.media = u.media ?? null;
    // The Horde keeps the first 200 models of a pop (docs/mock-grid-core.md "Matching"); the same cap bounds
    // what one WS worker costs each time it looks for a job (its model lanes) and what /v1/models walks.
    worker.models = [...new Set(u.models)].slice(0, MAX_WORKER_MODELS);
    worker.modelSet = new Set(worker.models);
    this.index(worker);
    worker.maxLength = maxLength;
    worker.maxContextLength = maxContextLength;
    worker.nsfw = u.nsfw ?? true;
    worker.threads = threads;
    worker.bridgeAgent = u.bridgeAgent;
    if (u.publicKey) worker.publicKey = u.publicKey;
    if (u.region !== undefined) worker.region = u.region;
  }

  /** A pop worker checked in at `now`. Returns whether it was online already (else it just came online). */
  popped(worker: Worker, now: number): boolean {
    const wasOnline = worker.lastPopAt !== null && now - worker.lastPopAt < this.popOfflineMs;
    // Uptime accrues only between check-ins less than the offline threshold apart (docs/mock-grid-core.md).
    if (wasOnline) {
      worker.uptimeMs += now - worker.lastPopAt!;
      worker.standing.onlineUntil(now, worker.lastPopAt!);
    }
    worker.lastPopAt = now;
    worker.lastSeenAt = now;
    return wasOnline;
  }

  /** A finished generation's figures, added to the worker's totals. */
  fulfilled(worker: Worker, tokens: number, genMs: number, den: number): void {
    worker.requestsFulfilled++;
    worker.tokensGenerated += tokens;
    worker.genTimeMs += genMs;
    worker.denEarned = round2(worker.denEarned + den);
  }

  /** Puts the worker (back) into the may-be-online sets. */
  index(worker: Worker): void {
    const byModel = this.#modelIndex(worker);
    for (const m of worker.models) {
      let set = byModel.get(m);
      if (!set) {
        set = new Set();
        byModel.set(m, set);
      }
      set.add(worker);
    }
    this.#maybeOnline.add(worker);
  }

  #modelIndex(worker: Worker): Map<string, Set<Worker>> {
    return worker.media ? this.imageByModel : this.byModel;
  }

  forgetOffline(worker: Worker): void {
    const byModel = this.#modelIndex(worker);
    for (const m of worker.models) {
      const set = byModel.get(m);
      if (!set) continue;
      set.delete(worker);
      // A model nobody serves any more leaves the map too, so `onlineModels` (every `auto` request) stays small.
      if (set.size === 0) byModel.delete(m);
    }
    this.#maybeOnline.delete(worker);
  }

  /** A WS worker while connected; a pop worker for `popOfflineMs` after its last pop. */
  isOnline(worker: Worker): boolean {
    if (worker.conn) return true;
    return worker.lastPopAt !== null && this.clock.now() - worker.lastPopAt < this.popOfflineMs;
  }

  /** `isOnline`, and an offline worker leaves the scan sets until it registers or pops again. */
  onlineOrForget(worker: Worker): boolean {
    this.inspected++;
    if (this.isOnline(worker)) return true;
    this.forgetOffline(worker);
    return false;
  }

  online(): Worker[] {
    const out: Worker[] = [];
    for (const w of this.#maybeOnline) if (this.onlineOrForget(w)) out.push(w);
    return out;
  }

  /** Whether an online text worker serves one of `models` (any model when empty). */
  possible(models: string[]): boolean {
    if (models.length === 0) {
      for (const w of this.#maybeOnline) if (w.media === null && this.onlineOrForget(w)) return true;
      return false;
    }
    for (const model of models) {
      const set = this.byModel.get(model);
      if (set) for (const w of set) if (this.onlineOrForget(w)) return true;
    }
    return false;
  }

  /** Whether an online image worker serves one of `models`; with none, whether any image worker is online. */
  possibleImage(models: string[]): boolean {
    if (models.length === 0) {
      for (const w of this.#maybeOnline)
        if (w.media?.types.has('image') && this.onlineOrForget(w)) return true;
      return false;
    }
    for (const model of models) {
      const set = this.imageByModel.get(model);
      if (set) for (const w of set) if (w.media?.types.has('image') && this.onlineOrForget(w)) return true;
    }
    return false;
  }

  /** Online workers serving `model`. */
  onlineCount(model: string): number {
    let count = 0;
    for (const w of this.byModel.get(model) ?? []) if (this.onlineOrForget(w)) count++;
    return count;
  }

  /** Models with at least one online worker, sorted. */
  onlineModels(): string[] {
    const out: string[] = [];
    for (const [model, workers] of this.byModel) {
      for (const w of workers) {
        if (this.onlineOrForget(w)) {
          out.push(model);
          break;
        }
      }
    }
    return out.sort();
  }
}
