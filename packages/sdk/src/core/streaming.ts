import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type { EventSourceMessage };

/**
 * Server-sent events from a byte stream, parsed by eventsource-parser (spec-compliant: LF, CR and CRLF
 * line ends, `:` comments and keep-alives skipped, multi-line `data`). At end of input a final event that
 * lacks its closing blank line is still delivered — workers and proxies do send those.
 * Stopping the iteration early cancels the body.
 */
export async function* decodeSSE(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<EventSourceMessage> {
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  yield* decodeText(
    body,
    signal,
    (text) => parser.feed(text),
    pending,
    () => parser.feed('\n\n'),
  );
}

/**
 * Lines of a newline-delimited stream (NDJSON), LF or CRLF; a last line without a newline is
 * delivered too. Stopping the iteration early cancels the body.
 */
export async function* decodeLines(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const pending: string[] = [];
  let buffer = '';
  const feed = (text: string) => {
    buffer += text;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      pending.push(buffer.slice(0, newline).replace(/\r$/, ''));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  };
  const flush = () => {
    if (buffer) pending.push(buffer.replace(/\r$/, ''));
    buffer = '';
  };
  yield* decodeText(body, signal, feed, pending, flush);
}

/**
 * Decodes UTF-8 (multi-byte characters may straddle chunks), feeds the text, yields what `feed` queued.
 * `signal` cancels the body even while a read is pending (a plain `return()` would wait for that read).
 */
async function* decodeText<T>(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
  feed: (text: string) => void,
  pending: T[],
  flush: () => void,
): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) return;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      feed(decoder.decode(value, { stream: true }));
      while (pending.length) yield pending.shift()!;
    }
    finished = true;
    feed(decoder.decode());
    flush();
    while (pending.length) yield pending.shift()!;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Early exit (the consumer stopped, or a read failed): release the connection.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
