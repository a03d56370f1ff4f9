/**
 * The core's only source of time. Everything time-based (leases, strike windows, cooldowns, the 300 s
 * offline rule, rate-limit windows, stats) reads `now()` and schedules through `setTimer`, so tests move
 * time with `ManualClock.advance(ms)` instead of sleeping.
 */
export interface TimerHandle {
  readonly __timer: true;
}

export interface Clock {
  /** Milliseconds since the Unix epoch (or any monotonic origin; the core only subtracts). */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

interface ManualTimer extends TimerHandle {
  at: number;
  seq: number;
  fn: () => void;
  index: number; // position in the heap, -1 once fired or cleared
}

/**
 * A clock that only moves when told. Timers live in a binary heap (O(log n) per schedule/clear), fire in
 * (due time, scheduling order) order, and a timer scheduled by a firing timer fires in the same `advance`
 * if it is due.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #heap: ManualTimer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Pending timers (for tests that check nothing leaks). */
  get pendingTimers(): number {
    return this.#heap.length;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = {
      __timer: true,
      at: this.#now + Math.max(0, ms),
      seq: this.#seq++,
      fn,
      index: this.#heap.length,
    };
    this.#heap.push(timer);
    this.#up(timer.index);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    const timer = handle as ManualTimer;
    if (timer.index < 0 || this.#heap[timer.index] !== timer) return;
    this.#removeAt(timer.index);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (at its own due time). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance(ms): ms must be >= 0, got ${ms}`);
    const target = this.#now + ms;
    for (;;) {
      const top = this.#heap[0];
      if (!top || top.at > target) break;
      this.#removeAt(0);
      this.#now = Math.max(this.#now, top.at);
      top.fn();
    }
    this.#now = target;
  }

  #less(a: ManualTimer, b: ManualTimer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #swap(i: number, j: number): void {
    const a = this.#heap[i]!;
    const b = this.#heap[j]!;
    this.#heap[i] = b;
    this.#heap[j] = a;
    b.index = i;
    a.index = j;
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(this.#heap[i]!, this.#heap[parent]!)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const n = this.#heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.#less(this.#heap[l]!, this.#heap[m]!)) m = l;
      if (r < n && this.#less(this.#heap[r]!, this.#heap[m]!)) m = r;
      if (m === i) break;
      this.#swap(i, m);
      i = m;
    }
  }

  #removeAt(i: number): void {
    const last = this.#heap.length - 1;
    const removed = this.#heap[i]!;
    if (i !== last) this.#swap(i, last);
    this.#heap.pop();
    removed.index = -1;
    if (i < this.#heap.length) {
      this.#down(i);
      this.#up(i);
    }
  }
}

/** The host's `setImmediate` (Node, Bun, Deno), or undefined in a browser (there `setTimeout` serves). */
const host = globalThis as {
  setImmediate?: (fn: () => void) => unknown;
  clearImmediate?: (id: unknown) => void;
};
const immediate =
  typeof host.setImmediate === 'function' && typeof host.clearImmediate === 'function'
    ? { set: host.setImmediate.bind(globalThis), clear: host.clearImmediate.bind(globalThis) }
    : undefined;

/**
 * Wall-clock time through the host's timers (Node or browser). A timer for later does not keep a Node process
 * alive (unref); one due now does, for the one turn it waits.
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    // A timer due now runs on the next turn of the event loop (`setImmediate`, where the host has it), not
    // after the 1 ms that `setTimeout(fn, 0)` waits at least in Node: a simulated worker with no time to
    // first token schedules one per job and more per burst of tokens, and those waits, not work, were most
    // of such a chat's latency (2.5 ms of a 2.7 ms request).
    if (ms <= 0 && immediate) {
      return { __timer: true, immediate: immediate.set(fn) } as unknown as TimerHandle;
    }
    const id = globalThis.setTimeout(fn, ms) as unknown as { unref?: () => void };
    id.unref?.();
    return id as unknown as TimerHandle;
  }

  clearTimer(handle: TimerHandle): void {
    const soon = (handle as unknown as { immediate?: unknown }).immediate;
    if (soon !== undefined) immediate?.clear(soon);
    else globalThis.clearTimeout(handle as unknown as ReturnType<typeof setTimeout>);
  }
}
