/**
 * A simulated worker's text: a pure function of the request, so the same prompt and seed always give the same
 * tokens (docs/mock-grid.md "Simulated workers"). `generate` draws words from a small list with a PRNG seeded
 * by a hash of the flattened prompt and the seed, and does what a prompt asking it to repeat some words says (as a
 * working model would; the grid's probes and canaries ask so); `echo` answers the last user message's text. Either way the
 * reply is cut into tokens of 4 characters, which is how the grid counts tokens (core/tokens.ts), so the
 * number of tokens streamed is the number the grid bills and `max_tokens` cuts exactly.
 */
import type { ChatCompletionRequest } from '@aipg/sdk';
import { contentText } from '@aipg/sdk/wire';
import { CHECK_INSTRUCTION } from '../core/verification.js';

/** Characters per token, as the grid counts them (core/tokens.ts: ceil(chars / 4)). */
export const CHARS_PER_TOKEN = 4;

export interface SimText {
  /** The deltas to stream, in order; joined they are the reply. */
  tokens: string[];
  /** `length` when the cap cut the reply, else `stop`. */
  finishReason: 'stop' | 'length';
}

/** 32-bit FNV-1a over a string's UTF-16 units: a small, stable hash (no crypto needed for test text). */
export function hash32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a seeded PRNG with 32 bits of state, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) fixed by the job's seed and `salt` (the worker's name): who fails which job. */
export function seededUnit(seed: number, salt: string): number {
  // FNV's top bits barely move between short inputs that differ in their last digit: mix them (murmur3 fmix32).
  let h = hash32(`${salt}\u0000${seed}`);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const WORDS = [
  'the',
  'grid',
  'model',
  'answer',
  'token',
  'worker',
  'stream',
  'light',
  'river',
  'signal',
  'quiet',
  'bright',
  'network',
  'power',
  'simple',
  'careful',
  'across',
  'under',
  'every',
  'small',
  'large',
  'mountain',
  'window',
  'garden',
  'engine',
  'question',
  'number',
  'planet',
  'morning',
  'evening',
  'city',
  'field',
  'ocean',
  'paper',
  'story',
  'music',
  'cloud',
  'stone',
  'forest',
  'bridge',
  'path',
  'clear',
  'green',
  'silver',
  'open',
  'gentle',
  'is',
  'and',
  'with',
  'from',
  'over',
  'near',
  'runs',
  'holds',
  'brings',
  'finds',
  'makes',
  'keeps',
  'shows',
  'a',
  'of',
  'to',
  'in',
  'on',
] as const;

/** The shortest and longest natural reply of `generate`, in tokens (the cap may cut it shorter). */
export const GENERATE_TOKENS = { min: 24, max: 128 } as const;

/**
 * `generate`: sentences of seeded words, about `GENERATE_TOKENS` long, cut at `cap` tokens (`length`).
 * `prompt` is the job's flattened prompt (`WsJobPayload.prompt`: the chat's messages as lines, or a Horde prompt).
 */
export function generateText(
  prompt: string,
  seed: number,
  cap: number,
  stop: readonly string[] = [],
): SimText {
  const asked = askedWords(prompt);
  if (asked !== null) return cut(asked, cap, stop);
  const random = prng(hash32(`${seed}`, hash32(prompt)));
  const span = GENERATE_TOKENS.max - GENERATE_TOKENS.min;
  const wantChars = (GENERATE_TOKENS.min + Math.floor(random() * (span + 1))) * CHARS_PER_TOKEN;
  // Past the cap (and the longest stop sequence that could start before it) nothing is sent: the words after it
  // are not drawn. The text up to there is the same, since the words are drawn in order.
  const enough = Math.min(wantChars, (cap + 1) * CHARS_PER_TOKEN + Math.max(0, ...stop.map((s) => s.length)));
  let text = '';
  while (text.length < enough) {
    const words = 5 + Math.floor(random() * 8);
    const sentence: string[] = [];
    for (let i = 0; i < words; i++) sentence.push(WORDS[Math.floor(random() * WORDS.length)]!);
    const first = sentence[0]!;
    sentence[0] = first[0]!.toUpperCase() + first.slice(1);
    text += `${text ? ' ' : ''}${sentence.join(' ')}.`;
  }
  return cut(text, cap, stop);
}

const ASKED = new RegExp(`${CHECK_INSTRUCTION} ([^\\n]+)`);

/** The words the prompt's last "Reply with exactly these words and nothing else: …" line asks for, or null. */
function askedWords(prompt: string): string | null {
  if (!prompt.includes(CHECK_INSTRUCTION)) return null;
  const lines = prompt.split('\n').filter((line) => line.includes(CHECK_INSTRUCTION));
  const words = ASKED.exec(lines.at(-1)!)?.[1]?.trim();
  return words ? words : null;
}

/** `echo`: the last user message's text (`contentText`: a string content, or its parts' text), cut at `cap`. */
export function echoText(request: ChatCompletionRequest, cap: number, stop: readonly string[] = []): SimText {
  const messages = request.messages ?? [];
  let text = '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: string; content?: unknown };
    if (m.role === 'user') {
      text = contentText(m.content);
      break;
    }
  }
  // An empty reply is a worker error in the core (a strike and a retry): say so instead.
  return cut(text === '' ? '(empty message)' : text, cap, stop);
}

/** The request's stop sequences (`stop`: a string or a list; empty strings mean nothing). */
export function stopSequences(request: ChatCompletionRequest): string[] {
  const stop = request.stop;
  const list = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  return list.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/**
 * Ends the text before the first stop sequence (as a backend does: the stop itself is not sent), splits it into
 * tokens of 4 code points (never a lone surrogate) and keeps at most `cap`.
 */
function cut(whole: string, cap: number, stop: readonly string[]): SimText {
  let end = whole.length;
  // From the second character on: a reply cut to nothing would be an empty completion, a worker error.
  for (const s of stop) {
    const at = whole.indexOf(s, 1);
    if (at >= 1 && at < end) end = at;
  }
  const text = whole.slice(0, end);
  const limit = Math.max(1, Math.floor(cap));
  const tokens: string[] = [];
  // Without surrogate pairs a code point is a UTF-16 unit: slice the string itself (the usual, ASCII case).
  const points = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null;
  const length = points ? points.length : text.length;
  for (let i = 0; i < length && tokens.length <= limit; i += CHARS_PER_TOKEN) {
    tokens.push(points ? points.slice(i, i + CHARS_PER_TOKEN).join('') : text.slice(i, i + CHARS_PER_TOKEN));
  }
  if (tokens.length <= limit) return { tokens, finishReason: 'stop' };
  return { tokens: tokens.slice(0, limit), finishReason: 'length' };
}
