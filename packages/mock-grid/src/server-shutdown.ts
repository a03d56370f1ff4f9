/**
 * The server's graceful shutdown (docs/mock-grid.md "Shutdown"): what is in flight, and when to hand back.
 *
 * In flight are the HTTP requests being answered and the jobs leased to a worker (tracked from the core's
 * `assigned` event until the job is requeued or ends). `begin()` starts the grace period; `settled` resolves
 * when nothing is in flight any more or the grace period (or `now()`) ran out, and `handBack` aborts then:
 * the doors end what is still open (streams with an error event, WS workers with 1012).
 */
import { setMaxListeners } from 'node:events';
import type { GridCore } from './core/index.js';

const ENDS_LEASE = new Set(['requeued', 'done', 'failed', 'faulted', 'cancelled']);

export class Shutdown {
  readonly #aborter = new AbortController();
  readonly #requests = new Set<object>();
  /** What each request in flight does at the hand-back (`onHandBack`): a set, not a listener per request. */
  readonly #handBacks = new Set<() => void>();
  readonly #leased = new Set<string>();
  readonly #unsubscribe: () => void;
  #begun = false;
  #deadline = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #settle: ((why: 'drained' | 'deadline') => void) | undefined;
  #answered: (() => void)[] = [];
  /** Resolves once `begin()` was called and the grid drained or its grace period ended. */
  readonly settled: Promise<'drained' | 'deadline'>;

  constructor(core: GridCore) {
    // Every SSE stream in flight listens on `handBack` (doors/http/shutdown.ts): many at once is normal.
    setMaxListeners(0, this.#aborter.signal);
    this.settled = new Promise((resolve) => {
      this.#settle = resolve;
    });
    this.#unsubscribe = core.onEvent((e) => {
      if (e.type === 'assigned') this.#leased.add(e.jobId);
      else if (ENDS_LEASE.has(e.type) && 'jobId' in e) {
        this.#leased.delete(e.jobId);
        this.#check();
      }
    });
  }

  /** Aborts at the hand-back. */
  get handBack(): AbortSignal {
    return this.#aborter.signal;
  }

  get begun(): boolean {
    return this.#begun;
  }

  /** Seconds until the hand-back (for `Retry-After`), at least 1. */
  retryAfterS(): number {
    return Math.max(1, Math.ceil((this.#deadline - Date.now()) / 1000));
  }

  counts(): { requests: number; leasedJobs: number } {
    return { requests: this.#requests.size, leasedJobs: this.#leased.size };
  }

  /** Marks one HTTP request in flight; call the returned function when its response is over. */
  track(): () => void {
    const token = {};
    this.#requests.add(token);
    return () => {
      this.#requests.delete(token);
      if (this.#requests.size === 0) for (const resolve of this.#answered.splice(0)) resolve();
      this.#check();
    };
  }

  /** Resolves when no HTTP request is in flight, or after `ms` (a real timer). */
  async answered(ms: number): Promise<void> {
    if (this.#requests.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      this.#answered.push(resolve);
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
  }

  /** Stops taking work; hands back after `graceMs` at the latest. Later calls only shorten the wait. */
  begin(graceMs: number): void {
    const deadline = Date.now() + Math.max(0, graceMs);
    if (this.#begun && deadline >= this.#deadline) return;
    this.#begun = true;
    this.#deadline = deadline;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#finish('deadline'), Math.max(0, graceMs));
    this.#check();
  }

  /**
   * Runs `fn` at the hand-back (at once when it has happened). Returns the function that forgets it, to call
   * when the request's response is over.
   */
  onHandBack(fn: () => void): () => void {
    if (this.#aborter.signal.aborted) {
      fn();
      return () => {};
    }
    this.#handBacks.add(fn);
    return () => this.#handBacks.delete(fn);
  }

  /** Ends what is still open (see the file comment) and stops listening to the core. */
  abort(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#unsubscribe();
    const handBacks = [...this.#handBacks];
    this.#handBacks.clear();
    for (const fn of handBacks) fn();
    this.#aborter.abort();
  }

  #check(): void {
    if (this.#begun && this.#requests.size === 0 && this.#leased.size === 0) this.#finish('drained');
  }

  #finish(why: 'drained' | 'deadline'): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#settle?.(why);
    this.#settle = undefined;
  }
}
