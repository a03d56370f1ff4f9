// The real `@aipg/worker` CLI (packages/worker/dist/cli.js, demo backend), SIGKILLed mid-stream when the
// Plan says so. It connects to the grid through a frame-forwarding WebSocket proxy of ours, which is how the
// harness sees what it was given (the job frame: prompt and seed), what it sent (tokens, done) and what it
// was paid (ack), without touching the worker. Its text for a job is the demo backend's (createDemoBackend,
// the package's public API) for that prompt and seed, so the harness knows the complete answer beforehand.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDemoBackend, type GridJob } from '@aipg/worker';
import WebSocket, { WebSocketServer } from 'ws';
import type { Attempt, Book } from './book.js';
import { jobOfPrompt, type Plan } from './plan.js';

const CLI = fileURLToPath(new URL('../../../packages/worker/dist/cli.js', import.meta.url));

/** An attempt of the real worker, as the proxy follows it. */
interface Seen {
  attempt: Attempt;
  /** Token frames the worker sent for it. */
  sent: number;
  /** SIGKILL when `sent` reaches this (-1: never). */
  killAt: number;
}

/** One proxied connection: `done` frames the grid has not acked yet, and whether the worker went away. */
interface Relay {
  awaitingAck: number;
  endWhenAcked: boolean;
  upstream: WebSocket;
}

export interface RealWorkerOptions {
  url: string;
  model: string;
  plan: Plan;
  book: Book;
}

/** The demo backend's whole text for a prompt and seed (what an unkilled attempt answers). */
async function demoText(prompt: string, seed: number, maxLength: number): Promise<string> {
  const job = { prompt, messages: [], params: { seed, max_length: maxLength } } as unknown as GridJob;
  const result = await createDemoBackend({ tokensPerSecond: 0 }).handle(job, {
    signal: new AbortController().signal,
    emit: () => undefined,
  });
  return result.text;
}

export class RealWorker {
  private server?: Server;
  private wss?: WebSocketServer;
  private child?: ChildProcess;
  private stopping = false;
  /** Processes started (the first and one per SIGKILL). */
  spawned = 0;
  killed = 0;
  /** `done` frames whose full_text is not the demo text the harness expected (its assumption broke). */
  unexpected = 0;
  private failure: unknown;

  constructor(
    readonly name: string,
    readonly key: string,
    private readonly o: RealWorkerOptions,
  ) {}

  async start(): Promise<void> {
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.server = createServer((_req, res) => res.writeHead(404).end());
    this.server.on('upgrade', (req, socket, head) =>
      this.wss!.handleUpgrade(req, socket, head, (client) => this.relay(client)),
    );
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.spawn();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise((resolve) => this.server?.close(resolve));
    if (this.failure) throw this.failure;
  }

  private spawn(): void {
    const port = (this.server!.address() as AddressInfo).port;
    const child = spawn(process.execPath, [CLI], {
      env: {
        PATH: process.env.PATH ?? '',
        GRID_API_KEY: this.key,
        GRID_API_URL: `http://127.0.0.1:${port}`,
        GRID_WORKER_NAME: this.name,
        BACKEND_TYPE: 'demo',
        GRID_MODEL_NAME: this.o.model,
        // Slow enough that a kill after some tokens lands mid-stream, fast enough not to hold the run up.
        GRID_DEMO_TOKENS_PER_SECOND: '200',
        GRID_MAX_LENGTH: '512',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      if (signal === 'SIGKILL') this.spawn();
      else this.failure = new Error(`the worker CLI exited on its own (${code ?? signal}): ${stderr}`);
    });
    this.child = child;
    this.spawned++;
  }

  /** One worker connection, forwarded frame by frame to the grid's worker door. */
  private relay(client: WebSocket): void {
    const upstream = new WebSocket(`${this.o.url.replace(/^http/, 'ws')}/v1/workers/ws`, {
      perMessageDeflate: false,
    });
    const early: WebSocket.RawData[] = [];
    const attempts = new Map<string, Seen>();
    const relay: Relay = { awaitingAck: 0, endWhenAcked: false, upstream };
    upstream.on('open', () => {
      for (const data of early.splice(0)) upstream.send(data.toString());
    });
    client.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type?: string; id?: string; full_text?: string };
      const seen = frame.id ? attempts.get(frame.id) : undefined;
      if (seen && frame.type === 'token') {
        seen.sent++;
        if (seen.sent === seen.killAt && this.child) {
          this.killed++;
          this.child.kill('SIGKILL');
        }
      }
      if (seen && frame.type === 'done') {
        if (frame.full_text === seen.attempt.text) seen.attempt.complete = true;
        else if ((frame as { cancelled?: boolean }).cancelled !== true) this.unexpected++;
      }
      if (frame.type === 'done') relay.awaitingAck++;
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data.toString());
      else early.push(data);
    });
    // Grid frames reach the worker in order; a job frame waits until its attempt is on the book.
    let forwarded = Promise.resolve();
    upstream.on('message', (data) => {
      forwarded = forwarded
        .then(() => this.down(data.toString(), client, attempts, relay))
        .catch((err: unknown) => {
          this.o.book.errors.push(err instanceof Error ? err.message : String(err));
        });
    });
    // A killed worker may have sent its `done` just before it died: the grid's ack still comes back (and
    // is counted) before the grid sees the connection go.
    const end = () => {
      client.terminate();
      if (relay.awaitingAck === 0) upstream.terminate();
      else relay.endWhenAcked = true;
    };
    client.on('close', end);
    client.on('error', end);
    upstream.on('close', () => client.terminate());
    upstream.on('error', () => client.terminate());
  }

  private async down(
    text: string,
    client: WebSocket,
    attempts: Map<string, Seen>,
    relay: Relay,
  ): Promise<void> {
    const frame = JSON.parse(text) as {
      type?: string;
      id?: string;
      den?: number;
      model?: string;
      payload?: unknown;
    };
    const seen = frame.id ? attempts.get(frame.id) : undefined;
    if (frame.type === 'ack') {
      if (seen) seen.attempt.payments.push(Number(frame.den ?? 0));
      relay.awaitingAck = Math.max(0, relay.awaitingAck - 1);
    }
    if (relay.endWhenAcked) {
      // The worker is gone: once its acks are in, so is the connection (a job offered meanwhile is
      // handed back by the disconnect, never held).
      if (relay.awaitingAck === 0 || frame.type === 'job') relay.upstream.terminate();
      return;
    }
    if (frame.type === 'job' && frame.id) await this.note(frame, attempts);
    if (client.readyState === WebSocket.OPEN) client.send(text);
  }

  private async note(frame: { id?: string; payload?: unknown }, attempts: Map<string, Seen>): Promise<void> {
    const payload = frame.payload as { prompt?: string; max_length?: number; request?: { seed?: number } };
    const prompt = payload.prompt ?? '';
    const job = jobOfPrompt(prompt);
    if (job === undefined) throw new Error(`job ${frame.id} carries no chaos-job prompt`);
    const { plan, book } = this.o;
    const attempt = book.attempt(job, {
      kind: 'real',
      worker: this.name,
      generationId: String(frame.id),
      behaviour: '',
      text: '',
    });
    const kill = plan.realKill(job, attempt.n);
    attempt.behaviour = kill ? 'sigkill' : 'ok';
    attempt.text = await demoText(prompt, payload.request?.seed ?? 0, payload.max_length ?? 512);
    const pieces = Math.ceil(attempt.text.length / 4);
    attempts.set(String(frame.id), {
      attempt,
      sent: 0,
      killAt: kill ? plan.cut(job, attempt.n, pieces) : -1,
    });
  }
}
