/**
 * `@aipg/sdk/realtime`: the client WebSocket (`GET /v1/ws`, an AIPG extension; spec: openapi/paths/v1_ws.yaml,
 * frames in openapi/components/client-ws.yaml). One socket carries many requests at once, each named by an id
 * this client picks. Its own entry, loaded by `grid.realtime()` only when first used, so the main entry's
 * browser bundle does not carry it. It imports only types: the errors and the stream it hands out are the main
 * entry's own classes (`RealtimeKit`), so `instanceof` works on them as on any other call's.
 */
import type { Grid, RequestOptions } from './client';
import type { AIPGError, APIError, APIUserAbortError, RealtimeDisconnectedError } from './core/errors';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ClientWsClientFrame,
  ClientWsLimits,
  ClientWsServerFrame,
  HordeAsyncResponse,
  HordeTextAsyncRequest,
  JobEvent,
} from './generated/openapi';
import type { ChatCompletionStream, StreamItem } from './lib/chat-completion-stream';
import type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from './resources/chat';

/** The part of a WebSocket this client uses: the browser's `WebSocket` and `ws`'s both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/**
 * Opens a socket to `url`. One that can send `headers` on the upgrade (Node's `ws`: `nodeWebSocket` from
 * `@aipg/sdk/node`) says so with `sendsHeaders`, and the key goes as `Authorization: Bearer`; otherwise (a
 * browser's `WebSocket`, which cannot set headers) it goes in the first frame (spec `ClientWsAuth`).
 */
export interface WebSocketFactory {
  (url: string, headers: Record<string, string>): WebSocketLike;
  readonly sendsHeaders?: boolean;
}

export interface RealtimeOptions {
  /** How to open the socket. Default: the client's `webSocket` option, else the runtime's global `WebSocket`. */
  webSocket?: WebSocketFactory | undefined;
  /** Milliseconds between keep-alive pings (spec `ClientWsPing`; the grid closes a silent socket). Default 25 000. */
  pingIntervalMs?: number | undefined;
  /**
   * After a drop, reconnect with exponential back-off (`initialDelayMs` doubling up to `maxDelayMs`, with
   * jitter) while requests wait, at most `maxRetries` times in a row. `false`: never. Default 8, 500 ms, 8 s.
   */
  reconnect?: false | { maxRetries?: number; initialDelayMs?: number; maxDelayMs?: number } | undefined;
  /** Close the socket after this many ms with nothing open; the next request opens it again. Default: never. */
  idleCloseMs?: number | undefined;
}

/** @internal The main entry's classes (and the client's `webSocket` option), handed over by `grid.realtime()`. */
export interface RealtimeKit {
  ChatCompletionStream: typeof ChatCompletionStream;
  APIError: typeof APIError;
  APIUserAbortError: typeof APIUserAbortError;
  AIPGError: typeof AIPGError;
  RealtimeDisconnectedError: typeof RealtimeDisconnectedError;
  webSocket: WebSocketFactory | undefined;
}

/**
 * @internal `grid.realtime()`: a connection, resolved once the grid accepted the key (the refusal's typed error
 * otherwise).
 */
export async function connect(
  grid: Grid,
  kit: RealtimeKit,
  options: RealtimeOptions = {},
): Promise<RealtimeConnection> {
  const factory = options.webSocket ?? kit.webSocket ?? globalWebSocket(kit);
  const connection = new RealtimeConnection(grid, kit, factory, options);
  try {
    await connection.connected();
  } catch (error) {
    connection.close();
    throw error;
  }
  return connection;
}

function globalWebSocket(kit: RealtimeKit): WebSocketFactory {
  const WS = (globalThis as { WebSocket?: new (url: string) => unknown }).WebSocket;
  if (typeof WS !== 'function') {
    throw new kit.AIPGError(
      'No global WebSocket in this runtime (Node 20 has none): pass `webSocket: nodeWebSocket` of @aipg/sdk/node.',
    );
  }
  return (url) => new WS(url) as WebSocketLike;
}

/** Options of one request on the socket: `signal` cancels it (a `cancel` frame); `timeout` as for HTTP streams. */
export type RealtimeRequestOptions = Pick<RequestOptions, 'signal' | 'timeout'>;

export interface SubscribeOptions {
  /** Only events after this `seq` (resume where an earlier watch stopped). Default: from the first. */
  after?: number | undefined;
  /** Ends the subscription (the job runs on). */
  signal?: AbortSignal | undefined;
}

/** Close codes after which reconnecting cannot help (spec `ClientWsCloseCode`): bad key, missing scope. */
const FATAL = new Set([4001, 4003]);

/** An open request: how to resend it after a reconnect, and where its frames go. */
interface Pending {
  frame: ClientWsClientFrame;
  sent: boolean;
  /** A subscription: resent after a reconnect with `after` = the last seq it delivered. */
  resumable: boolean;
  onFrame(frame: ClientWsServerFrame): void;
  fail(error: AIPGError): void;
}

/**
 * One client WebSocket (from `await grid.realtime()`). Requests on it run concurrently; each ends on its own,
 * and cancelling one (its `signal`) leaves the others alone. After a drop it reconnects with back-off while a
 * request waits; a chat completion or submit in flight fails with `RealtimeDisconnectedError` (a stream with
 * `StreamInterruptedError` caused by it), and a subscription resumes after its last event. `close()` it when
 * done.
 */
export class RealtimeConnection {
  /** Chat completions over the socket: the same params and results as `grid.chat.completions`. */
  readonly chat: {
    completions: {
      create(
        body: ChatCompletionCreateParamsNonStreaming,
        options?: RealtimeRequestOptions,
      ): Promise<ChatCompletion>;
      create(
        body: ChatCompletionCreateParamsStreaming,
        options?: RealtimeRequestOptions,
      ): Promise<ChatCompletionStream>;
      create(
        body: ChatCompletionCreateParams,
        options?: RealtimeRequestOptions,
      ): Promise<ChatCompletion | ChatCompletionStream>;
    };
  };
  /** Async text jobs: `submit` (the Horde async body) and `subscribe` to a job's events. */
  readonly jobs: {
    submit(body: HordeTextAsyncRequest, options?: RealtimeRequestOptions): Promise<HordeAsyncResponse>;
    subscribe(jobId: string, options?: SubscribeOptions): AsyncIterable<JobEvent>;
  };
  /** The limits the grid sent (spec `ClientWsLimits`), once connected. */
  limits: ClientWsLimits | undefined;

  readonly #url: string;
  readonly #apiKey: string | undefined;
  readonly #kit: RealtimeKit;
  readonly #factory: WebSocketFactory;
  readonly #timeout: number;
  readonly #pingMs: number;
  readonly #reconnect: { maxRetries: number; initialDelayMs: number; maxDelayMs: number } | undefined;
  readonly #idleCloseMs: number | undefined;
  readonly #pending = new Map<string, Pending>();
  #socket: WebSocketLike | undefined;
  #ready = false;
  #closed = false;
  #attempts = 0;
  #nextId = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  /** The error frame (no request id) the grid sent before closing, for a refused connection. */
  #refusal: AIPGError | undefined;
  #readyWaiters: { resolve: () => void; reject: (e: AIPGError) => void }[] = [];

  /** @internal Use `grid.realtime()`. */
  constructor(grid: Grid, kit: RealtimeKit, factory: WebSocketFactory, options: RealtimeOptions = {}) {
    this.#url = `${grid.baseURL.replace(/^http/i, 'ws')}/v1/ws`;
    this.#apiKey = grid.apiKey;
    this.#kit = kit;
    this.#factory = factory;
    this.#timeout = grid.timeout;
    this.#pingMs = options.pingIntervalMs ?? 25_000;
    const r = options.reconnect;
    this.#reconnect =
      r === false ? undefined : { maxRetries: 8, initialDelayMs: 500, maxDelayMs: 8_000, ...r };
    this.#idleCloseMs = options.idleCloseMs;
    const create = (body: ChatCompletionCreateParams, opts?: RealtimeRequestOptions) =>
      this.#chat(body, opts);
    this.chat = { completions: { create } } as RealtimeConnection['chat'];
    this.jobs = {
      submit: (body, opts) => this.#once<HordeAsyncResponse>({ type: 'jobs.submit', id: '', body }, opts),
      subscribe: (jobId, opts) => this.#subscribe(jobId, opts),
    };
  }

  /** Resolves once the socket is open and authenticated (spec `ClientWsReady`); opens it if it is not. */
  connected(): Promise<void> {
    if (this.#closed) return Promise.reject(this.#disconnected(1000, 'closed by the client'));
    if (this.#ready) return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.#readyWaiters.push({ resolve, reject }));
    this.#open();
    return waiting;
  }

  /** Closes the socket for good: open requests fail with `RealtimeDisconnectedError`, nothing reconnects. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const error = this.#disconnected(1000, 'closed by the client');
    this.#failAll(error, () => true);
    for (const w of this.#readyWaiters.splice(0)) w.reject(error);
    this.#stopTimers();
    const socket = this.#socket;
    this.#socket = undefined;
    this.#ready = false;
    if (socket) {
      socket.onclose = socket.onmessage = socket.onerror = null;
      socket.close(1000, 'client closed');
    }
  }

  // ---- the socket -----------------------------------------------------------------------------------------

  #open(): void {
    if (this.#socket || this.#closed) return;
    this.#refusal = undefined;
    const headers: Record<string, string> = this.#apiKey ? { authorization: `Bearer ${this.#apiKey}` } : {};
    let socket: WebSocketLike;
    try {
      socket = this.#factory(this.#url, headers);
    } catch (error) {
      this.#dropped(1006, error instanceof Error ? error.message : String(error));
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      // Without a header (a browser's socket, or no key at all) the key goes first; an empty one is refused
      // at once (4001) rather than after the grid's auth timeout.
      if (!this.#factory.sendsHeaders || !this.#apiKey) {
        socket.send(JSON.stringify({ type: 'auth', api_key: this.#apiKey ?? '' }));
      }
    };
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onerror = () => {
      // The close event follows and says what happened.
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#dropped(event.code, event.reason);
    };
  }

  #onMessage(data: unknown): void {
    let frame: ClientWsServerFrame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data)) as ClientWsServerFrame;
    } catch {
      return; // not JSON: nothing the spec allows; ignored
    }
    switch (frame.type) {
      case 'ready': {
        this.#ready = true;
        this.#attempts = 0;
        this.limits = frame.limits;
        this.#ping = setInterval(() => this.#send({ type: 'ping' }), this.#pingMs);
        for (const [, p] of this.#pending) if (!p.sent) this.#transmit(p);
        for (const w of this.#readyWaiters.splice(0)) w.resolve();
        this.#idle();
        return;
      }
      case 'pong':
        return;
      default: {
        const id = frame.id;
        if (id == null) {
          if (frame.type === 'error') this.#refusal = this.#apiError(frame.error, undefined);
          return;
        }
        this.#pending.get(id)?.onFrame(frame);
      }
    }
  }

  #send(frame: ClientWsClientFrame): void {
    if (this.#ready && this.#socket?.readyState === 1) this.#socket.send(JSON.stringify(frame));
  }

  /** Sends a request now if the socket is ready; else it goes when it is (and the socket is opened). */
  #transmit(p: Pending): void {
    if (this.#ready) {
      p.sent = true;
      this.#send(p.frame);
    } else this.#open();
  }

  #dropped(code: number, reason: string): void {
    const refusal = this.#refusal;
    this.#socket = undefined;
    this.#ready = false;
    this.#stopTimers();
    if (this.#closed) return;
    const error =
      refusal && (FATAL.has(code) || code === 4029)
        ? refusal
        : this.#disconnected(code, reason || 'the connection dropped');
    // What was sent and cannot be resumed fails; subscriptions (and what was never sent) wait for the next socket.
    this.#failAll(error, (p) => p.sent && !p.resumable);
    for (const p of this.#pending.values()) p.sent = false;
    const giveUp = FATAL.has(code) || !this.#reconnect || this.#attempts >= this.#reconnect.maxRetries;
    if (giveUp) {
      this.#failAll(error, () => true);
      for (const w of this.#readyWaiters.splice(0)) w.reject(error);
      return;
    }
    if (this.#pending.size === 0 && this.#readyWaiters.length === 0) return; // idle: reopened on next use
    const { initialDelayMs, maxDelayMs } = this.#reconnect!;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** this.#attempts) * (0.5 + Math.random() / 2);
    this.#attempts++;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#open();
    }, delay);
  }

  #stopTimers(): void {
    clearInterval(this.#ping);
    clearTimeout(this.#timer);
    clearTimeout(this.#idleTimer);
    this.#ping = this.#timer = this.#idleTimer = undefined;
  }

  /** With `idleCloseMs`: closes the socket (not the connection) once nothing has been open that long. */
  #idle(): void {
    const ms = this.#idleCloseMs;
    if (ms === undefined || this.#pending.size > 0 || !this.#ready) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      const socket = this.#socket;
      if (this.#pending.size > 0 || !socket) return;
      this.#socket = undefined;
      this.#ready = false;
      this.#stopTimers();
      socket.onclose = socket.onmessage = socket.onerror = null;
      socket.close(1000, 'idle');
    }, ms);
  }

  #failAll(error: AIPGError, which: (p: Pending) => boolean): void {
    for (const [id, p] of [...this.#pending]) {
      if (!which(p)) continue;
      this.#pending.delete(id);
      p.fail(error);
    }
  }

  #disconnected(code: number, reason: string): RealtimeDisconnectedError {
    const error = new this.#kit.RealtimeDisconnectedError({
      message: `The client WebSocket ${this.#url} closed (${code}${reason ? `: ${reason}` : ''}).`,
    });
    return Object.assign(error, { closeCode: code, closeReason: reason });
  }

  #apiError(error: { status: number; message: string }, id: string | undefined): APIError {
    return this.#kit.APIError.generate(error.status, { error }, undefined, id);
  }

  // ---- requests -----------------------------------------------------------------------------------------

  /** Registers a request under a fresh id, sends it, and cancels it when `signal` aborts. */
  #start(
    frame: ClientWsClientFrame,
    signal: AbortSignal | undefined,
    p: Omit<Pending, 'frame' | 'sent'>,
  ): string {
    if (this.#closed) throw this.#disconnected(1000, 'closed by the client');
    const id = `r${++this.#nextId}`;
    const pending: Pending = { ...p, frame: { ...frame, id } as ClientWsClientFrame, sent: false };
    clearTimeout(this.#idleTimer);
    this.#pending.set(id, pending);
    if (signal) {
      const onAbort = () => {
        if (this.#pending.get(id) !== pending) return;
        this.#end(id);
        if (pending.sent) this.#send({ type: 'cancel', id });
        pending.fail(new this.#kit.APIUserAbortError({ cause: signal.reason }));
      };
      if (signal.aborted) queueMicrotask(onAbort);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    this.#transmit(pending);
    return id;
  }

  #end(id: string): void {
    this.#pending.delete(id);
    this.#idle();
  }

  /** A request answered by one `response` frame (or an `error`). */
  #once<T>(frame: ClientWsClientFrame, options: RealtimeRequestOptions | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.#start(frame, options?.signal, {
        resumable: false,
        fail: reject,
        onFrame: (f) => {
          if (f.type !== 'response' && f.type !== 'error') return;
          this.#end(id);
          if (f.type === 'response') resolve(f.result as T);
          else reject(this.#apiError(f.error, id));
        },
      });
    });
  }

  #chat(body: ChatCompletionCreateParams, options: RealtimeRequestOptions | undefined) {
    // The spec's request body; the params type only drops its index signatures.
    const frame = { type: 'chat.completions', id: '', body } as ClientWsClientFrame;
    if (!body.stream) return this.#once<ChatCompletion>(frame, options);
    // The stream's own controller: `stream.abort()`, leaving a `for await` and the caller's signal all cancel it.
    const controller = new AbortController();
    if (options?.signal) {
      const outer = options.signal;
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    }
    const items = new ItemQueue<StreamItem>(controller.signal);
    // As over HTTP: the call resolves once the stream has begun (its first chunk), and an error before that
    // (a bad body, a rate limit, no worker) rejects it instead.
    return new Promise<ChatCompletionStream>((resolve, reject) => {
      let stream: ChatCompletionStream | undefined;
      const begin = () => {
        stream ??= new this.#kit.ChatCompletionStream(items, controller, {
          requestId: id,
          idleTimeout: options?.timeout ?? this.#timeout,
        });
        resolve(stream);
      };
      const fail = (error: AIPGError) => {
        if (stream) items.fail(error);
        else reject(error);
      };
      const id = this.#start(frame, controller.signal, {
        resumable: false,
        fail,
        onFrame: (f) => {
          if (f.type === 'chunk') {
            items.push({ type: 'chunk', chunk: f.chunk as ChatCompletionChunk });
            begin();
          } else if (f.type === 'done') {
            this.#end(id);
            items.push({ type: 'done' });
            items.end();
            begin();
          } else if (f.type === 'error') {
            this.#end(id);
            fail(this.#apiError(f.error, id));
          }
        },
      });
    });
  }

  #subscribe(jobId: string, options: SubscribeOptions = {}): AsyncIterable<JobEvent> {
    return {
      [Symbol.asyncIterator]: () => {
        const controller = new AbortController();
        const signal = options.signal;
        if (signal?.aborted) controller.abort(signal.reason);
        else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
        const events = new ItemQueue<JobEvent>(controller.signal);
        let after = options.after ?? 0;
        const frame = { type: 'jobs.subscribe', id: '', job_id: jobId, after } as ClientWsClientFrame;
        const id = this.#start(frame, controller.signal, {
          resumable: true,
          fail: (error) => (error instanceof this.#kit.APIUserAbortError ? events.end() : events.fail(error)),
          onFrame: (f) => {
            if (f.type === 'event') {
              after = f.event.seq;
              // A resent subscription resumes after the last event delivered.
              const resent = this.#pending.get(id)?.frame as { after?: number } | undefined;
              if (resent) resent.after = after;
              events.push(f.event);
            } else if (f.type === 'done') {
              this.#end(id);
              events.end();
            } else if (f.type === 'error') {
              this.#end(id);
              events.fail(this.#apiError(f.error, id));
            }
          },
        });
        const iterator = events[Symbol.asyncIterator]();
        return {
          next: () => iterator.next(),
          return: () => {
            controller.abort();
            return Promise.resolve({ value: undefined, done: true as const });
          },
        };
      },
    };
  }
}

/**
 * A push-to-pull queue: frames push, a `for await` pulls. An abort of `signal` ends it (the consumer then
 * sees the abort, as `ChatCompletionStream` checks its signal after each read); `fail` rejects the next read.
 */
class ItemQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #ended = false;
  #error: { error: unknown } | undefined;

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.end(), { once: true });
  }

  push(item: T): void {
    if (this.#ended) return;
    if (this.#waiter) {
      this.#waiter.resolve({ value: item, done: false });
      this.#waiter = undefined;
    } else this.#items.push(item);
  }

  end(): void {
    this.#ended = true;
    this.#wake();
  }

  fail(error: unknown): void {
    if (this.#ended) return;
    this.#error = { error };
    this.end();
  }

  #wake(): void {
    const w = this.#waiter;
    if (!w || this.#items.length > 0) return;
    this.#waiter = undefined;
    if (this.#error) w.reject(this.#error.error);
    else w.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.#items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.#ended) {
          return this.#error
            ? Promise.reject(this.#error.error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          this.#waiter = { resolve, reject };
        });
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
