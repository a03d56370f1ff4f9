// WebSocket workers we control frame by frame (openapi/components/ws.yaml: register → ready,
// job → token… → done → ack, ping → pong, cancel). Each slot is one connection at a time; a slot whose
// socket dies reconnects under the same name. What an attempt does is Plan.ws(job, attempt).
import WebSocket from 'ws';
import type { Attempt, Book } from './book.js';
import { jobOfPrompt, type Plan } from './plan.js';

type Frame = { type?: string; id?: string; den?: number; [k: string]: unknown };

export interface WsWorkerOptions {
  url: string;
  model: string;
  plan: Plan;
  book: Book;
  /** How long to wait for an ack before counting the answer unacked: only a guard against a hang. */
  ackLimitMs: number;
}

const JUNK = 'x'.repeat(2000);

export class WsSlot {
  private ws?: WebSocket;
  private stopping = false;
  private readonly waiters = new Map<string, Array<(frame: Frame) => void>>();
  /** Jobs run one after the other: a job offered right behind an ack waits until the last attempt is done. */
  private work: Promise<void> = Promise.resolve();
  /** Cancels that arrived before anyone waited for them. */
  private readonly cancelled = new Set<string>();
  /** Resolves when the current connection is ready. */
  private ready?: Promise<void>;

  constructor(
    readonly name: string,
    readonly key: string,
    private readonly o: WsWorkerOptions,
  ) {}

  /** Connects and registers; resolves on `ready`. */
  start(): Promise<void> {
    this.ready = this.connect();
    return this.ready;
  }

  stop(): void {
    this.stopping = true;
    this.ws?.terminate();
  }

  private connect(): Promise<void> {
    const ws = new WebSocket(`${this.o.url.replace(/^http/, 'ws')}/v1/workers/ws`, {
      perMessageDeflate: false,
    });
    this.ws = ws;
    return new Promise<void>((resolve, reject) => {
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            apikey: this.key,
            name: this.name,
            models: [this.o.model],
            max_length: 512,
            max_context_length: 4096,
            bridge_agent: 'aipg-chaos:0:bench/chaos.ts',
          }),
        ),
      );
      ws.on('error', reject);
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as Frame;
        if (frame.type === 'ready') resolve();
        else if (frame.type === 'ping') ws.send('{"type":"pong"}');
        else if (frame.type === 'job') {
          const run = this.work.then(() => this.serve(ws, frame));
          this.work = run.catch(() => undefined); // the error is the book's (track); the next job still runs
          this.o.book.track(run);
        } else if (frame.type === 'error' && !frame.id)
          reject(new Error(`registration refused: ${frame.message}`));
        else if (frame.id) this.deliver(frame);
      });
      ws.on('close', () => {
        // Every waiter of this connection learns it is gone (an ack that never came is counted).
        for (const list of this.waiters.values()) for (const w of list) w({ type: 'closed' });
        this.waiters.clear();
        if (!this.stopping && this.ws === ws) this.ready = this.connect().catch(() => undefined);
      });
    });
  }

  private deliver(frame: Frame): void {
    const key = `${frame.type}:${frame.id}`;
    const list = this.waiters.get(key);
    const w = list?.shift();
    if (list?.length === 0) this.waiters.delete(key);
    if (w) w(frame);
    // A cancel can come before its job's turn (jobs run one after the other): kept for when it asks.
    else if (frame.type === 'cancel') this.cancelled.add(String(frame.id));
  }

  /** The next `type` frame about generation `id` on this connection (`{type: 'closed'}` if it closes). */
  private next(type: 'ack' | 'cancel', id: string, limitMs?: number): Promise<Frame> {
    if (type === 'cancel' && this.cancelled.delete(id)) return Promise.resolve({ type: 'cancel', id });
    return new Promise((resolve) => {
      const key = `${type}:${id}`;
      let timer: NodeJS.Timeout | undefined;
      const done = (frame: Frame) => {
        if (timer) clearTimeout(timer);
        resolve(frame);
      };
      const list = this.waiters.get(key) ?? [];
      list.push(done);
      this.waiters.set(key, list);
      if (limitMs !== undefined) {
        timer = setTimeout(() => {
          const at = list.indexOf(done);
          if (at !== -1) list.splice(at, 1);
          resolve({ type: 'timeout' });
        }, limitMs);
      }
    });
  }

  private send(ws: WebSocket, frame: Record<string, unknown>): Promise<void> {
    return new Promise((resolve) => ws.send(JSON.stringify(frame), () => resolve()));
  }

  /** Sends a done and records what the ack says this attempt was paid. */
  private async done(ws: WebSocket, attempt: Attempt, frame: Record<string, unknown>): Promise<void> {
    const id = String(frame.id);
    const ack = this.next('ack', id, this.o.ackLimitMs);
    await this.send(ws, { type: 'done', ...frame });
    const answer = await ack;
    if (answer.type === 'ack') attempt.payments.push(Number(answer.den ?? 0));
    else this.o.book.unacked++;
  }

  private async serve(ws: WebSocket, offer: Frame): Promise<void> {
    const id = String(offer.id);
    const payload = offer.payload as { prompt?: string } | undefined;
    const job = jobOfPrompt(payload?.prompt ?? '');
    if (job === undefined) throw new Error(`job ${id} carries no chaos-job prompt`);
    const { plan, book } = this.o;
    const draft = { kind: 'ws' as const, worker: this.name, generationId: id, behaviour: '', text: '' };
    const attempt = book.attempt(job, draft);
    attempt.behaviour = plan.ws(job, attempt.n);
    attempt.text = plan.text(job, attempt.n);
    const pieces = plan.tokens(job, attempt.n);
    const token = (content: string) => this.send(ws, { type: 'token', id, delta: { content } });
    const stream = async (from: number, to: number) => {
      for (const piece of pieces.slice(from, to)) await token(piece);
    };

    switch (attempt.behaviour) {
      case 'ok':
      case 'dup-done':
      case 'liar': {
        await stream(0, pieces.length);
        attempt.complete = true;
        const fullText = attempt.behaviour === 'liar' ? attempt.text + JUNK : attempt.text;
        await this.done(ws, attempt, { id, full_text: fullText, finish_reason: 'stop' });
        if (attempt.behaviour === 'dup-done') {
          await this.done(ws, attempt, { id, full_text: fullText, finish_reason: 'stop' });
        }
        return;
      }
      case 'die': {
        await stream(0, plan.cut(job, attempt.n, pieces.length));
        // The tokens were written before the socket goes; a graceful close or a cut, as the plan says.
        if (plan.graceful(job, attempt.n)) ws.close(4000, 'chaos: worker died');
        else ws.terminate();
        return;
      }
      case 'error': {
        await stream(0, plan.cut(job, attempt.n, pieces.length));
        await this.send(ws, { type: 'error', id, message: 'chaos: backend returned HTTP 500' });
        return;
      }
      case 'freeze-cancelled':
      case 'freeze-late-done': {
        const cancel = this.next('cancel', id);
        const sent = plan.cut(job, attempt.n, pieces.length, true);
        await stream(0, sent);
        // Frozen: pongs still go out (the message handler answers pings), nothing else until the grid gives
        // up on the lease and sends cancel.
        if ((await cancel).type !== 'cancel') return;
        if (attempt.behaviour === 'freeze-cancelled') {
          const partial = pieces.slice(0, sent).join('');
          await this.done(ws, attempt, {
            id,
            full_text: partial,
            cancelled: true,
            finish_reason: 'cancelled',
          });
          return;
        }
        await stream(sent, pieces.length);
        attempt.complete = true;
        await this.done(ws, attempt, { id, full_text: attempt.text, finish_reason: 'stop' });
        return;
      }
      default:
        throw new Error(`unknown behaviour ${attempt.behaviour}`);
    }
  }
}
