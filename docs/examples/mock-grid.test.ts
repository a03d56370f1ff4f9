// An app's chat call, tested against each mock grid scenario. vitest.config.ts: `globalSetup: ['@aipg/mock-grid/vitest']`,
// which starts a simulated grid and points AIPG_BASE_URL (and OPENAI_BASE_URL) at it.
import { Grid } from '@aipg/sdk';
import { expect, it } from 'vitest';

/** The app under test: one streamed chat call, with the grid it finds in the environment. */
async function reply(prompt: string): Promise<string> {
  const stream = await new Grid().chat.completions.create({
    model: 'llama-3.1-8b-instruct',
    messages: [{ role: 'user', content: prompt }],
    max_tokens: 16,
    stream: true,
  });
  return (await stream.finalChatCompletion()).choices[0]?.message.content ?? '';
}

/** Each scenario once, with what the app must do: answer (its retries absorb a 429, a 5xx, a reset) or fail. */
const scenarios: [string, Record<string, number>, 'answers' | 'empty' | RegExp][] = [
  ['rate-limited', {}, 'answers'],
  ['server-error', { status: 503 }, 'answers'],
  ['connection-reset', {}, 'answers'],
  ['slow-body', { every_ms: 1 }, 'answers'],
  ['stream-cut', { after: 3 }, /without `data: \[DONE\]`/],
  ['error-chunk', {}, /failed mid-stream/],
  ['queue-delay', { ms: 100 }, 'answers'],
  ['faulted', {}, /faulted/],
  ['slow-first-token', { ms: 100 }, 'answers'],
  ['worker-disconnect', {}, 'answers'],
  ['empty-completion', {}, 'empty'],
];

it.each(scenarios)('the app under %s', async (scenario, params, outcome) => {
  // The next request plays it (over HTTP: the grid runs in vitest's main process).
  await fetch(`${process.env.AIPG_BASE_URL}/_mock/faults`, {
    method: 'POST',
    body: JSON.stringify({ scenario, params }),
  });
  const answer = reply('Say hello.');
  if (outcome === 'answers') expect(await answer).toMatch(/\w/);
  else if (outcome === 'empty') expect(await answer).toBe('');
  else await expect(answer).rejects.toThrow(outcome);
});
