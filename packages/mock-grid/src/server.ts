import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type Clock,
  GridCore,
  type GridOptions,
  type KeyEntry,
  type RateLimitOptions,
} from './core/index.js';
import { hordeValidationError } from './doors/errors.js';
import type { DecodedBody } from './doors/http/body.js';
import { BodyTooLargeError, readBody, toDoorRequest, writeDoorResponse } from './doors/http/node-adapter.js';
import { normalisePath } from './doors/http/paths.js';
import {
  DEFAULT_LIMITS,
  type DoorContext,
  type DoorLimits,
  errorResponse,
  surfaceOf,
} from './doors/http/router.js';
import { handleDoorRequest } from './doors/http/routes.js';
import { json } from './doors/http/types.js';
import { WorkerDoor, WS_PATH, type WsDoorOptions } from './doors/ws/worker-door.js';
import { loadSpec } from './validation/load.js';

export interface MockGridOptions extends WsDoorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** `open` (default): any non-empty key works; `strict`: only `keys`. */
  auth?: 'open' | 'strict';
  keys?: KeyEntry[];
  /** Per-key rate limits; `false` turns them off. Default: the core's (live) limits. */
  rateLimits?: RateLimitOptions | false;
  /** Default a system clock; tests pass a `ManualClock`. */
  clock?: Clock;
  /** Any other core option (leases, strikes, rewards …), passed through to `new GridCore()`. */
  grid?: Omit<GridOptions, 'clock' | 'authMode' | 'keys' | 'rateLimits'>;
  /** Serve an existing core instead of creating one (e.g. shared with msw handlers). */
  core?: GridCore;
  /** Door-level request size limits. */
  limits?: Partial<DoorLimits>;
}

export interface MockGrid {
  /** `http://host:port` (no trailing slash). `/v1` for OpenAI clients, `/api/v2` for Horde clients. */
  url: string;
  port: number;
  core: GridCore;
  /** Ends every socket and timer; resolves when the port is free. Idempotent. */
  close(): Promise<void>;
}

/** Starts the mock grid: HTTP (`/v1`, `/api/v2`, `/health`) and the worker WebSocket on one port. */
export async function startMockGrid(options: MockGridOptions = {}): Promise<MockGrid> {
  const ownsCore = options.core === undefined;
  const core =
    options.core ??
    new GridCore({
      ...options.grid,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.auth ? { authMode: options.auth } : {}),
      ...(options.keys ? { keys: options.keys } : {}),
      ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
    });
  const ctx: DoorContext = { grid: core, spec: loadSpec(), limits: { ...DEFAULT_LIMITS, ...options.limits } };
  const workers = new WorkerDoor(core, ctx.spec, options);
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    // `serve` answers every error itself; a rejection here means the socket broke while answering.
    serve(req, res, ctx).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    if (normalisePath(req.url ?? '/').path === WS_PATH) {
      workers.handleUpgrade(req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await workers.close();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await done;
      if (ownsCore) core.dispose();
    })();
    return closing;
  };
  return { url: `http://${host}:${address.port}`, port: address.port, core, close };
}

/** Response headers a browser may read on a cross-origin answer (the SDK reads these). */
const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
].join(', ');

/**
 * A browser app served from another origin (a dev server, a test page) calls the grid directly, and the SDK's
 * auth headers make every such call preflighted. No cookies are involved, so any origin is allowed.
 * Returns true when the request was a preflight and has been answered.
 */
function allowCrossOrigin(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}

async function serve(req: IncomingMessage, res: ServerResponse, ctx: DoorContext): Promise<void> {
  if (allowCrossOrigin(req, res)) return;
  let body: DecodedBody;
  try {
    body = await readBody(req, ctx.limits.maxBodyBytes);
  } catch (err) {
    const path = normalisePath(req.url ?? '/').path;
    const limit = err instanceof BodyTooLargeError ? err.limitBytes : ctx.limits.maxBodyBytes;
    const message = `request body too large (max ${limit} bytes)`;
    const out =
      // /v1 declares 413; the Horde surface declares none, so there it is a 400 validation error on `body`.
      surfaceOf(path) === 'v1' ? json(413, { detail: message }) : hordeValidationError({ body: message });
    res.setHeader('connection', 'close');
    await writeDoorResponse(res, out);
    return;
  }
  const door = toDoorRequest(req, res, body);
  try {
    await writeDoorResponse(res, await handleDoorRequest(door, ctx));
  } catch (err) {
    // Only a broken socket gets here; answer if we still can.
    if (!res.headersSent) await writeDoorResponse(res, errorResponse(surfaceOf(door.path), err));
    else res.destroy();
  }
}
