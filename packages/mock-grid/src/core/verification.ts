/**
 * What a probe or canary asks and how its answer is judged (docs/mock-grid-core.md "Verification"): the worker
 * is asked to repeat a few random words, and passes when its reply holds those words in that order. The rule
 * that hands checks out and settles them is rules/verify.ts.
 */
import type { VerificationSettings } from './settings.js';

/** The instruction every check opens with; simulated workers follow it (src/simulate/text.ts). */
export const CHECK_INSTRUCTION = 'Reply with exactly these words and nothing else:';

// Common words, so a check reads like any short prompt.
const WORDS = [
  'apple',
  'river',
  'candle',
  'mountain',
  'pencil',
  'garden',
  'window',
  'silver',
  'orange',
  'thunder',
  'blanket',
  'harbor',
  'meadow',
  'lantern',
  'pepper',
  'violet',
  'engine',
  'marble',
  'feather',
  'compass',
  'island',
  'copper',
  'winter',
  'basket',
  'tiger',
  'planet',
  'ladder',
  'mirror',
  'forest',
  'rocket',
  'velvet',
  'cactus',
  'puzzle',
  'saddle',
  'falcon',
  'honey',
  'glacier',
  'anchor',
  'ribbon',
  'walnut',
  'canyon',
  'trumpet',
  'pillow',
  'dolphin',
  'kettle',
  'quartz',
  'lemon',
  'badger',
  'tunnel',
  'maple',
  'jacket',
  'comet',
  'spider',
  'barrel',
  'crystal',
  'meteor',
  'oyster',
  'parrot',
  'saffron',
  'timber',
  'umbrella',
  'wagon',
  'yogurt',
  'zebra',
] as const;

/**
 * `count` words drawn with Web Crypto: unlike `Math.random`, whose state a client could recover from the seeds
 * it was given, nothing a worker sees tells it the next check's words.
 */
export function checkWords(count: number): string[] {
  const draws = crypto.getRandomValues(new Uint32Array(count));
  return Array.from(draws, (d) => WORDS[d % WORDS.length]!);
}

/** The prompt of a check asking for `words`. */
export function checkPrompt(words: readonly string[]): string {
  return `${CHECK_INSTRUCTION} ${words.join(' ')}`;
}

/** Whether `reply` holds `words` in order, next to each other (case, punctuation and spacing aside). */
export function answers(reply: string, words: readonly string[]): boolean {
  const said = reply.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  outer: for (let i = 0; i + words.length <= said.length; i++) {
    for (let j = 0; j < words.length; j++) if (said[i + j] !== words[j]) continue outer;
    return true;
  }
  return false;
}

/** Tokens a check asks for: room for the words and a little more, as a short real prompt would. */
export function checkMaxTokens(words: readonly string[]): number {
  return Math.max(16, Math.ceil((words.join(' ').length * 2) / 4));
}

/** The wait before the next probe after `failedInARow` failed ones: `retryMs` doubled each time, capped. */
export function retryDelayMs(v: VerificationSettings, failedInARow: number): number {
  return Math.min(v.retryMaxMs, v.retryMs * 2 ** Math.max(0, failedInARow - 1));
}

/** One of `list`, drawn with Web Crypto (the model a check asks for). */
export function pickOne<T>(list: readonly T[]): T {
  return list[crypto.getRandomValues(new Uint32Array(1))[0]! % list.length]!;
}
