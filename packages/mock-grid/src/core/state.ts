/**
 * Everything the grid knows, in one record that the modules behind `Grid` share. The grid's rules call
 * each other in circles (a lease pushes a job to a sink, a failing sink drops its connection, which
 * requeues the job and pushes it again), so they are plain functions that take this state first rather
 * than objects wired to each other: no extra layer on the hot path, and each file holds one concern.
 */
import { Accounts } from './accounts.js';
import type { Clock } from './clock.js';
import { Deque } from './deque.js';
import type { Conn, Generation, Job, Req, Worker } from './entities.js';
import { JobQueue } from './queue.js';
import { RateLimiter } from './ratelimit.js';
import { GRID_DEFAULTS, resolveSettings, type Settings } from './settings.js';
import { Stats } from './stats.js';
import type { GridListener, GridOptions } from './types.js';

/** A finished request or an ended generation, forgotten at `at` (requests.ts `prune`). */
export interface Expiry {
  at: number;
  kind: 'req' | 'gen';
  id: string;
}

export interface GridState {
  readonly clock: Clock;
  readonly settings: Settings;
  readonly accounts: Accounts;
  readonly queue: JobQueue;
  readonly stats: Stats;
  readonly chatLimiter: RateLimiter | null;
  readonly hordeLimiter: RateLimiter | null;
  /** The grid-wide stream's listeners (`onEvent`). */
  readonly listeners: Set<GridListener>;

  // Requests, jobs and generations (requests.ts, leases.ts).
  readonly reqs: Map<string, Req>;
  readonly jobs: Map<string, Job>;
  readonly gens: Map<string, Generation>;
  /** Arrival number of the next job (priority by waiting time). */
  seq: number;
  /** Two FIFOs, each in due-time order because each has one fixed delay. */
  readonly retention: Deque<Expiry>;
  readonly wsRetention: Deque<Expiry>;

  // Workers (worker-registry.ts).
  readonly workers: Map<string, Worker>;
  readonly workersByName: Map<string, Worker>;
  /**
   * Workers that may be online, by model and in all. Offline workers leave these sets (a WS worker when its
   * socket closes, a pop worker the first time a scan finds it past the 300 s rule) and come back on their next
   * register or pop, so a scan for an online worker never walks the workers that have gone away.
   */
  readonly workersByModel: Map<string, Set<Worker>>;
  readonly maybeOnline: Set<Worker>;
  workersInspected: number;

  // WS connections (connections.ts, dispatch.ts).
  readonly conns: Map<string, Conn>;
  readonly idleAny: Set<Conn>;
  readonly idleByModel: Map<string, Set<Conn>>;
  /** Connections waiting to be fed, and whether a feed loop is running (dispatch.ts `feed`). */
  readonly feedQueue: Conn[];
  feeding: boolean;
}

export function createState(options: GridOptions, clock: Clock): GridState {
  const settings = resolveSettings(options);
  const d = GRID_DEFAULTS;
  const limits = options.rateLimits;
  return {
    clock,
    settings,
    accounts: new Accounts(
      {
        mode: settings.authMode,
        allowAnonymous: settings.allowAnonymous,
        startingBalance: settings.startingBalance,
        maxInFlight: settings.maxInFlight,
        now: () => clock.now(),
      },
      options.keys ?? [],
    ),
    queue: new JobQueue(settings.scanLimit, (job) => job.wantTokens ?? d.workerMaxLength),
    stats: new Stats(),
    chatLimiter: limits === false ? null : new RateLimiter('chat', limits?.chat ?? d.chatRateLimit),
    hordeLimiter:
      limits === false ? null : new RateLimiter('hordeAsync', limits?.hordeAsync ?? d.hordeAsyncRateLimit),
    listeners: new Set(),
    reqs: new Map(),
    jobs: new Map(),
    gens: new Map(),
    seq: 0,
    retention: new Deque(),
    wsRetention: new Deque(),
    workers: new Map(),
    workersByName: new Map(),
    workersByModel: new Map(),
    maybeOnline: new Set(),
    workersInspected: 0,
    conns: new Map(),
    idleAny: new Set(),
    idleByModel: new Map(),
    feedQueue: [],
    feeding: false,
  };
}
