import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { GridEvent } from '../../src/core/index.js';
import {
  CLIENT_KEY,
  chatBody,
  MODEL,
  nextJob,
  readSse,
  startTestGrid,
  type TestGrid,
} from '../helpers/grid.js';
import { FAST, TEXT_MODEL, until } from './helpers.js';

// Simulated workers are ordinary workers of the core: retries and faults, cancels, a queue shared with real
// workers, images through the object store, rewards and stats — with time moved only by the test's ManualClock.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

function record(events: GridEvent[]) {
  return (e: GridEvent) => {
    events.push(e);
  };
}

const chat = (body: Record<string, unknown> = {}) =>
  t.post('/v1/chat/completions', {
    model: TEXT_MODEL,
    messages: [{ role: 'user', content: 'Hello' }],
    ...body,
  });

/** Moves the test's clock in steps until `done` settles. */
async function drive<T>(done: Promise<T>, stepMs = 50): Promise<T> {
  let settled = false;
  const result = done.finally(() => {
    settled = true;
  });
  const end = Date.now() + 20_000;
  while (!settled) {
    if (Date.now() > end) throw new Error('timed out driving the clock');
    t.clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return result;
}

describe('simulated workers on the core clock', () => {
  it('send no token before ttft_ms, then one every 1000 / tokens_per_second ms', async () => {
    t = await startTestGrid({
      simulate: {
        workers: [{ name: 'sim-slow', models: [TEXT_MODEL], ttft_ms: 150, tokens_per_second: 10 }],
      },
    });
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    const tokens = () => events.filter((e) => e.type === 'token').length;
    const answer = chat({ seed: 3 });
    await until(() => events.some((e) => e.type === 'assigned'), 'the job to be assigned');
    t.clock.advance(149);
    expect(tokens()).toBe(0);
    t.clock.advance(1);
    expect(tokens()).toBe(1);
    t.clock.advance(99);
    expect(tokens()).toBe(1);
    t.clock.advance(1);
    expect(tokens()).toBe(2);
    const res = await drive(answer, 100);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(tokens()).toBe(body.usage.completion_tokens);
    // ttft and throughput as the grid measured them on its clock.
    expect(body.grid.ttft).toBeCloseTo(0.15, 5);
    expect(body.grid.tokens_per_s).toBeCloseTo(10, 0);
  });

  it('are credited and counted like any worker, and listed as workers', async () => {
    t = await startTestGrid({ simulate: { workers: [{ name: 'sim-a', models: [TEXT_MODEL], ...FAST }] } });
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    const res = await drive(chat({ seed: 11 }));
    const body = await res.json();
    const sim = t.grid.fleet[0]!;
    const view = t.grid.core.worker(body.grid.worker)!;
    expect(view.id).toBe(sim.connections.find((c) => c.name === body.grid.worker)!.workerId);
    expect(view.requestsFulfilled).toBe(1);
    expect(view.tokensGenerated).toBe(body.usage.completion_tokens);
    const credited = events.find((e) => e.type === 'credited');
    expect(credited && credited.type === 'credited' && credited.workerName).toBe(body.grid.worker);
    expect(view.denEarned).toBeGreaterThan(0);
    expect(view.denEarned).toBe(credited?.type === 'credited' ? credited.den : -1);

    const listed = await (await t.get('/v1/workers')).json();
    const names = (listed.workers as { name: string }[]).map((w) => w.name).sort();
    expect(names).toEqual(['sim-a', 'sim-a#2']);
    const horde = await (await t.get('/api/v2/workers')).json();
    const served = (horde as { name: string; requests_fulfilled: number }[]).find(
      (w) => w.name === body.grid.worker,
    );
    expect(served?.requests_fulfilled).toBe(1);
    const stats = await (await t.get('/api/v2/stats/text/totals')).json();
    expect(stats.total.requests).toBe(1);
    expect(stats.total.tokens).toBe(body.usage.completion_tokens);
  });

  it('failure_rate 1: the job is retried on a worker that does not fail', async () => {
    t = await startTestGrid({
      simulate: {
        workers: [
          { name: 'sim-bad', models: [TEXT_MODEL], ...FAST, failure_rate: 1, concurrency: 1 },
          { name: 'sim-good', models: [TEXT_MODEL], ...FAST, concurrency: 1 },
        ],
      },
    });
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    const res = await drive(chat({ seed: 1 }));
    expect(res.status).toBe(200);
    expect((await res.json()).grid.worker).toBe('sim-good');
    // The failing worker (registered first, so idle longest) had it first.
    const assigned = events.flatMap((e) => (e.type === 'assigned' ? [e.worker.name] : []));
    expect(assigned).toEqual(['sim-bad', 'sim-good']);
    expect(events.some((e) => e.type === 'requeued')).toBe(true);
    expect(t.grid.core.worker('sim-bad')!.strikes).toBeGreaterThanOrEqual(1);
    expect(t.grid.core.worker('sim-bad')!.requestsFulfilled).toBe(0);
  });

  it('failure_rate 1 everywhere: the job faults after the core’s retries (a 502)', async () => {
    t = await startTestGrid({
      simulate: { workers: [{ name: 'sim-bad', models: [TEXT_MODEL], ...FAST, failure_rate: 1 }] },
    });
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    const res = await drive(chat());
    expect(res.status).toBe(502);
    expect(events.filter((e) => e.type === 'requeued')).toHaveLength(2);
    expect(events.some((e) => e.type === 'faulted')).toBe(true);
  });

  it('an evicted simulated worker comes back once its cooldown is over', async () => {
    t = await startTestGrid({
      simulate: {
        workers: [{ name: 'sim-bad', models: [TEXT_MODEL], ...FAST, failure_rate: 1, concurrency: 1 }],
      },
    });
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    // Horde requests wait for a worker (a /v1 one would be answered 503 while none is online).
    for (let i = 0; i < 2; i++) {
      t.grid.core.submit({
        source: 'horde',
        apiKey: CLIENT_KEY,
        request: { prompt: `job ${i}`, models: [TEXT_MODEL], params: { max_length: 16 } },
      });
    }
    for (let i = 0; i < 20 && !events.some((e) => e.type === 'worker.evicted'); i++) t.clock.advance(0);
    const evicted = events.find((e) => e.type === 'worker.evicted');
    expect(evicted?.type === 'worker.evicted' && evicted.cooldownMs).toBe(30_000);
    expect(t.grid.core.worker('sim-bad')!.online).toBe(false);
    t.clock.advance(29_000);
    expect(t.grid.core.worker('sim-bad')!.online).toBe(false);
    t.clock.advance(2_000);
    expect(t.grid.core.worker('sim-bad')!.online).toBe(true);
    expect(events.filter((e) => e.type === 'worker.online')).toHaveLength(1);
  });

  it('their key is accepted in strict auth mode; a trusted worker serves trusted_workers jobs', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [{ key: CLIENT_KEY, scopes: ['inference.submit'] }],
      simulate: {
        workers: [
          { name: 'sim-open', models: [TEXT_MODEL], ...FAST, concurrency: 1 },
          { name: 'sim-trusted', models: [TEXT_MODEL], ...FAST, concurrency: 1, trusted: true },
        ],
      },
    });
    const { id } = t.grid.core.submit({
      source: 'horde',
      apiKey: CLIENT_KEY,
      request: {
        prompt: 'only the trusted',
        models: [TEXT_MODEL],
        trusted_workers: true,
        params: { max_length: 16 },
      },
    });
    // The result is signed (Web Crypto: asynchronous), so real time passes between the clock's steps.
    await drive(
      until(() => t.grid.core.status(id).done, 'the job to be done'),
      10,
    );
    expect(t.grid.core.status(id).generations?.[0]?.worker_name).toBe('sim-trusted');
    expect(t.grid.core.worker('sim-trusted')!.owner).toMatch(/^sim-fleet-trusted#/);
    expect(t.grid.core.worker('sim-open')!.owner).toMatch(/^sim-fleet#/);
  });

  it('a client that leaves mid-stream cancels the job: the worker stops and is free again', async () => {
    t = await startTestGrid({
      simulate: {
        workers: [
          { name: 'sim-a', models: [TEXT_MODEL], ttft_ms: 10, tokens_per_second: 10, concurrency: 1 },
        ],
      },
    });
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    const aborter = new AbortController();
    const res = await t.fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: CLIENT_KEY },
      body: JSON.stringify({
        model: TEXT_MODEL,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
        seed: 5,
      }),
      signal: aborter.signal,
    });
    await until(() => events.some((e) => e.type === 'assigned'));
    t.clock.advance(10 + 200); // the first token, then two more
    await until(() => events.filter((e) => e.type === 'token').length === 3, 'three tokens');
    const reader = res.body!.getReader();
    await reader.read();
    aborter.abort();
    await until(() => events.some((e) => e.type === 'cancelled'), 'the cancel');
    await until(() => t.grid.fleet[0]!.busy === 0, 'the worker to be free');
    t.clock.advance(10_000);
    expect(events.filter((e) => e.type === 'token')).toHaveLength(3);
    const view = t.grid.core.worker('sim-a')!;
    expect(view.busy).toBe(false);
    expect(view.requestsFulfilled).toBe(0);
    expect(view.strikes).toBe(0);
    // The next job is served at once.
    const next = await drive(chat({ seed: 6 }));
    expect(next.status).toBe(200);
  });

  it('share the queue with real WS workers: both get jobs', async () => {
    t = await startTestGrid({
      simulate: { workers: [{ name: 'sim-a', models: [MODEL], ttft_ms: 100, concurrency: 1 }] },
    });
    const real = await t.wsWorker('real-1');
    const events: GridEvent[] = [];
    t.grid.core.onEvent(record(events));
    const one = t.post('/v1/chat/completions', chatBody({ seed: 1 }));
    const two = t.post('/v1/chat/completions', chatBody({ seed: 2 }));
    await until(() => events.filter((e) => e.type === 'assigned').length === 2, 'both jobs assigned');
    const assigned = events.flatMap((e) => (e.type === 'assigned' ? [e.worker.name] : []));
    expect(assigned.sort()).toEqual(['real-1', 'sim-a']);
    const job = await nextJob(real);
    await real.serve(job.id, ['from ', 'a real worker']);
    const answers = await drive(Promise.all([one, two]));
    const texts = await Promise.all(answers.map(async (r) => (await r.json()).choices[0].message.content));
    expect(texts).toContain('from a real worker');
    expect(texts.filter((x: string) => x !== 'from a real worker')[0].length).toBeGreaterThan(10);
    expect(t.grid.core.worker('real-1')!.simulated).toBe(false);
    expect(t.grid.core.worker('sim-a')!.simulated).toBe(true);
  });
});

describe('the simulated image worker', () => {
  it('serves /v1/images/generations with valid PNGs from the grid’s store, the same for the same prompt and seed', async () => {
    t = await startTestGrid({ simulate: true });
    const generate = (seed: number, n = 1) =>
      drive(
        t.post('/v1/images/generations', {
          prompt: 'a lighthouse at dusk',
          size: '512x512',
          n,
          seed,
          response_format: 'b64_json',
        }),
      );
    const res = await generate(9, 2);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data).toHaveLength(2);
    const pictures = (body.data as { b64_json: string }[]).map((d) => Buffer.from(d.b64_json, 'base64'));
    for (const png of pictures) {
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // IHDR: 512 / 16 = 32 pixels a side, RGB; IDAT inflates to one filter byte + 32 × 3 bytes per row.
      expect(png.readUInt32BE(16)).toBe(32);
      expect(png.readUInt32BE(20)).toBe(32);
      const idatLength = png.readUInt32BE(33);
      expect(png.subarray(37, 41).toString()).toBe('IDAT');
      expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(32 * (1 + 32 * 3));
    }
    // Each image has its own seed (seed + i), so the two differ; the same request again gives the same bytes.
    expect(pictures[0]!.equals(pictures[1]!)).toBe(false);
    const again = (await (await generate(9, 2)).json()).data as { b64_json: string }[];
    expect(again.map((d) => d.b64_json)).toEqual(body.data.map((d: { b64_json: string }) => d.b64_json));
    const other = (await (await generate(10)).json()).data[0].b64_json;
    expect(other).not.toBe(body.data[0].b64_json);

    const flux = t.grid.core.worker('sim-flux')!;
    expect(flux.simulated).toBe(true);
    expect(flux.requestsFulfilled).toBe(5); // images: 2 + 2 + 1
    expect(flux.denEarned).toBeGreaterThan(0);
  });

  it.each([
    ['jpeg', [0xff, 0xd8, 0xff]],
    ['webp', [0x52, 0x49, 0x46, 0x46]],
  ])(
    'makes the type output_format %s asks for (the grid checks it by its magic bytes)',
    async (format, magic) => {
      t = await startTestGrid({ simulate: true });
      const res = await drive(
        t.post('/v1/images/generations', {
          prompt: 'a fox',
          size: '256x256',
          output_format: format,
          response_format: 'b64_json',
        }),
      );
      expect(res.status).toBe(200);
      const bytes = Buffer.from((await res.json()).data[0].b64_json, 'base64');
      expect([...bytes.subarray(0, magic.length)]).toEqual(magic);
    },
  );

  it('serves a url result that downloads from the object store', async () => {
    t = await startTestGrid({ simulate: true });
    const res = await drive(t.post('/v1/images/generations', { prompt: 'a fox', size: '256x256' }));
    expect(res.status).toBe(200);
    const url = (await res.json()).data[0].url as string;
    const picture = await fetch(url);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await picture.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});

describe('a streamed chat through the default fleet', () => {
  it('ends with finish_reason, usage and grid naming a simulated worker', async () => {
    t = await startTestGrid({ simulate: true });
    const events = await drive(chat({ stream: true, seed: 4 }).then(readSse));
    expect(events.at(-1)).toBe('[DONE]');
    const last = JSON.parse(events.at(-2)!);
    expect(last.choices[0].finish_reason).toBe('stop');
    expect(['sim-llama-a', 'sim-llama-a#2', 'sim-llama-b', 'sim-llama-b#2']).toContain(last.grid.worker);
  });
});
