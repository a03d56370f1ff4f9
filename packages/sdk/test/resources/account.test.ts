// chat.completions.quote, images.quote and account.usage against the mock grid (packages/mock-grid), its node
// server with simulated workers in this process: a quote, then the request it priced, then the usage it made
// (the tests run in order: the usage test reads what the ones before it spent).
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grid, PermissionDeniedError, UnprocessableEntityError } from '../../src/index';

const TEXT = 'llama-3.1-70b-instruct';
const IMAGE = 'FLUX.2 [klein]';
const FAST = { ttft_ms: 0, tokens_per_second: 1_000_000 };
let mock: MockGrid;
let grid: Grid;

beforeAll(async () => {
  mock = await startMockGrid({
    simulate: {
      workers: [
        { name: 'sim-text', models: [TEXT], ...FAST },
        { name: 'sim-image', models: [IMAGE], image: { max_pixels: 1 << 20 }, ...FAST },
      ],
    },
  });
  grid = new Grid({ baseURL: mock.url, apiKey: 'sdk-pricing-key', maxRetries: 0 });
});
afterAll(async () => {
  await mock?.close();
});

const messages = [{ role: 'user' as const, content: 'Tell me a long story about a lighthouse' }];

describe('pricing through the SDK', () => {
  it('chat.completions.quote() prices a request; create() is then charged that (grid.den)', async () => {
    const quote = await grid.chat.completions.quote({ model: TEXT, messages, max_tokens: 8, n: 2 });
    expect(quote).toMatchObject({
      object: 'chat.completion.quote',
      model: TEXT,
      n: 2,
      size_factor: 8.75,
      den: 16,
    });
    const reply = await grid.chat.completions.create({ model: TEXT, messages, max_tokens: 8, n: 2 });
    expect(reply.usage.completion_tokens).toBe(16);
    expect(reply.grid?.den).toBe(quote.den);
  });

  it('quote() of a streamed request is the same JSON quote', async () => {
    const streamed = await grid.chat.completions.quote({
      model: TEXT,
      messages,
      max_tokens: 8,
      stream: true,
    });
    expect(streamed.den).toBe(8);
  });

  it('images.quote() prices images; generate() then costs that (grid.den)', async () => {
    const params = { prompt: 'a lighthouse', model: IMAGE, size: '512x512', steps: 4 } as const;
    const quote = await grid.images.quote(params);
    expect(quote).toMatchObject({ object: 'image.quote', n: 1, family_factor: 8, den: 8.39 });
    const result = await grid.images.generate({ ...params, response_format: 'b64_json' });
    expect(result.grid?.den).toBe(quote.den);
  });

  it('account.usage() reports what the key spent by model and day, and takes Dates or YYYY-MM-DD', async () => {
    const report = await grid.account.usage();
    const today = new Date().toISOString().slice(0, 10);
    expect(report.end_date).toBe(today);
    expect(report.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: today, model: TEXT, requests: 2, completion_tokens: 16, den: 16 }),
        expect.objectContaining({ date: today, model: IMAGE, requests: 1, images: 1, den: 8.39 }),
      ]),
    );
    expect(report.total.den).toBe(24.39);
    const one = await grid.account.usage({ startDate: new Date(), endDate: today });
    expect(one).toMatchObject({ start_date: today, end_date: today });
    expect(one.total.den).toBe(24.39);
  });

  it('a bad range is an UnprocessableEntityError; the anonymous key a PermissionDeniedError', async () => {
    await expect(
      grid.account.usage({ startDate: '2026-12-03', endDate: '2026-12-01' }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
    expect(() => grid.account.usage({ startDate: new Date(Number.NaN) })).toThrow(RangeError);
    const anonymous = new Grid({ baseURL: mock.url, apiKey: '0000000000', maxRetries: 0 });
    await expect(anonymous.account.usage()).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
