/**
 * The requests book: every request and its jobs, by id, and how long a finished one is remembered: /v1
 * requests are forgotten as soon as their last job ends (nothing polls them); Horde requests, and /v1 requests
 * with an event log, stay readable for `retentionMs` (a request's log goes with it).
 */
import { Deque } from '../deque.js';
import type { Job, Req } from '../entities.js';

interface Expiry {
  at: number;
  id: string;
}

export class RequestBook {
  readonly #reqs = new Map<string, Req>();
  readonly #jobs = new Map<string, Job>();
  /** In due-time order, because every entry has the same delay. */
  readonly #retention = new Deque<Expiry>();
  /** Arrival number of the next job (priority by waiting time). */
  #seq = 0;

  constructor(private readonly retentionMs: number) {}

  get size(): number {
    return this.#reqs.size;
  }

  request(id: string): Req | undefined {
    return this.#reqs.get(id);
  }

  job(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  nextSeq(): number {
    return this.#seq++;
  }

  /** Records a new request with its jobs. */
  add(req: Req): void {
    this.#reqs.set(req.id, req);
    for (const job of req.jobs) this.#jobs.set(job.id, job);
  }

  /** A request whose jobs have all ended: forgotten now (/v1) or after the retention (Horde). */
  finished(req: Req, now: number): void {
    if (req.open > 0 || !this.#reqs.has(req.id)) return;
    // A watchable /v1 request (client WebSocket, batch) keeps its events readable for the retention too.
    if (req.source === 'v1' && req.log === null) this.#forget(req);
    else this.#retention.pushBack({ at: now + this.retentionMs, id: req.id });
  }

  /** Forgets finished Horde requests past their retention. Amortised O(1). */
  prune(now: number): void {
    const fifo = this.#retention;
    for (let head = fifo.at(0); head && head.at <= now; head = fifo.at(0)) {
      fifo.shift();
      const req = this.#reqs.get(head.id);
      if (req) this.#forget(req);
    }
  }

  #forget(req: Req): void {
    this.#reqs.delete(req.id);
    for (const job of req.jobs) this.#jobs.delete(job.id);
  }
}
