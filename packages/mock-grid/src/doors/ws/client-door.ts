import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClientWsLimits } from '@aipg/sdk';
import { limits as specLimits } from '@aipg/sdk/wire';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { GridCore, TimerHandle } from '../../core/index.js';
import { isGridError } from '../../core/index.js';
import { type GridLog, SILENT_LOG } from '../../log/grid-log.js';
import { fieldName } from '../../validation/spec.js';
import { originOf } from '../http/node-adapter.js';
import type { DoorContext } from '../http/router.js';
import { handleDoorRequest } from '../http/routes.js';
import { SHUTDOWN_MESSAGE, shuttingDown } from '../http/shutdown.js';
import type { DoorRequest, DoorResponse, JsonResponse } from '../http/types.js';
import { jsonDepthProblem } from '../json-depth.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { followJob, type JobFollower } from './job-follow.js';

/**
 * The client WebSocket door `/v1/ws`, an AIPG extension (spec: openapi/paths/v1_ws.yaml, frames in
 * openapi/components/client-ws.yaml). One connection carries many requests, each named by the client's id.
 * A request frame becomes the very request the HTTP doors answer — `chat.completions` is
 * `POST /v1/chat/completions`, `jobs.submit` is `POST /api/v2/generate/text/async`, routed through the same
 * validation, auth, limits and core calls (routes.ts) — and its answer (JSON or the SSE chunks) goes back as
 * frames. Cancelling a request, or the socket closing, aborts its door request, which cancels its job as an
 * HTTP client going away does; async jobs belong to the account and keep running. Timers read the core's
 * clock, so a test with a `ManualClock` drives the auth and idle timeouts.
 */

export const CLIENT_WS_PATH = '/v1/ws';

/** The per-connection limits (spec `ClientWsLimits`), camelCased; the defaults are the spec's. */
export interface ClientWsLimitOptions {
  maxConcurrentRequests: number;
  maxFrameBytes: number;
  maxConnectionsPerKey: number;
  idleTimeoutMs: number;
  authTimeoutMs: number;
  /** Unsent bytes for a client past which it is taken for one that does not read (closed with 1008). */
  maxBufferedBytes: number;
}

const spec = specLimits.ClientWsLimits;
export const DEFAULT_CLIENT_WS_LIMITS: ClientWsLimitOptions = {
  maxConcurrentRequests: spec.max_concurrent_requests.default,
  maxFrameBytes: spec.max_frame_bytes.default,
  maxConnectionsPerKey: spec.max_connections_per_key.default,
  idleTimeoutMs: spec.idle_timeout_s.default * 1000,
  authTimeoutMs: spec.auth_timeout_s.default * 1000,
  maxBufferedBytes: 8 * 1024 * 1024,
};

/** Close codes (spec `ClientWsCloseCode`). */
export const CLIENT_WS_CLOSE = {
  invalidCredentials: 4001,
  forbidden: 4003,
  idleTimeout: 4008,
  tooManyConnections: 4029,
  policy: 1008,
  serviceRestart: 1012,
} as const;

/** What the door needs of the server's graceful shutdown (src/server-shutdown.ts). */
export interface ClientWsShutdown {
  readonly begun: boolean;
  retryAfterS(): number;
  /** Marks one request in flight; the returned function ends it. */
  track(): () => void;
  /** Runs `fn` at the hand-back; returns the function that forgets it. */
  onHandBack(fn: () => void): () => void;
}

type Frame = Record<string, unknown>;

/** An open request of one connection. */
interface OpenRequest {
  kind: 'chat.completions' | 'jobs.submit' | 'jobs.subscribe';
  /** Aborts the door request (→ the job is cancelled), or stops the subscription. */
  stop: () => void;
  ended: boolean;
}

export class ClientDoor {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<ClientConnection>();
  /** Open authenticated connections per account id (`max_connections_per_key`). */
  readonly perAccount = new Map<number, number>();
  private refusing = false;

  constructor(
    readonly ctx: DoorContext,
    readonly limits: ClientWsLimitOptions = DEFAULT_CLIENT_WS_LIMITS,
    readonly shutdown: ClientWsShutdown | undefined = undefined,
    readonly log: GridLog = SILENT_LOG,
  ) {
    // Frames up to 4 × the limit are read and refused with a typed error; larger ones close with 1009.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4 });
  }

  get grid(): GridCore {
    return this.ctx.grid;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new ClientConnection(this, ws, req, socket);
      if (this.refusing) {
        conn.refuse(CLIENT_WS_CLOSE.serviceRestart, 'service_unavailable', 503, SHUTDOWN_MESSAGE);
        return;
      }
      this.connections.add(conn);
      ws.on('close', () => this.connections.delete(conn));
      conn.start();
    });
  }

  /** From now on new sockets are closed with 1012 at once; open ones keep serving (new work is refused). */
  refuseNew(): void {
    this.refusing = true;
  }

  /** Closes every client socket with 1012 (service restart). Returns how many it closed. */
  async close(): Promise<number> {
    this.refusing = true;
    const open = [...this.connections];
    this.connections.clear();
    await Promise.all(open.map((conn) => conn.shutDown(CLOSE_HANDSHAKE_MS)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    return open.length;
  }
}

/** How long `close()` waits for a client to answer the close frame before it drops the socket. */
const CLOSE_HANDSHAKE_MS = 2000;

class ClientConnection {
  private readonly requests = new Map<string, OpenRequest>();
  private apiKey: string | undefined;
  private accountId: number | undefined;
  private closed = false;
  private corked = false;
  private authTimer: TimerHandle | undefined;
  private idleTimer: TimerHandle | undefined;
  private lastFrameAt: number;
  private readonly ip: string | undefined;
  private readonly origin: string;
  private log: GridLog;

  constructor(
    private readonly door: ClientDoor,
    private readonly ws: WebSocket,
    private readonly req: IncomingMessage,
    /** The socket under `ws`: corked while one turn of the event loop sends frames (see `send`). */
    private readonly socket: Duplex,
  ) {
    this.ip = req.socket.remoteAddress;
    this.origin = originOf(req);
    this.lastFrameAt = door.grid.clock.now();
    this.log = door.log.child({ ip: this.ip });
  }

  start(): void {
    const ws = this.ws;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', (code) => {
      this.log.line('debug', 'client_ws.disconnected', { code });
      this.onClose();
    });
    ws.on('error', () => {
      // A protocol error (e.g. a frame over maxPayload) closes the socket; `close` does the clean-up.
    });
    this.scheduleIdle(this.door.limits.idleTimeoutMs);
    const key = headerKey(this.req);
    if (key !== undefined) this.authenticate(key);
    else {
      this.authTimer = this.door.grid.clock.setTimer(() => {
        this.authTimer = undefined;
        if (this.apiKey === undefined) {
          const s = this.door.limits.authTimeoutMs / 1000;
          this.refuse(4001, 'authentication_error', 401, `no auth frame within ${s} s`);
        }
      }, this.door.limits.authTimeoutMs);
    }
  }

  // ---- writing ------------------------------------------------------------------------------------------

  private sendText(text: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.corkForThisTurn();
    this.ws.send(text);
    // A client that never reads would make the grid hold every frame for it: cut it instead.
    if (this.ws.bufferedAmount > this.door.limits.maxBufferedBytes) {
      this.ws.close(CLIENT_WS_CLOSE.policy, 'the client does not read its frames');
      this.onClose();
    }
  }

  private send(frame: Frame): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Frames sent in one turn (the chunks of many streams that one worker frame moved, a response and the
   * next request's first chunk) leave in one socket write: corked at the first, uncorked after the turn.
   */
  private corkForThisTurn(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.corked = false;
      this.socket.uncork();
    });
  }

  private error(id: string | null, error: WireError): void {
    this.send({ type: 'error', id, error });
  }

  /** An error frame, then a close with `code` (the reason is at most 123 bytes). */
  refuse(code: number, type: string, status: number, message: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.log.line(code === CLIENT_WS_CLOSE.serviceRestart ? 'info' : 'warn', 'client_ws.refused', {
      code,
      reason: message,
    });
    this.error(null, { message, type, status });
    this.ws.close(code, Buffer.from(message).subarray(0, 120).toString());
  }

  // ---- timers -------------------------------------------------------------------------------------------

  /** One timer for the idle timeout, rescheduled for what is left of it rather than per frame. */
  private scheduleIdle(ms: number): void {
    const clock = this.door.grid.clock;
    this.idleTimer = clock.setTimer(() => {
      this.idleTimer = undefined;
      if (this.closed) return;
      const limit = this.door.limits.idleTimeoutMs;
      const left = this.lastFrameAt + limit - clock.now();
      if (left > 0) this.scheduleIdle(left);
      else
        this.refuse(CLIENT_WS_CLOSE.idleTimeout, 'invalid_frame', 408, `no frame within ${limit / 1000} s`);
    }, ms);
  }

  // ---- reading ------------------------------------------------------------------------------------------

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.lastFrameAt = this.door.grid.clock.now();
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : byteLength(data);
    let frame: unknown;
    let text: string;
    try {
      if (isBinary) throw new Error('binary frames are not accepted; send JSON text');
      text = data.toString();
      frame = JSON.parse(text);
    } catch (err) {
      const why = err instanceof SyntaxError ? jsonSyntaxProblem(err) : (err as Error).message;
      this.badFrame(null, `malformed frame: ${why}`);
      return;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      this.badFrame(null, 'malformed frame: expected a JSON object');
      return;
    }
    const f = frame as Frame;
    const id = typeof f.id === 'string' ? f.id : null;
    const max = this.door.limits.maxFrameBytes;
    if (size > max) {
      this.error(id, {
        message: `frame too large: ${size} bytes (max ${max})`,
        type: 'limit_exceeded',
        status: 413,
        limit: 'max_frame_bytes',
        max,
      });
      return;
    }
    const tooDeep = jsonDepthProblem(frame, undefined, text);
    if (tooDeep) {
      this.badFrame(id, `${fieldName(tooDeep.path)}: ${tooDeep.message}`);
      return;
    }
    if (this.apiKey === undefined) {
      if (f.type !== 'auth') {
        const got = typeof f.type === 'string' ? `type '${f.type}'` : 'no type';
        this.refuse(4001, 'authentication_error', 401, `first frame must be the auth frame, got ${got}`);
        return;
      }
      const why = this.problems('ClientWsAuth', f);
      if (why) this.refuse(4001, 'authentication_error', 401, `invalid auth frame: ${why}`);
      else this.authenticate(String(f.api_key));
      return;
    }
    this.onFrame(f, id);
  }

  private badFrame(id: string | null, message: string): void {
    if (this.apiKey === undefined) this.refuse(4001, 'authentication_error', 401, message);
    else this.error(id, { message, type: 'invalid_frame', status: 400 });
  }

  /** Problems of `frame` against a spec schema, the request `body` aside (the HTTP door checks it). */
  private problems(schema: string, frame: Frame): string | undefined {
    const problems = this.door.ctx.spec
      .schema(schema)(frame)
      .filter((p) => !(p.path[0] === 'body' && p.path.length > 1));
    if (problems.length === 0) return undefined;
    return problems.map((p) => `${fieldName(p.path)}: ${p.message}`).join('; ');
  }

  private authenticate(key: string): void {
    const door = this.door;
    try {
      door.ctx.guard.admitIp(this.ip);
      const account = door.grid.authenticate(key, 'inference.submit');
      const open = door.perAccount.get(account.id) ?? 0;
      const max = door.limits.maxConnectionsPerKey;
      if (open >= max) {
        const message = `too many client sockets for this key (max ${max})`;
        this.error(null, {
          message,
          type: 'limit_exceeded',
          status: 429,
          limit: 'max_connections_per_key',
          max,
        });
        this.ws.close(CLIENT_WS_CLOSE.tooManyConnections, message);
        return;
      }
      door.perAccount.set(account.id, open + 1);
      this.accountId = account.id;
      this.apiKey = key;
    } catch (err) {
      if (isGridError(err, 'InvalidAPIKey')) door.ctx.guard.authFailed(this.ip);
      const message = isGridError(err) ? err.message : String(err);
      if (isGridError(err, 'RateLimited')) this.refuse(4029, 'rate_limit_error', 429, message);
      else if (isGridError(err, 'MissingAPIKey') || isGridError(err, 'InvalidAPIKey'))
        this.refuse(4001, 'authentication_error', 401, message);
      else this.refuse(4003, 'permission_error', 403, message);
      return;
    }
    if (this.authTimer) door.grid.clock.clearTimer(this.authTimer);
    this.authTimer = undefined;
    const connectionId = `cws_${crypto.randomUUID()}`;
    this.log = this.log.child({ connection_id: connectionId }, [key]);
    this.log.line('debug', 'client_ws.ready');
    const l = door.limits;
    const limits: ClientWsLimits = {
      max_concurrent_requests: l.maxConcurrentRequests,
      max_frame_bytes: l.maxFrameBytes,
      max_connections_per_key: l.maxConnectionsPerKey,
      idle_timeout_s: Math.round(l.idleTimeoutMs / 1000),
      auth_timeout_s: Math.round(l.authTimeoutMs / 1000),
    };
    this.send({ type: 'ready', connection_id: connectionId, limits });
  }

  private onFrame(frame: Frame, id: string | null): void {
    const type = frame.type;
    const schema = typeof type === 'string' ? FRAME_SCHEMAS[type] : undefined;
    if (!schema) {
      const expected = Object.keys(FRAME_SCHEMAS).join(', ');
      this.badFrame(
        id,
        typeof type === 'string'
          ? `type: unknown frame type '${type}' (expected ${expected})`
          : `type: field required (expected ${expected})`,
      );
      return;
    }
    const why = this.problems(schema, frame);
    if (why) {
      this.badFrame(id, `invalid ${type} frame: ${why}`);
      return;
    }
    switch (type) {
      case 'ping':
        this.send(typeof frame.id === 'string' ? { type: 'pong', id: frame.id } : { type: 'pong' });
        return;
      case 'auth':
        this.badFrame(null, 'auth: this connection is already authenticated');
        return;
      case 'cancel':
        this.cancel(id!);
        return;
      default:
        this.open(type as OpenRequest['kind'], id!, frame);
    }
  }

  private cancel(id: string): void {
    const open = this.requests.get(id);
    if (!open) {
      this.error(id, { message: `cancel: no open request '${id}'`, type: 'unknown_id', status: 404 });
      return;
    }
    this.end(id, open);
    open.stop();
    this.send({ type: 'done', id, cancelled: true });
  }

  /** Marks request `id` over (its last frame is being sent). */
  private end(id: string, open: OpenRequest): void {
    open.ended = true;
    if (this.requests.get(id) === open) this.requests.delete(id);
  }

  private open(kind: OpenRequest['kind'], id: string, frame: Frame): void {
    if (this.requests.has(id)) {
      this.error(id, { message: `id '${id}' names an open request`, type: 'duplicate_id', status: 409 });
      return;
    }
    const max = this.door.limits.maxConcurrentRequests;
    if (this.requests.size >= max) {
      this.error(id, {
        message: `too many open requests on this connection (max ${max})`,
        type: 'limit_exceeded',
        status: 429,
        limit: 'max_concurrent_requests',
        max,
      });
      return;
    }
    if (kind === 'jobs.subscribe') {
      this.subscribe(id, String(frame.job_id), typeof frame.after === 'number' ? frame.after : undefined);
      return;
    }
    const aborter = new AbortController();
    const open: OpenRequest = { kind, stop: () => aborter.abort(), ended: false };
    this.requests.set(id, open);
    const path = kind === 'chat.completions' ? '/v1/chat/completions' : '/api/v2/generate/text/async';
    const shutdown = this.door.shutdown;
    if (shutdown?.begun) {
      this.end(id, open);
      this.answerJson(id, shuttingDown(path, shutdown.retryAfterS()));
      return;
    }
    const done = shutdown?.track();
    const forget = shutdown?.onHandBack(() => {
      if (open.ended) return;
      this.end(id, open);
      aborter.abort();
      this.error(id, { message: SHUTDOWN_MESSAGE, type: 'service_unavailable', status: 503 });
    });
    const request: DoorRequest = {
      method: 'POST',
      path,
      query: new URLSearchParams(),
      headers: {
        'content-type': 'application/json',
        apikey: this.apiKey,
        authorization: `Bearer ${this.apiKey}`,
      },
      bodyText: JSON.stringify(frame.body),
      ip: this.ip,
      origin: this.origin,
      signal: aborter.signal,
    };
    void this.run(id, open, request).finally(() => {
      forget?.();
      done?.();
    });
  }

  /** Sends one door answer as frames: a JSON body as `response` or `error`, an SSE stream as chunks. */
  private async run(id: string, open: OpenRequest, request: DoorRequest): Promise<void> {
    let out: DoorResponse;
    try {
      out = await handleDoorRequest(request, this.door.ctx, { scenarios: false });
    } catch (err) {
      out = { kind: 'json', status: 500, body: { detail: err instanceof Error ? err.message : String(err) } };
    }
    if (open.ended) {
      if (out.kind === 'sse') void out.events[Symbol.asyncIterator]().return?.();
      return;
    }
    if (out.kind === 'raw' || out.kind === 'reset') {
      // No request kind of this socket is answered with a raw body (those are Batch API file downloads), and
      // it plays no scenario (`scenarios: false` above), so none is reset.
      const what = out.kind === 'raw' ? `${out.contentType} body` : 'reset';
      out = { kind: 'json', status: 500, body: { detail: `unexpected ${what}` } };
    }
    if (out.kind === 'json') {
      this.end(id, open);
      this.answerJson(id, out);
      return;
    }
    // The chunk frame around each SSE payload, which is the chunk's JSON already.
    const head = `{"type":"chunk","id":${JSON.stringify(id)},"chunk":`;
    for await (const data of out.events) {
      if (open.ended) break;
      if (data === '[DONE]') {
        this.end(id, open);
        this.send({ type: 'done', id });
        break;
      }
      if (data.startsWith('{"error"')) {
        this.end(id, open);
        this.error(id, streamError(data));
        break;
      }
      this.sendText(`${head}${data}}`);
    }
  }

  private answerJson(id: string, out: JsonResponse): void {
    if (out.status < 400) this.send({ type: 'response', id, result: out.body });
    else this.error(id, wireError(out));
  }

  private subscribe(id: string, jobId: string, after: number | undefined): void {
    const open: OpenRequest = { kind: 'jobs.subscribe', stop: () => {}, ended: false };
    let follower: JobFollower;
    try {
      follower = followJob(this.door.grid, jobId, { apiKey: this.apiKey }, after, {
        event: (event) => {
          if (!open.ended) this.send({ type: 'event', id, event });
        },
        end: () => {
          if (open.ended) return;
          this.end(id, open);
          this.send({ type: 'done', id });
        },
      });
    } catch (err) {
      const message = isGridError(err) ? err.message : String(err);
      this.error(id, {
        message,
        type: 'not_found_error',
        status: 404,
        code: 'RequestNotFound',
        param: 'job_id',
      });
      return;
    }
    if (open.ended) return;
    open.stop = follower.stop;
    this.requests.set(id, open);
  }

  // ---- closing ------------------------------------------------------------------------------------------

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    const clock = this.door.grid.clock;
    if (this.authTimer) clock.clearTimer(this.authTimer);
    if (this.idleTimer) clock.clearTimer(this.idleTimer);
    this.authTimer = this.idleTimer = undefined;
    if (this.accountId !== undefined) {
      const per = this.door.perAccount;
      const left = (per.get(this.accountId) ?? 1) - 1;
      if (left > 0) per.set(this.accountId, left);
      else per.delete(this.accountId);
      this.accountId = undefined;
    }
    // Chat completions in flight are cancelled (their door requests abort, as on an HTTP disconnect);
    // subscriptions stop; async jobs, already submitted, run on.
    const open = [...this.requests.values()];
    this.requests.clear();
    for (const r of open) {
      r.ended = true;
      r.stop();
    }
  }

  /** Closes with 1012 (service restart); drops the socket if the client has not answered within `ms`. */
  async shutDown(ms: number): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return this.onClose();
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    if (this.ws.readyState === this.ws.OPEN) {
      this.ws.close(CLIENT_WS_CLOSE.serviceRestart, 'service restart: the grid is shutting down');
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    this.ws.terminate();
    this.onClose();
  }
}

/** The spec schema of each client frame type (spec `ClientWsClientFrame`). */
const FRAME_SCHEMAS: Record<string, string> = {
  auth: 'ClientWsAuth',
  'chat.completions': 'ClientWsChatRequest',
  'jobs.submit': 'ClientWsJobSubmit',
  'jobs.subscribe': 'ClientWsJobSubscribe',
  cancel: 'ClientWsCancel',
  ping: 'ClientWsPing',
};

/** The key of an upgrade: `Authorization: Bearer <key>` (or a bare value) or `apikey`, as /v1 reads it. */
function headerKey(req: IncomingMessage): string | undefined {
  const direct = req.headers.apikey;
  if (typeof direct === 'string' && direct.trim()) return direct.trim();
  const auth = req.headers.authorization?.trim();
  if (!auth) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(auth);
  return (m ? m[1]! : auth).trim() || undefined;
}

function byteLength(data: Buffer | ArrayBuffer): number {
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/** The `error` object of a `ClientWsError` (spec). */
interface WireError {
  message: string;
  type: string;
  status: number;
  code?: string;
  param?: string | null;
  limit?: string;
  max?: number;
  retry_after_ms?: number;
}

/** The error type of an HTTP status (spec `ClientWsErrorKind`). */
function typeOfStatus(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'payment_required';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    case 502:
      return 'upstream_error';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'invalid_request_error';
  }
}

/**
 * An HTTP door's error answer as a `ClientWsError.error`: its status and wording, whichever surface's shape
 * it came in (`{detail}`, FastAPI's 422 list, `{error: {message, type}}`, the Horde's `{message, rc, errors}`).
 */
function wireError(out: JsonResponse): WireError {
  const body = (out.body ?? {}) as Record<string, unknown>;
  const error: WireError = { message: '', type: typeOfStatus(out.status), status: out.status };
  if (typeof body.detail === 'string') error.message = body.detail;
  else if (Array.isArray(body.detail)) {
    const items = body.detail as { loc?: unknown[]; msg?: string }[];
    error.message = items.map((d) => `${(d.loc ?? []).join('.')}: ${d.msg}`).join('; ');
    const loc = items[0]?.loc;
    if (Array.isArray(loc)) error.param = loc.join('.');
  } else if (body.error && typeof body.error === 'object') {
    error.message = String((body.error as { message?: unknown }).message ?? '');
  } else if (typeof body.message === 'string') {
    const fields = body.errors && typeof body.errors === 'object' ? Object.entries(body.errors) : [];
    error.message = fields.length
      ? `${body.message} (${fields.map(([k, v]) => `${k}: ${String(v)}`).join('; ')})`
      : body.message;
    if (fields[0]) error.param = `body.${fields[0][0]}`;
    if (typeof body.rc === 'string') error.code = body.rc;
  }
  const retryAfter = Number(out.headers?.['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) error.retry_after_ms = retryAfter * 1000;
  return error;
}

/** A stream's error event (spec `StreamErrorChunk`) as a `ClientWsError.error`. */
function streamError(data: string): WireError {
  const { error } = JSON.parse(data) as { error: { message: string; type: string } };
  const status =
    error.type === 'invalid_request_error' ? 400 : error.type === 'service_unavailable' ? 503 : 502;
  return { message: error.message, type: error.type, status };
}
