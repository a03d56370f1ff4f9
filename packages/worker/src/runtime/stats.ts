// Live counters for the status line and /metrics.

/** `paused`: every worker identity is off the grid on purpose (circuit breaker, or its backend is down). */
export type WorkerState = 'connecting' | 'idle' | 'busy' | 'draining' | 'paused' | 'stopped';

export type JobEnd = 'done' | 'failed' | 'cancelled' | 'handed_back' | 'lost';

export interface WorkerStats {
  state: WorkerState;
  /** Slots currently registered (WebSocket `ready`) or polling successfully (Horde). */
  connected: number;
  inFlight: number;
  jobs: Record<JobEnd, number>;
  /** Completion tokens of ended jobs as the backend counts them (its usage, else streamed deltas); the grid counts its own. */
  tokens: number;
  /** den (WebSocket `ack.den`) or Horde `reward` credited. */
  den: number;
  /** Images delivered (uploaded or submitted) by image jobs that ended `done`. */
  images?: number;
  /** Their megapixel-steps: width × height / 1 000 000 × steps each (docs/spec.md, "Image rewards"). */
  megapixelSteps?: number;
}

export class StatsCounter {
  connected = 0;
  inFlight = 0;
  jobs: Record<JobEnd, number> = { done: 0, failed: 0, cancelled: 0, handed_back: 0, lost: 0 };
  tokens = 0;
  den = 0;
  images = 0;
  megapixelSteps = 0;

  /** Adds a reward. Sums of decimal rewards drift in binary floating point (1.1 + 10.2 = 11.299999999999999):
   *  round to a micro-den, far below any reward the grid pays, so `stats().den` and /metrics show 11.3. */
  addDen(den: number): void {
    if (Number.isFinite(den)) this.den = Math.round((this.den + den) * 1e6) / 1e6;
  }
}
