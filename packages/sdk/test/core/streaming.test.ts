import { describe, expect, it } from 'vitest';
import { decodeLines, decodeSSE, type EventSourceMessage } from '../../src/core/streaming';
import { CHUNKS, recordedStream } from '../fixtures/chat-stream';
import { bodyOf, encoder } from '../helpers';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const datas = (events: EventSourceMessage[]) => events.map((e) => e.data);
const expectedData = [...CHUNKS.map((c) => JSON.stringify(c)), '[DONE]'];

describe('decodeSSE', () => {
  it('parses the recorded grid stream, skipping the keep-alive comment', async () => {
    expect(datas(await collect(decodeSSE(bodyOf([recordedStream()]))))).toEqual(expectedData);
  });

  it('gives the same events for a split at every byte offset (LF and CRLF)', async () => {
    for (const eol of ['\n', '\r\n']) {
      const bytes = encoder.encode(recordedStream(eol));
      for (let offset = 0; offset <= bytes.length; offset++) {
        const parts = [bytes.slice(0, offset), bytes.slice(offset)];
        expect(
          datas(await collect(decodeSSE(bodyOf(parts)))),
          `eol ${JSON.stringify(eol)} @${offset}`,
        ).toEqual(expectedData);
      }
    }
  });

  it('gives the same events when every byte arrives alone', async () => {
    const bytes = encoder.encode(recordedStream('\r\n'));
    const parts = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(datas(await collect(decodeSSE(bodyOf(parts))))).toEqual(expectedData);
  });

  it('handles bare CR line ends, multi-line data, event names and comments', async () => {
    const text = ': hello\r\revent: error\rdata: a\rdata: b\r\r:ping\n\ndata: c\n\n';
    const events = await collect(decodeSSE(bodyOf([text])));
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['error', 'a\nb'],
      [undefined, 'c'],
    ]);
  });

  it('reads id, event and data fields as the HTML standard says', async () => {
    const text = [
      'id: 7',
      'event: message',
      'data:  two spaces, one kept',
      'data',
      'retry: 1000',
      'unknown: field',
      ' data: a leading space makes another field',
      '',
      'event: only',
      'id: no data, no event',
      '',
      'id: a\0b',
      'data:x',
      '',
      'data: ',
      '',
      '',
    ].join('\n');
    const events = await collect(decodeSSE(bodyOf([text])));
    expect(events).toEqual([
      { id: '7', event: 'message', data: ' two spaces, one kept\n' },
      { id: undefined, event: undefined, data: 'x' },
      { id: undefined, event: undefined, data: '' },
    ]);
  });

  it('keeps a long line that arrives in many pieces whole', async () => {
    const long = 'x'.repeat(50_000);
    const bytes = encoder.encode(`data: ${long}\r\n\r\ndata: after\r\n\r\n`);
    const parts = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.slice(i * 7, i * 7 + 7),
    );
    expect(datas(await collect(decodeSSE(bodyOf(parts))))).toEqual([long, 'after']);
  });

  it.each([
    ['no blank line', 'data: 1\n\ndata: last\n'],
    ['no newline at all', 'data: 1\n\ndata: last'],
    ['CRLF, no blank line', 'data: 1\r\n\r\ndata: last\r\n'],
    ['a dangling CR', 'data: 1\r\rdata: last\r'],
  ])('flushes a trailing event with %s', async (_, text) => {
    expect(datas(await collect(decodeSSE(bodyOf([text]))))).toEqual(['1', 'last']);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of decodeSSE(body)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });

  it('cancels a pending read when the signal aborts', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const events = collect(decodeSSE(body, controller.signal));
    controller.abort();
    expect(await events).toEqual([]);
    expect(cancelled).toBe(true);
  });
});

describe('decodeLines', () => {
  it('splits LF and CRLF lines and flushes the last line', async () => {
    const bytes = encoder.encode('{"a":1}\r\n{"b":"é"}\n\n{"c":3}');
    for (let offset = 0; offset <= bytes.length; offset++) {
      const lines = await collect(decodeLines(bodyOf([bytes.slice(0, offset), bytes.slice(offset)])));
      expect(lines).toEqual(['{"a":1}', '{"b":"é"}', '', '{"c":3}']);
    }
  });
});
