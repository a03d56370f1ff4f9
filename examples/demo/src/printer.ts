// One line per step, each prefixed by where it happened: `[v1]`, `[horde]`, `[image]`, `[batch]`, `[grid]`,
// `[worker]`, `[chat]`.

export type Tag = 'v1' | 'horde' | 'image' | 'batch' | 'grid' | 'worker' | 'chat' | 'demo';

const COLORS: Record<Tag, number> = {
  v1: 36,
  horde: 35,
  image: 95,
  batch: 96,
  grid: 32,
  worker: 33,
  chat: 34,
  demo: 1,
};

export class Printer {
  /** A line written piece by piece (streamed tokens) is still open. */
  #open = false;

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
  }

  append(text: string): void {
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
