// The baseline for the image benchmark: a plain node:http server that stores the body of a PUT in memory and
// answers a GET of the same path with those bytes. It copies the picture in and out, as the grid's object
// store must, and does nothing else: no signature, no verification, no job.
import { createServer } from 'node:http';
import { listenLocal } from './listen.js';

export async function startObjectServer() {
  const objects = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const key = req.url ?? '/';
    if (req.method === 'PUT') {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => {
        objects.set(key, Buffer.concat(parts));
        res.writeHead(200, { 'content-length': 0 }).end();
      });
      return;
    }
    const bytes = objects.get(key);
    if (!bytes) res.writeHead(404, { 'content-length': 0 }).end();
    else {
      objects.delete(key);
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length }).end(bytes);
    }
  });
  return listenLocal(server);
}
