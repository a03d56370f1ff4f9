import WebSocket from 'ws';
import { loadSpec } from '../../src/validation/load.js';

export type ClientFrame = { type: string; id?: string | null; [k: string]: unknown };

const serverFrame = loadSpec().schema('ClientWsServerFrame');

/**
 * A scripted client on the client WebSocket `/v1/ws`: sends what the test says and keeps what the grid sends,
 * in order, each checked against the spec's `ClientWsServerFrame` (a frame that does not fit fails the test).
 */
export class TestWsClient {
  readonly frames: ClientFrame[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  private constructor(readonly ws: WebSocket) {
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
      const frame = JSON.parse(data.toString()) as ClientFrame;
      const problems = serverFrame(frame);
      if (problems.length) {
        throw new Error(
          `frame outside the spec: ${JSON.stringify(frame).slice(0, 300)} ${JSON.stringify(problems)}`,
        );
      }
      this.frames.push(frame);
      this.wake();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Opens `<baseUrl>/v1/ws`; `key` goes in `Authorization: Bearer` (omit it to send an `auth` frame). */
  static async open(baseUrl: string, key?: string): Promise<TestWsClient> {
    const headers = key === undefined ? {} : { authorization: `Bearer ${key}` };
    const client = new TestWsClient(new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/ws`, { headers }));
    await client.opened;
    return client;
  }

  /** Opens with the key in the header and waits for `ready`. */
  static async ready(baseUrl: string, key: string): Promise<TestWsClient> {
    const client = await TestWsClient.open(baseUrl, key);
    await client.next((f) => f.type === 'ready');
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (taken out of the buffer) that `match` accepts. */
  async next(match: (f: ClientFrame) => boolean): Promise<ClientFrame> {
    for (;;) {
      const i = this.frames.findIndex(match);
      if (i !== -1) return this.frames.splice(i, 1)[0]!;
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`socket closed while waiting; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The frame that ends request `id` (`response`, `done` or `error`), its chunks and events before it. */
  async finish(id: string): Promise<{ last: ClientFrame; chunks: ClientFrame[]; events: ClientFrame[] }> {
    const last = await this.next(
      (f) => f.id === id && (f.type === 'response' || f.type === 'done' || f.type === 'error'),
    );
    const mine = this.frames.filter((f) => f.id === id);
    for (const f of mine) this.frames.splice(this.frames.indexOf(f), 1);
    return {
      last,
      chunks: mine.filter((f) => f.type === 'chunk'),
      events: mine.filter((f) => f.type === 'event'),
    };
  }

  close(): void {
    this.ws.close();
  }
}
