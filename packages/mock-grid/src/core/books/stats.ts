/**
 * Statistics from what really happened: per-model sums of completed jobs (tokens, generation time, time
 * to first token, latency from submit to done), a 60 × 1 s ring of generated tokens for
 * `past_minute_tokens`, and rings of completed jobs and tokens over the Horde's stats windows (minute, hour,
 * day, month: `GET /api/v2/stats/text/*`). All O(1) per completion.
 */

/** The Horde's stats windows (spec: HordeTextStatsTotals): a minute, an hour, a day and 30 days. */
export const STATS_WINDOWS_MS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  month: 30 * 86_400_000,
} as const;

/**
 * Requests and tokens in fixed time slots, kept for `slots × slotMs`. A window's sum counts the slots that
 * overlap it, the current one included (so a window is exact to one slot).
 */
export class SlotRing {
  readonly #slotMs: number;
  readonly #slot: Float64Array;
  readonly #requests: Float64Array;
  readonly #tokens: Float64Array;

  constructor(slots: number, slotMs: number) {
    this.#slotMs = slotMs;
    this.#slot = new Float64Array(slots).fill(-1);
    this.#requests = new Float64Array(slots);
    this.#tokens = new Float64Array(slots);
  }

  add(now: number, tokens: number): void {
    const slot = Math.floor(now / this.#slotMs);
    const i = slot % this.#slot.length;
    if (this.#slot[i] !== slot) {
      this.#slot[i] = slot;
      this.#requests[i] = 0;
      this.#tokens[i] = 0;
    }
    this.#requests[i]! += 1;
    this.#tokens[i]! += tokens;
  }

  /** Requests and tokens of the last `windowMs` (at most the ring's span), counted in whole slots. */
  sum(now: number, windowMs: number): { requests: number; tokens: number } {
    const current = Math.floor(now / this.#slotMs);
    const slots = Math.min(this.#slot.length, Math.ceil(windowMs / this.#slotMs));
    let requests = 0;
    let tokens = 0;
    for (let i = 0; i < this.#slot.length; i++) {
      const s = this.#slot[i]!;
      if (s > current - slots && s <= current) {
        requests += this.#requests[i]!;
        tokens += this.#tokens[i]!;
      }
    }
    return { requests, tokens };
  }
}

/** Hour slots: the day and the 30-day month are counted by the hour. */
const hourRing = (): SlotRing => new SlotRing(STATS_WINDOWS_MS.month / 3_600_000, 3_600_000);

/** The minute by the second, the hour by the minute, the day and the month by the hour. */
function windowRings(): { seconds: SlotRing; minutes: SlotRing; hours: SlotRing } {
  return { seconds: new SlotRing(60, 1_000), minutes: new SlotRing(60, 60_000), hours: hourRing() };
}

/** Completed jobs and their tokens per Horde stats window (spec: HordeTextStatsTotals). */
export interface WindowTotals {
  minute: { requests: number; tokens: number };
  hour: { requests: number; tokens: number };
  day: { requests: number; tokens: number };
  month: { requests: number; tokens: number };
  total: { requests: number; tokens: number };
}

/** Completed jobs per model name in the last day, 30 days and in all (spec: HordeTextModelStats). */
export interface ModelWindowCounts {
  day: Record<string, number>;
  month: Record<string, number>;
  total: Record<string, number>;
}

export interface ModelTotals {
  jobs: number;
  tokens: number;
  genMs: number;
  /** Generation time after the first token (the whole generation time when no token was streamed). */
  decodeMs: number;
  ttftMs: number;
  latencyMs: number;
}

export class Stats {
  readonly #models = new Map<string, ModelTotals>();
  readonly #bucketTokens = new Float64Array(60);
  readonly #bucketSecond = new Float64Array(60).fill(-1);
  totals: ModelTotals = { jobs: 0, tokens: 0, genMs: 0, decodeMs: 0, ttftMs: 0, latencyMs: 0 };
  /** Jobs per terminal outcome. */
  faulted = 0;
  failed = 0;
  cancelled = 0;
  readonly #windows = windowRings();
  /** Per model, completed jobs by the hour over the last 30 days (`stats/text/models` day and month). */
  readonly #modelHours = new Map<string, SlotRing>();

  record(model: string, now: number, sample: Omit<ModelTotals, 'jobs'>): void {
    let totals = this.#models.get(model);
    if (!totals) {
      totals = { jobs: 0, tokens: 0, genMs: 0, decodeMs: 0, ttftMs: 0, latencyMs: 0 };
      this.#models.set(model, totals);
    }
    for (const t of [totals, this.totals]) {
      t.jobs++;
      t.tokens += sample.tokens;
      t.genMs += sample.genMs;
      t.decodeMs += sample.decodeMs;
      t.ttftMs += sample.ttftMs;
      t.latencyMs += sample.latencyMs;
    }
    const second = Math.floor(now / 1000);
    const slot = second % 60;
    if (this.#bucketSecond[slot] !== second) {
      this.#bucketSecond[slot] = second;
      this.#bucketTokens[slot] = 0;
    }
    this.#bucketTokens[slot]! += sample.tokens;
    this.#windows.seconds.add(now, sample.tokens);
    this.#windows.minutes.add(now, sample.tokens);
    this.#windows.hours.add(now, sample.tokens);
    let hours = this.#modelHours.get(model);
    if (!hours) {
      hours = hourRing();
      this.#modelHours.set(model, hours);
    }
    hours.add(now, sample.tokens);
  }

  /** Completed jobs and their grid-counted tokens in each Horde stats window, and in all. */
  windowTotals(now: number): WindowTotals {
    const w = this.#windows;
    return {
      minute: w.seconds.sum(now, STATS_WINDOWS_MS.minute),
      hour: w.minutes.sum(now, STATS_WINDOWS_MS.hour),
      day: w.hours.sum(now, STATS_WINDOWS_MS.day),
      month: w.hours.sum(now, STATS_WINDOWS_MS.month),
      total: { requests: this.totals.jobs, tokens: this.totals.tokens },
    };
  }

  /** Completed jobs per model in the last day, the last 30 days and in all (models sorted by name). */
  modelWindows(now: number): ModelWindowCounts {
    // Null-prototype maps: a model may be called `__proto__`.
    const map = (): Record<string, number> => Object.create(null) as Record<string, number>;
    const out: ModelWindowCounts = { day: map(), month: map(), total: map() };
    for (const model of [...this.#models.keys()].sort()) {
      const hours = this.#modelHours.get(model)!;
      out.day[model] = hours.sum(now, STATS_WINDOWS_MS.day).requests;
      out.month[model] = hours.sum(now, STATS_WINDOWS_MS.month).requests;
      out.total[model] = this.#models.get(model)!.jobs;
    }
    return out;
  }

  model(model: string): ModelTotals | undefined {
    return this.#models.get(model);
  }

  models(): string[] {
    return [...this.#models.keys()];
  }

  /** Tokens generated in the last 60 s (whole seconds, the current one included). */
  pastMinuteTokens(now: number): number {
    const second = Math.floor(now / 1000);
    let sum = 0;
    for (let i = 0; i < 60; i++) {
      const s = this.#bucketSecond[i]!;
      if (s > second - 60 && s <= second) sum += this.#bucketTokens[i]!;
    }
    return sum;
  }
}

/** Tokens per second over the whole generation time, 0 without samples (Horde `performance`). */
export function tokensPerSecond(t: Pick<ModelTotals, 'tokens' | 'genMs'> | undefined): number {
  if (!t || t.genMs <= 0) return 0;
  return t.tokens / (t.genMs / 1000);
}

/** Decode throughput, tokens per second after the first token (/v1 `tokens_per_s`); null without samples. */
export function decodeTokensPerSecond(
  t: Pick<ModelTotals, 'tokens' | 'decodeMs'> | undefined,
): number | null {
  if (!t || t.decodeMs <= 0) return null;
  return t.tokens / (t.decodeMs / 1000);
}

/** The decode time of one generation: after the first token, or all of it when nothing streamed. */
export function decodeMs(genMs: number, ttftMs: number): number {
  return genMs - ttftMs > 0 ? genMs - ttftMs : genMs;
}
