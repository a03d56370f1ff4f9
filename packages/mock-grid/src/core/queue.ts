/**
 * The one text job queue, whichever door a job came through.
 *
 * Shape: one FIFO lane per model plus an "any model" lane for jobs that name no model. A job naming
 * several models sits in each of their lanes. Leaving the queue is lazy: the entry stays in its lanes and
 * is recognised as dead (its job's `epoch` moved on or it is no longer queued), dropped when it reaches a
 * lane's head, or by a compaction once dead entries outnumber live ones (amortised O(1)).
 *
 * Taking a job for a worker looks only at the lanes of the worker's models plus the any lane, and at most
 * `scanLimit` entries per lane, so one assignment costs O(models × scanLimit) whatever the queue length.
 * Among the first eligible job of each lane, the oldest (`seq`) wins: priority by waiting time.
 */
import { Deque } from './deque.js';
import type { Job, Worker } from './entities.js';
import { OrderCounter } from './order.js';
import type { HordeNoValidRequestFound } from './wire.js';

export type SkipReason = keyof HordeNoValidRequestFound;

interface Entry {
  job: Job;
  epoch: number;
}

class Lane {
  readonly entries = new Deque<Entry>();
  live = 0;
  tokens = 0;
}

const alive = (e: Entry): boolean => e.job.inQueue && e.epoch === e.job.epoch;

export function emptySkipped(): HordeNoValidRequestFound {
  return {
    models: 0,
    max_length: 0,
    max_context_length: 0,
    nsfw: 0,
    untrusted: 0,
    worker_id: 0,
    blacklist: 0,
  };
}

export class JobQueue {
  readonly #lanes = new Map<string, Lane>();
  readonly #any = new Lane();
  readonly #order = new OrderCounter();
  readonly #scanLimit: number;
  readonly #tokensOf: (job: Job) => number;
  #scan = 0;
  /** Queued jobs (each counted once). */
  size = 0;
  /** Sum of `tokensOf` over queued jobs. */
  tokens = 0;
  /** Queue entries looked at, ever: lets tests prove an operation is not O(queue length). */
  inspected = 0;

  constructor(scanLimit: number, tokensOf: (job: Job) => number) {
    this.#scanLimit = scanLimit;
    this.#tokensOf = tokensOf;
  }

  #lanesOf(job: Job, create: boolean): Lane[] {
    if (job.models.length === 0) return [this.#any];
    const lanes: Lane[] = [];
    for (const model of job.models) {
      let lane = this.#lanes.get(model);
      if (!lane && create) {
        lane = new Lane();
        this.#lanes.set(model, lane);
      }
      if (lane && !lanes.includes(lane)) lanes.push(lane);
    }
    return lanes;
  }

  /** Adds a job at the back (new) or the front (requeued, keeping its age). */
  add(job: Job, front: boolean): void {
    if (job.inQueue) return;
    job.inQueue = true;
    job.epoch++;
    const entry: Entry = { job, epoch: job.epoch };
    const tokens = this.#tokensOf(job);
    for (const lane of this.#lanesOf(job, true)) {
      if (front) lane.entries.pushFront(entry);
      else lane.entries.pushBack(entry);
      lane.live++;
      lane.tokens += tokens;
      this.inspected++;
    }
    this.size++;
    this.tokens += tokens;
    this.#order.add(job.seq);
  }

  /** Takes a job out of the queue (assigned, cancelled). Its entries die in place. */
  remove(job: Job): void {
    if (!job.inQueue) return;
    job.inQueue = false;
    const tokens = this.#tokensOf(job);
    for (const lane of this.#lanesOf(job, false)) {
      lane.live--;
      lane.tokens -= tokens;
      this.inspected++;
      if (lane.entries.size > 64 && lane.entries.size > 2 * lane.live) {
        this.inspected += lane.entries.size;
        lane.entries.filter(alive);
      }
    }
    this.size--;
    this.tokens -= tokens;
    this.#order.delete(job.seq);
  }

  /** 1-based position among queued jobs by age, 0 when not queued. */
  position(job: Job): number {
    return job.inQueue ? this.#order.before(job.seq) + 1 : 0;
  }

  /** Queued jobs / tokens that can go to `model` (its lane plus the any lane). */
  laneCounts(model: string): { jobs: number; tokens: number } {
    const lane = this.#lanes.get(model);
    return { jobs: lane?.live ?? 0, tokens: lane?.tokens ?? 0 };
  }

  /** Models that have queued jobs. */
  queuedModels(): string[] {
    const out: string[] = [];
    for (const [model, lane] of this.#lanes) if (lane.live > 0) out.push(model);
    return out;
  }

  /**
   * The oldest job this worker may take, or null; `check` returns why a job cannot go to it. Reasons are
   * added to `skipped`; `skipped.models` counts queued jobs outside the worker's lanes (a job in several
   * lanes may be counted in more than one, so it is an estimate, like the Horde's).
   */
  take(
    worker: Worker,
    check: (job: Job) => SkipReason | null,
    skipped: HordeNoValidRequestFound,
  ): Job | null {
    const scan = ++this.#scan;
    let best: Job | null = null;
    let reachable = 0;
    const consider = (lane: Lane): void => {
      reachable += lane.live;
      if (lane.live === 0) return;
      const entries = lane.entries;
      while (entries.size > 0 && !alive(entries.at(0)!)) {
        entries.shift();
        this.inspected++;
      }
      const end = Math.min(entries.size, this.#scanLimit);
      for (let i = 0; i < end; i++) {
        this.inspected++;
        const entry = entries.at(i)!;
        if (!alive(entry)) continue;
        const job = entry.job;
        if (job.scan === scan) continue;
        job.scan = scan;
        const reason = check(job);
        if (reason) {
          skipped[reason]++;
          continue;
        }
        if (!best || job.seq < best.seq) best = job;
        return;
      }
    };
    for (const model of worker.models) {
      const lane = this.#lanes.get(model);
      if (lane) consider(lane);
    }
    consider(this.#any);
    skipped.models += Math.max(0, this.size - reachable);
    if (best) this.remove(best);
    return best;
  }
}
