// The floor under the mock grid's lifecycles: the least a server can do that hands each chat request to a
// WebSocket worker and answers once the worker is done. It speaks just enough of the worker protocol
// (openapi/components/ws.yaml) for the tiny workers: register → ready, a `job` frame per request, the
// worker's `token`… `done` frames parsed, an `ack` back. Everything a grid does besides that (auth, validation,
// queueing rules, leases, the ledger, building the answer from the tokens) is left out: it answers with the
// very bytes the grid answered, as the plain baseline does. Grid ÷ this is the share of that floor the grid
// keeps; this ÷ plain is what the extra hop to a worker costs on this machine, before any grid logic.
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FixedBodies } from './fixed-server.js';
import { listenLocal } from './listen.js';

interface Pending {
  res: ServerResponse;
  stream: boolean;
}

export interface RelayServer {
  url: string;
  bodies: FixedBodies;
  close(): Promise<void>;
}

export async function startRelayServer(): Promise<RelayServer> {
  const idle: WebSocket[] = [];
  const queue: Pending[] = [];
  const busy = new Map<WebSocket, Pending>();
  let nextId = 0;

  const assign = (ws: WebSocket, job: Pending) => {
    busy.set(ws, job);
    ws.send(`{"type":"job","id":"r${nextId++}","model":"relay","payload":{"prompt":"relay"}}`);
  };
  const answer = (job: Pending) => {
    if (job.stream) {
      job.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of relay.bodies.sse) job.res.write(event);
      job.res.end();
    } else {
      job.res.writeHead(200, { 'content-type': 'application/json' }).end(relay.bodies.json);
    }
  };

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
      const job = { res, stream };
      const ws = idle.pop();
      if (ws) assign(ws, job);
      else queue.push(job);
    });
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket as Socket, head, (ws) => {
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { type?: string; id?: string };
        if (frame.type === undefined) {
          ws.send('{"type":"ready"}');
          idle.push(ws);
        } else if (frame.type === 'done') {
          const job = busy.get(ws)!;
          busy.delete(ws);
          // The ack and the next job leave in one socket write, as the grid sends them.
          const socket = (ws as unknown as { _socket: Socket })._socket;
          socket.cork();
          ws.send(`{"type":"ack","id":"${frame.id}","den":0.8}`);
          const next = queue.shift();
          if (next) assign(ws, next);
          else idle.push(ws);
          socket.uncork();
          answer(job);
        }
      });
    }),
  );
  const { url, close } = await listenLocal(server);
  const relay: RelayServer = {
    url,
    bodies: { json: '', sse: [] },
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await close();
    },
  };
  return relay;
}
