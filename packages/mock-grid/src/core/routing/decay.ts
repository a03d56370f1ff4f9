/**
 * Quantities that fade with time: each one halves every `halfLifeMs` unless it is added to. What a worker did an
 * hour ago counts less than what it did a minute ago (docs/mock-grid-core.md "Routing").
 */

/** A sum whose old additions fade. Reading it at a later time decays it without changing it. */
export class Decaying {
  #value = 0;
  #at = 0;

  constructor(readonly halfLifeMs: number) {}

  get(now: number): number {
    const dt = now - this.#at;
    return dt <= 0 || this.#value === 0 ? this.#value : this.#value * 2 ** (-dt / this.halfLifeMs);
  }

  add(now: number, amount: number): void {
    this.#value = this.get(now) + amount;
    this.#at = Math.max(this.#at, now);
  }
}

/**
 * A mean over samples whose weights fade: recent samples dominate. Both of its sums fade alike, so the mean
 * holds between samples and reading it needs no time.
 */
export class DecayingMean {
  readonly #weight: Decaying;
  readonly #sum: Decaying;
  #mean: number | null = null;
  /** Samples ever taken (not decayed). */
  samples = 0;

  constructor(halfLifeMs: number) {
    this.#weight = new Decaying(halfLifeMs);
    this.#sum = new Decaying(halfLifeMs);
  }

  add(now: number, value: number): void {
    this.#weight.add(now, 1);
    this.#sum.add(now, value);
    this.#mean = this.#sum.get(now) / this.#weight.get(now);
    this.samples++;
  }

  /** The mean, or null before the first sample. */
  get(): number | null {
    return this.#mean;
  }
}
