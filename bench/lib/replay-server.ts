// A plain node:http server that answers each route with one recorded response (status and body), for the
// baselines that must answer exactly what the grid answered. Like the fixed server it reads and parses the
// JSON body of every request, as any real server would, and does nothing else.
import { createServer } from 'node:http';
import { listenLocal } from './listen.js';

export interface Recorded {
  method: 'GET' | 'POST';
  /** The route's path up to its first parameter, e.g. `/api/v2/generate/text/status/`. */
  prefix: string;
  status: number;
  body: string;
}

export interface ReplayServer {
  url: string;
  answers: Recorded[];
  close(): Promise<void>;
}

export async function startReplayServer(answers: Recorded[] = []): Promise<ReplayServer> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const answer = replay.answers.find((a) => a.method === req.method && req.url!.startsWith(a.prefix));
      if (!answer) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not recorded"}');
        return;
      }
      if (parts.length) {
        try {
          JSON.parse(Buffer.concat(parts).toString('utf8'));
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"bad json"}');
          return;
        }
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  const { url, close } = await listenLocal(server);
  const replay: ReplayServer = { url, answers, close };
  return replay;
}
