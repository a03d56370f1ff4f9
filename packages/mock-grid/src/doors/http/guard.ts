import { type GridCore, RateLimiter, type RateLimitRule, sha256Hex } from '../../core/index.js';
import type { DoorRequest } from './types.js';

/**
 * The door's own rate limits (docs/mock-grid.md "Limits"): Horde pops, status polls and `find_user` per
 * caller, and failed authentication per IP. The chat and Horde async limits live in the core, which counts
 * them per account. A caller is its key when it sends one (held as a SHA-256, never the key itself),
 * otherwise its IP. Windows are fixed and read the core's clock, so a `ManualClock` drives them too.
 */

export type DoorRateLimit = 'pop' | 'status' | 'findUser';

export interface DoorRateLimits {
  /** `POST /api/v2/generate/text/pop` per caller. Default 60 per second (live: 60/s per IP). */
  popRate: RateLimitRule | null;
  /** `GET /api/v2/generate/text/status/{id}` per caller. Default 10 per second (live: 60/min per IP and id). */
  statusRate: RateLimitRule | null;
  /** `GET /api/v2/find_user` per caller. Default 10 per second. */
  findUserRate: RateLimitRule | null;
  /**
   * Answers that refused a key the caller sent (401), per IP. Past the limit, every request from that IP
   * that carries a key is a 429 until the window ends. Default 30 per minute.
   */
  authFailureRate: RateLimitRule | null;
}

export const DEFAULT_RATE_LIMITS: DoorRateLimits = {
  popRate: { limit: 60, windowMs: 1_000 },
  statusRate: { limit: 10, windowMs: 1_000 },
  findUserRate: { limit: 10, windowMs: 1_000 },
  authFailureRate: { limit: 30, windowMs: 60_000 },
};

/** What `rateLimits: false` (`--no-rate-limits`) leaves of the door's limits: none. */
export const NO_RATE_LIMITS: DoorRateLimits = {
  popRate: null,
  statusRate: null,
  findUserRate: null,
  authFailureRate: null,
};

/** A request with no socket behind it (msw) is one local caller. */
const NO_IP = 'local';

export class DoorGuard {
  readonly #now: () => number;
  readonly #limiters: Record<DoorRateLimit, RateLimiter | null>;
  readonly #authFailures: RateLimiter | null;

  constructor(grid: GridCore, limits: DoorRateLimits) {
    this.#now = () => grid.clock.now();
    const make = (label: string, rule: RateLimitRule | null) => (rule ? new RateLimiter(label, rule) : null);
    this.#limiters = {
      pop: make('pop', limits.popRate),
      status: make('status', limits.statusRate),
      findUser: make('find_user', limits.findUserRate),
    };
    this.#authFailures = make('failed authentication', limits.authFailureRate);
  }

  /** Counts one `which` request of this caller, or throws `RateLimited` (the door answers 429). */
  hit(which: DoorRateLimit, req: DoorRequest): void {
    this.#limiters[which]?.hit(callerOf(req), this.#now());
  }

  /** Throws `RateLimited` when the request carries a key and its IP has failed authentication too often. */
  admit(req: DoorRequest): void {
    if (presentsKey(req)) this.admitIp(ipOf(req));
  }

  /** Called with every answer: a 401 to a request that carried a key is one failed attempt of its IP. */
  answered(req: DoorRequest, status: number): void {
    if (status === 401 && presentsKey(req)) this.authFailed(ipOf(req));
  }

  /** Throws `RateLimited` when `ip` has failed authentication too often (HTTP above; WS upgrades). */
  admitIp(ip: string | undefined): void {
    this.#authFailures?.check(ip ?? NO_IP, this.#now());
  }

  /** One refused key from `ip` (a 401 above; a WS register refused for its key). */
  authFailed(ip: string | undefined): void {
    this.#authFailures?.record(ip ?? NO_IP, this.#now());
  }
}

function ipOf(req: DoorRequest): string {
  return req.ip ?? NO_IP;
}

function presentsKey(req: DoorRequest): boolean {
  return Boolean(req.headers.apikey?.trim() || req.headers.authorization?.trim());
}

/** The caller's key (either header the doors read) as a hash, else its IP. */
function callerOf(req: DoorRequest): string {
  const key = req.headers.apikey?.trim() || req.headers.authorization?.trim();
  return key ? `key:${sha256Hex(key)}` : `ip:${ipOf(req)}`;
}
