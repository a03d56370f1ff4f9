// One WebSocket connection = one job at a time (the live grid's rule); N connections give N parallel jobs.
// The connection reconnects with jittered back-off, and ends for good on 4001/4003 (fatal) or 1012 (replaced).
// A 1012 whose reason starts `service restart` is the grid shutting down: that one reconnects (later, with back-off).
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { FatalError } from '../../errors.js';
import {
  type Slot,
  type SlotContext,
  servable,
  type UnitBase,
  waitUntilServable,
} from '../../runtime/context.js';
import { ABORT, blamesBackend, recordOutcome, type Settled } from '../../runtime/run-job.js';
import { Backoff } from '../../util/timing.js';
import { BRIDGE_AGENT } from '../../version.js';
import type {
  WsCloseCode,
  WsJob,
  WsMediaJob,
  WsMediaServerFrame,
  WsMediaWorkerFrame,
  WsRegister,
  WsServerFrame,
  WsWorkerFrame,
} from '../../wire.js';

/** Close codes the live grid uses (WsCloseCode). */
export const CLOSE = { badKey: 4001, forbidden: 4003, replaced: 1012 } as const satisfies Record<
  string,
  WsCloseCode
>;

/** A 1012 with this reason is a grid restart, not a replacement (openapi/components/ws.yaml WsCloseCode). */
const SERVICE_RESTART = /^service restart/i;

const FATAL_HINT: Record<number, string> = {
  [CLOSE.badKey]: 'the API key or worker name was refused; check api_key / GRID_API_KEY and the worker name',
  [CLOSE.forbidden]:
    'the key lacks the worker.connect / inference.submit scope, the name belongs to another account, the model is retired, or the worker is in an eviction cooldown',
};

export interface WebSocketSlotOptions {
  /** The full `ws(s)://…/v1/workers/ws` URL. */
  url: string;
  /** The name this connection registers (`name`, `name#2`, …). */
  name: string;
  /** Reconnect back-off; default 1 s doubling to 30 s. */
  reconnect?: { initialMs: number; maxMs: number };
  /** Protocol-level ping period; an unanswered ping drops the connection (default 30 s). */
  heartbeatMs?: number;
}

/**
 * What one kind of session does with its jobs — text (text-jobs.ts) or media (media-jobs.ts); a session never
 * mixes the two (openapi/components/ws.yaml WsRegister). The slot runs the connection around it.
 */
export interface WsJobKind {
  /** The register frame's fields for this kind: models, limits, `job_types`, capabilities. */
  register(): Omit<WsRegister, 'apikey' | 'name' | 'bridge_agent' | 'public_key'>;
  /** Serves one job frame while the slot holds it as its current job. */
  serve(frame: WsJob | WsMediaJob, job: ServingJob): Promise<Served>;
}

export interface ServingJob {
  id: string;
  /** Aborted by `cancel` (ABORT.cancel), hand-back and a lost connection, with an ABORT reason. */
  controller: AbortController;
  /** The name this connection registered. */
  name: string;
  send(frame: WsWorkerFrame | WsMediaWorkerFrame): void;
}

export interface Served {
  outcome: Settled;
  /** Sends the job's last frame and records how it ended; called once the slot let go of the job. */
  report(): Promise<void>;
}

const HEARTBEAT_MS = 30_000;
/** How long a draining connection waits for the `ack` of its last job before closing. */
const ACK_WAIT_MS = 5_000;

interface SessionEnd {
  code: number;
  reason: string;
  wasReady: boolean;
}

export class WebSocketSlot implements Slot {
  private socket: WebSocket | undefined;
  /** The TCP (or TLS) socket under `socket`: corked while one turn of the event loop sends frames. */
  private wire: Duplex | undefined;
  private corked = false;
  private current: { id: string; controller: AbortController } | undefined;
  private awaitingAck: { id: string; resolve: () => void } | undefined;
  private readonly backoff: Backoff;

  constructor(
    private readonly ctx: SlotContext<UnitBase>,
    private readonly options: WebSocketSlotOptions,
    private readonly kind: WsJobKind,
  ) {
    this.backoff = new Backoff({
      ...(options.reconnect ?? { initialMs: 1000, maxMs: 30_000 }),
      random: ctx.random,
    });
  }

  async run(): Promise<void> {
    const { ctx } = this;
    const { name } = this.options;
    // A tripped breaker or a backend gone down takes idle connections off the grid right away; busy ones leave
    // after their job.
    const offTrip = ctx.unit.breaker.onTrip(() => {
      if (!this.current) this.close(1000, 'paused');
    });
    const offDown = ctx.unit.gate.onDown(() => {
      if (!this.current) this.close(1000, 'backend down');
    });
    try {
      while (!ctx.drainSignal.aborted) {
        if (!servable(ctx)) {
          await waitUntilServable(ctx, name);
          continue;
        }
        const end = await this.session();
        if (end.code === CLOSE.badKey || end.code === CLOSE.forbidden) {
          throw new FatalError(
            `grid refused worker "${name}" (close ${end.code}${end.reason ? `: ${end.reason}` : ''}): ${FATAL_HINT[end.code]}`,
          );
        }
        const restart = end.code === CLOSE.replaced && SERVICE_RESTART.test(end.reason);
        if (end.code === CLOSE.replaced && !restart) {
          ctx.log(
            'warn',
            `${name}: replaced by a newer connection with the same name (close 1012); not reconnecting`,
          );
          return;
        }
        if (ctx.drainSignal.aborted || !servable(ctx)) continue;
        if (end.wasReady) this.backoff.reset();
        const delay = this.backoff.next();
        ctx.log(
          'warn',
          restart
            ? `${name}: the grid is restarting (close 1012 ${end.reason}); reconnecting in ${(delay / 1000).toFixed(1)} s`
            : `${name}: connection closed (${end.code}${end.reason ? ` ${end.reason}` : ''}); reconnecting in ${(delay / 1000).toFixed(1)} s`,
        );
        await ctx.sleep(delay, ctx.drainSignal);
      }
    } finally {
      offTrip();
      offDown();
    }
  }

  handBack(): void {
    this.current?.controller.abort(ABORT.handBack);
  }

  /** One connection's life: register, serve, until the socket closes. */
  private session(): Promise<SessionEnd> {
    const { ctx, options } = this;
    return new Promise((resolve) => {
      let wasReady = false;
      let errorMessage = '';
      const ws = new WebSocket(options.url, { handshakeTimeout: 30_000 });
      this.socket = ws;
      this.wire = undefined;
      ws.on('upgrade', (response) => {
        if (this.socket === ws) this.wire = response.socket;
      });
      const onDrain = () => {
        if (!this.current) this.close(1000, 'draining');
      };
      ctx.drainSignal.addEventListener('abort', onDrain, { once: true });

      ws.on('open', () => {
        const register: WsRegister = {
          apikey: ctx.config.apiKey,
          name: options.name,
          ...this.kind.register(),
          bridge_agent: BRIDGE_AGENT,
          ...(ctx.key ? { public_key: ctx.key.publicKey } : {}),
        };
        ws.send(JSON.stringify(register));
      });
      ws.on('message', (data) => {
        let frame: WsServerFrame | WsMediaServerFrame;
        try {
          frame = JSON.parse(data.toString());
        } catch {
          ctx.log('warn', `${options.name}: ignored a malformed frame`);
          return;
        }
        if (frame.type === 'ready') {
          wasReady = true;
          ctx.stats.connected += 1;
          ctx.log('info', `${options.name}: registered (worker_id ${frame.worker_id})`);
        } else if (frame.type === 'ping') {
          this.send({ type: 'pong' });
        } else if (frame.type === 'job') {
          void this.serve(frame);
        } else if (frame.type === 'cancel') {
          if (this.current?.id === frame.id) this.current.controller.abort(ABORT.cancel);
        } else if (frame.type === 'ack') {
          if (typeof frame.den === 'number') ctx.stats.addDen(frame.den);
          ctx.log('debug', `${options.name}: ack for job ${frame.id}: ${frame.den} den`);
          if (this.awaitingAck?.id === frame.id) this.awaitingAck.resolve();
        } else if (frame.type === 'error') {
          errorMessage = frame.message;
          ctx.log('warn', `${options.name}: grid error: ${frame.message}`);
        }
      });
      ws.on('error', (error) => {
        errorMessage ||= error.message;
      });
      // A silently dead TCP connection never closes by itself, and the grid does not ping a busy worker:
      // send protocol-level pings (as grid-text-worker does, every 30 s) and drop the socket if one goes unanswered.
      let alive = true;
      ws.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (!alive) {
          errorMessage ||= 'no pong from the grid; connection presumed dead';
          ws.terminate();
          return;
        }
        alive = false;
        ws.ping();
      }, options.heartbeatMs ?? HEARTBEAT_MS);
      heartbeat.unref?.();
      ws.on('close', (code, reasonBuffer) => {
        clearInterval(heartbeat);
        ctx.drainSignal.removeEventListener('abort', onDrain);
        if (wasReady) ctx.stats.connected -= 1;
        if (this.socket === ws) {
          this.socket = undefined;
          this.wire = undefined;
        }
        // The grid re-queues a job whose connection went away; stop working on it. No ack can come now.
        this.current?.controller.abort(ABORT.connectionLost);
        this.awaitingAck?.resolve();
        resolve({ code, reason: reasonBuffer.toString() || errorMessage, wasReady });
      });
    });
  }

  private async serve(frame: WsJob | WsMediaJob): Promise<void> {
    const { ctx } = this;
    const { id } = frame;
    if (this.current) {
      // The grid sends one job per connection; a second one is a protocol error, refuse it visibly.
      this.send({ type: 'error', id, message: 'worker busy: one job per connection', client_error: false });
      return;
    }
    const leaving = this.leaveReason();
    if (leaving) {
      // An `error` would be a strike, while a connection that closes with a job on it gets the job re-queued.
      // So close now, without starting it.
      ctx.log(
        'info',
        `${this.options.name}: job ${id} arrived as the connection was leaving; not started (the grid re-queues it)`,
      );
      this.close(1000, leaving);
      return;
    }
    const controller = new AbortController();
    this.current = { id, controller };
    ctx.stats.inFlight += 1;
    const { outcome, report } = await this.kind.serve(frame, {
      id,
      controller,
      name: this.options.name,
      send: (f) => this.send(f),
    });
    this.current = undefined;
    ctx.stats.inFlight -= 1;
    await report();
    // After the frame went out: a tripping breaker or a failed probe closes idle connections, as this one is now.
    recordOutcome(ctx.unit.breaker, outcome);
    if (blamesBackend(outcome)) await ctx.unit.gate.check();
    const leavingNow = this.leaveReason();
    if (leavingNow) {
      // Leaving after a `done`: give the grid a moment to send its ack, so the den is counted.
      if (outcome.kind === 'done' || (outcome.kind === 'aborted' && outcome.reason === ABORT.cancel)) {
        await this.ackOrTimeout(id);
      }
      this.close(1000, leavingNow);
    }
  }

  /** Why this connection takes no more jobs (the close reason), or undefined while it serves. */
  private leaveReason(): string | undefined {
    const { ctx } = this;
    if (ctx.drainSignal.aborted) return 'draining';
    if (ctx.unit.breaker.paused) return 'paused';
    if (!ctx.unit.gate.isUp) return 'backend down';
    if (this.socket?.readyState !== WebSocket.OPEN) return 'closing';
    return undefined;
  }

  private async ackOrTimeout(id: string): Promise<void> {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    const stop = new AbortController();
    const acked = new Promise<void>((resolve) => {
      this.awaitingAck = { id, resolve };
    });
    await Promise.race([acked, this.ctx.sleep(ACK_WAIT_MS, stop.signal)]);
    stop.abort();
    this.awaitingAck = undefined;
  }

  private send(frame: WsWorkerFrame | WsMediaWorkerFrame): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.corkForThisTurn();
    this.socket.send(JSON.stringify(frame));
  }

  /**
   * The token frames of one backend read (a few SSE events arrive together) and a `done` after the last one
   * leave in one socket write instead of one each: the socket is corked at the first frame of a turn and
   * uncorked once the turn is over, so nothing waits longer than that turn.
   */
  private corkForThisTurn(): void {
    const wire = this.wire;
    if (!wire || this.corked) return;
    this.corked = true;
    wire.cork();
    process.nextTick(() => {
      this.corked = false;
      wire.uncork();
    });
  }

  private close(code: number, reason: string): void {
    const ws = this.socket;
    if (!ws) return;
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
  }
}

/**
 * The worker socket URL from the grid base URL: http→ws, https→wss, a trailing `/api` dropped, `/v1/workers/ws`
 * appended; `api.aipowergrid.io` becomes `ws.aipowergrid.io` (Cloudflare resets long sockets on `api.`).
 * A URL that already ends in `/v1/workers/ws` is kept.
 */
export function workerSocketUrl(base: string): string {
  const url = new URL(base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.hostname === 'api.aipowergrid.io') url.hostname = 'ws.aipowergrid.io';
  let path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  if (!path.endsWith('/v1/workers/ws')) path = `${path}/v1/workers/ws`;
  url.pathname = path;
  return url.toString();
}
