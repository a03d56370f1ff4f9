/** A growable ring buffer: O(1) push/pop at both ends and O(1) indexed reads from the front. */
export class Deque<T> {
  #buf: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity = 16) {
    this.#buf = new Array(Math.max(4, capacity));
  }

  get size(): number {
    return this.#size;
  }

  /** The i-th item from the front (0 = front), or undefined. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.#size) return undefined;
    return this.#buf[(this.#head + i) % this.#buf.length];
  }

  pushBack(item: T): void {
    if (this.#size === this.#buf.length) this.#grow();
    this.#buf[(this.#head + this.#size) % this.#buf.length] = item;
    this.#size++;
  }

  pushFront(item: T): void {
    if (this.#size === this.#buf.length) this.#grow();
    this.#head = (this.#head - 1 + this.#buf.length) % this.#buf.length;
    this.#buf[this.#head] = item;
    this.#size++;
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#buf[this.#head];
    this.#buf[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#buf.length;
    this.#size--;
    return item;
  }

  #grow(): void {
    const next: (T | undefined)[] = new Array(this.#buf.length * 2);
    for (let i = 0; i < this.#size; i++) next[i] = this.#buf[(this.#head + i) % this.#buf.length];
    this.#buf = next;
    this.#head = 0;
  }
}
