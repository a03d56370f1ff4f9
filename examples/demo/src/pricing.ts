// Pricing (docs/mock-grid.md "Pricing and usage"): a chat quoted before it is sent (`dry_run`, sdk
// chat.completions.quote), then sent; the den its answer says it cost (`grid.den`) is what the quote's rate
// gives for the tokens it got; then the key's usage by model and day (sdk account.usage, GET /v1/account/usage).

import type { MockGrid } from '@aipg/mock-grid';
import { Grid } from '@aipg/sdk';
import { type Printer, step } from './printer.js';

export interface PricingStep {
  grid: MockGrid;
  model: string;
  out: Printer;
  part: (text: string) => void;
  DemoError: new (message: string) => Error;
}

/** A key of its own: the shared anonymous key has no usage to report. */
export const PRICING_KEY = 'grid_demo_pricing_key';

const round2 = (value: number) => Math.round(value * 100) / 100;

export async function runPricing({ grid, model, out, part, DemoError }: PricingStep): Promise<void> {
  part('3d. pricing: a quote before submit, the charge on the answer, usage by model and day');
  const sdk = new Grid({
    baseURL: grid.url,
    apiKey: PRICING_KEY,
    clientAgent: 'aipg-example-demo:0.0.0:local',
  });
  const request = {
    model,
    messages: [{ role: 'user' as const, content: 'Name three planets.' }],
    max_tokens: 24,
  };

  const quote = await sdk.chat.completions.quote(request);
  out.line(
    'v1',
    `${step('quote')}${quote.model}: ${quote.den_per_token} den/token (size ×${quote.size_factor}, context ×${quote.context_factor}) + ${quote.fee} fee, at most ${quote.den} den for ${quote.max_tokens} tokens`,
  );
  const reply = await sdk.chat.completions.create(request);
  const tokens = reply.usage.completion_tokens;
  const expected = round2(round2(tokens * quote.den_per_token) + quote.fee);
  const charged = reply.grid?.den;
  if (charged !== expected || charged > quote.den) {
    throw new DemoError(
      `the answer cost ${charged} den; its quote's rate for ${tokens} tokens gives ${expected}`,
    );
  }
  out.line('v1', `${step('charged')}${charged} den for ${tokens} tokens, as quoted (grid.den of the answer)`);

  const usage = await sdk.account.usage();
  for (const row of usage.data) {
    out.line(
      'v1',
      `${step('usage')}${row.date} ${row.model}: ${row.requests} request(s), ${row.prompt_tokens} + ${row.completion_tokens} tokens, ${row.den} den`,
    );
  }
  if (usage.total.den !== charged) {
    throw new DemoError(`the key's usage says ${usage.total.den} den; it was charged ${charged}`);
  }
}
