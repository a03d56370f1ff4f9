// The baseline server: plain `node:http` answering every POST with a fixed body — JSON, or SSE when the
// request says `"stream": true` (each event its own write, as a streaming server sends them). It parses the
// request body like any real server would, and does nothing else.
import { createServer } from 'node:http';
import { completionBody, sseEvents } from './fixtures.js';
import { listenLocal } from './listen.js';

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
  const { url, close } = await listenLocal(server);
  const fixed: FixedServer = { url, bodies, close };
  return fixed;
}
