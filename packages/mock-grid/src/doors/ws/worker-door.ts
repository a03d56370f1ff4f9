import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type {
  CompleteInput,
  GridCore,
  MediaVerdict,
  TimerHandle,
  WorkerSink,
  WsJobOffer,
  WsMediaJobOffer,
  WsRegisterInput,
} from '../../core/index.js';
import { isGridError, isStale } from '../../core/index.js';
import { type GridLog, SILENT_LOG } from '../../log/grid-log.js';
import { type ObjectStore, URL_TTL_S } from '../../store/object-store.js';
import { verifyUpload } from '../../store/verify.js';
import { fieldName, type SpecValidators } from '../../validation/spec.js';
import { wsCloseCode } from '../errors.js';
import { originOf } from '../http/node-adapter.js';
import { jsonDepthProblem } from '../json-depth.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { checkSignature, isSigned } from '../signatures.js';

/**
 * The worker WebSocket door `/v1/workers/ws` (spec: openapi/paths/v1_workers_ws.yaml, frames in openapi/components/ws.yaml). Frames in → core calls
 * (register / progress / complete / fail / release); core pushes (job, cancel, close) → frames out.
 * Every timer reads the core's clock, so a test with a `ManualClock` drives pings and the register timeout.
 */

export interface WsDoorOptions {
  /** Idle ping period. Default 10 000 ms (live: about every 10 s when idle). */
  pingIntervalMs?: number;
  /** The first (register) frame must arrive within this. Default 30 000 ms. */
  registerTimeoutMs?: number;
  /** Largest accepted frame. Default 1 MiB. */
  maxFrameBytes?: number;
  /** Open worker sockets per client IP; past it the upgrade is a 429 with Retry-After. Default 512. */
  maxSocketsPerIp?: number;
  /**
   * The grid sends a worker only small frames; bytes it has not read passing this mean it does not read at all,
   * and the socket is closed with 1008 (its job goes back to the queue). Default 1 MiB.
   */
  maxBufferedBytes?: number;
}

/** Close code and reason for every worker socket at a shutdown (spec: openapi/components/ws.yaml WsCloseCode). */
export const SERVICE_RESTART = { code: 1012, reason: 'service restart: the grid is shutting down' } as const;

/** How long `close()` waits for a worker to answer the close frame before it drops the socket. */
const CLOSE_HANDSHAKE_MS = 2000;
/** What the server learns from the worker door: refused sockets and refused keys (for its limits). */
export interface WsDoorHooks {
  onRefused?: () => void;
  onAuthFailure?: (ip: string | undefined) => void;
}

/** Seconds a worker refused for its IP's socket count is told to wait (a slot frees when one closes). */
const SOCKET_RETRY_AFTER_S = 1;

export const WS_PATH = '/v1/workers/ws';

type Frame = Record<string, unknown>;

export class WorkerDoor {
  private readonly wss: WebSocketServer;
  private readonly store: ObjectStore | undefined;
  private readonly pingIntervalMs: number;
  private readonly registerTimeoutMs: number;
  private readonly connections = new Set<WorkerConnection>();
  private readonly log: GridLog;
  private refusing = false;
  private readonly perIp = new Map<string, number>();
  private readonly maxSocketsPerIp: number;
  private readonly limits: ConnectionLimits;

  constructor(
    private readonly grid: GridCore,
    private readonly spec: SpecValidators,
    options: WsDoorOptions & { log?: GridLog; store?: ObjectStore } = {},
    private readonly hooks: WsDoorHooks = {},
  ) {
    this.log = options.log ?? SILENT_LOG;
    this.store = options.store;
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.registerTimeoutMs = options.registerTimeoutMs ?? 30_000;
    this.maxSocketsPerIp = options.maxSocketsPerIp ?? 512;
    this.limits = { maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024, hooks };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? 1024 * 1024 });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ip = req.socket.remoteAddress ?? '';
    const open = this.perIp.get(ip) ?? 0;
    if (open >= this.maxSocketsPerIp) {
      this.hooks.onRefused?.();
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${SOCKET_RETRY_AFTER_S}\r\n` +
          'Connection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    this.perIp.set(ip, open + 1);
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
    };
    socket.once('close', uncount);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const log = this.log.child({ ip: req.socket.remoteAddress });
      if (this.refusing) {
        // A shutdown has begun: no new registrations (the worker reconnects later).
        log.line('info', 'ws.refused', { code: SERVICE_RESTART.code, reason: 'shutting down' });
        ws.send(JSON.stringify({ type: 'error', message: SERVICE_RESTART.reason }));
        ws.close(SERVICE_RESTART.code, SERVICE_RESTART.reason);
        return;
      }
      log.line('debug', 'ws.connected');
      const conn = new WorkerConnection(
        ws,
        this.grid,
        this.spec,
        this.pingIntervalMs,
        this.registerTimeoutMs,
        log,
        { ...this.limits, ip: req.socket.remoteAddress, store: this.store, origin: originOf(req) },
        socket,
      );
      this.connections.add(conn);
      ws.on('close', () => this.connections.delete(conn));
    });
  }

  /** From now on new sockets are closed with 1012 (service restart) at once; open ones keep serving. */
  refuseNew(): void {
    this.refusing = true;
  }

  /**
   * Closes every worker socket with 1012 (service restart), waits (briefly) for the close handshakes, and
   * stops all timers. Returns how many sockets it closed.
   */
  async close(): Promise<number> {
    this.refusing = true;
    const open = [...this.connections];
    this.connections.clear();
    await Promise.all(open.map((conn) => conn.shutDown(CLOSE_HANDSHAKE_MS)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    return open.length;
  }
}

/** One connection's limits: the unread-bytes cap, and whom to tell about a refused key. */
interface ConnectionLimits {
  maxBufferedBytes: number;
  hooks: WsDoorHooks;
  ip?: string | undefined;
  /** Where media jobs' outputs go, and the origin their signed upload URLs start with. */
  store?: ObjectStore | undefined;
  origin?: string;
}

/** The media kinds a register frame may name (spec `WsJobKind`); any of them makes a media session. */
const MEDIA_KINDS = new Set(['image', 'video', 'audio', '3d']);

class WorkerConnection {
  private connectionId: string | undefined;
  private registerTimer: TimerHandle | undefined;
  private pingTimer: TimerHandle | undefined;
  private busy = false;
  private closed = false;
  private corked = false;
  /**
   * While a signed `done` is being checked (Web Crypto is async), later frames and the close wait here, so
   * the core still sees this connection's frames in order. Unset whenever nothing waits (the common case:
   * every frame is handled at once, as before signatures).
   */
  private backlog: Promise<void> | undefined;
  /** The content streamed for the current job, which is what its signature must cover (spec: WsDone). */
  private streamed: { id: string; text: string } | undefined;
  /** A media session (spec `WsRegister.job_types`): `WsMediaServerFrame` / `WsMediaWorkerFrame`. */
  private media = false;
  /** The current media job's slots, as sent: what its `done` is checked against. */
  private mediaJob: { id: string; slots: WsMediaJobOffer['slots'] } | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly grid: GridCore,
    private readonly spec: SpecValidators,
    private readonly pingIntervalMs: number,
    registerTimeoutMs: number,
    private log: GridLog,
    private readonly limits: ConnectionLimits,
    /** The socket under `ws`: corked while one turn of the event loop sends frames (see `send`). */
    private readonly socket?: Duplex,
  ) {
    this.registerTimer = grid.clock.setTimer(() => {
      this.registerTimer = undefined;
      if (!this.connectionId) this.refuse(4001, `no register frame within ${registerTimeoutMs / 1000} s`);
    }, registerTimeoutMs);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', (code, reason) => {
      this.log.line('info', 'ws.disconnected', { code, reason: reason.toString() || undefined });
      this.onClose();
    });
    ws.on('error', () => {
      // A protocol error (e.g. a frame over maxPayload) closes the socket; `close` does the clean-up.
    });
  }

  private send(frame: Frame): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.corkForThisTurn();
    this.ws.send(JSON.stringify(frame));
    // A worker that never reads would make the grid hold every frame for it: cut it instead.
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.ws.close(1008, 'the worker does not read its frames');
      this.onClose();
    }
  }

  /**
   * Frames sent in one turn (a `done` answered with its `ack` and the next `job`, a `cancel` and the next job)
   * leave in one socket write: the socket is corked at the first and uncorked once the turn is over.
   */
  private corkForThisTurn(): void {
    const socket = this.socket;
    if (!socket || this.corked) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  private refuse(code: 4001 | 4003 | 1012, message: string): void {
    if (this.ws.readyState === this.ws.OPEN) {
      this.log.line(code === 1012 ? 'info' : 'warn', 'ws.refused', { code, reason: message });
      this.ws.send(JSON.stringify({ type: 'error', message }));
      // A close reason is limited to 123 bytes.
      this.ws.close(code, Buffer.from(message).subarray(0, 120).toString());
    }
  }

  private schedulePing(): void {
    if (this.closed) return;
    this.pingTimer = this.grid.clock.setTimer(() => {
      this.pingTimer = undefined;
      if (!this.busy) this.send({ type: 'ping' });
      this.schedulePing();
    }, this.pingIntervalMs);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (this.backlog) this.enqueue(() => this.handle(data, isBinary));
    else {
      const pending = this.handle(data, isBinary);
      if (pending) this.enqueue(() => pending);
    }
  }

  private enqueue(step: () => void | Promise<void>): void {
    const next = (this.backlog ?? Promise.resolve()).then(step).catch(() => {});
    this.backlog = next;
    void next.then(() => {
      if (this.backlog === next) this.backlog = undefined;
    });
  }

  /** One frame; a promise while a signed `done` is checked. */
  private handle(data: RawData, isBinary: boolean): Promise<void> | undefined {
    let frame: unknown;
    let text: string | undefined;
    try {
      if (isBinary) {
        this.protocolError('malformed frame: binary frames are not accepted; send JSON text');
        return;
      }
      text = data.toString();
      frame = JSON.parse(text);
    } catch (err) {
      this.protocolError(`malformed frame: ${jsonSyntaxProblem(err)}`);
      return;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      this.protocolError('malformed frame: expected a JSON object');
      return;
    }
    const tooDeep = jsonDepthProblem(frame, undefined, text);
    if (tooDeep) {
      this.protocolError(`${fieldName(tooDeep.path)}: ${tooDeep.message}`);
      return;
    }
    try {
      if (!this.connectionId) this.register(frame as Frame);
      else return this.onWorkerFrame(frame as Frame)?.catch((err: unknown) => this.reportRefusal(err));
    } catch (err) {
      this.reportRefusal(err);
    }
    return undefined;
  }

  /** A core refusal of one frame (stale job, another connection's job) is reported, never fatal to the socket. */
  private reportRefusal(err: unknown): void {
    this.send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }

  private sendJob(offer: WsJobOffer): void {
    this.streamed = { id: offer.id, text: '' };
    this.send({ type: 'job', id: offer.id, model: offer.model, payload: offer.payload });
  }

  /** A media job frame (spec `WsMediaJob`): each slot signed into a PUT URL valid 900 s. */
  private sendMediaJob(offer: WsMediaJobOffer): void {
    const store = this.limits.store;
    const origin = this.limits.origin ?? '';
    this.mediaJob = { id: offer.id, slots: offer.slots };
    const upload = offer.slots.map((slot) => {
      const contentType = slot.contentType ?? 'image/webp';
      const signed = store?.putUrl(
        origin,
        slot.key,
        { requestId: slot.requestId, contentType },
        URL_TTL_S.wsPut,
      );
      return {
        put_url: signed?.url ?? '',
        key: slot.key,
        content_type: contentType,
        expires_at: signed?.expiresAt ?? 0,
      };
    });
    const payload: Record<string, unknown> = { ...offer.payload };
    if (offer.sourceKey && store)
      payload.source_image_url = store.getUrl(origin, offer.sourceKey, URL_TTL_S.wsPut);
    this.send({ type: 'job', id: offer.id, job_type: offer.job_type, model: offer.model, payload, upload });
  }

  /** A media `done`: every slot checked (uploaded, of its type by its magic bytes, its sha256), then settled. */
  private async mediaDone(frame: Frame, by: { connectionId: string }): Promise<void> {
    const id = String(frame.id);
    const results = Array.isArray(frame.results)
      ? (frame.results as { index: number; sha256: string }[])
      : [];
    const job = this.mediaJob?.id === id ? this.mediaJob : undefined;
    if (job) this.mediaJob = undefined;
    const verdicts: MediaVerdict[] = [];
    if (job && frame.cancelled !== true) {
      const store = this.limits.store;
      const byIndex = new Map(results.map((r) => [r.index, r]));
      for (const [i, slot] of job.slots.entries()) {
        const result = byIndex.get(i);
        verdicts.push(
          result === undefined
            ? { ok: false, reason: `slot ${i} has no result` }
            : await verifyUpload(store?.read(slot.key), slot.contentType, result.sha256),
        );
      }
      if (verdicts.some((v) => !v.ok)) for (const slot of job.slots) store?.delete(slot.key);
    }
    try {
      this.grid.completeMedia({
        generationId: id,
        by,
        verdicts,
        ...(frame.cancelled === true ? { cancelled: true } : {}),
      });
    } catch (err) {
      if (!isStale(err)) throw err;
    }
  }

  /** An unreadable frame before registration closes like a bad register; afterwards it is only reported. */
  private protocolError(message: string): void {
    if (!this.connectionId) this.refuse(4001, message);
    else this.send({ type: 'error', message });
  }

  private problems(schema: string, frame: Frame): string | undefined {
    const problems = this.spec.schema(schema)(frame);
    if (problems.length === 0) return undefined;
    return problems.map((p) => `${fieldName(p.path)}: ${p.message}`).join('; ');
  }

  private register(frame: Frame): void {
    if (typeof frame.type === 'string') {
      this.refuse(4001, `first frame must be the register frame (no type), got type '${frame.type}'`);
      return;
    }
    const why = this.problems('WsRegister', frame);
    if (why) {
      this.refuse(4001, `invalid register frame: ${why}`);
      return;
    }
    const sink: WorkerSink = {
      // The core calls this inside `register`, before it pushes any job.
      ready: (registration) => {
        this.connectionId = registration.connectionId;
        const key = typeof frame.apikey === 'string' ? frame.apikey : undefined;
        this.log = this.log.child({ worker: String(frame.name), connection_id: registration.connectionId }, [
          key,
        ]);
        this.log.line('info', 'ws.registered', { worker_id: registration.workerId });
        if (this.registerTimer) this.grid.clock.clearTimer(this.registerTimer);
        this.registerTimer = undefined;
        this.send({ type: 'ready', worker_id: registration.workerId });
        this.schedulePing();
      },
      job: (offer) => {
        this.busy = true;
        this.sendJob(offer);
      },
      mediaJob: (offer) => {
        this.busy = true;
        this.sendMediaJob(offer);
      },
      cancel: (generationId) => this.send({ type: 'cancel', id: generationId }),
      // The core answers a `done` before it offers the next job: grid-text-worker reads the frame after its
      // `done` as the ack, so a job sent first would be taken for the ack and lost until its lease expired.
      ack: (generationId, den) => this.send({ type: 'ack', id: generationId, den }),
      close: (reason, message) => this.refuse(reason === 'replaced' ? 1012 : 4003, message),
    };
    const types = Array.isArray(frame.job_types) ? frame.job_types : [frame.worker_type ?? 'text'];
    this.media = types.some((t) => MEDIA_KINDS.has(String(t)));
    try {
      this.grid.register(frame as unknown as WsRegisterInput, sink);
    } catch (err) {
      if (isGridError(err, 'InvalidAPIKey')) this.limits.hooks.onAuthFailure?.(this.limits.ip);
      this.refuse(wsCloseCode(err), isGridError(err) ? err.message : String(err));
    }
  }

  private onWorkerFrame(frame: Frame): Promise<void> | undefined {
    const by = { connectionId: this.connectionId! };
    switch (frame.type) {
      case 'pong':
        return undefined;
      case 'token': {
        const why = this.problems('WsToken', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid token frame: ${why}` });
          return undefined;
        }
        const delta =
          frame.delta && typeof frame.delta === 'object'
            ? (frame.delta as Record<string, unknown>)
            : // Legacy form `{text, reasoning: bool}`.
              frame.reasoning === true
              ? { reasoning_content: String(frame.text ?? '') }
              : { content: String(frame.text ?? '') };
        const input = { generationId: String(frame.id), by, delta };
        const live = this.grid.progress(
          typeof frame.finish_reason === 'string' ? { ...input, finish_reason: frame.finish_reason } : input,
        );
        if (live && this.streamed?.id === input.generationId && typeof delta.content === 'string') {
          this.streamed.text += delta.content;
        }
        return undefined;
      }
      case 'progress': {
        if (!this.media) break;
        const why = this.problems('WsProgress', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid progress frame: ${why}` });
          return undefined;
        }
        this.grid.mediaProgress({ generationId: String(frame.id), by, pct: Number(frame.pct) });
        return undefined;
      }
      case 'done': {
        if (this.media) {
          const why = this.problems('WsMediaDone', frame);
          if (why) {
            this.send({ type: 'error', message: `invalid done frame: ${why}` });
            return undefined;
          }
          this.busy = false;
          return this.mediaDone(frame, by);
        }
        const why = this.problems('WsDone', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid done frame: ${why}` });
          return undefined;
        }
        this.busy = false;
        const input: CompleteInput = {
          generationId: String(frame.id),
          by,
          text: typeof frame.full_text === 'string' ? frame.full_text : '',
          ...(typeof frame.full_reasoning === 'string' ? { reasoning: frame.full_reasoning } : {}),
          ...(typeof frame.finish_reason === 'string' ? { finish_reason: frame.finish_reason } : {}),
          ...(frame.cancelled === true ? { cancelled: true } : {}),
        };
        // The signature covers what the client receives: the streamed content when there was any.
        const streamed = this.streamed?.id === input.generationId ? this.streamed.text : '';
        const signedText = streamed || input.text;
        this.streamed = undefined;
        if (!isSigned(frame)) {
          this.complete({ ...input, signature: 'missing' });
          return undefined;
        }
        return checkSignature(this.grid, input.generationId, signedText, frame).then((outcome) =>
          this.complete({ ...input, ...outcome }),
        );
      }
      case 'error': {
        const why = this.problems('WsWorkerError', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid error frame: ${why}` });
          return undefined;
        }
        this.busy = false;
        this.streamed = undefined;
        this.grid.fail({
          generationId: String(frame.id),
          by,
          ...(typeof frame.message === 'string' ? { message: frame.message } : {}),
          ...(frame.client_error === true ? { clientError: true } : {}),
        });
        return undefined;
      }
      default:
        break;
    }
    const expected = this.media ? 'pong, progress, done or error' : 'pong, token, done or error';
    this.send({
      type: 'error',
      message:
        typeof frame.type === 'string'
          ? `type: unknown frame type '${frame.type}' (expected ${expected})`
          : `type: field required (expected ${expected})`,
    });
    return undefined;
  }

  private complete(input: CompleteInput): void {
    try {
      this.grid.complete(input);
    } catch (err) {
      // The core acks duplicates and stale jobs with den 0, as live; anything else is reported.
      if (!isStale(err)) throw err;
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.registerTimer) this.grid.clock.clearTimer(this.registerTimer);
    if (this.pingTimer) this.grid.clock.clearTimer(this.pingTimer);
    this.registerTimer = this.pingTimer = undefined;
    const connectionId = this.connectionId;
    if (!connectionId) return;
    // A `done` still being checked settles first: the worker did deliver it before it went away.
    if (this.backlog) this.enqueue(() => this.grid.release(connectionId));
    else this.grid.release(connectionId);
  }

  /** Closes with 1012 (service restart); drops the socket if the worker has not answered within `ms`. */
  async shutDown(ms: number): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return this.onClose();
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(SERVICE_RESTART.code, SERVICE_RESTART.reason);
    // A real timer, not the core's clock: a test's ManualClock must not hold up the shutdown.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    this.ws.terminate();
    this.onClose();
  }
}
