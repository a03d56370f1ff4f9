/**
 * The one text job queue, whichever door a job came through.
 *
 * Shape: one FIFO lane per model plus an "any model" lane for jobs that name no model; a job naming several
 * models has a link in each of their lanes. Lanes are intrusive doubly linked lists, so a job leaves the
 * queue (assigned, cancelled) in O(lanes of the job) from wherever it sits, and a requeued job goes back
 * to the front keeping its age.
 *
 * Taking a job for a worker looks only at the lanes of the worker's models plus the any lane, and at most
 * `scanLimit` jobs per lane, so one assignment costs O(worker models × scanLimit) whatever the queue
 * length. Among the first eligible job of each lane the oldest (`seq`) wins: priority by waiting time.
 */
import type { Job, QueueNode, Worker } from '../entities.js';
import { OrderCounter } from '../order.js';
import type { ImageSkippedCounts, SkippedCounts } from '../wire.js';

export type SkipReason = keyof SkippedCounts;

class Lane {
  head: QueueNode | null = null;
  tail: QueueNode | null = null;
  live = 0;
  tokens = 0;
  /** Since when no online worker serves this lane's model while it holds jobs (`unserved`), else null. */
  unservedSince: number | null = null;

  pushBack(node: QueueNode): void {
    node.prev = this.tail;
    node.next = null;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }

  pushFront(node: QueueNode): void {
    node.next = this.head;
    node.prev = null;
    if (this.head) this.head.prev = node;
    else this.tail = node;
    this.head = node;
  }

  unlink(node: QueueNode): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
  }
}

export function emptySkipped(): SkippedCounts {
  return {
    models: 0,
    max_length: 0,
    max_context_length: 0,
    nsfw: 0,
    untrusted: 0,
    worker_id: 0,
    blacklist: 0,
    performance: 0,
  };
}

export function emptyImageSkipped(): ImageSkippedCounts {
  return {
    models: 0,
    max_pixels: 0,
    img2img: 0,
    painting: 0,
    'post-processing': 0,
    lora: 0,
    controlnet: 0,
    nsfw: 0,
    untrusted: 0,
    worker_id: 0,
    blacklist: 0,
    performance: 0,
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
  /** Queue links touched, ever: lets tests prove an operation is not O(queue length). */
  inspected = 0;

  constructor(scanLimit: number, tokensOf: (job: Job) => number) {
    this.#scanLimit = scanLimit;
    this.#tokensOf = tokensOf;
  }

  #lanesOf(job: Job): Lane[] {
    if (job.models.length === 0) return [this.#any];
    const lanes: Lane[] = [];
    for (const model of job.models) {
      let lane = this.#lanes.get(model);
      if (!lane) {
        lane = new Lane();
        this.#lanes.set(model, lane);
      }
      if (!lanes.includes(lane)) lanes.push(lane);
    }
    return lanes;
  }

  /** Adds a job at the back (new) or the front (requeued, keeping its age). */
  add(job: Job, front: boolean): void {
    if (job.inQueue) return;
    job.inQueue = true;
    const tokens = this.#tokensOf(job);
    for (const lane of this.#lanesOf(job)) {
      const node: QueueNode = { job, prev: null, next: null, lane };
      if (front) lane.pushFront(node);
      else lane.pushBack(node);
      job.nodes.push(node);
      lane.live++;
      lane.tokens += tokens;
      this.inspected++;
    }
    this.size++;
    this.tokens += tokens;
    this.#order.add(job.seq);
  }

  /** Takes a job out of the queue (assigned, cancelled) from wherever it is. */
  remove(job: Job): void {
    if (!job.inQueue) return;
    job.inQueue = false;
    const tokens = this.#tokensOf(job);
    for (const node of job.nodes) {
      const lane = node.lane as Lane;
      lane.unlink(node);
      lane.live--;
      lane.tokens -= tokens;
      this.inspected++;
    }
    job.nodes = [];
    this.size--;
    this.tokens -= tokens;
    this.#order.delete(job.seq);
  }

  /**
   * The lanes holding jobs that no online worker has served (`served(model)` false; model null = the
   * any-model lane) since at least `since`, each with its queued jobs. O(lanes) plus the jobs returned.
   */
  unserved(now: number, served: (model: string | null) => boolean, since: number): Job[] {
    const out: Job[] = [];
    const visit = (model: string | null, lane: Lane): void => {
      if (lane.live === 0 || served(model)) {
        lane.unservedSince = null;
        return;
      }
      lane.unservedSince ??= now;
      if (lane.unservedSince > since) return;
      for (let node = lane.head; node; node = node.next) out.push(node.job);
    };
    for (const [model, lane] of this.#lanes) visit(model, lane);
    visit(null, this.#any);
    return out;
  }

  /** 1-based position among queued jobs by age, 0 when not queued. */
  position(job: Job): number {
    return job.inQueue ? this.#order.before(job.seq) + 1 : 0;
  }

  /** Queued jobs / tokens in `model`'s lane. */
  laneCounts(model: string): { jobs: number; tokens: number } {
    const lane = this.#lanes.get(model);
    return { jobs: lane?.live ?? 0, tokens: lane?.tokens ?? 0 };
  }

  /**
   * The oldest job this worker may take, or null; `check` returns why a job cannot go to it. Reasons are
   * added to `skipped`; `skipped.models` counts queued jobs outside the worker's lanes (a job in several
   * lanes may be counted more than once, so it is an estimate, like the Horde's).
   */
  take<R extends string>(
    worker: Worker,
    check: (job: Job) => R | null,
    skipped: Record<R | 'models', number>,
  ): Job | null {
    const scan = ++this.#scan;
    let best: Job | null = null;
    let reachable = 0;
    const consider = (lane: Lane): void => {
      reachable += lane.live;
      let node = lane.head;
      for (let seen = 0; node && seen < this.#scanLimit; node = node.next, seen++) {
        this.inspected++;
        const job = node.job;
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
      if (lane && lane.live > 0) consider(lane);
    }
    if (this.#any.live > 0) consider(this.#any);
    skipped.models += Math.max(0, this.size - reachable);
    if (best) this.remove(best);
    return best;
  }
}
