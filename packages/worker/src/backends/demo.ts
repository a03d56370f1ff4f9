// A backend that needs no model: deterministic text derived from the prompt and seed, at a set speed.
// Used by the example, the CLI's `type: demo` endpoints and the benchmark.
import type { Backend, GridJob, JobContext, JobResult } from '../job.js';
import { hashText, mulberry32 } from '../util/random.js';
import { realSleep, type Sleep } from '../util/timing.js';
import { throwIfAborted } from './http.js';

export interface DemoOptions {
  /** Output speed; 0 or Infinity = as fast as possible (default 50). */
  tokensPerSecond?: number;
  sleep?: Sleep;
}

// Three letters each: with its space a token is 4 characters, the grid's token (it counts ceil(chars / 4) itself,
// docs/worker.md, "The CLI"), so the demo's token count and speed are the grid's too.
const WORDS = [
  'arc',
  'dew',
  'elm',
  'fog',
  'gem',
  'hub',
  'ion',
  'ivy',
  'jet',
  'key',
  'log',
  'map',
  'net',
  'oak',
  'orb',
  'ray',
  'sea',
  'sky',
  'sun',
  'web',
];

export function createDemoBackend(options: DemoOptions = {}): Backend {
  const rate = options.tokensPerSecond ?? 50;
  const unlimited = rate === 0 || !Number.isFinite(rate);
  const sleep = options.sleep ?? realSleep;
  return {
    label: `demo (${unlimited ? 'unlimited' : `${rate} tokens/s`})`,
    async handle(job: GridJob, ctx: JobContext): Promise<JobResult> {
      const tokens = demoTokens(job.prompt, job.params.seed ?? 0);
      const count = Math.min(tokens.length, job.params.max_length);
      let text = '';
      for (let i = 0; i < count; i++) {
        throwIfAborted(ctx.signal);
        const token = tokens[i]!;
        text += token;
        ctx.emit({ content: token });
        if (!unlimited) await sleep(1000 / rate, ctx.signal);
        // Unlimited: still yield now and then so pings and cancels are handled mid-job.
        else if (i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
      }
      throwIfAborted(ctx.signal);
      const promptTokens = Math.max(1, Math.ceil(job.prompt.length / 4));
      return {
        text,
        finish_reason: count < tokens.length ? 'length' : 'stop',
        usage: { prompt_tokens: promptTokens, completion_tokens: count, total_tokens: promptTokens + count },
      };
    },
  };
}

/** The full reply for a prompt and seed: the same inputs always give the same tokens (12–43 of them). */
export function demoTokens(prompt: string, seed: number): string[] {
  const random = mulberry32(hashText(prompt) ^ seed);
  const length = 12 + Math.floor(random() * 32);
  const tokens = ['Demo'];
  while (tokens.length < length - 1) tokens.push(` ${WORDS[Math.floor(random() * WORDS.length)]}`);
  tokens.push('.'); // a token of its own, as tokenizers make it: 4 × (length − 1) + 1 characters = `length` tokens
  return tokens;
}
