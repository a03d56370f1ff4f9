import { describe, expect, it } from 'vitest';
import {
  GridCore,
  isGridError,
  ManualClock,
  modelParams,
  type TextPriceQuote,
} from '../../src/core/index.js';
import { chat, horde, makeGrid, popBody, wsWorker } from './helpers.js';

const MESSAGES = [{ role: 'user' as const, content: 'Hello there' }];

function quoteOf(grid: GridCore, model: string, extra: Record<string, unknown> = {}): TextPriceQuote {
  const sub = grid.submit({
    source: 'v1',
    apiKey: 'client-key',
    request: { model, messages: MESSAGES, dry_run: true, ...extra },
  });
  if (sub.quote.kind !== 'text') throw new Error('not a text quote');
  return sub.quote;
}

describe('pricing: model size and context', () => {
  it('reads a size from the usual spellings of a model name, and none from names without one', () => {
    expect(modelParams('llama-3.1-8b-instruct')).toBe(8);
    expect(modelParams('Llama-3.1-70B-Instruct')).toBe(70);
    expect(modelParams('qwen2.5-1.5b-instruct')).toBe(1.5);
    expect(modelParams('grid/qwen3:0.6b')).toBe(0.6);
    expect(modelParams('Mixtral-8x7B-Instruct')).toBe(56);
    expect(modelParams('smollm-135m')).toBeCloseTo(0.135);
    expect(modelParams('gpt-oss-120b')).toBe(120);
    for (const name of ['m1', 'grid/test-model', 'mistral-instruct-v0.3', 'k_dpmpp_2m', 'FLUX.2 [klein]']) {
      expect(modelParams(name), name).toBeNull();
    }
  });

  it('an 8B-class model (or smaller, or unsized) at ordinary context costs tokens × denPerToken, as before', () => {
    const { grid } = makeGrid();
    for (const model of ['m1', 'llama-3.1-8b-instruct', 'qwen2.5-1.5b-instruct']) {
      wsWorker(grid, { name: `w-${model}`, models: [model] });
      const q = quoteOf(grid, model, { max_tokens: 100 });
      expect(q).toMatchObject({ sizeFactor: 1, contextFactor: 1, denPerToken: 0.1, fee: 1, denPerJob: 11 });
    }
  });

  it('a bigger model costs (params / 8) ^ sizeExponent more; modelMultipliers overrides the name', () => {
    const { grid } = makeGrid({ modelMultipliers: { 'llama-3.1-70b-override': 2 } });
    for (const model of ['llama-3.1-70b-instruct', 'llama-3.1-70b-override', 'Mixtral-8x7B']) {
      wsWorker(grid, { name: `w-${model}`, models: [model] });
    }
    expect(quoteOf(grid, 'llama-3.1-70b-instruct', { max_tokens: 100 })).toMatchObject({
      sizeFactor: 8.75,
      denPerJob: 88.5, // 100 × 0.1 × 8.75 + 1
    });
    expect(quoteOf(grid, 'llama-3.1-70b-override', { max_tokens: 100 })).toMatchObject({
      sizeFactor: 2,
      denPerJob: 21,
    });
    expect(quoteOf(grid, 'Mixtral-8x7B', { max_tokens: 100 }).sizeFactor).toBe(7);

    const gentle = makeGrid({ pricing: { sizeExponent: 0.5 } }).grid;
    wsWorker(gentle, { models: ['llama-3.1-70b-instruct'] });
    expect(quoteOf(gentle, 'llama-3.1-70b-instruct').sizeFactor).toBeCloseTo(Math.sqrt(8.75));
  });

  it('a job past 8192 tokens of context costs (context / 8192) ^ 0.5 more per token', () => {
    const { grid } = makeGrid();
    wsWorker(grid);
    // /v1: the prompt ("Hello there": 3 tokens) plus max_tokens.
    expect(quoteOf(grid, 'm1', { max_tokens: 8189 })).toMatchObject({
      contextTokens: 8192,
      contextFactor: 1,
    });
    const long = quoteOf(grid, 'm1', { max_tokens: 32_765 });
    expect(long).toMatchObject({ contextTokens: 32_768, contextFactor: 2 });
    expect(long.denPerToken).toBeCloseTo(0.2);
    // Horde: the context it names.
    const sub = grid.submit({
      source: 'horde',
      apiKey: 'client-key',
      request: {
        prompt: 'Hi',
        models: ['m1'],
        params: { max_length: 100, max_context_length: 32_768 },
        dry_run: true,
      },
    });
    expect(sub.quote).toMatchObject({ contextTokens: 32_768, contextFactor: 2, denPerJob: 21 });
    expect(sub.kudos).toBe(21);
  });

  it('a Horde request naming several models is quoted at the dearest of them, n times', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid, {
      models: ['m1', 'llama-3.1-70b-instruct'],
      params: { max_length: 20, n: 3 },
      dry_run: true,
    });
    expect(sub.quote).toMatchObject({ model: 'llama-3.1-70b-instruct', n: 3, denPerJob: 18.5, den: 55.5 });
    expect(sub.kudos).toBe(55.5);
    expect(sub.id).toBe('');
  });

  it('a quote queues nothing, charges nothing, and skips the in-flight cap', () => {
    const { grid, events } = makeGrid({ maxInFlight: 1 });
    wsWorker(grid);
    chat(grid); // fills the one slot
    const before = grid.account('client-key');
    const q = quoteOf(grid, 'm1', { n: 4 });
    expect(q.n).toBe(4);
    expect(grid.account('client-key')).toMatchObject({ balance: before.balance, jobsRequested: 1 });
    expect(events.filter((e) => e.type === 'queued')).toHaveLength(1);
    // Without dry_run the cap applies.
    expect(() => chat(grid)).toThrow(/Too many concurrent requests/);
  });

  it('a quote still needs the model online and a key', () => {
    const { grid } = makeGrid();
    wsWorker(grid, { name: 'other', models: ['other'] });
    expect(() => quoteOf(grid, 'm1')).toThrow(expect.objectContaining({ code: 'ModelNotOnline' }));
    wsWorker(grid);
    expect(() =>
      grid.submit({ source: 'v1', apiKey: '', request: { model: 'm1', messages: MESSAGES, dry_run: true } }),
    ).toThrow(expect.objectContaining({ code: 'MissingAPIKey' }));
  });

  it('the quote is what a job of that size is then charged, at any model size and context', () => {
    for (const [model, maxTokens] of [
      ['m1', 16],
      ['llama-3.1-70b-instruct', 37],
      ['qwen3-235b', 20_000],
    ] as const) {
      const { grid } = makeGrid();
      const { sink, by } = wsWorker(grid, { models: [model], max_length: 32_768 });
      const q = quoteOf(grid, model, { max_tokens: maxTokens });
      const { events } = chat(grid, { model, max_tokens: maxTokens });
      // More text than the cap: the grid counts max_tokens, the worker cannot inflate it.
      grid.complete({ generationId: sink.last.id, by, text: 'y'.repeat(maxTokens * 4 + 40) });
      const done = events.find((e) => e.type === 'done');
      expect(done?.type === 'done' && done.usage.completion_tokens).toBe(maxTokens);
      expect(grid.account('client-key').spent, model).toBe(q.denPerJob);
      expect(done?.type === 'done' && done.grid.den).toBe(q.den);
      // A shorter reply costs its tokens at the quoted rate.
      const short = chat(grid, { model, max_tokens: maxTokens });
      grid.complete({ generationId: sink.last.id, by, text: 'abcdefgh' }); // 2 tokens
      const charged = short.events.find((e) => e.type === 'done');
      expect(charged?.type === 'done' && charged.grid.den).toBe(
        Math.round((Math.round(2 * q.denPerToken * 100) / 100 + q.fee) * 100) / 100,
      );
    }
  });

  it('a Horde dry_run kudos is what a Horde job of that size is charged, and its status says so', () => {
    const { grid } = makeGrid();
    const model = 'koboldcpp/Tiefighter-13B';
    const params = { max_length: 40, max_context_length: 16_384 };
    const { sub: quote } = horde(grid, { models: [model], params, dry_run: true });
    const { sub } = horde(grid, { models: [model], params });
    expect(sub.kudos).toBe(quote.kudos);
    const { job } = grid.pop(popBody({ models: [model], max_context_length: 16_384 }));
    grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'z'.repeat(400) });
    expect(grid.account('client-key').spent).toBe(quote.kudos);
    expect(grid.status(sub.id).kudos).toBe(quote.kudos);
  });

  it('an image quote is what the images are then charged (megapixel-steps × family × denPerMegapixelStep)', () => {
    const { grid } = makeGrid({ pricing: { denPerMegapixelStep: 0.5 } });
    const q = grid.submitImage({
      source: 'horde',
      apiKey: 'client-key',
      request: {
        prompt: 'a lighthouse',
        models: ['sdxl_base'],
        params: { width: 1024, height: 1024, steps: 20, n: 2 },
        dry_run: true,
      },
    });
    expect(q.quote).toMatchObject({ kind: 'image', familyFactor: 2, denPerImage: 20.97, den: 41.94 });
    expect(q.kudos).toBe(41.94);
  });

  it('a bad price setting is an InvalidField naming it', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ denPerToken: -1 }, 'denPerToken'],
      [{ hordeTax: Number.NaN }, 'hordeTax'],
      [{ modelMultipliers: { 'big-70b': -2 } }, 'modelMultipliers.big-70b'],
      [{ pricing: { referenceParams: 0 } }, 'pricing.referenceParams'],
      [{ pricing: { sizeExponent: -1 } }, 'pricing.sizeExponent'],
      [{ pricing: { referenceContext: Number.POSITIVE_INFINITY } }, 'pricing.referenceContext'],
      [{ pricing: { contextExponent: '1' } }, 'pricing.contextExponent'],
      [{ pricing: { denPerMegapixelStep: -0.1 } }, 'pricing.denPerMegapixelStep'],
    ];
    for (const [options, field] of bad) {
      let caught: unknown;
      try {
        new GridCore({ clock: new ManualClock(), ...options });
      } catch (err) {
        caught = err;
      }
      expect(isGridError(caught, 'InvalidField'), field).toBe(true);
      expect((caught as { field?: string }).field).toBe(field);
      expect((caught as Error).message).toContain(field);
    }
  });
});
