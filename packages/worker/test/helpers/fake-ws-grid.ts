// A tiny in-test grid speaking the worker WebSocket frames, so the protocol client is tested on its own.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: the fake grid reads frames loosely, field by field, in assertions
type Frame = Record<string, any>;

export class FakeConnection {
  readonly frames: Frame[] = [];
  readonly path: string;
  private waiters: { predicate: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(
    private readonly ws: WebSocket,
    path: string,
  ) {
    this.path = path;
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** The next frame (already received or future) matching the predicate, counting from `from`. */
  next(predicate: (f: Frame) => boolean = () => true, from = 0): Promise<Frame> {
    const seen = this.frames.slice(from).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  type(type: string, id?: string): Promise<Frame> {
    return this.next((f) => f.type === type && (id === undefined || f.id === id));
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Waits for the register frame and answers ready. */
  async accept(workerId = 'w-1'): Promise<Frame> {
    const register = await this.next(() => true);
    this.send({ type: 'ready', worker_id: workerId });
    return register;
  }

  close(code: number, reason = ''): void {
    this.ws.close(code, reason);
  }
}

export interface FakeWsGrid {
  url: string;
  connections: FakeConnection[];
  nextConnection(): Promise<FakeConnection>;
  close(): Promise<void>;
}

export async function startFakeWsGrid(options: { autoPong?: boolean } = {}): Promise<FakeWsGrid> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: options.autoPong ?? true });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const connections: FakeConnection[] = [];
  let claimed = 0;
  const waiting: ((c: FakeConnection) => void)[] = [];
  wss.on('connection', (ws, req) => {
    const conn = new FakeConnection(ws, req.url ?? '');
    connections.push(conn);
    const waiter = waiting.shift();
    if (waiter) {
      claimed += 1;
      waiter(conn);
    }
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    nextConnection() {
      if (claimed < connections.length) return Promise.resolve(connections[claimed++]!);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
