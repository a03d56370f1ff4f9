import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APIError,
  ChatCompletionStream,
  NotFoundError,
  ServiceUnavailableError,
  StreamInterruptedError,
} from '../../src/index';
import { CHUNKS, FULL_TEXT, GRID, recordedStream, sseEvent, USAGE } from '../fixtures/chat-stream';
import {
  BASE,
  bodyOf,
  brokenBodyOf,
  encoder,
  makeGrid,
  sseHeaders,
  useFakeClock,
  useServer,
} from '../helpers';

const server = useServer();
const URL = `${BASE}/v1/chat/completions`;
const params = { model: 'auto', messages: [{ role: 'user' as const, content: 'Say hello.' }] };

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1764222000,
  model: 'llama-3.1-8b-instruct',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
  grid: { worker: 'rig-01', gen_time: 0.4, ttft: 0.1, tokens_per_s: 50, seed: 7 },
};

describe('chat.completions.create (non-streaming)', () => {
  it('posts the OpenAI body and returns the ChatCompletion with grid metadata', async () => {
    let body: unknown;
    server.use(
      http.post(URL, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(completion, { headers: { 'x-request-id': 'req_chat_1' } });
      }),
    );
    const result = await makeGrid().chat.completions.create({ ...params, temperature: 0.2, max_tokens: 64 });
    expect(body).toEqual({ ...params, temperature: 0.2, max_tokens: 64 });
    expect(result).toEqual(completion);
    expect(result.grid?.worker).toBe('rig-01');
    expect(result._request_id).toBe('req_chat_1');
  });

  it.each([
    [404, { detail: "Model 'x' is not available. Online models: ['auto']" }, NotFoundError],
    [503, { detail: 'No compatible text workers are currently online.' }, ServiceUnavailableError],
  ])('throws the typed error for %i', async (status, detail, Cls) => {
    server.use(
      http.post(URL, () => HttpResponse.json(detail, { status, headers: { 'x-should-retry': 'false' } })),
    );
    const error = await makeGrid()
      .chat.completions.create(params)
      .catch((e) => e);
    expect(error).toBeInstanceOf(Cls);
    expect(error.message).toBe(`${status} ${detail.detail}`);
  });
});

describe('chat.completions.create (streaming)', () => {
  it('asks for SSE and resolves to a ChatCompletionStream once headers arrive', async () => {
    let accept: string | null = null;
    let sentStream: unknown;
    server.use(
      http.post(URL, async ({ request }) => {
        accept = request.headers.get('accept');
        sentStream = ((await request.json()) as { stream: unknown }).stream;
        return new HttpResponse(bodyOf([recordedStream()]), {
          headers: sseHeaders({ 'x-request-id': 'req_s' }),
        });
      }),
    );
    const stream = await makeGrid().chat.completions.create({ ...params, stream: true });
    expect(stream).toBeInstanceOf(ChatCompletionStream);
    expect(stream.requestId).toBe('req_s');
    expect(accept).toBe('text/event-stream');
    expect(sentStream).toBe(true);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toEqual(CHUNKS);
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(FULL_TEXT);
    expect(final.usage).toEqual(USAGE);
    expect(final.grid).toEqual(GRID);
    // The request id rides on the final completion too, non-enumerable like on every other result.
    expect(final._request_id).toBe('req_s');
    expect(Object.keys(final)).not.toContain('_request_id');
  });

  it('a server that answers stream: true with one JSON body → APIError saying so, not an interruption', async () => {
    server.use(http.post(URL, () => HttpResponse.json(completion, { headers: { 'x-request-id': 'req_j' } })));
    const error = await makeGrid()
      .chat.completions.create({ ...params, stream: true })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(StreamInterruptedError);
    expect(error.status).toBe(200);
    expect(error.body).toEqual(completion);
    expect(error.requestId).toBe('req_j');
    expect(error.message).toMatch(/^200 expected text\/event-stream, got application\/json: /);
  });

  it('retries before the stream starts (503), then streams', async () => {
    let calls = 0;
    server.use(
      http.post(URL, () => {
        calls++;
        if (calls === 1)
          return HttpResponse.json({ detail: 'busy' }, { status: 503, headers: { 'retry-after': '0' } });
        return new HttpResponse(bodyOf([recordedStream()]), { headers: sseHeaders() });
      }),
    );
    const stream = await makeGrid().chat.completions.create({ ...params, stream: true });
    expect(await stream.finalText()).toBe(FULL_TEXT);
    expect(calls).toBe(2);
  });

  it('never retries once the first token has arrived', async () => {
    // An injected fetch, not msw: msw tees mocked bodies, and a tee drops unread chunks when the source errors.
    let calls = 0;
    const grid = makeGrid({
      fetch: async () => {
        calls++;
        return new Response(brokenBodyOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])]), {
          headers: sseHeaders(),
        });
      },
    });
    const stream = await grid.chat.completions.create({ ...params, stream: true });
    const error = await stream.finalChatCompletion().catch((e) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.partialText).toBe('Héllo');
    expect(error.cause).toBeInstanceOf(APIConnectionError);
    expect(calls).toBe(1);
  });

  it('treats a stream that stalls longer than the timeout as interrupted, keeping the text', async () => {
    useFakeClock();
    server.use(
      http.post(
        URL,
        () =>
          new HttpResponse(bodyOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])], { stall: true }), {
            headers: sseHeaders(),
          }),
      ),
    );
    const stream = await makeGrid({ timeout: 30_000 }).chat.completions.create({ ...params, stream: true });
    const texts: string[] = [];
    stream.on('text', (_, snapshot) => texts.push(snapshot));
    const settled = stream.finalChatCompletion().catch((e) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    const error = await settled;
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.cause?.name).toBe('APITimeoutError');
    expect(texts).toEqual(['Héllo']);
  });

  it('keep-alive comments do not keep a stream whose content stopped alive', async () => {
    useFakeClock();
    let cancelled = false;
    // Content, then only `: keep-alive` every 5 s, as a proxy or a grid does while a worker hangs.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(sseEvent(CHUNKS[0]) + sseEvent(CHUNKS[1])));
        const tick = () => {
          if (cancelled) return;
          controller.enqueue(encoder.encode(': keep-alive\n\ndata:\n\n'));
          setTimeout(tick, 5_000);
        };
        setTimeout(tick, 5_000);
      },
      cancel() {
        cancelled = true;
      },
    });
    // An injected fetch (not msw), so the test sees the body's own cancel.
    const grid = makeGrid({
      timeout: 30_000,
      fetch: async () => new Response(body, { headers: sseHeaders() }),
    });
    const stream = await grid.chat.completions.create({ ...params, stream: true });
    const events: string[] = [];
    stream.on('error', (e) => events.push(`error ${e.name}`)).on('abort', () => events.push('abort'));
    const settled = stream.finalChatCompletion().catch((e) => e);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const error = await settled;
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.cause?.name).toBe('APITimeoutError');
    expect(error.partialText).toBe('Héllo');
    expect(events).toEqual(['error StreamInterruptedError']);
    await vi.advanceTimersByTimeAsync(0);
    expect(cancelled).toBe(true); // the connection is released
  });

  it('reads a completed stream body to its end (so the connection is reused), cancels one that does not end', async () => {
    useFakeClock();
    const bodies: Array<{ cancelled: boolean; ended: boolean }> = [];
    // After `[DONE]`: the body ends 10 ms later, or never.
    const body = (ends: boolean) => {
      const state = { cancelled: false, ended: false };
      bodies.push(state);
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(recordedStream()));
          if (ends) {
            setTimeout(() => {
              controller.enqueue(encoder.encode(': bye\n\n'));
              controller.close();
              state.ended = true;
            }, 10);
          }
        },
        cancel() {
          state.cancelled = true;
        },
      });
    };
    let ends = true;
    const grid = makeGrid({ fetch: async () => new Response(body(ends), { headers: sseHeaders() }) });
    for (const each of [true, false]) {
      ends = each;
      const stream = await grid.chat.completions.create({ ...params, stream: true });
      const text = stream.finalText();
      await vi.advanceTimersByTimeAsync(0);
      expect(await text).toBe(FULL_TEXT); // complete at `[DONE]`, whether or not the body ends
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(bodies).toEqual([
      { cancelled: false, ended: true },
      { cancelled: true, ended: false },
    ]);
  });

  it('a slow stream whose content keeps coming is never cut by the timeout', async () => {
    useFakeClock();
    const parts = [...CHUNKS.map((c) => sseEvent(c)), sseEvent('[DONE]')];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const next = () => {
          const part = parts.shift();
          if (part === undefined) controller.close();
          else {
            controller.enqueue(encoder.encode(part));
            setTimeout(next, 20_000);
          }
        };
        next();
      },
    });
    server.use(http.post(URL, () => new HttpResponse(body, { headers: sseHeaders() })));
    const stream = await makeGrid({ timeout: 30_000 }).chat.completions.create({ ...params, stream: true });
    const text = stream.finalText();
    await vi.advanceTimersByTimeAsync(7 * 20_000);
    expect(await text).toBe(FULL_TEXT);
  });

  it('the call signal aborts mid-stream', async () => {
    const controller = new AbortController();
    server.use(
      http.post(
        URL,
        () =>
          new HttpResponse(bodyOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])], { stall: true }), {
            headers: sseHeaders(),
          }),
      ),
    );
    const stream = await makeGrid().chat.completions.create(
      { ...params, stream: true },
      { signal: controller.signal },
    );
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const chunk of stream) {
          seen.push(chunk.choices[0]?.delta.content ?? '');
          if (seen.length === 2) controller.abort();
        }
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ name: 'APIUserAbortError' });
    expect(seen).toEqual(['', 'Héllo']);
  });
});
