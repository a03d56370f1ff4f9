// A stream's head (headers + the door's opening events) waits for the job's first event, so a job served at
// once leaves in one socket write; a job still queued gets its headers anyway; the events of one turn are one
// chunk of the response (docs/mock-grid.md "Limits").
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AsyncQueue } from '../../../src/doors/async-queue.js';
import { writeDoorResponse } from '../../../src/doors/http/node-adapter.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

/**
 * Serves one SSE response fed by `events`, whose first `opening` events are the door's own; counts the socket
 * writes it took (Writable's `_write`/`_writev`). `before` / `after` run around the start of the response.
 */
async function serveStream(
  events: AsyncQueue<string>,
  { opening = 1, before, after }: { opening?: number; before?: () => void; after?: () => void } = {},
) {
  let writes = 0;
  server = createServer((_req, res) => {
    type Write = (this: Socket, ...args: unknown[]) => unknown;
    const socket = res.socket as Socket & { _write: Write; _writev: Write };
    for (const method of ['_write', '_writev'] as const) {
      const original = socket[method];
      socket[method] = function (this: Socket, ...args: unknown[]) {
        writes += 1;
        return original.apply(this, args);
      };
    }
    before?.();
    void writeDoorResponse(res, { kind: 'sse', status: 200, headers: {}, opening, events });
    after?.();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, writes: () => writes };
}

/** The raw response (HTTP/1.1, chunked): its body's chunks, as the server framed them. */
async function rawChunks(url: string): Promise<string[]> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  let raw = '';
  socket.setEncoding('utf8');
  for await (const part of socket) raw += part;
  let body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const chunks: string[] = [];
  for (;;) {
    const line = body.indexOf('\r\n');
    const size = Number.parseInt(body.slice(0, line), 16);
    if (size === 0) return chunks;
    chunks.push(body.slice(line + 2, line + 2 + size));
    body = body.slice(line + 2 + size + 2);
  }
}

describe('SSE head hold', () => {
  it('headers, opening events and the first job events leave in one socket write', async () => {
    const events = new AsyncQueue<string>();
    events.push('{"opening":1}'); // written in the stream's first turn, like the role chunk
    // The job's events arrive in a later turn of the loop (and before any timer): they release the head,
    // and everything goes out together.
    const served = await serveStream(events, {
      after: () =>
        setImmediate(() => {
          events.push('{"token":1}');
          events.push('{"token":2}');
          events.end();
        }),
    });
    // One chunk per turn: the opening event's, then both tokens' (not one chunk per event).
    expect(await rawChunks(served.url)).toEqual([
      'data: {"opening":1}\n\n',
      'data: {"token":1}\n\ndata: {"token":2}\n\n',
    ]);
    expect(served.writes()).toBe(1);
  });

  it('a job that produces nothing yet still gets its headers and opening events, then the rest', async () => {
    const events = new AsyncQueue<string>();
    events.push('{"opening":1}');
    const served = await serveStream(events);
    const response = await fetch(served.url); // resolves on the headers: nothing else was pushed
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"opening":1}\n\n');
    events.push('{"token":1}');
    events.end();
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toBe('data: {"token":1}\n\n');
  });

  it('a job event due in the same turn as the opening ones is sent at once, not held', async () => {
    // The hold timer never fires here: only the job's first event may release the head.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const events = new AsyncQueue<string>();
      events.push('{"opening":1}');
      // Scheduled before the response starts, as a worker with no time to first token is (the core's clock
      // runs a timer due now on the next turn): the token comes before the stream's first turn is over.
      const served = await serveStream(events, {
        before: () => setImmediate(() => events.push('{"token":1}')),
      });
      const socket = connect(Number(new URL(served.url).port), '127.0.0.1');
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      socket.setEncoding('utf8');
      let raw = '';
      for await (const part of socket) {
        raw += part;
        if (raw.includes('{"token":1}')) break; // arrived while the stream is still open
      }
      socket.destroy();
      events.end();
      expect(raw).toContain('data: {"opening":1}');
      expect(served.writes()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a stream with no opening events of its own sends its head with its first events', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const events = new AsyncQueue<string>();
      events.push('{"replayed":1}');
      const served = await serveStream(events, { opening: 0 });
      const response = await fetch(served.url);
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"replayed":1}\n\n');
      events.end();
      await reader.cancel();
    } finally {
      vi.useRealTimers();
    }
  });
});
