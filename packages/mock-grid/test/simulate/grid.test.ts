import OpenAI from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type MockGrid, startMockGrid } from '../../src/server.js';
import { DEFAULT_FLEET } from '../../src/simulate/index.js';
import { CLIENT_KEY, readSse } from '../helpers/grid.js';
import { createSpecCheck } from '../helpers/spec-validator.js';
import { FAST, fastFleet, TEXT_MODEL } from './helpers.js';

// A grid with simulated workers answers /v1 with no other process: the fleet's models are listed, chats are
// served (JSON and SSE, through fetch and the openai client), and the output is a function of request and seed.
let grid: MockGrid | undefined;
const check = createSpecCheck();
afterEach(async () => {
  await grid?.close();
  grid = undefined;
  await check.assertClean();
});

const headers = { 'content-type': 'application/json', apikey: CLIENT_KEY };

function chat(body: Record<string, unknown>) {
  return check.fetch(`${grid!.url}/v1/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      model: TEXT_MODEL,
      messages: [{ role: 'user', content: 'Tell me a story' }],
      ...body,
    }),
  });
}

async function reply(body: Record<string, unknown>) {
  const res = await chat(body);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    choices: { message: { content: string }; finish_reason: string }[];
    usage: { completion_tokens: number };
    grid: { worker: string; seed: number };
  };
}

describe('simulate: true (the default fleet)', () => {
  it('lists the fleet text models on /v1/models and /health reports the simulated workers before any request', async () => {
    grid = await startMockGrid({ simulate: true });
    const models = await (await check.fetch(`${grid.url}/v1/models`, { headers })).json();
    const ids = (models.data as { id: string }[]).map((m) => m.id);
    const textModels = [...new Set(DEFAULT_FLEET.workers.filter((w) => !w.image).flatMap((w) => w.models))];
    expect(ids).toEqual(['auto', ...textModels.sort()]);

    const health = await (await check.fetch(`${grid.url}/health`)).json();
    const connections = DEFAULT_FLEET.workers.reduce((n, w) => n + w.concurrency, 0);
    expect(health.workers_connected).toBe(connections);
    expect(health.models_available).toEqual(textModels.sort());

    expect(grid.fleet.map((w) => w.name)).toEqual(DEFAULT_FLEET.workers.map((w) => w.name));
    for (const w of grid.fleet) {
      const view = grid.core.worker(w.workerId);
      expect(view?.simulated).toBe(true);
      expect(view?.models).toEqual(w.models);
    }
  });

  it('answers the openai client, JSON and streamed, with the seed deciding the text', async () => {
    grid = await startMockGrid({ simulate: { workers: [{ name: 'sim-a', models: [TEXT_MODEL], ...FAST }] } });
    const openai = new OpenAI({
      baseURL: `${grid.url}/v1`,
      apiKey: CLIENT_KEY,
      fetch: check.fetch,
      maxRetries: 0,
    });
    const messages = [{ role: 'user' as const, content: 'Write about the sea' }];
    const json = await openai.chat.completions.create({ model: TEXT_MODEL, messages, seed: 7 });
    const text = json.choices[0]!.message.content!;
    expect(text.length).toBeGreaterThan(20);
    expect(json.choices[0]!.finish_reason).toBe('stop');

    const stream = await openai.chat.completions.create({
      model: TEXT_MODEL,
      messages,
      seed: 7,
      stream: true,
    });
    let streamed = '';
    let deltas = 0;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) {
        streamed += delta;
        deltas++;
      }
    }
    expect(streamed).toBe(text);
    // ~4 characters a token, as the grid counts them.
    expect(deltas).toBe(Math.ceil(Array.from(text).length / 4));
  });
});

describe('a fleet with no time to first token', () => {
  it('answers a chat, JSON and streamed, without waiting on any host timeout', async () => {
    grid = await startMockGrid({ simulate: fastFleet() });
    // From here no `setTimeout` fires: a job that waited on one (a token due now scheduled as a 0 ms
    // timeout) would never be answered. The stream's head hold is such a timeout too.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const json = await reply({ seed: 3 });
      expect(json.choices[0]!.message.content.length).toBeGreaterThan(0);
      const res = await chat({ seed: 3, stream: true });
      expect(res.status).toBe(200);
      const events = await readSse(res);
      expect(events.at(-1)).toBe('[DONE]');
      const text = events
        .slice(0, -1)
        .map(
          (e) =>
            (JSON.parse(e) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '',
        )
        .join('');
      expect(text).toBe(json.choices[0]!.message.content);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('signed results', () => {
  it('a simulated result is signed (verifyResult holds), so --require-signatures pays it', async () => {
    const { verifyResult } = await import('@aipg/sdk/verify');
    grid = await startMockGrid({ simulate: fastFleet(), grid: { allowUnsignedResults: false } });
    const body = await reply({ seed: 5 });
    const signed = body as unknown as Parameters<typeof verifyResult>[0] & { grid: { signature?: unknown } };
    expect(signed.grid.signature).toMatchObject({ worker: body.grid.worker });
    expect(await verifyResult(signed)).toBe(true);
    expect(grid.core.worker(body.grid.worker)!.strikes).toBe(0);
  });

  it('signs on request (sign: true) on a grid that pays unsigned results too', async () => {
    const { verifyResult } = await import('@aipg/sdk/verify');
    grid = await startMockGrid({ simulate: { ...fastFleet(), sign: true } });
    const body = await reply({ seed: 6 });
    expect(await verifyResult(body as unknown as Parameters<typeof verifyResult>[0])).toBe(true);
  });

  it('is unsigned by default, as text results are on the live grid, and still paid', async () => {
    grid = await startMockGrid({ simulate: fastFleet() });
    const body = (await reply({ seed: 7 })) as Awaited<ReturnType<typeof reply>> & {
      grid: { signature?: unknown };
    };
    expect(body.grid.signature).toBeUndefined();
    expect(grid.core.worker(body.grid.worker)!.strikes).toBe(0);
    expect(grid.core.worker(body.grid.worker)!.requestsFulfilled).toBe(1);
  });

  it('refuses a fleet whose sign is not a boolean, naming the field', async () => {
    await expect(
      startMockGrid({ simulate: { ...fastFleet(), sign: 'yes' as unknown as boolean } }),
    ).rejects.toThrow(/sign/);
  });
});

describe('simulated output', () => {
  it('is the same for the same request and seed, on any worker, and differs with the seed', async () => {
    grid = await startMockGrid({
      simulate: {
        workers: [
          { name: 'sim-a', models: [TEXT_MODEL], ...FAST },
          { name: 'sim-b', models: [TEXT_MODEL], ...FAST },
        ],
      },
    });
    const first = await reply({ seed: 42 });
    const again = await reply({ seed: 42 });
    const other = await reply({ seed: 43 });
    expect(again.choices[0]!.message.content).toBe(first.choices[0]!.message.content);
    expect(other.choices[0]!.message.content).not.toBe(first.choices[0]!.message.content);
    expect(first.grid.seed).toBe(42);
  });

  it('cuts at max_tokens with finish_reason length, and the grid bills exactly those tokens', async () => {
    grid = await startMockGrid({ simulate: fastFleet() });
    const cut = await reply({ seed: 1, max_tokens: 5 });
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.usage.completion_tokens).toBe(5);
    expect(cut.choices[0]!.message.content.length).toBeLessThanOrEqual(20);
  });

  it('echo mode repeats the last user message', async () => {
    grid = await startMockGrid({ simulate: fastFleet({ mode: 'echo' }) });
    const res = await chat({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'echo ' },
            { type: 'text', text: 'this back 🌊' },
          ],
        },
      ],
      stream: true,
    });
    const events = await readSse(res);
    expect(events.at(-1)).toBe('[DONE]');
    const text = events
      .slice(0, -1)
      .map((e) => JSON.parse(e) as { choices: { delta?: { content?: string } }[] })
      .map((c) => c.choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toBe('echo this back 🌊');
  });

  it('a simulated grid has the rate limits off unless asked: 35 chats in a row are all answered', async () => {
    grid = await startMockGrid({ simulate: fastFleet() });
    for (let i = 0; i < 35; i++) expect((await chat({ seed: i })).status).toBe(200);
    await grid.close();
    grid = await startMockGrid({
      simulate: fastFleet(),
      rateLimits: { chat: { limit: 2, windowMs: 60_000 } },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat({ seed: i })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
