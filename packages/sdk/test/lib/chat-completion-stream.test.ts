import { describe, expect, it } from 'vitest';
import {
  AIPGError,
  APIError,
  APIUserAbortError,
  type ChatCompletionChunk,
  ChatCompletionStream,
  InternalServerError,
  StreamInterruptedError,
} from '../../src/index';
import { CHUNKS, FULL_TEXT, GRID, recordedStream, sseEvent, USAGE } from '../fixtures/chat-stream';
import { bodyOf, encoder, makeGrid, sseHeaders } from '../helpers';

const params = { model: 'auto', messages: [{ role: 'user' as const, content: 'Hi' }], stream: true as const };

/** A stream over exactly these body parts, through the real client pipeline (injected fetch). */
async function streamOf(
  parts: Array<string | Uint8Array>,
  options: { stall?: boolean; onCancel?: () => void } = {},
) {
  const body = bodyOf(parts, options);
  const watched = options.onCancel
    ? new ReadableStream<Uint8Array>({
        async pull(c) {
          const reader = body.getReader();
          const { done, value } = await reader.read();
          reader.releaseLock();
          if (done) c.close();
          else c.enqueue(value);
        },
        cancel: options.onCancel,
      })
    : body;
  const grid = makeGrid({ fetch: async () => new Response(watched, { headers: sseHeaders() }) });
  return grid.chat.completions.create(params);
}

// biome-ignore lint/suspicious/noExplicitAny: tests read fields of whichever error class arrived
async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e) => e,
  );
}

const base = CHUNKS[1]!;
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ ...base, choices, ...extra });

describe('consuming a complete stream', () => {
  it('emits chunk, text (delta + snapshot) and end, and resolves the final completion', async () => {
    const stream = await streamOf([recordedStream()]);
    const events: unknown[] = [];
    stream.on('chunk', (c) => events.push(['chunk', c.choices[0]?.finish_reason ?? null]));
    stream.on('text', (delta, snapshot) => events.push(['text', delta, snapshot]));
    stream.on('end', () => events.push(['end']));
    stream.on('error', (e) => events.push(['error', e]));
    const final = await stream.finalChatCompletion();
    expect(events.filter((e) => (e as string[])[0] === 'text')).toEqual([
      ['text', 'Héllo', 'Héllo'],
      ['text', ', grid 🌍', 'Héllo, grid 🌍'],
      ['text', '!', FULL_TEXT],
    ]);
    expect(events.filter((e) => (e as string[])[0] === 'chunk')).toHaveLength(CHUNKS.length);
    expect(events.at(-1)).toEqual(['end']);
    expect(final).toEqual({
      id: base.id,
      object: 'chat.completion',
      created: base.created,
      model: base.model,
      choices: [{ index: 0, message: { role: 'assistant', content: FULL_TEXT }, finish_reason: 'stop' }],
      usage: USAGE,
      grid: GRID,
    });
    expect(await stream.finalText()).toBe(FULL_TEXT);
    await expect(stream.done()).resolves.toBeUndefined();
  });

  it('lets for-await and listeners share one pass', async () => {
    const stream = await streamOf([recordedStream()]);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks).toEqual(CHUNKS);
    expect(texts.join('')).toBe(FULL_TEXT);
  });

  // ~2,700 whole streams through the client: a fixed amount of work, so it gets a limit sized for a
  // saturated CI machine rather than the default. One client serves every offset (building a Grid per
  // offset doubled the work without covering anything more).
  it('gives the same completion for a split at every byte offset (LF and CRLF)', {
    timeout: 60_000,
  }, async () => {
    let body: ReadableStream<Uint8Array> | undefined;
    const grid = makeGrid({ fetch: async () => new Response(body, { headers: sseHeaders() }) });
    for (const eol of ['\n', '\r\n']) {
      const bytes = encoder.encode(recordedStream(eol));
      for (let offset = 0; offset <= bytes.length; offset += 1) {
        body = bodyOf([bytes.slice(0, offset), bytes.slice(offset)]);
        const stream = await grid.chat.completions.create(params);
        expect(await stream.finalText(), `eol ${JSON.stringify(eol)} @${offset}`).toBe(FULL_TEXT);
      }
    }
  });

  it('gives the same completion when every byte arrives alone', async () => {
    const bytes = encoder.encode(recordedStream('\r\n'));
    const stream = await streamOf(Array.from(bytes, (b) => Uint8Array.of(b)));
    expect(await stream.finalChatCompletion()).toMatchObject({
      choices: [{ message: { content: FULL_TEXT } }],
    });
  });

  it('ignores comments, keep-alives, empty data and unknown event names', async () => {
    const stream = await streamOf([
      ': OPENROUTER PROCESSING\n\n',
      'data:\n\n',
      sseEvent(CHUNKS[0]),
      'event: progress\ndata: {"percent":50}\n\n',
      ':ping\r\n\r\n',
      ...CHUNKS.slice(1).map((c) => sseEvent(c)),
      sseEvent('[DONE]'),
    ]);
    expect(await stream.finalText()).toBe(FULL_TEXT);
  });

  it('accepts a final [DONE] without the closing blank line', async () => {
    const stream = await streamOf([...CHUNKS.map((c) => sseEvent(c)), 'data: [DONE]']);
    expect(await stream.finalText()).toBe(FULL_TEXT);
  });

  it('accumulates reasoning_content and tool-call fragments', async () => {
    const stream = await streamOf([
      sseEvent(chunk([{ index: 0, delta: { role: 'assistant', reasoning_content: 'Think' } }])),
      sseEvent(chunk([{ index: 0, delta: { reasoning_content: 'ing.' } }])),
      sseEvent(
        chunk([
          {
            index: 0,
            delta: {
              tool_calls: [
                { index: 0, id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"ci' } },
              ],
            },
          },
        ]),
      ),
      sseEvent(
        chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'ty":"Oslo"}' } }] } }]),
      ),
      sseEvent(chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }])),
      sseEvent('[DONE]'),
    ]);
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]).toEqual({
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: null,
        reasoning_content: 'Thinking.',
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: 'get', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
    });
  });

  it('reports usage as a ChatCompletion does, with 0 for counts the grid did not send', async () => {
    const ending = [
      sseEvent(chunk([{ index: 0, delta: { content: 'A' } }])),
      sseEvent(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }])),
    ];
    // No usage chunk at all (a media model's stream).
    const none = await streamOf([...ending, sseEvent('[DONE]')]);
    expect((await none.finalChatCompletion()).usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
    });
    expect(none.currentChatCompletion?.usage).toBeUndefined();
    // `usage: {}` (the live grid, when the worker reported no usage).
    const empty = await streamOf([...ending, sseEvent(chunk([], { usage: {} })), sseEvent('[DONE]')]);
    expect((await empty.finalChatCompletion()).usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
    });
    // A partial count keeps what was sent and derives the total.
    const partial = await streamOf([
      ...ending,
      sseEvent(chunk([], { usage: { prompt_tokens: 7, completion_tokens: 2 } })),
      sseEvent('[DONE]'),
    ]);
    expect((await partial.finalChatCompletion()).usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 2,
      total_tokens: 9,
    });
  });

  it('keeps several choices apart', async () => {
    const stream = await streamOf([
      sseEvent(
        chunk([
          { index: 1, delta: { content: 'B' } },
          { index: 0, delta: { content: 'A' } },
        ]),
      ),
      sseEvent(
        chunk([
          { index: 0, delta: {}, finish_reason: 'stop' },
          { index: 1, delta: {}, finish_reason: 'length' },
        ]),
      ),
      sseEvent('[DONE]'),
    ]);
    const final = await stream.finalChatCompletion();
    expect(final.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'A', 'stop'],
      [1, 'B', 'length'],
    ]);
  });
});

describe('incomplete streams', () => {
  it('a stream cut before [DONE] → StreamInterruptedError with the partial text', async () => {
    const stream = await streamOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1]), sseEvent(CHUNKS[2])]);
    const errors: unknown[] = [];
    stream.on('error', (e) => errors.push(e));
    const error = await failure(stream.finalChatCompletion());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.message).toMatch(/without `data: \[DONE\]`/);
    expect(error.partialText).toBe('Héllo, grid 🌍');
    expect(error.snapshot.choices[0].finish_reason).toBeNull();
    expect(errors).toEqual([error]);
  });

  it('[DONE] without any finish_reason → StreamInterruptedError', async () => {
    const stream = await streamOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1]), sseEvent('[DONE]')]);
    const error = await failure(stream.finalText());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.message).toMatch(/without a finish_reason for choice 0/);
    expect(error.partialText).toBe('Héllo');
  });

  it('an empty stream is interrupted too', async () => {
    const error = await failure((await streamOf([])).done());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.partialText).toBe('');
  });

  it('the iterator yields what arrived, then throws', async () => {
    const stream = await streamOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])]);
    const seen: ChatCompletionChunk[] = [];
    const error = await failure(
      (async () => {
        for await (const c of stream) seen.push(c);
      })(),
    );
    expect(seen).toEqual(CHUNKS.slice(0, 2));
    expect(error).toBeInstanceOf(StreamInterruptedError);
  });

  it('a malformed event interrupts the stream and names the data', async () => {
    const stream = await streamOf([sseEvent(CHUNKS[0]), 'data: {"oops\n\n']);
    const error = await failure(stream.done());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.cause).toBeInstanceOf(AIPGError);
    expect(error.message).toContain('{"oops');
  });
});

describe('mid-stream errors', () => {
  it('a {"error": …} data event → APIError with its message and type', async () => {
    const stream = await streamOf([
      sseEvent(CHUNKS[0]),
      sseEvent(CHUNKS[1]),
      sseEvent({ error: { message: 'Worker failed to produce output.', type: 'upstream_error' } }),
      sseEvent('[DONE]'),
    ]);
    const texts: string[] = [];
    stream.on('text', (d) => texts.push(d));
    const error = await failure(stream.finalChatCompletion());
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(StreamInterruptedError);
    expect(error.message).toBe('Worker failed to produce output.');
    expect(error.type).toBe('upstream_error');
    expect(error.status).toBeUndefined();
    expect(texts).toEqual(['Héllo']);
  });

  it('a service_unavailable error event (the grid shut down) → StreamInterruptedError with the text so far', async () => {
    const message = 'The grid is shutting down (service restart); send the request again later.';
    const stream = await streamOf([
      sseEvent(CHUNKS[0]),
      sseEvent(CHUNKS[1]),
      sseEvent({ error: { message, type: 'service_unavailable' } }),
      sseEvent('[DONE]'),
    ]);
    const error = await failure(stream.finalChatCompletion());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.message).toBe(`The stream was interrupted: ${message}`);
    expect(error.partialText).toBe('Héllo');
    expect(error.cause).toBeInstanceOf(APIError);
    expect(error.cause.type).toBe('service_unavailable');
  });

  it('an `event: error` event → APIError, even with a non-JSON payload', async () => {
    const stream = await streamOf([sseEvent(CHUNKS[0]), 'event: error\ndata: backend exploded\n\n']);
    const error = await failure(stream.done());
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toBe('backend exploded');
  });
});

describe('abort', () => {
  it('abort() mid-stream rejects with APIUserAbortError and emits abort + end, not error', async () => {
    let cancelled = false;
    const stream = await streamOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])], {
      stall: true,
      onCancel: () => {
        cancelled = true;
      },
    });
    const events: string[] = [];
    stream.on('abort', () => events.push('abort'));
    stream.on('error', () => events.push('error'));
    stream.on('end', () => events.push('end'));
    stream.on('text', () => stream.abort());
    const error = await failure(stream.finalChatCompletion());
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(events).toEqual(['abort', 'end']);
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toBe(true);
  });

  it('leaving a for-await early cancels the request', async () => {
    let cancelled = false;
    const stream = await streamOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])], {
      stall: true,
      onCancel: () => {
        cancelled = true;
      },
    });
    for await (const c of stream) {
      expect(c).toEqual(CHUNKS[0]);
      break;
    }
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toBe(true);
  });

  it('abort() before anything was read releases the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const stream = ChatCompletionStream.fromReadableStream(body);
    stream.abort();
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(cancelled).toBe(true);
  });

  it('an iterator made after a chunkless failure rethrows it, then ends', async () => {
    const stream = await streamOf([]);
    const error = await failure(stream.done());
    const iterator = stream[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBe(error);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('refuses a second iterator once chunks were delivered elsewhere', async () => {
    const stream = await streamOf([recordedStream()]);
    await stream.done();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already delivered chunks/);
  });
});

describe('toReadableStream / fromReadableStream', () => {
  async function readAll(readable: ReadableStream<Uint8Array>): Promise<string> {
    return new Response(readable).text();
  }

  it('round-trips a complete stream as NDJSON', async () => {
    const relayed = (await streamOf([recordedStream()])).toReadableStream();
    const [a, b] = relayed.tee();
    const ndjson = await readAll(a);
    expect(
      ndjson
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(CHUNKS);
    const rebuilt = ChatCompletionStream.fromReadableStream(b);
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of rebuilt) chunks.push(c);
    expect(chunks).toEqual(CHUNKS);
    const final = await rebuilt.finalChatCompletion();
    expect(final.usage).toEqual(USAGE);
    expect(final.grid).toEqual(GRID);
  });

  it('relays a mid-stream error as an error line that becomes APIError again', async () => {
    const source = await streamOf([
      sseEvent(CHUNKS[0]),
      sseEvent({ error: { message: 'Worker failed.', type: 'upstream_error' } }),
    ]);
    const rebuilt = ChatCompletionStream.fromReadableStream(source.toReadableStream());
    const error = await failure(rebuilt.done());
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toBe('Worker failed.');
    expect(error.type).toBe('upstream_error');
  });

  it('relays an interruption as StreamInterruptedError with the partial text', async () => {
    const source = await streamOf([sseEvent(CHUNKS[0]), sseEvent(CHUNKS[1])]);
    const rebuilt = ChatCompletionStream.fromReadableStream(source.toReadableStream());
    const error = await failure(rebuilt.finalText());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.partialText).toBe('Héllo');
  });

  it('rebuilds a status-bearing error line as the status class', async () => {
    const ndjson = `${JSON.stringify(CHUNKS[0])}\n${JSON.stringify({ error: { message: 'boom', status: 500 } })}\n`;
    const rebuilt = ChatCompletionStream.fromReadableStream(bodyOf([ndjson]));
    await expect(rebuilt.done()).rejects.toBeInstanceOf(InternalServerError);
  });

  it('an NDJSON relay that ends without a finish_reason is interrupted', async () => {
    const rebuilt = ChatCompletionStream.fromReadableStream(bodyOf([`${JSON.stringify(CHUNKS[1])}\n`]));
    await expect(rebuilt.done()).rejects.toBeInstanceOf(StreamInterruptedError);
  });

  it('abort() stops a relay whose source stalls', async () => {
    const rebuilt = ChatCompletionStream.fromReadableStream(
      bodyOf([`${JSON.stringify(CHUNKS[1])}\n`], { stall: true }),
    );
    rebuilt.on('chunk', () => rebuilt.abort());
    await expect(rebuilt.done()).rejects.toBeInstanceOf(APIUserAbortError);
  });
});
