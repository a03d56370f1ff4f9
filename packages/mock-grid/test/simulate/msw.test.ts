import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGridHandlers } from '../../src/msw.js';
import { CLIENT_KEY } from '../helpers/grid.js';
import { createSpecCheck } from '../helpers/spec-validator.js';
import { fastFleet, TEXT_MODEL } from './helpers.js';

// The msw handlers take a fleet too: chats and images answered in-process, no server, no worker.
const BASE = 'http://grid.sim.test';
const handlers = createGridHandlers({
  baseURL: BASE,
  simulate: {
    workers: [
      ...fastFleet().workers,
      { name: 'sim-img', models: ['FLUX.2 [klein]'], ttft_ms: 0, image: { max_pixels: 1 << 20 } },
    ],
  },
});
const server = setupServer(...handlers);
const check = createSpecCheck();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  handlers.stopFleet();
  handlers.core.dispose();
  await check.assertClean();
});

describe('createGridHandlers({ simulate })', () => {
  it('answers a streamed chat and an image, and lists the simulated workers', async () => {
    expect(handlers.fleet.map((w) => w.name)).toEqual(['sim-fast', 'sim-img']);
    const openai = new OpenAI({
      baseURL: `${BASE}/v1`,
      apiKey: CLIENT_KEY,
      fetch: check.fetch,
      maxRetries: 0,
    });
    const stream = await openai.chat.completions.create({
      model: TEXT_MODEL,
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
      seed: 3,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(20);

    const image = await openai.images.generate({
      prompt: 'a boat',
      size: '256x256',
      response_format: 'b64_json',
    });
    expect(Buffer.from(image.data![0]!.b64_json!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(handlers.core.worker('sim-img')?.simulated).toBe(true);
  });

  it('serves quotes and the usage report the node server serves (one route table)', async () => {
    const headers = { 'content-type': 'application/json', apikey: 'msw-usage-key' };
    const body = { model: TEXT_MODEL, messages: [{ role: 'user', content: 'hello' }], max_tokens: 4 };
    const quote = await (
      await check.fetch(`${BASE}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...body, dry_run: true }),
      })
    ).json();
    expect(quote).toMatchObject({ object: 'chat.completion.quote', den_per_choice: 1.4 });
    const answer = await (
      await check.fetch(`${BASE}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      })
    ).json();
    expect(answer.grid.den).toBe(quote.den);
    const report = await (await check.fetch(`${BASE}/v1/account/usage`, { headers })).json();
    expect(report.total).toMatchObject({ requests: 1, completion_tokens: 4, den: 1.4 });
  });
});
