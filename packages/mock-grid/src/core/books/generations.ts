/**
 * The generations book: every attempt at a job by one worker (Horde "procgen"), its lease timer, and the
 * tombstones of ended generations that answer late submits (DuplicateGen / AbortedGen rather than
 * InvalidJobID) until their retention passes.
 */
import type { Clock } from '../clock.js';
import { Deque } from '../deque.js';
import type { Generation } from '../entities.js';

interface Expiry {
  at: number;
  id: string;
}

export class GenerationBook {
  readonly #gens = new Map<string, Generation>();
  /** Two FIFOs, each in due-time order because each has one fixed delay. */
  readonly #popRetention = new Deque<Expiry>();
  readonly #wsRetention = new Deque<Expiry>();

  /** `onTimer` is called when a generation's timer fires (lease end, or a drain that ran out). */
  constructor(
    private readonly clock: Clock,
    private readonly retention: { popMs: number; wsMs: number },
    private readonly onTimer: (gen: Generation) => void,
  ) {}

  get size(): number {
    return this.#gens.size;
  }

  get(id: string): Generation | undefined {
    return this.#gens.get(id);
  }

  add(gen: Generation): void {
    this.#gens.set(gen.id, gen);
  }

  /** (Re)starts the generation's timer. */
  arm(gen: Generation, ms: number): void {
    if (gen.timer) this.clock.clearTimer(gen.timer);
    gen.timer = this.clock.setTimer(() => {
      gen.timer = null;
      this.onTimer(gen);
    }, ms);
  }

  disarm(gen: Generation): void {
    if (gen.timer) this.clock.clearTimer(gen.timer);
    gen.timer = null;
  }

  /** An ended generation is remembered as a tombstone until its retention passes. A WS worker's late
   *  `done` is acked with den 0 whether the id is remembered or not, so WS generations are forgotten
   *  sooner (memory at thousands of jobs per second). */
  ended(gen: Generation): void {
    if (gen.conn) this.#wsRetention.pushBack({ at: gen.endedAt + this.retention.wsMs, id: gen.id });
    else this.#popRetention.pushBack({ at: gen.endedAt + this.retention.popMs, id: gen.id });
  }

  /** Forgets tombstones past their retention (not one a connection still drains). Amortised O(1). */
  prune(now: number): void {
    for (const fifo of [this.#popRetention, this.#wsRetention]) {
      for (let head = fifo.at(0); head && head.at <= now; head = fifo.at(0)) {
        fifo.shift();
        const gen = this.#gens.get(head.id);
        if (gen && gen.state !== 'active' && gen.conn?.current !== gen) this.#gens.delete(head.id);
      }
    }
  }

  /** Stops every timer (the grid is being disposed). */
  disarmAll(): void {
    for (const gen of this.#gens.values()) this.disarm(gen);
  }
}
