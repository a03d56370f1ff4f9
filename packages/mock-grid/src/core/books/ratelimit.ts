/**
 * Per-key fixed-window rate limits on the core clock (like slowapi / flask-limiter with a fixed window).
 * `retryAfterMs` is the time left in the current window.
 */
import { GridError } from '../errors.js';
import type { RateLimitRule } from '../types.js';

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  readonly #rule: RateLimitRule;
  readonly #windows = new Map<string, Window>();
  readonly #label: string;

  constructor(label: string, rule: RateLimitRule) {
    if (!(rule.limit >= 1) || !(rule.windowMs > 0)) {
      throw new GridError('InvalidField', `rate limit ${label} needs limit >= 1 and windowMs > 0`, {
        field: `rateLimits.${label}`,
      });
    }
    this.#rule = rule;
    this.#label = label;
  }

  /** Counts one request for `key` at `now`, or throws `RateLimited`. */
  hit(key: string, now: number): void {
    this.check(key, now);
    this.record(key, now);
  }

  /** Counts one event for `key` without refusing it (a failed login, counted after the fact). */
  record(key: string, now: number): void {
    this.#window(key, now).count++;
  }

  /** Throws `RateLimited` when `key` has used up its window at `now`; counts nothing. */
  check(key: string, now: number): void {
    const { limit, windowMs } = this.#rule;
    const window = this.#window(key, now);
    const start = window.start;
    if (window.count >= limit) {
      const retryAfterMs = start + windowMs - now;
      throw new GridError(
        'RateLimited',
        `Rate limit exceeded (${limit} per ${windowMs} ms on ${this.#label})`,
        {
          limit,
          retryAfterMs,
        },
      );
    }
  }

  #window(key: string, now: number): Window {
    const start = now - (now % this.#rule.windowMs);
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      if (this.#windows.size > 10_000) this.#sweep(start);
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  #sweep(start: number): void {
    for (const [key, window] of this.#windows) if (window.start !== start) this.#windows.delete(key);
  }
}
