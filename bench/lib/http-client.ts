// A lean load client in the style of wrk and autocannon: a fixed pool of keep-alive sockets that write each
// request's bytes and read the answer with a minimal HTTP/1.1 response reader, so the load generator spends as
// little CPU per request as it can and the server is what gets measured. node:http's client costs several
// times what a node:http server does per request (its agent, ClientRequest and IncomingMessage objects), so with
// it the client's core, not the server, set the ceiling on a fast server.
import { connect, type Socket } from 'node:net';
import { API_KEY } from './fixtures.js';

/** `/v1` takes the key as a bearer token; the Horde (`/api/v2`) in an `apikey` header (docs/mock-grid.md). */
const AUTH = {
  bearer: `authorization: Bearer ${API_KEY}\r\n`,
  apikey: `apikey: ${API_KEY}\r\n`,
} as const;

interface Pending {
  request: Buffer;
  label: string;
  resolve: (text: string) => void;
  reject: (err: Error) => void;
}

export function poster(baseUrl: string, sockets: number, auth: keyof typeof AUTH = 'bearer') {
  const { hostname, port } = new URL(baseUrl);
  const head = `host: ${hostname}:${port}\r\n${AUTH[auth]}`;
  const idle: Connection[] = [];
  const waiting: Pending[] = [];
  const all = new Set<Connection>();
  let closed = false;

  /** One keep-alive socket: one request in flight at a time (no pipelining, as a browser or SDK sends). */
  class Connection {
    socket: Socket;
    buffered: Buffer = Buffer.alloc(0);
    current: Pending | null = null;
    constructor() {
      this.socket = connect(Number(port), hostname);
      this.socket.setNoDelay(true);
      this.socket.on('data', (part: Buffer) => {
        this.buffered = this.buffered.length ? Buffer.concat([this.buffered, part]) : part;
        this.read();
      });
      // A socket the server closed (or a reset) fails its request; the pool opens a new one for the next.
      const gone = (err?: Error) => {
        all.delete(this);
        const index = idle.indexOf(this);
        if (index >= 0) idle.splice(index, 1);
        const current = this.current;
        this.current = null;
        current?.reject(err ?? new Error(`${current.label}: the server closed the connection`));
        if (!closed && waiting.length) take(new Connection());
      };
      this.socket.on('error', gone);
      this.socket.on('close', () => gone());
      all.add(this);
    }
    send(pending: Pending): void {
      this.current = pending;
      this.socket.write(pending.request);
    }
    /** Settles the request in flight once its whole answer is here (Content-Length or chunked). */
    read(): void {
      const current = this.current;
      if (!current) return;
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headText = this.buffered.toString('latin1', 0, end).toLowerCase();
      const status = Number(headText.slice(9, 12));
      const bodyAt = end + 4;
      const length = /\r\ncontent-length: *(\d+)/.exec(headText);
      let body: Buffer;
      let next: number;
      if (length) {
        next = bodyAt + Number(length[1]);
        if (this.buffered.length < next) return;
        body = this.buffered.subarray(bodyAt, next);
      } else if (headText.includes('\r\ntransfer-encoding: chunked')) {
        const parts: Buffer[] = [];
        let at = bodyAt;
        for (;;) {
          const lineEnd = this.buffered.indexOf('\r\n', at);
          if (lineEnd < 0) return;
          const size = Number.parseInt(this.buffered.toString('latin1', at, lineEnd), 16);
          if (size === 0) {
            // The last chunk, then the (empty) trailer section's CRLF.
            if (this.buffered.length < lineEnd + 4) return;
            next = lineEnd + 4;
            break;
          }
          if (this.buffered.length < lineEnd + 2 + size + 2) return;
          parts.push(this.buffered.subarray(lineEnd + 2, lineEnd + 2 + size));
          at = lineEnd + 2 + size + 2;
        }
        body = Buffer.concat(parts);
      } else {
        current.reject(new Error(`${current.label}: an answer without a length: ${headText.slice(0, 200)}`));
        this.socket.destroy();
        return;
      }
      const text = body.toString('utf8');
      this.buffered = this.buffered.subarray(next);
      this.current = null;
      if (status >= 200 && status < 300) current.resolve(text);
      else current.reject(new Error(`${current.label}: HTTP ${status}: ${text.slice(0, 200)}`));
      if (headText.includes('\r\nconnection: close')) this.socket.destroy();
      else take(this);
    }
  }

  /** A free connection takes the next waiting request, or goes idle. */
  const take = (connection: Connection) => {
    const pending = waiting.shift();
    if (pending) connection.send(pending);
    else idle.push(connection);
  };

  /** Resolves with the whole response text; rejects on a status outside 2xx. */
  const send = (method: 'GET' | 'POST', path: string, body?: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const bytes =
        body === undefined
          ? `${method} ${path} HTTP/1.1\r\n${head}\r\n`
          : `${method} ${path} HTTP/1.1\r\n${head}content-type: application/json\r\n` +
            `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      const pending = { request: Buffer.from(bytes), label: `${method} ${path}`, resolve, reject };
      const connection = idle.pop();
      if (connection) connection.send(pending);
      else {
        waiting.push(pending);
        // Written before the socket connects: net holds it until then.
        if (all.size < sockets) take(new Connection());
      }
    });
  return {
    post: (path: string, body: string) => send('POST', path, body),
    get: (path: string) => send('GET', path),
    close: () => {
      closed = true;
      for (const connection of all) connection.socket.destroy();
    },
  };
}
