// The baseline server: plain `node:http` answering every POST with a fixed body — JSON, or SSE when the
// request says `"stream": true` (each event its own write, as a streaming server sends them). It parses the
// request body like any real server would, and does nothing else.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { completionBody, sseEvents } from './fixtures.js';

export interface FixedBodies {
  json: string;
  sse: string[];
}

export interface FixedServer {
  url: string;
  bodies: FixedBodies;
  close(): Promise<void>;
}

export async function startFixedServer(bodies: FixedBodies = { json: completionBody(), sse: sseEvents() }) {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let stream = false;
      try {
        stream = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { stream?: boolean }).stream === true;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"detail":"bad json"}');
        return;
      }
      if (stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const event of fixed.bodies.sse) res.write(event);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(fixed.bodies.json);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fixed: FixedServer = {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  return fixed;
}
