// The fixed bodies the tiny servers answer with. They have the grid's shape (a `grid` object next to the
// OpenAI fields) so every client parses what it would parse from the real grid.

export const API_KEY = 'grid_bench_key_000001';
export const MODEL = 'bench/echo';

const messages = [{ role: 'user' as const, content: 'Say hello to the benchmark.' }];

export const chatRequest = () => ({ model: MODEL, messages, max_tokens: 64 });
export const streamRequest = () => ({ ...chatRequest(), stream: true as const });

const grid = { worker: 'bench-worker', gen_time: 0.01, ttft: 0.001, tokens_per_s: 5000, seed: 42 };
const usage = { prompt_tokens: 12, completion_tokens: 50, total_tokens: 62 };

/** Content of the i-th streamed token. */
export const token = (i: number): string => `tok${i} `;

export function completionBody(tokens = 50): string {
  const content = Array.from({ length: tokens }, (_, i) => token(i)).join('');
  return JSON.stringify({
    id: 'chatcmpl-bench000000000001',
    object: 'chat.completion',
    created: 1_790_000_000,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage,
    grid,
  });
}

/** SSE events (each ends with its blank line): role chunk, `tokens` content chunks, finish, usage, [DONE]. */
export function sseEvents(tokens = 50): string[] {
  const base = {
    id: 'chatcmpl-bench000000000002',
    object: 'chat.completion.chunk',
    created: 1_790_000_000,
    model: MODEL,
  };
  const event = (chunk: object) => `data: ${JSON.stringify({ ...base, ...chunk })}\n\n`;
  return [
    event({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
    ...Array.from({ length: tokens }, (_, i) =>
      event({ choices: [{ index: 0, delta: { content: token(i) }, finish_reason: null }] }),
    ),
    event({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
    event({ choices: [], usage, grid }),
    'data: [DONE]\n\n',
  ];
}
