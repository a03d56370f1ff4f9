// Splits `<think>…</think>` blocks out of streamed content. Decision (docs/worker.md): thinking is not thrown
// away but mapped to `reasoning_content`, which the live grid relays as reasoning; Horde jobs submit only the
// content, so there the blocks are stripped, as grid-text-worker did. Tags may arrive split across chunks.
import type { JobDelta } from '../job.js';

const OPEN = '<think>';
const CLOSE = '</think>';

export class ThinkSplitter {
  private buffer = '';
  private inThink = false;
  /** Drop the blank lines models put right after `</think>`. */
  private trimLeading = false;

  push(text: string): JobDelta[] {
    this.buffer += text;
    const out: JobDelta[] = [];
    for (;;) {
      const tag = this.inThink ? CLOSE : OPEN;
      const at = this.buffer.indexOf(tag);
      if (at >= 0) {
        this.emit(out, this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at + tag.length);
        this.inThink = !this.inThink;
        if (!this.inThink) this.trimLeading = true;
        continue;
      }
      // Keep a possible partial tag at the end until the next chunk decides it.
      const keep = partialSuffix(this.buffer, tag);
      this.emit(out, this.buffer.slice(0, this.buffer.length - keep));
      this.buffer = this.buffer.slice(this.buffer.length - keep);
      return out;
    }
  }

  flush(): JobDelta[] {
    const out: JobDelta[] = [];
    this.emit(out, this.buffer);
    this.buffer = '';
    return out;
  }

  private emit(out: JobDelta[], text: string): void {
    if (this.inThink) {
      if (text) out.push({ reasoning_content: text });
      return;
    }
    let content = text;
    if (this.trimLeading) {
      content = content.replace(/^\s+/, '');
      if (content) this.trimLeading = false;
    }
    if (content) out.push({ content });
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}
