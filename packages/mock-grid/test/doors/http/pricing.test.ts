import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockGrid, startMockGrid } from '../../../src/server.js';
import { CLIENT_KEY, readSse } from '../../helpers/grid.js';
import { createSpecCheck } from '../../helpers/spec-validator.js';
import { FAST } from '../../simulate/helpers.js';

// Quotes (`dry_run`), the den on every answer and the usage endpoint, over HTTP against simulated workers; every
// response is checked against the spec.
const BIG = 'llama-3.1-70b-instruct';
const IMAGE = 'FLUX.2 [klein]';
let grid: MockGrid;
const check = createSpecCheck();
beforeEach(async () => {
  grid = await startMockGrid({
    simulate: {
      workers: [
        { name: 'sim-big', models: [BIG], ...FAST, concurrency: 2 },
        { name: 'sim-image', models: [IMAGE], image: { max_pixels: 1024 * 1024, amount: 2 }, ...FAST },
      ],
    },
  });
});
afterEach(async () => {
  await grid.close();
  await check.assertClean();
});

function post(path: string, body: unknown, key: string | null = CLIENT_KEY) {
  return check.fetch(`${grid.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { apikey: key }) },
    body: JSON.stringify(body),
  });
}

function usage(query = '', key: string | null = CLIENT_KEY) {
  return check.fetch(`${grid.url}/v1/account/usage${query}`, {
    headers: key === null ? {} : { apikey: key },
  });
}

const chatBody = (extra: Record<string, unknown> = {}) => ({
  model: BIG,
  messages: [{ role: 'user', content: 'Tell me a long story about a lighthouse' }],
  max_tokens: 8,
  ...extra,
});

describe('/v1 pricing: quotes, the den on each answer, usage', () => {
  it('a chat quote queues nothing, and is what a chat of that size is then charged (grid.den, usage)', async () => {
    const res = await post('/v1/chat/completions', chatBody({ dry_run: true, n: 2 }));
    expect(res.status).toBe(200);
    const quote = await res.json();
    expect(quote).toMatchObject({
      object: 'chat.completion.quote',
      model: BIG,
      n: 2,
      prompt_tokens: 10,
      max_tokens: 8,
      size_factor: 8.75,
      context_factor: 1,
      den_per_token: 0.875,
      fee: 1,
      den_per_choice: 8,
      den: 16,
    });
    expect(grid.core.account(CLIENT_KEY).jobsRequested).toBe(0);
    // `stream: true` is quoted the same, as JSON.
    const streamed = await post('/v1/chat/completions', chatBody({ dry_run: true, n: 2, stream: true }));
    expect(streamed.headers.get('content-type')).toMatch(/json/);
    expect(await streamed.json()).toEqual(quote);

    const answer = await (await post('/v1/chat/completions', chatBody({ n: 2 }))).json();
    expect(answer.usage.completion_tokens).toBe(16); // both choices ran to max_tokens
    expect(answer.grid.den).toBe(quote.den);
    expect(grid.core.account(CLIENT_KEY).spent).toBe(quote.den);

    const report = await (await usage()).json();
    expect(report.data).toEqual([
      expect.objectContaining({ model: BIG, requests: 2, prompt_tokens: 20, completion_tokens: 16, den: 16 }),
    ]);
    expect(report.total).toMatchObject({ requests: 2, den: 16 });
  });

  it('a streamed answer carries the den in its final grid object', async () => {
    const res = await post('/v1/chat/completions', chatBody({ stream: true }));
    const events = await readSse(res);
    const last = JSON.parse(events.at(-2)!);
    expect(last.grid.den).toBe(8);
    expect(grid.core.account(CLIENT_KEY).spent).toBe(8);
  });

  it('an image quote is what the images then cost (grid.den)', async () => {
    const body = { prompt: 'a lighthouse', model: IMAGE, size: '512x512', steps: 4, n: 2 };
    const quote = await (await post('/v1/images/generations', { ...body, dry_run: true })).json();
    expect(quote).toEqual({
      object: 'image.quote',
      model: IMAGE,
      n: 2,
      width: 512,
      height: 512,
      steps: 4,
      megapixel_steps: 1.048576,
      family_factor: 8,
      den_per_megapixel_step: 1,
      den_per_image: 8.39,
      den: 16.78,
    });
    expect(grid.core.account(CLIENT_KEY).jobsRequested).toBe(0);
    const answer = await (await post('/v1/images/generations', body)).json();
    expect(answer.grid.den).toBe(quote.den);
    const report = await (await usage()).json();
    expect(report.total).toMatchObject({ requests: 2, images: 2, den: 16.78 });
  });

  it('a quote still checks the key, the body and the model', async () => {
    expect((await post('/v1/chat/completions', chatBody({ dry_run: true }), null)).status).toBe(401);
    expect((await post('/v1/chat/completions', chatBody({ dry_run: true, max_tokens: 0 }))).status).toBe(422);
    expect((await post('/v1/chat/completions', chatBody({ dry_run: true, model: 'nope' }))).status).toBe(404);
    expect((await post('/v1/images/generations', { prompt: 'x', model: 'nope', dry_run: true })).status).toBe(
      404,
    );
  });

  it('usage: a date range, a 422 naming a bad parameter, 401 without a key, 403 for the anonymous key', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const report = await (await usage(`?start_date=${today}&end_date=${today}`)).json();
    expect(report).toMatchObject({ object: 'usage.report', start_date: today, end_date: today, data: [] });
    const bad = await usage('?start_date=2026-02-30');
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail[0].loc).toEqual(['query', 'start_date']);
    const backwards = await usage('?start_date=2026-12-03&end_date=2026-12-01');
    expect((await backwards.json()).detail[0].loc).toEqual(['query', 'end_date']);
    const shape = await usage('?end_date=tomorrow');
    expect(shape.status).toBe(422);
    expect((await shape.json()).detail[0].loc).toEqual(['query', 'end_date']);
    expect((await usage('', null)).status).toBe(401);
    expect((await usage('', '0000000000')).status).toBe(403);
  });
});
