/**
 * The books: each class owns one kind of record and its invariants. Rules (../rules/) take the books they
 * need (`Pick<Books, …>`), never the whole set.
 */
import type { Clock } from '../clock.js';
import type { Generation, Worker } from '../entities.js';
import { GRID_DEFAULTS, type Settings } from '../settings.js';
import type { GridOptions } from '../types.js';
import { Accounts } from './accounts.js';
import { ConnectionBook } from './connections.js';
import { EventBook } from './events.js';
import { GenerationBook } from './generations.js';
import { JobQueue } from './queue.js';
import { RateLimiter } from './ratelimit.js';
import { RequestBook } from './requests.js';
import { Stats } from './stats.js';
import { VerificationBook } from './verification.js';
import { WorkerBook } from './workers.js';

export interface Books {
  readonly clock: Clock;
  readonly settings: Settings;
  readonly accounts: Accounts;
  readonly requests: RequestBook;
  readonly generations: GenerationBook;
  readonly workers: WorkerBook;
  readonly connections: ConnectionBook;
  readonly queue: JobQueue;
  readonly events: EventBook;
  readonly stats: Stats;
  readonly verification: VerificationBook;
  readonly chatLimiter: RateLimiter | null;
  readonly hordeLimiter: RateLimiter | null;
  readonly imageLimiter: RateLimiter | null;
  /**
   * Runs `fn` after `ms` as a transition of its own (its effects delivered after it), unless the grid is disposed
   * or the returned function is called first.
   */
  readonly later: (ms: number, fn: () => void) => () => void;
}

export function createBooks(
  options: GridOptions,
  settings: Settings,
  clock: Clock,
  onGenerationTimer: (gen: Generation) => void,
  later: (ms: number, fn: () => void) => () => void,
  onCheckDue: (worker: Worker) => void = () => {},
): Books {
  const d = GRID_DEFAULTS;
  const limits = options.rateLimits;
  const queue = new JobQueue(settings.scanLimit, (job) => job.wantTokens ?? d.workerMaxLength);
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
    requests: new RequestBook(settings.retentionMs),
    generations: new GenerationBook(
      clock,
      { popMs: settings.retentionMs, wsMs: settings.wsRetentionMs },
      onGenerationTimer,
    ),
    workers: new WorkerBook(clock, settings.popOfflineMs, settings.routing),
    connections: new ConnectionBook(),
    queue,
    events: new EventBook(queue),
    stats: new Stats(),
    verification: new VerificationBook(clock, onCheckDue),
    chatLimiter: limits === false ? null : new RateLimiter('chat', limits?.chat ?? d.chatRateLimit),
    hordeLimiter:
      limits === false ? null : new RateLimiter('hordeAsync', limits?.hordeAsync ?? d.hordeAsyncRateLimit),
    imageLimiter: limits === false ? null : new RateLimiter('images', limits?.images ?? d.imageRateLimit),
    later,
  };
}
