import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '@aipg/sdk';
import { readFleetFile } from './cli/fleet-file.js';
import {
  type Clock,
  GridCore,
  type GridOptions,
  isGridError,
  type KeyEntry,
  type RateLimitOptions,
} from './core/index.js';
import { hordeValidationError } from './doors/errors.js';
import type { DecodedBody } from './doors/http/body.js';
import type { CapturedRequest, CaptureOptions } from './doors/http/capture.js';
import { createDoorContext } from './doors/http/context.js';
import { handleMockRequest, isMockPath, MOCK_BODY_LIMIT } from './doors/http/mock-control.js';
import {
  BodyTimeoutError,
  BodyTooLargeError,
  hasNoBody,
  NO_BODY,
  RequestAbort,
  readBody,
  readRawBody,
  type StreamGuard,
  toDoorRequest,
  writeDoorResponse,
} from './doors/http/node-adapter.js';
import { normalisePath } from './doors/http/paths.js';
import { type DoorContext, type DoorLimits, errorResponse, surfaceOf } from './doors/http/router.js';
import { handleDoorRequest, handleStoreRequest, isStorePath } from './doors/http/routes.js';
import { endOnHandBack, shuttingDown, takesNewWork } from './doors/http/shutdown.js';
import {
  applyServerLimits,
  ConnectionCaps,
  DEFAULT_SOCKET_LIMITS,
  type SocketLimits,
  type SocketStats,
  timeoutCheckIntervalMs,
  tooManyConnections,
} from './doors/http/socket-limits.js';
import { type DoorResponse, json } from './doors/http/types.js';
import { bodyLimitFor } from './doors/http/v1-batches.js';
import {
  CLIENT_WS_PATH,
  ClientDoor,
  type ClientWsLimitOptions,
  DEFAULT_CLIENT_WS_LIMITS,
} from './doors/ws/client-door.js';
import { WorkerDoor, WS_PATH, type WsDoorOptions } from './doors/ws/worker-door.js';
import { auditCore } from './log/audit.js';
import { createGridLog, type GridLog, type LogLevel } from './log/grid-log.js';
import type { ScenarioName } from './scenarios/catalog.js';
import type { ScenarioParams } from './scenarios/faults.js';
import { type GridFaults, gridFaults } from './scenarios/faults.js';
import { Shutdown } from './server-shutdown.js';
import { DEFAULT_FLEET, type FleetInput, type FleetSpec, parseFleet } from './simulate/fleet.js';
import { type Fleet, startFleet } from './simulate/fleet-runner.js';
import { createFleetSigner } from './simulate/signing.js';
import type { SimulatedWorker } from './simulate/sim-worker.js';

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
  /** Door-level limits: request sizes, the door's rate limits, socket caps and timeouts (docs/mock-grid.md
   *  "Limits"). `rateLimits: false` turns the door's rate limits off too, unless named here. */
  limits?: Partial<DoorLimits & SocketLimits>;
  /** The client WebSocket's per-connection limits (`/v1/ws`, spec `ClientWsLimits`; docs/mock-grid.md). */
  clientWs?: Partial<ClientWsLimitOptions>;
  /**
   * How long `close()` lets jobs in flight finish before it hands back what is left (docs/mock-grid.md
   * "Shutdown"). Default 0: a test's `close()` never waits on a job it left open. The CLI's `--grace`: 10 s.
   */
  shutdownGraceMs?: number;
  /** The request capture's bounds (`grid.requests`, `GET /_mock/requests`; docs/mock-grid.md "Request capture"). */
  capture?: CaptureOptions;
  /** Where log lines go: any console-shaped logger (the SDK's `Logger`). Default none: nothing is logged. */
  logger?: Logger;
  /** The lowest level logged. Default `info`. */
  logLevel?: LogLevel;
  /** Each log line is one JSON object instead of `event key=value …`. */
  logJson?: boolean;
  /**
   * Simulated workers inside the grid's process (docs/mock-grid.md "Simulated workers"): `true` for
   * `DEFAULT_FLEET`, a `FleetSpec` (or its input shape, checked by `parseFleet`), or the path of a fleet YAML/JSON
   * file. They register before the port listens. A simulated grid has the rate limits off unless `rateLimits` is
   * given.
   */
  simulate?: true | FleetSpec | FleetInput | string;
}

export interface MockGrid {
  /** `http://host:port` (no trailing slash). `/v1` for OpenAI clients, `/api/v2` for Horde clients. */
  url: string;
  port: number;
  core: GridCore;
  /** What the socket limits have counted so far (open connections, refusals, cut streams). */
  stats(): SocketStats;
  /** The simulated workers (`simulate`), each with its name, worker id(s) and models; empty without. */
  readonly fleet: readonly SimulatedWorker[];
  /**
   * The HTTP requests the door answered, oldest first, at most `capture.maxEntries` (docs/mock-grid.md
   * "Request capture"): a new snapshot on each read; credentials in headers and query read `[redacted]`.
   */
  readonly requests: readonly CapturedRequest[];
  /**
   * Faults for the next requests (docs/mock-grid.md "Scenarios and faults"): `faults.next('rate-limited')`
   * plays a scenario on the next request it applies to (`times`, `path` and `params` in the options).
   */
  readonly faults: GridFaults;
  /**
   * Plays `name` on every request it applies to until `scenario(null)` or `reset()`; a request's own
   * `Prefer: scenario=…` header still wins. Throws a `ScenarioError` naming the known scenarios.
   */
  scenario(name: ScenarioName | null, params?: ScenarioParams): void;
  /**
   * Clears the request capture and the scenarios (queued faults, the standing one), and nothing else: keys,
   * balances, workers and jobs stay as they are.
   */
  reset(): void;
  /**
   * Shuts down gracefully (docs/mock-grid.md "Shutdown"): new work is refused with 503 (new worker sockets
   * with 1012) at once; jobs in flight get `graceMs` (default `shutdownGraceMs`) to finish; then streams still
   * open end with an error event and `[DONE]`, waiting chat requests get a 503, worker sockets close with
   * 1012. Resolves when the port is free. A second call returns the same promise; a shorter `graceMs` in it
   * hands back sooner.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Starts the mock grid: HTTP (`/v1`, `/api/v2`, `/health`) and the worker WebSocket on one port. */
export async function startMockGrid(options: MockGridOptions = {}): Promise<MockGrid> {
  const fleetSpec = await fleetOf(options.simulate);
  // A suite of simulated chats must not stall on the live 30/min: off unless the caller asked for limits.
  const rateLimits = options.rateLimits ?? (fleetSpec ? false : undefined);
  const ownsCore = options.core === undefined;
  const core =
    options.core ??
    new GridCore({
      ...options.grid,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.auth ? { authMode: options.auth } : {}),
      ...(options.keys ? { keys: options.keys } : {}),
      ...(rateLimits !== undefined ? { rateLimits } : {}),
    });
  const ctx = createDoorContext(core, options.limits, rateLimits !== false, undefined, options.capture);
  const socketLimits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const stats: SocketStats = {
    connections: 0,
    connectionsRefused: 0,
    streamsCut: 0,
    peakStreamBufferedBytes: 0,
  };
  const io: ServeLimits = {
    bodyTimeoutMs: socketLimits.bodyTimeoutMs,
    stream: { maxBufferedBytes: socketLimits.maxStreamBufferBytes, stats },
  };
  const log = createGridLog({ logger: options.logger, level: options.logLevel, json: options.logJson });
  // The audit trail names the request behind each job line, which takes an AsyncLocalStorage scope per
  // request: that costs every promise of the request a hook, so without a logger there is neither.
  const requestScope = options.logger ? new AsyncLocalStorage<string>() : undefined;
  const stopAudit = requestScope ? auditCore(core, log, () => requestScope.getStore()) : () => {};
  const shutdown = new Shutdown(core);
  const served: Served = { ctx, log, shutdown, io };
  const workers = new WorkerDoor(
    core,
    ctx.spec,
    { ...options, log, store: ctx.store },
    {
      onRefused: () => stats.connectionsRefused++,
      onAuthFailure: (ip) => ctx.guard.authFailed(ip),
    },
  );
  const clients = new ClientDoor(ctx, { ...DEFAULT_CLIENT_WS_LIMITS, ...options.clientWs }, shutdown, log);
  const sockets = new Set<Socket>();
  const caps = new ConnectionCaps(socketLimits.maxConnectionsPerIp, stats);

  const server = createServer(
    { connectionsCheckingInterval: timeoutCheckIntervalMs(socketLimits) },
    (req, res) => {
      const id = requestIdOf(req);
      res.setHeader('x-request-id', id);
      // `serve` answers every error itself; a rejection here means the socket broke while answering.
      const answered = requestScope
        ? requestScope.run(id, () => serve(req, res, served, id))
        : serve(req, res, served, id);
      answered.catch(() => res.destroy());
    },
  );
  applyServerLimits(server, socketLimits);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    caps.admit(socket);
  });
  server.on('upgrade', (req, socket, head) => {
    const path = normalisePath(req.url ?? '/').path;
    if (path === CLIENT_WS_PATH) {
      clients.handleUpgrade(req, socket, head);
    } else if (path === WS_PATH) {
      // An IP that failed authentication too often may not try keys over the worker socket either.
      try {
        ctx.guard.admitIp(req.socket.remoteAddress);
      } catch (err) {
        const retryAfterMs = isGridError(err) ? (err.retryAfterMs ?? 1000) : 1000;
        socket.end(tooManyConnections(Math.max(1, Math.ceil(retryAfterMs / 1000))));
        return;
      }
      workers.handleUpgrade(req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  // Registered before the port listens: once it answers, /health and /v1/models show the fleet.
  const fleet: Fleet | undefined = fleetSpec
    ? startFleet(core, ctx.store, fleetSpec, {
        signer: fleetSpec.sign || core.signaturesRequired ? await createFleetSigner() : undefined,
      })
    : undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    fleet?.stop();
    stopAudit();
    if (ownsCore) core.dispose();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  const close = (closeOptions: { graceMs?: number } = {}) => {
    const graceMs = closeOptions.graceMs ?? options.shutdownGraceMs ?? 0;
    if (closing) {
      shutdown.begin(graceMs);
      return closing;
    }
    closing = (async () => {
      log.line('info', 'shutdown.begin', { grace_ms: graceMs, ...inFlight(shutdown) });
      workers.refuseNew();
      clients.refuseNew();
      shutdown.begin(graceMs);
      const why = await shutdown.settled;
      const left = inFlight(shutdown);
      log.line('info', why === 'drained' ? 'shutdown.drained' : 'shutdown.deadline', left);
      // The hand-back: open streams end with an error event, waiting chat requests get their 503 …
      shutdown.abort();
      // … the simulated workers disconnect (their jobs go back to the queue, as any worker's) …
      fleet?.stop();
      // … and worker sockets close with 1012 (their jobs go back to the queue, as on any disconnect).
      const closedWorkers = await workers.close();
      // Client sockets close with 1012 too (their chat completions have had their hand-back).
      await clients.close();
      log.line('info', 'shutdown.hand_back', { ...left, worker_sockets: closedWorkers });
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Responses ended by the hand-back get a moment to be written out before the sockets go.
      await shutdown.answered(HAND_BACK_FLUSH_MS);
      for (const socket of sockets) socket.destroy();
      await done;
      stopAudit();
      if (ownsCore) core.dispose();
      log.line('info', 'shutdown.done');
    })();
    return closing;
  };
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    core,
    stats: () => ({ ...stats }),
    fleet: fleet?.workers ?? [],
    get requests() {
      return ctx.capture.list();
    },
    faults: gridFaults(ctx.faults),
    scenario: (name, params) => {
      ctx.faults.set(name, params);
    },
    reset: () => {
      ctx.capture.clear();
      ctx.faults.clear();
    },
    close,
  };
}

/** The fleet `simulate` names, checked (a file is read here: file paths only in node). */
async function fleetOf(simulate: MockGridOptions['simulate']): Promise<FleetSpec | undefined> {
  if (simulate === undefined) return undefined;
  if (simulate === true) return DEFAULT_FLEET;
  if (typeof simulate === 'string') return readFleetFile(simulate);
  return parseFleet(simulate);
}

/** How long the hand-back waits for the responses it ended to be written out. */
const HAND_BACK_FLUSH_MS = 2000;

interface Served {
  ctx: DoorContext;
  log: GridLog;
  shutdown: Shutdown;
  io: ServeLimits;
}

function inFlight(shutdown: Shutdown) {
  const { requests, leasedJobs } = shutdown.counts();
  return { requests, leased_jobs: leasedJobs };
}

/** A client's own `x-request-id` is kept when it is a plain token (the SDK sends a UUID); else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  if (typeof sent === 'string' && /^[\w.:-]{1,128}$/.test(sent)) return sent;
  return `req_${randomUUID()}`;
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

/** What `serve` needs of the socket limits. */
interface ServeLimits {
  bodyTimeoutMs: number;
  stream: StreamGuard;
}

async function serve(req: IncomingMessage, res: ServerResponse, served: Served, id: string): Promise<void> {
  const { ctx, shutdown, io } = served;
  if (allowCrossOrigin(req, res)) return;
  const done = shutdown.track();
  res.once('close', done);
  const log = served.log.enabled('error') ? served.log.child({ request_id: id }, secretsOf(req)) : served.log;
  // Read now: the socket is detached from the request by the time it closes.
  const ip = req.socket.remoteAddress;
  if (log.enabled('debug') || log.enabled('warn')) res.once('close', () => logAnswer(log, req, res, ip));
  const url = normalisePath(req.url ?? '/');
  const { path, query } = url;
  if (isMockPath(path)) {
    const method = (req.method ?? 'GET').toUpperCase();
    let text: string | undefined;
    try {
      text = (await readBody(req, MOCK_BODY_LIMIT, io.bodyTimeoutMs)).text;
    } catch {
      res.setHeader('connection', 'close');
      await writeDoorResponse(res, json(400, { detail: `body: at most ${MOCK_BODY_LIMIT} bytes, in time` }));
      return;
    }
    await writeDoorResponse(res, handleMockRequest(ctx, method, path, query, text));
    return;
  }
  if (isStorePath(path)) {
    await serveObject(req, res, ctx, path, query, io.bodyTimeoutMs);
    return;
  }
  let body: DecodedBody = NO_BODY;
  // A request without a body (most GETs) has nothing to wait for.
  if (!hasNoBody(req)) {
    try {
      body = await readBody(req, bodyLimitFor(ctx, req.method ?? 'GET', path), io.bodyTimeoutMs);
    } catch (err) {
      await refuseBody(res, ctx, path, err);
      return;
    }
  }
  const abort = new RequestAbort();
  const door = toDoorRequest(req, body, abort, url);
  if (shutdown.begun) res.setHeader('connection', 'close');
  if (shutdown.begun && takesNewWork(door.method, door.path)) {
    await writeDoorResponse(res, shuttingDown(door.path, shutdown.retryAfterS()));
    return;
  }
  try {
    // At the hand-back the door sees its request aborted, as when a client goes away, and a chat still
    // waiting for its worker is answered with the shutdown 503 instead.
    const out = await new Promise<DoorResponse>((resolve, reject) => {
      const forget = shutdown.onHandBack(() => {
        resolve(shuttingDown(door.path, 1));
        abort.abort();
      });
      // `close` before `finish` means the client went away mid-response (e.g. a dropped SSE stream).
      res.once('close', () => {
        if (!res.writableFinished) abort.abort();
        forget();
      });
      handleDoorRequest(door, ctx).then(resolve, reject);
    });
    await writeDoorResponse(res, endOnHandBack(out, shutdown.handBack), io.stream);
  } catch (err) {
    // Only a broken socket gets here; answer if we still can.
    if (!res.headersSent) await writeDoorResponse(res, errorResponse(surfaceOf(door.path), err));
    else res.destroy();
  }
}

/** The answer to a body that was too large or too slow (`readBody`): the connection is closed after it. */
async function refuseBody(res: ServerResponse, ctx: DoorContext, path: string, err: unknown): Promise<void> {
  res.setHeader('connection', 'close');
  const v1 = surfaceOf(path) === 'v1';
  if (err instanceof BodyTimeoutError) {
    const message = `request body not received within ${err.timeoutMs} ms`;
    await writeDoorResponse(res, json(408, v1 ? { detail: message } : { message, rc: 'BadRequest' }));
    return;
  }
  const limit = err instanceof BodyTooLargeError ? err.limitBytes : ctx.limits.maxBodyBytes;
  const message = `request body too large (max ${limit} bytes)`;
  // /v1 declares 413; the Horde surface declares none, so there it is a 400 validation error on `body`.
  await writeDoorResponse(res, v1 ? json(413, { detail: message }) : hordeValidationError({ body: message }));
}

/** An object-store request (src/store/): the raw body in, raw bytes (or a `{detail}` error) out. */
async function serveObject(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DoorContext,
  path: string,
  query: URLSearchParams,
  bodyTimeoutMs: number,
): Promise<void> {
  let body: Uint8Array | null | undefined;
  try {
    body =
      req.method === 'PUT'
        ? await readRawBody(req, ctx.store.limits.maxObjectBytes, bodyTimeoutMs)
        : undefined;
  } catch {
    await writeDoorResponse(res, json(408, { detail: 'request body not received in time' }));
    return;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const out =
    body === null
      ? {
          status: 413,
          headers: {},
          body: { detail: `object too large (max ${ctx.store.limits.maxObjectBytes} bytes)` },
        }
      : handleStoreRequest(ctx, method, path, query, req.headers['content-type'], body);
  if (out.body instanceof Uint8Array) {
    res.writeHead(out.status, { 'content-length': String(out.body.length), ...out.headers });
    res.end(out.body);
  } else {
    if (body === null) res.setHeader('connection', 'close');
    await writeDoorResponse(res, json(out.status, out.body, out.headers));
  }
}

/** The request's credentials, for the log to scrub (they are never a field in the first place). */
function secretsOf(req: IncomingMessage): string[] {
  const out: string[] = [];
  for (const name of ['apikey', 'authorization']) {
    const value = req.headers[name];
    if (typeof value !== 'string') continue;
    out.push(value.trim());
    const bearer = /^Bearer\s+(.+)$/i.exec(value.trim());
    if (bearer) out.push(bearer[1]!.trim());
  }
  return out;
}

/**
 * One line per answered request: `http.request` (debug), and at warn the refusals an operator looks for —
 * `auth.failed` (401: with the client's address, never its key), `access.denied` (403) and `rate_limited` (429).
 */
function logAnswer(log: GridLog, req: IncomingMessage, res: ServerResponse, ip: string | undefined): void {
  const status = res.statusCode;
  const fields = {
    method: req.method,
    path: normalisePath(req.url ?? '/').path,
    status,
    ip,
    ...(res.writableFinished ? {} : { aborted: true }),
  };
  if (status === 401) log.line('warn', 'auth.failed', fields);
  else if (status === 403) log.line('warn', 'access.denied', fields);
  else if (status === 429) {
    const retryAfter = res.getHeader('retry-after');
    log.line('warn', 'rate_limited', {
      ...fields,
      retry_after_s: retryAfter === undefined ? undefined : Number(retryAfter),
    });
  } else log.line('debug', 'http.request', fields);
}
