// An app's chat call, tested against the mock grid. vitest.config.ts: `globalSetup: ['@aipg/mock-grid/vitest']`,
// which starts a simulated grid and points AIPG_BASE_URL (and OPENAI_BASE_URL) at it.
import { Grid } from '@aipg/sdk';
import { describe, expect, it } from 'vitest';

/** The app under test: one chat call, with the grid it finds in the environment. */
async function reply(prompt: string): Promise<string> {
  const completion = await new Grid().chat.completions.create({
    model: 'llama-3.1-8b-instruct',
    messages: [{ role: 'user', content: prompt }],
  });
  return completion.choices[0]?.message.content ?? '';
}

const scenarios = [{ name: 'a greeting', prompt: 'Say hello.' }];

describe.each(scenarios)('reply: $name', ({ prompt }) => {
  it('answers', async () => {
    expect(await reply(prompt)).not.toBe('');
  });
});
