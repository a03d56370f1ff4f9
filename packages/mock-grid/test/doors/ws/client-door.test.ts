import { afterEach, describe, expect, it } from 'vitest';
import type { WsJobOffer } from '../../../src/core/index.js';
import { FakeSink } from '../../core/helpers.js';
import { CLIENT_KEY, chatBody, MODEL, nextJob, startTestGrid, type TestGrid } from '../../helpers/grid.js';
import { type ClientFrame, TestWsClient } from '../../helpers/ws-client.js';

let t: TestGrid;
const clients: TestWsClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await t?.close();
});

/** A client with `key` in its upgrade's Authorization header; `null`: none (it must send an auth frame). */
async function client(key: string | null = CLIENT_KEY): Promise<TestWsClient> {
  const c = await TestWsClient.open(t.url, key ?? undefined);
  clients.push(c);
  return c;
}

async function ready(key = CLIENT_KEY): Promise<TestWsClient> {
  const c = await client(key);
  await c.next((f) => f.type === 'ready');
  return c;
}

/** `n` in-process workers on the core (one job each), recording their offers. */
function inProcessWorkers(n: number): {
  sinks: FakeSink[];
  offers: () => { offer: WsJobOffer; by: { connectionId: string } }[];
} {
  const sinks: FakeSink[] = [];
  const bys: { connectionId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const sink = new FakeSink();
    const reg = t.grid.core.register(
      { apikey: 'grid_test_worker_key_0001', name: `inproc-${i}`, models: [MODEL] },
      sink,
    );
    sinks.push(sink);
    bys.push({ connectionId: reg.connectionId });
  }
  return {
    sinks,
    offers: () => sinks.flatMap((s, i) => s.jobs.map((offer) => ({ offer, by: bys[i]! }))),
  };
}

/** Waits (real time, generously) until `ok()` holds. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 6000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

const text = (chunks: ClientFrame[]) =>
  chunks
    .map((f) => (f.chunk as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
    .join('');

describe('client WebSocket: connecting', () => {
  it('answers a Bearer key on the upgrade with ready and the limits of the spec', async () => {
    t = await startTestGrid();
    const c = await client();
    const hello = await c.next((f) => f.type === 'ready');
    expect(hello.limits).toEqual({
      max_concurrent_requests: 128,
      max_frame_bytes: 1048576,
      max_connections_per_key: 16,
      idle_timeout_s: 90,
      auth_timeout_s: 10,
    });
  });

  it('takes the key from a first auth frame (browsers), and refuses any other first frame with 4001', async () => {
    t = await startTestGrid();
    const c = await client(null);
    c.send({ type: 'auth', api_key: CLIENT_KEY });
    expect((await c.next((f) => f.type === 'ready')).connection_id).toMatch(/^cws_/);
    const other = await client(null);
    other.send({ type: 'ping' });
    expect(((await other.next((f) => f.type === 'error')).error as { message: string }).message).toMatch(
      /first frame must be the auth frame/,
    );
    expect((await other.closed).code).toBe(4001);
  });

  it('closes 4001 for an unknown key, 4003 for a key without inference.submit (strict auth)', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [
        { key: CLIENT_KEY, scopes: ['inference.submit'] },
        { key: 'grid_worker_only_key_01', scopes: ['worker.connect'] },
      ],
    });
    const unknown = await client('grid_who_is_this_key_0');
    const refusal = await unknown.next((f) => f.type === 'error');
    expect(refusal.error).toMatchObject({ type: 'authentication_error', status: 401 });
    expect((await unknown.closed).code).toBe(4001);
    const scope = await client('grid_worker_only_key_01');
    expect((await scope.next((f) => f.type === 'error')).error).toMatchObject({ type: 'permission_error' });
    expect((await scope.closed).code).toBe(4003);
    const byFrame = await client(null);
    byFrame.send({ type: 'auth', api_key: 'grid_who_is_this_key_0' });
    expect((await byFrame.closed).code).toBe(4001);
  });

  it('closes 4001 when no auth frame arrives in time and 4008 when the client goes silent (core clock)', async () => {
    t = await startTestGrid();
    const silent = await client(null);
    t.clock.advance(10_000);
    expect((await silent.closed).code).toBe(4001);
    const idle = await ready();
    idle.send({ type: 'ping', id: 'p1' });
    expect(await idle.next((f) => f.type === 'pong')).toEqual({ type: 'pong', id: 'p1' });
    // Pings keep it open well past one idle timeout; 90 s of silence closes it.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(89_000);
      idle.send({ type: 'ping', id: `k${i}` });
      await idle.next((f) => f.type === 'pong' && f.id === `k${i}`);
    }
    t.clock.advance(90_000);
    expect((await idle.closed).code).toBe(4008);
  });

  it('refuses the connection past max_connections_per_key with an error naming the limit and 4029', async () => {
    t = await startTestGrid({ clientWs: { maxConnectionsPerKey: 2 } });
    await ready();
    await ready();
    const third = await client();
    const refusal = await third.next((f) => f.type === 'error');
    expect(refusal.error).toMatchObject({ type: 'limit_exceeded', limit: 'max_connections_per_key', max: 2 });
    expect((await third.closed).code).toBe(4029);
  });
});

describe('client WebSocket: bad frames get typed error frames, the socket stays open', () => {
  it('not JSON, unknown type, a frame field of the wrong type, a bad chat body, a reused id, an unknown cancel', async () => {
    t = await startTestGrid();
    const c = await ready();
    const errorOf = async (id: string | null) =>
      (await c.next((f) => f.type === 'error' && f.id === id)).error as Record<string, unknown>;
    c.send('not json');
    expect(await errorOf(null)).toMatchObject({ type: 'invalid_frame', status: 400 });
    c.send({ type: 'teleport', id: 'x1' });
    expect((await errorOf('x1')).message).toMatch(/unknown frame type 'teleport'/);
    c.send({ type: 'jobs.subscribe', id: 'x2', job_id: 'j', after: -1 });
    expect((await errorOf('x2')).message).toMatch(/after/);
    c.send({ type: 'chat.completions', id: 'x3', body: { model: MODEL, messages: [], temperature: 9 } });
    const bad = await errorOf('x3');
    expect(bad).toMatchObject({ type: 'invalid_request_error', status: 422 });
    expect(String(bad.message)).toMatch(/temperature/);
    c.send({ type: 'chat.completions', id: 'x4', body: chatBody({ model: 'no/such-model' }) });
    expect(await errorOf('x4')).toMatchObject({ type: 'service_unavailable', status: 503 });
    c.send({ type: 'cancel', id: 'nobody' });
    expect(await errorOf('nobody')).toMatchObject({ type: 'unknown_id' });
    c.send({ type: 'jobs.subscribe', id: 'x5', job_id: 'no-such-job' });
    expect(await errorOf('x5')).toMatchObject({ type: 'not_found_error', status: 404, param: 'job_id' });
    c.send({ type: 'ping', id: 'still-here' });
    await c.next((f) => f.type === 'pong');
  });

  it('refuses a frame over max_frame_bytes and a request past max_concurrent_requests, naming the limit', async () => {
    t = await startTestGrid({ clientWs: { maxFrameBytes: 2048, maxConcurrentRequests: 2 } });
    await t.wsWorker();
    const c = await ready();
    const big = 'x'.repeat(3000);
    c.send({
      type: 'chat.completions',
      id: 'big',
      body: chatBody({ messages: [{ role: 'user', content: big }] }),
    });
    expect((await c.next((f) => f.id === 'big')).error).toMatchObject({
      type: 'limit_exceeded',
      limit: 'max_frame_bytes',
      max: 2048,
    });
    for (const id of ['a', 'b', 'c'])
      c.send({ type: 'chat.completions', id, body: chatBody({ stream: true }) });
    expect((await c.next((f) => f.id === 'c')).error).toMatchObject({
      type: 'limit_exceeded',
      limit: 'max_concurrent_requests',
      max: 2,
    });
    c.send({ type: 'chat.completions', id: 'a', body: chatBody() });
    expect((await c.next((f) => f.id === 'a' && f.type === 'error')).error).toMatchObject({
      type: 'duplicate_id',
    });
  });
});

describe('client WebSocket: requests', () => {
  it('streams a chat completion as the SSE chunks, answers a non-streamed one and a jobs.submit with response', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    const c = await ready();
    c.send({ type: 'chat.completions', id: 's', body: chatBody({ stream: true }) });
    await w.serve((await nextJob(w)).id, ['Hel', 'lo']);
    const streamed = await c.finish('s');
    expect(streamed.last).toEqual({ type: 'done', id: 's' });
    expect(text(streamed.chunks)).toBe('Hello');
    const final = streamed.chunks.at(-1)!.chunk as {
      choices: { finish_reason: string }[];
      grid: { worker: string };
    };
    expect(final.choices[0]!.finish_reason).toBe('stop');
    expect(final.grid.worker).toBe('ws-worker-1');

    c.send({ type: 'chat.completions', id: 'j', body: chatBody() });
    await w.serve((await nextJob(w)).id, ['Hi']);
    const json = (await c.finish('j')).last;
    expect(json.type).toBe('response');
    expect((json.result as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe(
      'Hi',
    );

    c.send({
      type: 'jobs.submit',
      id: 'h',
      body: { prompt: 'Once upon a time', params: { max_length: 32 } },
    });
    const submitted = (await c.finish('h')).last;
    expect(submitted.type).toBe('response');
    const jobId = (submitted.result as { id: string }).id;
    expect(t.grid.core.status(jobId).waiting + t.grid.core.status(jobId).processing).toBe(1);
  });

  it('follows an async job with jobs.subscribe, in seq order to its final event, and resumes after a seq', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    const c = await ready();
    c.send({
      type: 'jobs.submit',
      id: 'h',
      body: { prompt: 'Once upon a time', params: { max_length: 32 }, models: [MODEL] },
    });
    const jobId = ((await c.finish('h')).last.result as { id: string }).id;
    c.send({ type: 'jobs.subscribe', id: 'sub', job_id: jobId });
    await w.serve((await nextJob(w)).id, ['a', 'b']);
    const { last, events } = await c.finish('sub');
    expect(last).toEqual({ type: 'done', id: 'sub' });
    const seen = events.map((f) => f.event as { seq: number; type: string; id: string; final?: boolean });
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen[0]).toMatchObject({ type: 'queued', id: jobId });
    expect(seen.at(-1)).toMatchObject({ type: 'done', final: true });
    // Resumed after the second event (on another connection): exactly the rest, nothing twice.
    const again = await ready();
    again.send({ type: 'jobs.subscribe', id: 'resume', job_id: jobId, after: 2 });
    const resumed = await again.finish('resume');
    expect(resumed.events.map((f) => (f.event as { seq: number }).seq)).toEqual(
      seen.slice(2).map((e) => e.seq),
    );
  });

  // A larger limit than the project's: 100 streams' frames on a saturated machine (a backstop, not a measure).
  it('carries 100 concurrent streams on one connection, each getting exactly its own chunks in order', {
    timeout: 120_000,
  }, async () => {
    const n = 100;
    t = await startTestGrid({ grid: { maxInFlight: 1000 } });
    const workers = inProcessWorkers(n);
    const c = await ready();
    for (let i = 0; i < n; i++) {
      const body = chatBody({ stream: true, messages: [{ role: 'user', content: `r${i}` }] });
      c.send({ type: 'chat.completions', id: `r${i}`, body });
    }
    await until(() => workers.offers().length === n, `${n} jobs assigned`);
    const jobs = workers.offers();
    // Interleaved: every stream's piece k before any stream's piece k + 1.
    for (let k = 0; k < 5; k++) {
      for (const { offer, by } of jobs) {
        const tag = String(offer.payload.request.messages[0]!.content);
        t.grid.core.progress({ generationId: offer.id, by, delta: { content: `${tag}.${k} ` } });
      }
    }
    for (const { offer, by } of jobs)
      t.grid.core.complete({ generationId: offer.id, by, text: '', finish_reason: 'stop' });
    for (let i = 0; i < n; i++) {
      const { last, chunks } = await c.finish(`r${i}`);
      expect(last.type).toBe('done');
      expect(text(chunks)).toBe([0, 1, 2, 3, 4].map((k) => `r${i}.${k} `).join(''));
    }
  });

  it('cancels one stream without disturbing the others; the cancelled job ends on the grid', async () => {
    t = await startTestGrid({ grid: { maxInFlight: 1000 } });
    const workers = inProcessWorkers(3);
    const c = await ready();
    for (const id of ['a', 'b', 'c']) {
      c.send({
        type: 'chat.completions',
        id,
        body: chatBody({ stream: true, messages: [{ role: 'user', content: id }] }),
      });
    }
    await until(() => workers.offers().length === 3, '3 jobs assigned');
    const byTag = new Map(
      workers.offers().map((o) => [String(o.offer.payload.request.messages[0]!.content), o]),
    );
    const b = byTag.get('b')!;
    t.grid.core.progress({ generationId: b.offer.id, by: b.by, delta: { content: 'b0' } });
    await c.next((f) => f.id === 'b' && f.type === 'chunk' && text([f]) === 'b0');
    c.send({ type: 'cancel', id: 'b' });
    expect(await c.next((f) => f.id === 'b' && f.type === 'done')).toEqual({
      type: 'done',
      id: 'b',
      cancelled: true,
    });
    // Its chunks from before the cancel are dropped; nothing about it may arrive after the done.
    c.frames.splice(0, c.frames.length, ...c.frames.filter((f) => f.id !== 'b'));
    await until(() => workers.sinks.some((s) => s.cancels.includes(b.offer.id)), 'the worker told to cancel');
    for (const tag of ['a', 'c']) {
      const { offer, by } = byTag.get(tag)!;
      t.grid.core.progress({ generationId: offer.id, by, delta: { content: `${tag}!` } });
      t.grid.core.complete({ generationId: offer.id, by, text: '', finish_reason: 'stop' });
      const { last, chunks } = await c.finish(tag);
      expect(last).toEqual({ type: 'done', id: tag });
      expect(text(chunks)).toBe(`${tag}!`);
    }
    expect(c.frames.filter((f) => f.id === 'b')).toEqual([]);
  });

  it('a dropped socket cancels its chat jobs but not its async jobs', async () => {
    t = await startTestGrid({ grid: { maxInFlight: 1000 } });
    const workers = inProcessWorkers(1);
    const c = await ready();
    c.send({
      type: 'jobs.submit',
      id: 'h',
      body: { prompt: 'Once upon a time', params: { max_length: 32 }, models: ['nobody-serves-this'] },
    });
    const jobId = ((await c.finish('h')).last.result as { id: string }).id;
    c.send({ type: 'chat.completions', id: 's', body: chatBody({ stream: true }) });
    await until(() => workers.offers().length === 1, 'the chat job assigned');
    const chatJob = workers.offers()[0]!.offer.id;
    c.ws.terminate();
    await until(() => workers.sinks[0]!.cancels.includes(chatJob), 'the chat job cancelled');
    const status = t.grid.core.status(jobId);
    expect(status.waiting).toBe(1);
    expect(status.done).toBe(false);
  });

  it('closes its sockets with 1012 at shutdown', async () => {
    t = await startTestGrid();
    const c = await ready();
    await t.grid.close();
    expect((await c.closed).code).toBe(1012);
  });
});
