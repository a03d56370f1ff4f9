/**
 * Counts live sequence numbers so "how many queued jobs arrived before this one" (Horde `queue_position`)
 * costs O(log n) instead of a walk over the queue. A Fenwick tree over `seq - base`; when the range
 * outgrows the array it is rebuilt from the live set (amortised O(1) per insert).
 */
export class OrderCounter {
  #base = 0;
  #tree = new Int32Array(1025);
  #live = new Set<number>();

  get size(): number {
    return this.#live.size;
  }

  add(seq: number): void {
    if (this.#live.has(seq)) return;
    this.#live.add(seq);
    if (seq < this.#base || seq - this.#base >= this.#tree.length - 1) this.#rebuild(seq);
    else this.#update(seq - this.#base + 1, 1);
  }

  delete(seq: number): void {
    if (!this.#live.delete(seq)) return;
    this.#update(seq - this.#base + 1, -1);
    if (this.#live.size === 0) {
      this.#tree.fill(0);
      this.#base = seq + 1;
    }
  }

  /** Live entries with a smaller sequence number. */
  before(seq: number): number {
    let i = Math.min(seq - this.#base, this.#tree.length - 1);
    let sum = 0;
    while (i > 0) {
      sum += this.#tree[i]!;
      i -= i & -i;
    }
    return sum;
  }

  #update(i: number, delta: number): void {
    const tree = this.#tree;
    while (i < tree.length) {
      tree[i]! += delta;
      i += i & -i;
    }
  }

  #rebuild(including: number): void {
    let min = including;
    let max = including;
    for (const s of this.#live) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    this.#base = min;
    this.#tree = new Int32Array(Math.max(1024, 2 * (max - min + 1)) + 1);
    for (const s of this.#live) this.#update(s - min + 1, 1);
  }
}
