import WebSocket from 'ws';
import type { SpecCheck } from './spec-validator.js';

export type ServerFrame = { type: string; [k: string]: unknown };

/**
 * A scripted worker on `/v1/workers/ws`: sends what the test says, and hands received frames to the test in
 * order (`next(type)`), checking each against the spec's `WsServerFrame`.
 */
export class TestWsWorker {
  private readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  private constructor(
    readonly ws: WebSocket,
    check?: SpecCheck,
  ) {
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      check?.checkServerFrame(frame);
      this.frames.push(frame);
      this.wake();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Opens a socket to `<baseUrl>/v1/workers/ws` (http → ws) and, if given, sends the register frame. */
  static async open(
    baseUrl: string,
    register?: Record<string, unknown>,
    check?: SpecCheck,
    path = '/v1/workers/ws',
  ) {
    const worker = new TestWsWorker(new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`), check);
    await worker.opened;
    if (register) worker.send(register);
    return worker;
  }

  /** Registers and waits for `ready`; returns the worker id. */
  static async ready(baseUrl: string, register: Record<string, unknown>, check?: SpecCheck) {
    const worker = await TestWsWorker.open(baseUrl, register, check);
    const ready = await worker.next('ready');
    return Object.assign(worker, { workerId: String(ready.worker_id) });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next received frame of `type` (other types before it are kept for later calls; pings are skipped). */
  async next(type?: string): Promise<ServerFrame> {
    for (;;) {
      const i = this.frames.findIndex((f) => (type ? f.type === type : f.type !== 'ping'));
      if (i !== -1) return this.frames.splice(i, 1)[0]!;
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(
          `socket closed while waiting for ${type ?? 'a frame'}; got ${JSON.stringify(this.frames)}`,
        );
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Frames received so far and not yet taken by `next`. */
  get buffered(): readonly ServerFrame[] {
    return this.frames;
  }

  /** Streams `pieces` as token frames, then `done`; returns the `ack`. */
  async serve(jobId: string, pieces: string[]): Promise<ServerFrame> {
    for (const content of pieces) this.send({ type: 'token', id: jobId, delta: { content } });
    this.send({ type: 'done', id: jobId, full_text: pieces.join(''), finish_reason: 'stop' });
    return this.next('ack');
  }

  close(): void {
    this.ws.close();
  }
}
