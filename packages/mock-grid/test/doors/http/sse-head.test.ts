// A stream's head (headers + the door's opening events) waits for the job's first event, so a job served at
// once leaves in one socket write; a job still queued gets its headers anyway; the events of one turn are one
// chunk of the response (docs/mock-grid.md "Limits").
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncQueue } from '../../../src/doors/async-queue.js';
import { writeDoorResponse } from '../../../src/doors/http/node-adapter.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

/** Serves one SSE response fed by `events`; counts the socket writes it took (Writable's `_write`/`_writev`). */
async function serveStream(events: AsyncQueue<string>, afterStart?: () => void) {
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
    void writeDoorResponse(res, { kind: 'sse', status: 200, headers: {}, events });
    afterStart?.();
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
    const served = await serveStream(events, () =>
      setImmediate(() => {
        events.push('{"token":1}');
        events.push('{"token":2}');
        events.end();
      }),
    );
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
});
