import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { GridCore, TimerHandle, WorkerSink, WsJobOffer, WsRegisterInput } from '../../core/index.js';
import { isGridError } from '../../core/index.js';
import { fieldName, type SpecValidators } from '../../validation/spec.js';
import { wsCloseCode } from '../errors.js';
import { jsonDepthProblem } from '../json-depth.js';
import { jsonSyntaxProblem } from '../json-syntax.js';

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
  private readonly pingIntervalMs: number;
  private readonly registerTimeoutMs: number;
  private readonly connections = new Set<WorkerConnection>();
  private readonly perIp = new Map<string, number>();
  private readonly maxSocketsPerIp: number;
  private readonly limits: ConnectionLimits;

  constructor(
    private readonly grid: GridCore,
    private readonly spec: SpecValidators,
    options: WsDoorOptions = {},
    private readonly hooks: WsDoorHooks = {},
  ) {
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
      const conn = new WorkerConnection(
        ws,
        this.grid,
        this.spec,
        this.pingIntervalMs,
        this.registerTimeoutMs,
        { ...this.limits, ip: req.socket.remoteAddress },
      );
      this.connections.add(conn);
      ws.on('close', () => this.connections.delete(conn));
    });
  }

  /** Closes every worker socket (1001 going away) and stops all timers. */
  async close(): Promise<void> {
    for (const conn of this.connections) conn.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** One connection's limits: the unread-bytes cap, and whom to tell about a refused key. */
interface ConnectionLimits {
  maxBufferedBytes: number;
  hooks: WsDoorHooks;
  ip?: string | undefined;
}

class WorkerConnection {
  private connectionId: string | undefined;
  private registerTimer: TimerHandle | undefined;
  private pingTimer: TimerHandle | undefined;
  private busy = false;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly grid: GridCore,
    private readonly spec: SpecValidators,
    private readonly pingIntervalMs: number,
    registerTimeoutMs: number,
    private readonly limits: ConnectionLimits,
  ) {
    this.registerTimer = grid.clock.setTimer(() => {
      this.registerTimer = undefined;
      if (!this.connectionId) this.refuse(4001, `no register frame within ${registerTimeoutMs / 1000} s`);
    }, registerTimeoutMs);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', () => {
      // A protocol error (e.g. a frame over maxPayload) closes the socket; `close` does the clean-up.
    });
  }

  private send(frame: Frame): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(frame));
    // A worker that never reads would make the grid hold every frame for it: cut it instead.
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.ws.close(1008, 'the worker does not read its frames');
      this.onClose();
    }
  }

  private refuse(code: 4001 | 4003 | 1012, message: string): void {
    if (this.ws.readyState === this.ws.OPEN) {
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
    let frame: unknown;
    try {
      if (isBinary) {
        this.protocolError('malformed frame: binary frames are not accepted; send JSON text');
        return;
      }
      frame = JSON.parse(data.toString());
    } catch (err) {
      this.protocolError(`malformed frame: ${jsonSyntaxProblem(err)}`);
      return;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      this.protocolError('malformed frame: expected a JSON object');
      return;
    }
    const tooDeep = jsonDepthProblem(frame);
    if (tooDeep) {
      this.protocolError(`${fieldName(tooDeep.path)}: ${tooDeep.message}`);
      return;
    }
    try {
      if (!this.connectionId) this.register(frame as Frame);
      else this.onWorkerFrame(frame as Frame);
    } catch (err) {
      // A core refusal of one frame (stale job, another connection's job) is reported, never fatal to the socket.
      this.send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private sendJob(offer: WsJobOffer): void {
    this.send({ type: 'job', id: offer.id, model: offer.model, payload: offer.payload });
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
        if (this.registerTimer) this.grid.clock.clearTimer(this.registerTimer);
        this.registerTimer = undefined;
        this.send({ type: 'ready', worker_id: registration.workerId });
        this.schedulePing();
      },
      job: (offer) => {
        this.busy = true;
        this.sendJob(offer);
      },
      cancel: (generationId) => this.send({ type: 'cancel', id: generationId }),
      // The core answers a `done` before it offers the next job: grid-text-worker reads the frame after its
      // `done` as the ack, so a job sent first would be taken for the ack and lost until its lease expired.
      ack: (generationId, den) => this.send({ type: 'ack', id: generationId, den }),
      close: (reason, message) => this.refuse(reason === 'replaced' ? 1012 : 4003, message),
    };
    try {
      this.grid.register(frame as unknown as WsRegisterInput, sink);
    } catch (err) {
      if (isGridError(err, 'InvalidAPIKey')) this.limits.hooks.onAuthFailure?.(this.limits.ip);
      this.refuse(wsCloseCode(err), isGridError(err) ? err.message : String(err));
    }
  }

  private onWorkerFrame(frame: Frame): void {
    const by = { connectionId: this.connectionId! };
    switch (frame.type) {
      case 'pong':
        return;
      case 'token': {
        const why = this.problems('WsToken', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid token frame: ${why}` });
          return;
        }
        const delta =
          frame.delta && typeof frame.delta === 'object'
            ? (frame.delta as Record<string, unknown>)
            : // Legacy form `{text, reasoning: bool}`.
              frame.reasoning === true
              ? { reasoning_content: String(frame.text ?? '') }
              : { content: String(frame.text ?? '') };
        const input = { generationId: String(frame.id), by, delta };
        this.grid.progress(
          typeof frame.finish_reason === 'string' ? { ...input, finish_reason: frame.finish_reason } : input,
        );
        return;
      }
      case 'done': {
        const why = this.problems('WsDone', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid done frame: ${why}` });
          return;
        }
        this.busy = false;
        try {
          this.grid.complete({
            generationId: String(frame.id),
            by,
            text: typeof frame.full_text === 'string' ? frame.full_text : '',
            ...(typeof frame.full_reasoning === 'string' ? { reasoning: frame.full_reasoning } : {}),
            ...(typeof frame.finish_reason === 'string' ? { finish_reason: frame.finish_reason } : {}),
            ...(frame.cancelled === true ? { cancelled: true } : {}),
          });
        } catch (err) {
          // The core acks duplicates and stale jobs with den 0, as live; anything else is reported.
          if (!isGridError(err) || !['DuplicateGen', 'AbortedGen', 'InvalidJobID'].includes(err.code))
            throw err;
        }
        return;
      }
      case 'error': {
        const why = this.problems('WsWorkerError', frame);
        if (why) {
          this.send({ type: 'error', message: `invalid error frame: ${why}` });
          return;
        }
        this.busy = false;
        this.grid.fail({
          generationId: String(frame.id),
          by,
          ...(typeof frame.message === 'string' ? { message: frame.message } : {}),
          ...(frame.client_error === true ? { clientError: true } : {}),
        });
        return;
      }
      default:
        this.send({
          type: 'error',
          message:
            typeof frame.type === 'string'
              ? `type: unknown frame type '${frame.type}' (expected pong, token, done or error)`
              : 'type: field required (expected pong, token, done or error)',
        });
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.registerTimer) this.grid.clock.clearTimer(this.registerTimer);
    if (this.pingTimer) this.grid.clock.clearTimer(this.pingTimer);
    this.registerTimer = this.pingTimer = undefined;
    if (this.connectionId) this.grid.release(this.connectionId);
  }

  terminate(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1001, 'server shutting down');
    this.ws.terminate();
    this.onClose();
  }
}
