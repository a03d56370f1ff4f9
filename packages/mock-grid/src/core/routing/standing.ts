/**
 * A worker's standing: what the grid has measured of it — speed, time to first token, reliability — and its
 * reputation. Each figure fades with time (decay.ts), so an old fault is forgiven and an old benchmark gives way
 * to new completions (docs/mock-grid-core.md "Routing", "Reputation").
 *
 * The rules that see a worker succeed or fail (complete, fail, discipline, register) tell its standing; the
 * router (route.ts) reads it.
 */
import { Decaying, DecayingMean } from './decay.js';

export interface StandingSettings {
  /** Half-life of measured speed and time to first token. Default 10 min. */
  speedHalfLifeMs: number;
  /** Half-life of the successes and failures behind `reliability`. Default 10 min. */
  reliabilityHalfLifeMs: number;
  /** Half-life of the good and bad marks behind `reputation`. Default 1 h. */
  reputationHalfLifeMs: number;
  /** Online time that earns one good mark. Default 10 min. */
  uptimeMarkMs: number;
}

/** Marks on a worker's reputation for each thing it does; a failure also counts against its reliability. */
export const MARKS = {
  completed: 1,
  error: 2,
  timeout: 3,
  cancelled: 1,
  evicted: 5,
  canary: 5,
} as const;

export type Failure = Exclude<keyof typeof MARKS, 'completed'>;

// Priors: a new worker is taken to be reliable (0.9, as if 9 of 10 jobs had gone well) and of middling
// reputation (50: one good and one bad mark), so it gets traffic at once and earns more by doing well.
const RELIABLE_PRIOR_OK = 4.5;
const RELIABLE_PRIOR_BAD = 0.5;
const REPUTATION_PRIOR = 1;
/** How long a computed reliability and reputation are used before they are computed again (no change meanwhile). */
const READ_AGAIN_MS = 1_000;

export class Standing {
  /** Work per second while decoding: tokens for text, megapixel-steps for images. */
  readonly speed: DecayingMean;
  /** Time to first token, ms (text only). */
  readonly ttftMs: DecayingMean;
  readonly #ok: Decaying;
  readonly #bad: Decaying;
  readonly #good: Decaying;
  readonly #marked: Decaying;
  readonly #uptimeMarkMs: number;
  /** Online time not yet turned into a mark, and up to when online time was counted. */
  #uptimeRest = 0;
  #onlineTo = 0;
  /** Smooth weighted round-robin credit (route.ts `pick`): how far this worker is owed traffic. */
  credit = 0;
  // Reliability and reputation as last computed: the router reads them for every free worker on every job, and
  // in a second they fade by less than 0.2 %, so they are recomputed only after a change or a second.
  #readAt = Number.NEGATIVE_INFINITY;
  #reliability = 0;
  #reputation = 0;

  constructor(s: StandingSettings) {
    this.speed = new DecayingMean(s.speedHalfLifeMs);
    this.ttftMs = new DecayingMean(s.speedHalfLifeMs);
    this.#ok = new Decaying(s.reliabilityHalfLifeMs);
    this.#bad = new Decaying(s.reliabilityHalfLifeMs);
    this.#good = new Decaying(s.reputationHalfLifeMs);
    this.#marked = new Decaying(s.reputationHalfLifeMs);
    this.#uptimeMarkMs = s.uptimeMarkMs;
  }

  /** A job done: `work` units in `decodeMs` after the first token, which came `ttftMs` after the lease. */
  completed(now: number, work: number, decodeMs: number, ttftMs: number | null): void {
    if (work > 0 && decodeMs > 0) this.speed.add(now, work / (decodeMs / 1000));
    if (ttftMs !== null && ttftMs >= 0) this.ttftMs.add(now, ttftMs);
    this.#ok.add(now, 1);
    this.#good.add(now, MARKS.completed);
    this.#readAt = Number.NEGATIVE_INFINITY;
  }

  failed(now: number, failure: Failure): void {
    const marks = MARKS[failure];
    this.#bad.add(now, marks);
    this.#marked.add(now, marks);
    this.#readAt = Number.NEGATIVE_INFINITY;
  }

  /**
   * It has been online from `since` (or from the last time this was told, if later) until `now`; every
   * `uptimeMarkMs` of online time is one good mark.
   */
  onlineUntil(now: number, since: number): void {
    const ms = now - Math.max(since, this.#onlineTo);
    this.#onlineTo = Math.max(this.#onlineTo, now);
    if (!(ms > 0)) return;
    this.#uptimeRest += ms;
    const marks = Math.floor(this.#uptimeRest / this.#uptimeMarkMs);
    if (marks === 0) return;
    this.#uptimeRest -= marks * this.#uptimeMarkMs;
    this.#good.add(now, marks);
    this.#readAt = Number.NEGATIVE_INFINITY;
  }

  /** The recent share of jobs that went well, 0–1 (0.9 for a worker with no record). */
  reliability(now: number): number {
    this.#read(now);
    return this.#reliability;
  }

  /** 0–100: good marks (jobs done, uptime) against bad ones (faults, timeouts, cancellations); 50 when new. */
  reputation(now: number): number {
    this.#read(now);
    return this.#reputation;
  }

  #read(now: number): void {
    if (now >= this.#readAt && now - this.#readAt < READ_AGAIN_MS) return;
    const ok = this.#ok.get(now) + RELIABLE_PRIOR_OK;
    this.#reliability = ok / (ok + this.#bad.get(now) + RELIABLE_PRIOR_BAD);
    const good = this.#good.get(now) + REPUTATION_PRIOR;
    this.#reputation = (100 * good) / (good + this.#marked.get(now) + REPUTATION_PRIOR);
    this.#readAt = now;
  }
}
