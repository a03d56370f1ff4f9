// One line per step, each prefixed by where it happened: `[v1]`, `[horde]`, `[image]`, `[batch]`, `[grid]`,
// `[worker]`, `[chat]`, `[events]` for the events a client is pushed, and `[fault]` for a scenario the grid played.

export type Tag =
  | 'v1'
  | 'horde'
  | 'image'
  | 'batch'
  | 'grid'
  | 'worker'
  | 'chat'
  | 'demo'
  | 'events'
  | 'fault';

const COLORS: Record<Tag, number> = {
  v1: 36,
  horde: 35,
  image: 95,
  batch: 96,
  grid: 32,
  worker: 33,
  chat: 34,
  demo: 1,
  events: 92,
  fault: 91,
};

export class Printer {
  /** A line written piece by piece (streamed tokens) is still open. */
  #open = false;
  /** How a line cut short by another one goes on: its tag, and `…` under its step name. */
  #resume = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly color = false,
  ) {}

  line(tag: Tag, text: string): void {
    this.#close();
    this.write(`${this.#tag(tag)} ${text}\n`);
  }

  /** Starts a line that `append` continues (until the next `line` or `begin`). */
  begin(tag: Tag, text: string): void {
    this.#close();
    this.write(`${this.#tag(tag)} ${text}`);
    this.#open = true;
    this.#resume = `${this.#tag(tag)} ${step('  …')}`;
  }

  /** Continues the line `begin` started; when another line came in between, on a new line under the same tag. */
  append(text: string): void {
    if (!this.#open) {
      this.write(this.#resume);
      this.#open = true;
    }
    this.write(text);
  }

  /** A heading between the parts of the demo. */
  heading(text: string): void {
    this.#close();
    this.write(`\n${this.color ? `\x1b[1m${text}\x1b[0m` : text}\n`);
  }

  #close(): void {
    if (this.#open) this.write('\n');
    this.#open = false;
  }

  #tag(tag: Tag): string {
    const label = `[${tag}]`.padEnd(8);
    return this.color ? `\x1b[${COLORS[tag]}m${label}\x1b[0m` : label;
  }
}

/** A step name padded so the details line up. */
export function step(name: string): string {
  return name.padEnd(14);
}
