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
    const { limit, windowMs } = this.#rule;
    const start = now - (now % windowMs);
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      if (this.#windows.size > 10_000) this.#sweep(start);
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
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
    window.count++;
  }

  #sweep(start: number): void {
    for (const [key, window] of this.#windows) if (window.start !== start) this.#windows.delete(key);
  }
}
