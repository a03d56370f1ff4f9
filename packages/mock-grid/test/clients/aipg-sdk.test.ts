import { Grid as Client } from '@aipg/sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/core/index.js';
import { createGridHandlers } from '../../src/msw.js';
import { CLIENT_KEY, MODEL, WORKER_KEY } from '../helpers/grid.js';

// @aipg/sdk against the mock grid's default chat rate limit (30 per minute per key), all in-process:
// the grid on a ManualClock, the SDK's retry wait on vitest's fake setTimeout, moved together.
const BASE = 'http://grid.sdk.test';
// 30 s into a minute: the limiter's fixed window has 30 s left.
const START = 60_000 * 28_333_334 + 30_000;
const clock = new ManualClock(START);
const handlers = createGridHandlers({ baseURL: BASE, grid: { clock } });
const server = setupServer(...handlers);
const requests: string[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url.endsWith('/v1/chat/completions')) requests.push(request.url);
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => vi.useRealTimers());
afterAll(() => {
  server.close();
  handlers.core.dispose();
});

const workerHeaders = { 'content-type': 'application/json', apikey: WORKER_KEY };

/** One pop of a Horde pop worker (the first one checks it in, so its model is online). */
async function pop(): Promise<{ id: string | null }> {
  const popped = await fetch(`${BASE}/api/v2/generate/text/pop`, {
    method: 'POST',
    headers: workerHeaders,
    body: JSON.stringify({ name: 'sdk-pop', models: [MODEL] }),
  });
  return (await popped.json()) as { id: string | null };
}

/** Pops until a job is there and answers it with `text`. */
async function serveOne(text: string): Promise<void> {
  for (;;) {
    const job = await pop();
    if (job.id) {
      await fetch(`${BASE}/api/v2/generate/text/submit`, {
        method: 'POST',
        headers: workerHeaders,
        body: JSON.stringify({ id: job.id, generation: text }),
      });
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets I/O run until `done()` (not vi.waitFor: with fake timers it moves the clock itself). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 10_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('@aipg/sdk against the mock grid', () => {
  it('the 31st chat call in a minute waits the 30 s Retry-After, and says so at the default level', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
    const client = new Client({ baseURL: BASE, apiKey: CLIENT_KEY, logger });
    const ask = () =>
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect((await pop()).id).toBeNull();
    for (let i = 1; i <= 30; i++) {
      const call = ask();
      await serveOne(`answer ${i}`);
      expect((await call).choices[0]!.message.content).toBe(`answer ${i}`);
    }
    expect(warnings).toEqual([]);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const before = requests.length;
    const call = ask();
    await until(() => warnings.length === 1, 'a warning about the wait');
    expect(warnings[0]).toBe(
      '[aipg] 429 rate limited on POST /v1/chat/completions ("Rate limit exceeded. Please slow down."): ' +
        'waiting 30 s (Retry-After) before retry 1 of 2',
    );
    expect(requests.length - before).toBe(1);
    // The grid's window ends, then the SDK's wait does: the retry is the next request, and it is served.
    clock.advance(30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(requests.length - before).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => requests.length - before === 2, 'the retry');
    await serveOne('answer 31');
    expect((await call).choices[0]!.message.content).toBe('answer 31');
    expect(warnings).toHaveLength(1);
  });
});
