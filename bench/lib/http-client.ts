// A lean load client: node:http with a keep-alive pool, so the load generator spends as little CPU per
// request as possible and the server side is what gets measured.
import { Agent, request } from 'node:http';
import { API_KEY } from './fixtures.js';

/** `/v1` takes the key as a bearer token; the Horde (`/api/v2`) in an `apikey` header (docs/mock-grid.md). */
const AUTH = {
  bearer: { authorization: `Bearer ${API_KEY}` },
  apikey: { apikey: API_KEY },
} as const;

export function poster(baseUrl: string, sockets: number, auth: keyof typeof AUTH = 'bearer') {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  /** Resolves with the whole response text; rejects on a status outside 2xx. */
  const send = (method: 'GET' | 'POST', path: string, body?: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          hostname,
          port,
          path,
          method,
          headers:
            body === undefined
              ? AUTH[auth]
              : {
                  ...AUTH[auth],
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
            res.statusCode! >= 200 && res.statusCode! < 300
              ? resolve(text)
              : reject(new Error(`${method} ${path}: HTTP ${res.statusCode}: ${text.slice(0, 200)}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    post: (path: string, body: string) => send('POST', path, body),
    get: (path: string) => send('GET', path),
    close: () => agent.destroy(),
  };
}
