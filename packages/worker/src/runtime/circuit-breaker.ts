// Consecutive-failure circuit breaker shared by the slots of one worker identity: after `failures` backend
// failures in a row (client errors and cancellations do not count) the identity stops taking jobs for `pauseMs`.
// A failing GPU box then stops collecting strikes (the live grid evicts after 6 in 5 min) and stops
// faulting Horde jobs, and comes back by itself.
import { realSleep, type Sleep } from '../util/timing.js';

export interface CircuitBreakerOptions {
  failures: number;
  pauseMs: number;
  now?: () => number;
  sleep?: Sleep;
}

export class CircuitBreaker {
  private consecutive = 0;
  private pausedUntil = 0;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly sleep: Sleep;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  get paused(): boolean {
    return this.now() < this.pausedUntil;
  }

  success(): void {
    this.consecutive = 0;
  }

  /** Records a failure; returns true when this one tripped the breaker. */
  failure(): boolean {
    this.consecutive += 1;
    if (this.consecutive < this.options.failures) return false;
    this.consecutive = 0;
    this.pausedUntil = this.now() + this.options.pauseMs;
    for (const listener of this.listeners) listener();
    return true;
  }

  /** Called whenever the breaker trips. */
  onTrip(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits out a pause (returns early when `signal` aborts). */
  async wait(signal?: AbortSignal): Promise<void> {
    while (this.paused && !signal?.aborted) await this.sleep(this.pausedUntil - this.now(), signal);
  }
}
