// The mock grid misbehaving on purpose (docs/mock-grid.md "Scenarios and faults"), as an app's contract test
// would make it: a 429 queued with grid.faults.next, which the sdk waits out and retries, and a stream cut by a
// `Prefer: scenario=stream-cut` header, which the sdk reports as StreamInterruptedError with what did arrive.

import type { MockGrid } from '@aipg/mock-grid';
import { Grid, StreamInterruptedError } from '@aipg/sdk';
import { type Printer, step } from './printer.js';

export interface ScenarioStep {
  grid: MockGrid;
  model: string;
  out: Printer;
  part: (text: string) => void;
  DemoError: new (message: string) => Error;
}

export async function runScenarios({ grid, model, out, part, DemoError }: ScenarioStep): Promise<void> {
  part('3c. the grid misbehaving on purpose (mock scenarios: grid.faults.next, Prefer: scenario=…)');
  const sdk = new Grid({
    baseURL: grid.url,
    apiKey: '0000000000',
    clientAgent: 'aipg-example-demo:0.0.0:local',
  });
  const messages = [{ role: 'user' as const, content: 'Name a colour.' }];

  grid.faults.next('rate-limited', { params: { retry_after: 1 } });
  const before = grid.requests.length;
  const reply = await sdk.chat.completions.create({ model, messages, max_tokens: 16 });
  const tries = grid.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
  const statuses = tries.map((r) => r.status).join(' → ');
  if (tries[0]?.status !== 429 || tries.at(-1)?.status !== 200) {
    throw new DemoError(`the rate-limited call did not go 429 → 200: ${statuses}`);
  }
  out.line(
    'fault',
    `${step('rate-limited')}${statuses}: the sdk waited out Retry-After: 1 and retried; "${reply.choices[0]?.message.content}"`,
  );

  const stream = await sdk.chat.completions.create(
    { model, messages, max_tokens: 16, stream: true },
    { headers: { prefer: 'scenario=stream-cut; after=3' } },
  );
  try {
    await stream.finalChatCompletion();
    throw new DemoError('the cut stream ended as if complete');
  } catch (err) {
    if (!(err instanceof StreamInterruptedError)) throw err;
    out.line('fault', `${step('stream-cut')}${err.name} after 3 chunks, partial text "${err.partialText}"`);
  }
}
