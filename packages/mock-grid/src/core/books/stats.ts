/**
 * Statistics from what really happened: per-model sums of completed jobs (tokens, generation time, time
 * to first token, latency from submit to done) and a 60 × 1 s ring of generated tokens for
 * `past_minute_tokens`. All O(1) per completion.
 */
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
