// @aipg/sdk's client WebSocket (`grid.realtime()`, `transport: 'websocket'`) against the real mock grid over
// its node server, served by the mock grid's scripted WS worker and by in-process workers on the core.
import {
  APIUserAbortError,
  AuthenticationError,
  type ChatCompletionCreateParamsNonStreaming,
  ChatCompletionStream,
  Grid,
  RateLimitError,
  RealtimeDisconnectedError,
  StreamInterruptedError,
  UnprocessableEntityError,
} from '@aipg/sdk';
import { nodeWebSocket } from '@aipg/sdk/node';
import type { WebSocketFactory, WebSocketLike } from '@aipg/sdk/realtime';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsJobOffer } from '../../src/core/index.js';
import { FakeSink } from '../core/helpers.js';
import { CLIENT_KEY, MODEL, nextJob, startTestGrid, type TestGrid, WORKER_KEY } from '../helpers/grid.js';

let t: TestGrid;
const closers: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c.close();
  await t?.close();
});

/** The test grid's chat body, typed as the SDK's params (`content` tags the request for in-process workers). */
function chatParams(content = 'Say hello'): ChatCompletionCreateParamsNonStreaming {
  return { model: MODEL, messages: [{ role: 'user', content }] };
}

function client(extra: ConstructorParameters<typeof Grid>[0] = {}): Grid {
  return new Grid({ apiKey: CLIENT_KEY, baseURL: t.url, webSocket: nodeWebSocket, maxRetries: 0, ...extra });
}

async function realtime(grid = client(), options?: Parameters<Grid['realtime']>[0]) {
  const rt = await grid.realtime(options);
  closers.push(rt);
  return rt;
}

/** A socket that sends no headers, as a browser's: the key goes in the auth frame. */
const plain: WebSocketFactory = (url) => new WebSocket(url) as unknown as WebSocketLike;

/** A factory that keeps every socket it opened, so a test can cut one (a drop without a close frame: 1006). */
function cuttable(): WebSocketFactory & { sockets: WebSocket[] } {
  const sockets: WebSocket[] = [];
  const factory = (url: string, headers: Record<string, string>) => {
    const ws = new WebSocket(url, { headers });
    sockets.push(ws);
    return ws as unknown as WebSocketLike;
  };
  return Object.assign(factory, { sendsHeaders: true, sockets });
}

/** An in-process worker on the core for each of `n` jobs, recording their offers. */
function inProcessWorkers(n: number) {
  const sinks: FakeSink[] = [];
  const bys: { connectionId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const sink = new FakeSink();
    const reg = t.grid.core.register(
      { apikey: 'grid_test_worker_key_0001', name: `sdk-rt-${i}`, models: [MODEL] },
      sink,
    );
    sinks.push(sink);
    bys.push({ connectionId: reg.connectionId });
  }
  const offers = (): { offer: WsJobOffer; by: { connectionId: string } }[] =>
    sinks.flatMap((s, i) => s.jobs.map((offer) => ({ offer, by: bys[i]! })));
  return { sinks, offers };
}

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

describe('@aipg/sdk over the client WebSocket', () => {
  it('streams a chat completion as the same ChatCompletionStream as SSE: for await, on(text), final completion', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    const grid = client();
    const rt = await realtime(grid);
    const streamed = rt.chat.completions.create({ ...chatParams(), stream: true });
    await w.serve((await nextJob(w)).id, ['Hel', 'lo']);
    const stream = await streamed;
    expect(stream).toBeInstanceOf(ChatCompletionStream);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const seen: string[] = [];
    for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    expect(seen.join('')).toBe('Hello');
    expect(texts.join('')).toBe('Hello');
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe('Hello');
    expect(final.grid?.worker).toBe('ws-worker-1');

    // The same request over SSE gives the same chunks (ids and times aside).
    const sse = grid.chat.completions.create({ ...chatParams(), stream: true });
    await w.serve((await nextJob(w)).id, ['Hel', 'lo']);
    const overHttp = await sse;
    expect(overHttp.constructor).toBe(stream.constructor);
    expect((await overHttp.finalChatCompletion()).choices).toEqual(final.choices);
  });

  it("chat.completions.create(..., { transport: 'websocket' }) streams and answers over the shared socket", async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    const grid = client();
    const streamed = grid.chat.completions.create(
      { ...chatParams(), stream: true },
      { transport: 'websocket' },
    );
    await w.serve((await nextJob(w)).id, ['over ', 'ws']);
    const stream = await streamed;
    expect(stream).toBeInstanceOf(ChatCompletionStream);
    expect(await stream.finalText()).toBe('over ws');
    const json = grid.chat.completions.create(chatParams(), { transport: 'websocket' });
    await w.serve((await nextJob(w)).id, ['plain']);
    expect((await json).choices[0]!.message.content).toBe('plain');
    (await grid.sharedRealtime()).close();
  });

  it('authenticates by an auth frame where the socket sends no headers (browsers)', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    const rt = await realtime(client({ webSocket: plain }));
    const reply = rt.chat.completions.create(chatParams());
    await w.serve((await nextJob(w)).id, ['by frame']);
    expect((await reply).choices[0]!.message.content).toBe('by frame');
    expect(rt.limits?.max_concurrent_requests).toBe(128);
  });

  it('refuses a bad key with AuthenticationError; bad bodies and limits are the typed HTTP errors', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [
        { key: CLIENT_KEY, scopes: ['inference.submit'] },
        { key: WORKER_KEY, scopes: ['worker.connect', 'inference.submit'] },
      ],
      clientWs: { maxConcurrentRequests: 1 },
    });
    await expect(realtime(client({ apiKey: 'grid_not_a_known_key_01' }))).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    await expect(
      realtime(client({ apiKey: 'grid_not_a_known_key_01', webSocket: plain })),
    ).rejects.toBeInstanceOf(AuthenticationError);
    // No key at all: refused at once (an empty auth frame), not after the grid's auth timeout.
    await expect(realtime(client({ apiKey: '' }))).rejects.toBeInstanceOf(AuthenticationError);
    await t.wsWorker();
    const rt = await realtime();
    await expect(rt.chat.completions.create({ ...chatParams(), temperature: 9 })).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
    const first = rt.chat.completions.create({ ...chatParams(), stream: true });
    const second = rt.chat.completions.create({ ...chatParams(), stream: true });
    const refused = await second.catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).type).toBe('limit_exceeded');
    rt.close();
    await first.catch(() => undefined);
  });

  it('an AbortSignal cancels one request on the grid and leaves the others streaming', async () => {
    t = await startTestGrid({ grid: { maxInFlight: 100 } });
    const workers = inProcessWorkers(2);
    const rt = await realtime();
    const aborter = new AbortController();
    const create = (tag: string, signal?: AbortSignal) =>
      rt.chat.completions.create({ ...chatParams(tag), stream: true }, { signal });
    const kept = create('kept');
    const cancelled = create('cancelled', aborter.signal);
    await until(() => workers.offers().length === 2, 'both jobs assigned');
    const job = (tag: string) =>
      workers.offers().find((o) => o.offer.payload.request.messages[0]!.content === tag)!;
    for (const tag of ['kept', 'cancelled']) {
      const { offer, by } = job(tag);
      t.grid.core.progress({ generationId: offer.id, by, delta: { content: `${tag}-0 ` } });
    }
    const doomed = await cancelled;
    aborter.abort();
    await expect(doomed.finalText()).rejects.toBeInstanceOf(APIUserAbortError);
    const gone = job('cancelled').offer.id;
    await until(
      () => workers.sinks.some((s) => s.cancels.includes(gone)),
      'the cancelled job stopped on the worker',
    );
    const { offer, by } = job('kept');
    t.grid.core.progress({ generationId: offer.id, by, delta: { content: 'kept-1' } });
    t.grid.core.complete({ generationId: offer.id, by, text: '', finish_reason: 'stop' });
    expect(await (await kept).finalText()).toBe('kept-0 kept-1');
  });

  it('a drop fails the stream in flight with a typed error, reconnects, and resumes a job subscription from its last seq', async () => {
    t = await startTestGrid({ grid: { maxInFlight: 100 } });
    const w = await t.wsWorker();
    const factory = cuttable();
    const rt = await realtime(client({ webSocket: factory }), { reconnect: { initialDelayMs: 20 } });
    const submitted = await rt.jobs.submit({
      prompt: 'Once upon a time',
      params: { max_length: 32 },
      models: [MODEL],
    });
    const events: { seq: number; type: string }[] = [];
    const watched = (async () => {
      for await (const e of rt.jobs.subscribe(submitted.id)) events.push(e);
    })();
    const job = await nextJob(w);
    w.send({ type: 'token', id: job.id, delta: { content: 'one ' } });
    await until(() => events.some((e) => e.type === 'token'), 'the first token event');
    const inFlight = rt.chat.completions.create({ ...chatParams(), stream: true });
    // Cut the socket: the chat request cannot be resumed, the subscription can.
    factory.sockets[0]!.terminate();
    const failure = await inFlight.then(
      (s) => s.finalText().catch((e: unknown) => e),
      (e: unknown) => e,
    );
    const disconnected = failure instanceof StreamInterruptedError ? failure.cause : failure;
    expect(disconnected).toBeInstanceOf(RealtimeDisconnectedError);
    expect((disconnected as RealtimeDisconnectedError).closeCode).toBe(1006);
    await until(() => factory.sockets.length === 2, 'a reconnect');
    w.send({ type: 'token', id: job.id, delta: { content: 'two' } });
    w.send({ type: 'done', id: job.id, full_text: 'one two', finish_reason: 'stop' });
    await watched;
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(events.at(-1)!.type).toBe('done');
    expect(events.filter((e) => e.type === 'token')).toHaveLength(2);
  });
});
