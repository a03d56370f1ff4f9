/** One server-sent event. `event` and `id` are `undefined` unless the event set them. */
export interface EventSourceMessage {
  event?: string | undefined;
  id?: string | undefined;
  data: string;
}

/**
 * Server-sent events from a byte stream, parsed as the HTML standard's event-stream format: LF, CR and
 * CRLF line ends, `:` comments and keep-alives skipped, multi-line `data` joined with `\n`, `retry` and
 * unknown fields ignored. At end of input a final event that lacks its closing blank line is still
 * delivered — workers and proxies do send those. Stopping the iteration early cancels the body.
 */
export function decodeSSE(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<EventSourceMessage> {
  const pending: EventSourceMessage[] = [];
  const feed = sseParser((event) => pending.push(event));
  // decodeText's generator itself, not one delegating to it: a layer less for every event.
  return decodeText(body, signal, feed, pending, () => feed('\n\n'));
}

/** A parser fed text in pieces of any size; calls `onEvent` at each blank line that ends an event with data. */
function sseParser(onEvent: (event: EventSourceMessage) => void): (text: string) => void {
  let rest = ''; // an unfinished line
  let data: string | undefined; // undefined until the event has a `data` line
  let event: string | undefined;
  let id: string | undefined;
  const line = (text: string) => {
    if (text === '') {
      if (data !== undefined) onEvent({ id, event, data });
      data = event = id = undefined;
      return;
    }
    const colon = text.indexOf(':');
    if (colon === 0) return;
    const field = colon === -1 ? text : text.slice(0, colon);
    // One space after the colon is part of the syntax, not of the value.
    const value = colon === -1 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') event = value || undefined;
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  return (text) => {
    // A piece without a line end only lengthens the unfinished line: append it, scanning nothing again
    // (a long line may come in many pieces).
    if (!/[\r\n]/.test(text) && !rest.endsWith('\r')) {
      rest += text;
      return;
    }
    let input = rest + text;
    // A CR at the very end may be the first half of a CRLF: keep it until the next piece says.
    const cr = input.endsWith('\r') ? '\r' : '';
    if (cr) input = input.slice(0, -1);
    const lines = input.split(/\r\n|\r|\n/);
    rest = lines.pop()! + cr;
    for (const each of lines) line(each);
  };
}

/**
 * Lines of a newline-delimited stream (NDJSON), LF or CRLF; a last line without a newline is
 * delivered too. Stopping the iteration early cancels the body.
 */
export function decodeLines(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
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
  return decodeText(body, signal, feed, pending, flush);
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
