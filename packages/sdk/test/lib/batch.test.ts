// grid.batch against the mock grid (packages/mock-grid) in this process — its node server for the large
// runs, its msw handlers where time is moved by a fake clock — and against plain msw handlers where a test
// needs one exact answer. Nothing here asserts on elapsed time: waits are counted, or moved by the clock.
import { createGridHandlers } from '@aipg/mock-grid/msw';
import { HttpResponse, http, passthrough } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AIPGError,
  type BatchOutputLine,
  type BatchProgress,
  type BatchResult,
  type ChatCompletion,
  RateLimitError,
  UnprocessableEntityError,
} from '../../src/index';
import { BASE, makeGrid, useFakeClock, useServer } from '../helpers';
import { type BatchGrid, chatItem, KEY, MODEL, serveBatchJobs, startBatchGrid } from './batch-grid';

const server = useServer();

const lines = (output: string[]) => output.map((line) => JSON.parse(line) as BatchOutputLine<unknown>);
/**
 * `run`'s outcome on the fake clock: turns of the real event loop (the grid's workers answer on them) with
 * 100 ms of clock between them, so every Retry-After passes without waiting for it.
 */
async function settle<T>(run: PromiseLike<T>): Promise<T> {
  let settled = false;
  const outcome = Promise.resolve(run).finally(() => {
    settled = true;
  });
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(100);
  }
  return outcome;
}
const ofType = (results: BatchResult[], type: BatchResult['type']) => results.filter((r) => r.type === type);

describe('grid.batch on the mock grid', () => {
  // The 1,000-item runs use the grid's msw handlers (its doors without sockets); the abort test below uses
  // its node server, where an aborted request is a closed connection.
  const handlers = createGridHandlers({ baseURL: BASE, grid: { rateLimits: false, maxInFlight: 1_000 } });
  const counts = serveBatchJobs(handlers.core);
  const client = makeGrid({ apiKey: KEY });
  let t: BatchGrid;
  beforeAll(async () => {
    t = await startBatchGrid();
  });
  afterAll(() => t.close());

  /** Requests reach the grid's server (msw, which the other tests here use, lets them through). */
  const toTheGrid = () => server.use(http.all(`${t.grid.url}/*`, () => passthrough()));

  const N = 1_000;
  const BOUND = 8;
  /** Every 50th item asks for a temperature the spec refuses (422); the rest are good. */
  const bad = (i: number) => i % 50 === 7;
  const items = Array.from({ length: N }, (_, i) =>
    bad(i) ? { ...chatItem(i), temperature: 9 } : chatItem(i),
  );
  /** The attempts (in arrival order) answered with an injected 429: three bursts of ten. */
  const injected = (attempt: number) =>
    [100, 400, 700].some((start) => attempt >= start && attempt < start + 10);
  let firstOutput: string[] = [];

  it('runs 1,000 items through 429s and bad input: each accounted for once, in order, within the bound', async () => {
    useFakeClock();
    let attempts = 0;
    let refused = 0;
    server.use(
      http.post(`${BASE}/v1/chat/completions`, () => {
        if (!injected(attempts++)) return undefined; // on to the grid
        refused++;
        return HttpResponse.json(
          { error: { message: 'Rate limit exceeded. Please slow down.', type: 'rate_limit_error' } },
          { status: 429, headers: { 'retry-after': '1' } },
        );
      }),
      ...handlers,
    );
    const progress: BatchProgress[] = [];
    const output: string[] = [];
    const results = await settle(
      client.batch(items, {
        concurrency: BOUND,
        onProgress: (p) => progress.push(p),
        output: (line) => output.push(line),
      }),
    );

    expect(results).toHaveLength(N);
    results.forEach((result, i) => {
      expect(result).toMatchObject({ index: i, custom_id: String(i) });
      if (bad(i)) {
        expect(result.type).toBe('errored');
        if (result.type === 'errored') expect(result.error).toBeInstanceOf(UnprocessableEntityError);
      } else {
        expect(result.type).toBe('succeeded');
        if (result.type === 'succeeded') expect(result.data.choices[0]?.message.content).toBe(`item-${i}`);
      }
    });
    // Nothing ran twice, nothing bad reached a worker.
    for (let i = 0; i < N; i++)
      expect(counts.served.get(`item-${i}`), `item-${i}`).toBe(bad(i) ? undefined : 1);
    // The bound held on the grid's side.
    expect(counts.peakInFlight()).toBeLessThanOrEqual(BOUND);
    // Each 429 was sent again exactly once, by the helper (the pipeline did not retry it as well), and
    // nothing else was retried: a 422 is final.
    expect(refused).toBe(30);
    expect(attempts).toBe(N + refused);
    // Backed off (at least halved) and ramped up again to the bound before the end.
    expect(Math.min(...progress.map((p) => p.concurrency))).toBeLessThanOrEqual(BOUND / 2);
    expect(progress.at(-1)).toEqual({ done: N, failed: 20, total: N, inFlight: 0, concurrency: BOUND });

    // One output line per item, the OpenAI Batch output format.
    const parsed = lines(output);
    expect(new Set(parsed.map((l) => l.custom_id)).size).toBe(N);
    const ok = parsed.find((l) => l.custom_id === '0')!;
    expect(ok).toMatchObject({
      response: { status_code: 200, body: { object: 'chat.completion' } },
      error: null,
    });
    expect(ok.id).toMatch(/^batch_req_/);
    expect(ok.response?.request_id).toEqual(expect.any(String));
    expect(parsed.find((l) => l.custom_id === '7')).toMatchObject({
      response: {
        status_code: 422,
        body: { detail: [expect.objectContaining({ loc: ['body', 'temperature'] })] },
      },
      error: null,
    });
    firstOutput = output;
  });

  it('resumes from a partial output: only the missing and the failed items run again', async () => {
    expect(firstOutput).toHaveLength(N);
    // A run that stopped after 600 lines, the last one cut off mid-write.
    const kept = firstOutput.slice(0, 600);
    const partial = `${kept.join('')}${firstOutput[600]!.slice(0, 40)}`;
    const succeededBefore = new Set(
      lines(kept)
        .filter((l) => l.response?.status_code === 200)
        .map((l) => l.custom_id),
    );
    server.use(...handlers);
    counts.served.clear();
    // The bad items are fixed for the second run.
    const fixed = items.map((_, i) => chatItem(i));
    const output: string[] = [];
    const results = await client.batch(fixed, { resume: partial, output: (line) => output.push(line) });

    expect(results.every((r) => r.type === 'succeeded')).toBe(true);
    results.forEach((result, i) => {
      expect(result.index).toBe(i);
      expect(result.type === 'succeeded' && result.resumed === true).toBe(succeededBefore.has(String(i)));
      if (result.type === 'succeeded') expect(result.data.choices[0]?.message.content).toBe(`item-${i}`);
    });
    const ran = [...counts.served.keys()].sort();
    const expected = fixed.map((_, i) => i).filter((i) => !succeededBefore.has(String(i)));
    expect(ran).toEqual(expected.map((i) => `item-${i}`).sort());
    expect([...counts.served.values()].every((n) => n === 1)).toBe(true);
    // Only the items that ran are written: the old file plus these lines hold every item's success.
    expect(lines(output).map((l) => l.custom_id)).toHaveLength(expected.length);
  });

  it('aborts mid-batch: in-flight and pending items are cancelled, nothing lost; a resume runs just those', async () => {
    toTheGrid();
    const controller = new AbortController();
    const items300 = Array.from({ length: 300 }, (_, i) => ({ custom_id: `c-${i}`, body: chatItem(i) }));
    const output: string[] = [];
    t.served.clear();
    const run = t.client().batch(items300, {
      concurrency: 8,
      signal: controller.signal,
      output: (line) => output.push(line),
      onProgress: (p) => {
        if (p.done >= 100) controller.abort();
      },
    });
    const seen: number[] = [];
    for await (const result of run) seen.push(result.index);
    const results = await run;

    expect(seen.sort((a, b) => a - b)).toEqual(items300.map((_, i) => i));
    expect(results.map((r) => r.custom_id)).toEqual(items300.map((item) => item.custom_id));
    const cancelled = ofType(results, 'cancelled');
    expect(ofType(results, 'errored')).toEqual([]);
    expect(ofType(results, 'succeeded').length).toBeGreaterThanOrEqual(100);
    expect(cancelled.length).toBeGreaterThan(0);
    const parsed = lines(output);
    expect(parsed).toHaveLength(300);
    for (const line of parsed.filter((l) => l.response === null)) {
      expect(line.error).toEqual({ code: 'batch_cancelled', message: expect.any(String) });
    }

    t.served.clear();
    const again = await t.client().batch(items300, { resume: output.join('') });
    expect(again.every((r) => r.type === 'succeeded')).toBe(true);
    expect([...t.served.keys()].sort()).toEqual(cancelled.map((r) => `item-${r.index}`).sort());
  });
});

describe('grid.batch against the in-flight cap (mock grid in-process, fake clock)', () => {
  it('lowers its concurrency to what the grid admits, waiting out each Retry-After, and finishes every item', async () => {
    useFakeClock();
    const handlers = createGridHandlers({ baseURL: BASE, grid: { rateLimits: false, maxInFlight: 3 } });
    const counts = serveBatchJobs(handlers.core);
    server.use(...handlers);
    let sent = 0;
    let refused = 0;
    const grid = makeGrid({
      apiKey: KEY,
      fetch: async (input, init) => {
        sent++;
        const response = await globalThis.fetch(input, init);
        if (response.status === 429) refused++;
        return response;
      },
    });
    const progress: BatchProgress[] = [];
    // The grid's 429s say 2 s, which the fake clock moves.
    const results = await settle(
      grid.batch(
        Array.from({ length: 30 }, (_, i) => chatItem(i)),
        { concurrency: 12, onProgress: (p) => progress.push(p) },
      ),
    );

    expect(results.every((r) => r.type === 'succeeded')).toBe(true);
    for (let i = 0; i < 30; i++) expect(counts.served.get(`item-${i}`)).toBe(1);
    expect(counts.peakInFlight()).toBeLessThanOrEqual(3);
    expect(refused).toBeGreaterThan(0);
    // It came down to the cap or below, and each 429 is one extra request, not more.
    expect(Math.min(...progress.map((p) => p.concurrency))).toBeLessThanOrEqual(3);
    expect(sent).toBe(30 + refused);
  });
});

describe('grid.batch, one answer at a time (msw)', () => {
  const URL = `${BASE}/v1/chat/completions`;
  const completion = (content: string): ChatCompletion => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1764222000,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

  it("waits the 429's Retry-After before sending again, counted on the fake clock", async () => {
    useFakeClock();
    let calls = 0;
    server.use(
      http.post(URL, () =>
        calls++ === 0
          ? HttpResponse.json(
              { detail: 'Too many concurrent requests' },
              { status: 429, headers: { 'retry-after': '30' } },
            )
          : HttpResponse.json(completion('hi')),
      ),
    );
    const run = makeGrid().batch([chatItem(0)], { concurrency: 1 });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const [result] = await run;
    expect(calls).toBe(2);
    expect(result).toMatchObject({ type: 'succeeded', data: { choices: [{ message: { content: 'hi' } }] } });
  });

  it("keeps the pipeline's retries for a 5xx and gives an item up after 10 429s, with the RateLimitError", async () => {
    useFakeClock();
    const seen: Record<string, number> = {};
    server.use(
      http.post(URL, async ({ request }) => {
        const { messages } = (await request.json()) as { messages: Array<{ content: string }> };
        const name = messages[0]!.content;
        seen[name] = (seen[name] ?? 0) + 1;
        if (name === 'Say item-0' && seen[name] === 1)
          return HttpResponse.json({ detail: 'boom' }, { status: 500 });
        if (name === 'Say item-1') {
          return HttpResponse.json(
            { detail: 'slow down' },
            { status: 429, headers: { 'retry-after-ms': '10' } },
          );
        }
        return HttpResponse.json(completion(name));
      }),
    );
    const [first, second] = await settle(
      makeGrid({ maxRetries: 2 }).batch([chatItem(0), chatItem(1)], { concurrency: 2 }),
    );
    expect(first?.type).toBe('succeeded');
    expect(seen['Say item-0']).toBe(2); // one pipeline retry of the 500
    expect(second?.type).toBe('errored');
    if (second?.type === 'errored') expect(second.error).toBeInstanceOf(RateLimitError);
    expect(seen['Say item-1']).toBe(11); // the first try and 10 more, one each
  });

  it('runs image generations too, typed by their url', async () => {
    server.use(
      http.post(`${BASE}/v1/images/generations`, () =>
        HttpResponse.json({ created: 1764222000, data: [{ url: 'https://store.test/0.png' }] }),
      ),
    );
    const [image] = await makeGrid().batch([
      { custom_id: 'lighthouse', url: '/v1/images/generations', body: { prompt: 'a lighthouse at dusk' } },
    ]);
    expect(image).toMatchObject({ custom_id: 'lighthouse', type: 'succeeded' });
    if (image?.type === 'succeeded') expect(image.data.data[0]?.url).toBe('https://store.test/0.png');
  });

  it('refuses bad options and repeated custom_ids up front, naming them', () => {
    const grid = makeGrid();
    expect(() => grid.batch([], { concurrency: 0 })).toThrow(
      new AIPGError('concurrency must be an integer ≥ 1 (got 0)'),
    );
    expect(() =>
      grid.batch([
        { custom_id: 'a', body: chatItem(0) },
        { custom_id: 'a', body: chatItem(1) },
      ]),
    ).toThrow(/items\[1\]\.custom_id "a" repeats items\[0\]'s/);
  });

  it('rejects when output or onProgress fails, after cancelling what is left', async () => {
    server.use(http.post(URL, () => HttpResponse.json(completion('x'))));
    const failure = new Error('disk full');
    const run = makeGrid().batch(
      Array.from({ length: 20 }, (_, i) => chatItem(i)),
      {
        concurrency: 2,
        output: () => Promise.reject(failure),
      },
    );
    await expect(run).rejects.toBe(failure);
    const thrown = new Error('bad progress bar');
    const items = [chatItem(0), chatItem(1)];
    const cut = makeGrid().batch(items, {
      onProgress: () => {
        throw thrown;
      },
    });
    await expect(cut).rejects.toBe(thrown);
  });
});
