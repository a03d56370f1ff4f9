// A lean load client: node:http with a keep-alive pool, so the load generator spends as little CPU per
// request as possible and the server side is what gets measured.
import { Agent, request } from 'node:http';
import { API_KEY } from './fixtures.js';

export function poster(baseUrl: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  /** POSTs `body` and resolves with the whole response text; rejects on a non-200. */
  const post = (path: string, body: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          hostname,
          port,
          path,
          method: 'POST',
          headers: {
            authorization: `Bearer ${API_KEY}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (part: string) => {
            text += part;
          });
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(text)
              : reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}
