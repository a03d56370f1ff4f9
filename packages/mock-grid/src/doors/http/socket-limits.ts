import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Limits of the node server's sockets (docs/mock-grid.md "Limits"); msw has no sockets and ignores them.
 * Every refusal that is a 429 carries `Retry-After`.
 */
export interface SocketLimits {
  /** Open TCP connections per client IP, worker sockets included. Past it: 429, connection closed. Default 1024. */
  maxConnectionsPerIp: number;
  /** Requests on one keep-alive connection; the connection closes after the last. Default 1000. */
  maxRequestsPerConnection: number;
  /** A request's headers must arrive within this. Default 10 000 ms (Node's own: 60 s). */
  headersTimeoutMs: number;
  /** A request's body must arrive within this of its headers, or 408 and the connection closes. Default 30 000 ms
   *  (Node's own: 300 s for the whole request). */
  bodyTimeoutMs: number;
  /** An idle keep-alive connection closes after this. Default 5 000 ms. */
  keepAliveTimeoutMs: number;
  /**
   * An SSE response whose bytes waiting for the client pass this is cut: the client reads too slowly (or not
   * at all), so the grid stops holding output for it, closes its socket and cancels its request. Default 1 MiB.
   */
  maxStreamBufferBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxConnectionsPerIp: 1024,
  maxRequestsPerConnection: 1000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxStreamBufferBytes: 1024 * 1024,
};

/** What the node server counts of its limits (`MockGrid.stats()`). */
export interface SocketStats {
  /** Open TCP connections now. */
  connections: number;
  /** Connections refused by `maxConnectionsPerIp` (and worker sockets by `maxSocketsPerIp`). */
  connectionsRefused: number;
  /** SSE streams cut by `maxStreamBufferBytes`. */
  streamsCut: number;
  /** The most bytes any SSE response held for its client. */
  peakStreamBufferedBytes: number;
}

/** The raw answer to a socket refused before any request was read. */
export function tooManyConnections(retryAfterSeconds: number): string {
  return (
    'HTTP/1.1 429 Too Many Requests\r\n' +
    `Retry-After: ${retryAfterSeconds}\r\n` +
    'Connection: close\r\nContent-Length: 0\r\n\r\n'
  );
}

/** Seconds a refused connection is told to wait: a slot frees when one of that IP's connections closes. */
const CONNECTION_RETRY_AFTER_S = 1;

/** Counts open connections per IP and closes those past the cap. */
export class ConnectionCaps {
  readonly #perIp = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly stats: SocketStats,
  ) {}

  /** Takes a slot for `socket` (freed when it closes), or answers 429 and closes it. */
  admit(socket: Socket): boolean {
    const ip = socket.remoteAddress ?? '';
    const open = this.#perIp.get(ip) ?? 0;
    if (open >= this.limit) {
      this.stats.connectionsRefused++;
      socket.on('error', () => {});
      socket.end(tooManyConnections(CONNECTION_RETRY_AFTER_S));
      return false;
    }
    this.#perIp.set(ip, open + 1);
    this.stats.connections++;
    socket.once('close', () => {
      this.stats.connections--;
      const left = (this.#perIp.get(ip) ?? 1) - 1;
      if (left > 0) this.#perIp.set(ip, left);
      else this.#perIp.delete(ip);
    });
    return true;
  }
}

/** Applies the timeouts and the per-connection request cap to `server`. */
export function applyServerLimits(server: Server, limits: SocketLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  // Node's whole-request timeout is only a backstop: the body timeout answers first, in the door's shape.
  server.requestTimeout = limits.headersTimeoutMs + limits.bodyTimeoutMs + 5_000;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = limits.maxRequestsPerConnection;
}

/** How often Node checks the header and request timeouts (its default, 30 s, would stretch a short timeout). */
export function timeoutCheckIntervalMs(limits: SocketLimits): number {
  return Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)));
}
