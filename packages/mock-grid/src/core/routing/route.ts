/**
 * The router: which of the workers free right now gets a job (docs/mock-grid-core.md "Routing").
 *
 * 1. **Filter** by capability and the request's hard constraints (matching.ts: model, lengths, image size and
 *    abilities, trust, allow/block lists, `min_tokens_per_s`, `max_ttft`), counting why each one was left out.
 * 2. **Narrow** to the candidates serving the request's earliest model (its fallbacks only when no worker of
 *    an earlier one is free), then to its `prefer`red workers when any of them is free.
 * 3. **Score** each: free capacity × speed × latency × reliability⁴ × region × reputation / 100. Speed and
 *    latency are relative to the other candidates' measured figures; a worker not yet measured counts as
 *    average.
 * 4. **Pick**: with `sort`, the best on that key; otherwise a smooth weighted round-robin on the scores, so
 *    workers share the traffic in proportion to their scores: equal workers equally, a worker scoring twice
 *    as much twice as often, whatever order they come in.
 *
 * Pure but for the round-robin credit it keeps on each worker's standing.
 */
import type { Job, Worker } from '../entities.js';
import type { RouteSort } from './prefs.js';

export interface Candidate {
  worker: Worker;
  /** Its free share of capacity now, 0–1 (an idle WS connection: 1; a pop worker: free threads / threads). */
  free: number;
}

/** Why a candidate scored what it did; `weight` is the product of the rest. */
export interface Scores {
  capacity: number;
  speed: number;
  latency: number;
  reliability: number;
  region: number;
  reputation: number;
  weight: number;
}

export interface RouteDecision {
  winner: Candidate | null;
  /** The model the winner serves the job with. */
  model: string | null;
  scores: Scores | null;
  /** Candidates that were free for it. */
  considered: number;
  /** Of those, how many could take it (after the filter). */
  eligible: number;
  /** Why the others could not, by reason. */
  rejected: Record<string, number>;
  /** The best of the rest: at most `RUNNERS_UP`, best first. */
  runnersUp: { worker: Worker; weight: number }[];
  /** How the winner was chosen, in words. */
  rule: string;
}

export const RUNNERS_UP = 3;

/**
 * The most free WS connections one decision looks at. With more free, a window of this many that moves on from
 * job to job (books/connections.ts `idleServing`), so every free worker is looked at in turn while a decision
 * stays O(ROUTE_WINDOW) however many are free.
 */
export const ROUTE_WINDOW = 64;

/** Whether `worker` may take `job`, else why not (matching.ts). */
export type Check = (job: Job, worker: Worker) => string | null;

/** The index among `job.models` of the first model `worker` serves (0 for a job that names none). */
export function modelRank(job: Job, worker: Worker): number {
  if (job.models.length === 0) return 0;
  for (let i = 0; i < job.models.length; i++) if (worker.modelSet.has(job.models[i]!)) return i;
  return job.models.length;
}

export function route(job: Job, candidates: Candidate[], now: number, check: Check): RouteDecision {
  const rejected: Record<string, number> = {};
  const prefs = job.routing;
  let pool: Candidate[] = [];
  let bestRank = Number.POSITIVE_INFINITY;
  let preferredSeen = false;
  for (const c of candidates) {
    const reason = check(job, c.worker);
    if (reason !== null) {
      rejected[reason] = (rejected[reason] ?? 0) + 1;
      continue;
    }
    const rank = modelRank(job, c.worker);
    const preferred = prefs?.prefer?.has(c.worker.id) ?? false;
    // Narrowing as we go: an earlier model beats a later one, then a preferred worker beats the others.
    if (rank < bestRank || (rank === bestRank && preferred && !preferredSeen)) {
      pool = [];
      bestRank = rank;
      preferredSeen = preferred;
    } else if (rank > bestRank || (preferredSeen && !preferred)) continue;
    pool.push(c);
  }
  const eligible = candidates.length - Object.values(rejected).reduce((a, b) => a + b, 0);
  const base = { considered: candidates.length, eligible, rejected };
  if (pool.length === 0) {
    return {
      ...base,
      winner: null,
      model: null,
      scores: null,
      runnersUp: [],
      rule: 'no free worker can take it',
    };
  }
  const region = prefs?.region ?? null;
  const ref = reference(pool);
  const weights = weigh(pool, ref, region, now);
  const sort = prefs?.sort ?? null;
  const index = sort && sort !== 'price' ? best(pool, weights, sort, now) : pick(pool, weights);
  const winner = pool[index]!;
  const model = job.models.length === 0 ? (winner.worker.models[0] ?? null) : job.models[bestRank]!;
  return {
    ...base,
    winner,
    model,
    scores: scoresOf(winner, ref, region, now),
    runnersUp: runnersUp(pool, weights, index),
    rule: ruleText(pool.length, sort, bestRank, preferredSeen),
  };
}

function ruleText(pool: number, sort: RouteSort | null, rank: number, preferred: boolean): string {
  const parts: string[] = [];
  if (rank > 0) parts.push(`fallback model ${rank + 1}: no free worker serves an earlier one`);
  if (preferred) parts.push('a preferred worker');
  if (pool === 1) parts.push('the only free worker that can take it');
  else if (sort && sort !== 'price') parts.push(`sort: ${sort}, the best of ${pool}`);
  else parts.push(`weighted share by score among ${pool}`);
  return parts.join('; ');
}

/** The candidates' mean measured speed and time to first token (0 when none is measured). */
interface Reference {
  speed: number;
  ttft: number;
}

function reference(pool: Candidate[]): Reference {
  let speedSum = 0;
  let speedN = 0;
  let ttftSum = 0;
  let ttftN = 0;
  for (const { worker } of pool) {
    const speed = worker.standing.speed.get();
    if (speed !== null) {
      speedSum += speed;
      speedN++;
    }
    const ttft = worker.standing.ttftMs.get();
    if (ttft !== null) {
      ttftSum += ttft;
      ttftN++;
    }
  }
  return { speed: speedN > 0 ? speedSum / speedN : 0, ttft: ttftN > 0 ? ttftSum / ttftN : 0 };
}

/** One candidate's scores; speed and latency relative to the mean of those measured. */
export function scoresOf(c: Candidate, ref: Reference, region: string | null, now: number): Scores {
  const standing = c.worker.standing;
  const measured = standing.speed.get();
  const speed = measured === null || ref.speed === 0 ? 1 : measured / ref.speed;
  const ttft = standing.ttftMs.get();
  // Relative time to first token, softened (a square root, and 100 ms added to both so that a few ms either
  // way between fast workers means little).
  const latency = ttft === null ? 1 : Math.sqrt((ref.ttft + 100) / (ttft + 100));
  const reliability = standing.reliability(now);
  const reputation = standing.reputation(now);
  const regional = regionFactor(region, c.worker.region);
  const capacity = c.free;
  const r2 = reliability * reliability;
  const weight = capacity * speed * latency * r2 * r2 * regional * (reputation / 100);
  return { capacity, speed, latency, reliability, region: regional, reputation, weight };
}

/** Every candidate's weight, into a scratch array reused from job to job (no allocation per candidate). */
let scratch = new Float64Array(64);
function weigh(pool: Candidate[], ref: Reference, region: string | null, now: number): Float64Array {
  if (scratch.length < pool.length) scratch = new Float64Array(pool.length * 2);
  for (let i = 0; i < pool.length; i++) scratch[i] = scoresOf(pool[i]!, ref, region, now).weight;
  return scratch;
}

/**
 * How near a worker is to the region asked for: the same region 1, the same area (the part before the first
 * `-`: `eu` of `eu-west`) 0.5, unknown (the worker declared none) 0.4, another area 0.2. No region asked: 1.
 */
export function regionFactor(asked: string | null, worker: string | null): number {
  if (asked === null) return 1;
  if (worker === null) return 0.4;
  if (asked === worker) return 1;
  return area(asked) === area(worker) ? 0.5 : 0.2;
}

function area(region: string): string {
  const dash = region.indexOf('-');
  return dash === -1 ? region : region.slice(0, dash);
}

/** Smooth weighted round-robin: each candidate is owed its weight; the most owed wins and pays the total. */
function pick(pool: Candidate[], weights: Float64Array): number {
  let total = 0;
  let index = 0;
  let most = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < pool.length; i++) {
    const standing = pool[i]!.worker.standing;
    const weight = weights[i]!;
    total += weight;
    standing.credit += weight;
    if (standing.credit > most) {
      most = standing.credit;
      index = i;
    }
  }
  pool[index]!.worker.standing.credit -= total;
  return index;
}

/** `sort`: the best candidate on that key, ties going to the higher score. */
function best(
  pool: Candidate[],
  weights: Float64Array,
  sort: Exclude<RouteSort, 'price'>,
  now: number,
): number {
  const key = (i: number): number => {
    const standing = pool[i]!.worker.standing;
    if (sort === 'speed') return standing.speed.get() ?? 0;
    if (sort === 'latency') return -(standing.ttftMs.get() ?? Number.MAX_SAFE_INTEGER);
    return standing.reputation(now);
  };
  let index = 0;
  let top = key(0);
  for (let i = 1; i < pool.length; i++) {
    const k = key(i);
    if (k > top || (k === top && weights[i]! > weights[index]!)) {
      index = i;
      top = k;
    }
  }
  return index;
}

function runnersUp(pool: Candidate[], weights: Float64Array, winner: number): RouteDecision['runnersUp'] {
  const rest: RouteDecision['runnersUp'] = [];
  for (let i = 0; i < pool.length; i++) {
    if (i === winner) continue;
    const weight = weights[i]!;
    if (rest.length === RUNNERS_UP && weight <= rest[RUNNERS_UP - 1]!.weight) continue;
    // Inserted in place, highest weight first (an Array `sort` per candidate allocated more than the rest).
    let at = rest.length;
    while (at > 0 && rest[at - 1]!.weight < weight) at--;
    rest.splice(at, 0, { worker: pool[i]!.worker, weight });
    if (rest.length > RUNNERS_UP) rest.pop();
  }
  return rest;
}
