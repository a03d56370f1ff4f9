import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DecodedBody, decodeBody } from './body.js';
import { pacedBody, pacedContentType } from './paced.js';
import { type NormalisedPath, normalisePath } from './paths.js';
import { type DoorRequest, type DoorResponse, type Pace, SSE_HEADERS, sseItem } from './types.js';

/** Thrown by `readBody` when the raw body passes the cap; the router turns it into the surface's 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/** Thrown by `readBody` when the body has not arrived within its timeout; the server answers 408. */
export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request body not received within ${timeoutMs} ms`);
  }
}

/**
 * Reads the whole body, refusing one over `limitBytes` (BodyTooLargeError) or one that has not ended
 * `timeoutMs` after its headers (BodyTimeoutError: a slow or stalled sender holds no socket for long).
 * Either way reading stops; the answer goes out and the connection is closed after it.
 */
export function readBody(req: IncomingMessage, limitBytes: number, timeoutMs: number): Promise<DecodedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const refuse = (err: Error) => {
      stop();
      req.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) refuse(new BodyTooLargeError(limitBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(decodeBody(Buffer.concat(chunks)));
    };
    const onError = (err: Error) => refuse(err);
    const timer = setTimeout(() => refuse(new BodyTimeoutError(timeoutMs)), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** What a request without a body reads as (`decodeBody` of no bytes). */
export const NO_BODY: DecodedBody = { text: undefined };

/**
 * Whether the request has no body by its framing (RFC 9112 §6.3: a request with neither `Content-Length`
 * nor `Transfer-Encoding` has none): then there is nothing to wait for, and `readBody` need not be called.
 */
export function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
}

/**
 * A request's abort signal, made the first time something asks for it: most answers (a JSON GET) never do,
 * and an `AbortController` is among the dearer things a request makes. Aborted before anyone asked, the
 * signal it then makes is aborted already.
 */
export class RequestAbort {
  #controller: AbortController | undefined;
  #aborted = false;

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#controller?.abort();
  }
}

/**
 * Builds the door request; the body is read by the caller (so the size cap can answer with the right shape),
 * and so is the path (`url`, the request's `normalisePath`). `abort` is the request's signal: the caller aborts
 * it when the client goes away before the response is complete, and at a shutdown's hand-back.
 */
export function toDoorRequest(
  req: IncomingMessage,
  body: DecodedBody,
  abort: RequestAbort,
  url: NormalisedPath = normalisePath(req.url ?? '/'),
): DoorRequest {
  // Node lower-cases the names already; only `set-cookie` comes as an array.
  const sent = req.headers;
  const headers: Record<string, string | undefined> = {};
  for (const name in sent) {
    const value = sent[name];
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const door: DoorRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.path,
    query: url.query,
    headers,
    ip: req.socket.remoteAddress,
    origin: originOf(req),
    bodyText: body.text,
    get signal() {
      return abort.signal;
    },
  };
  if (body.problem !== undefined) door.bodyProblem = body.problem;
  return door;
}

/** `http://{Host}` of a request: where this client reaches the grid. */
export function originOf(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return `http://${host}`;
}

/** Reads a raw body (an object-store PUT) up to `limitBytes`; null when it is larger. */
export function readRawBody(
  req: IncomingMessage,
  limitBytes: number,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.pause();
      reject(new BodyTimeoutError(timeoutMs));
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      // A Buffer is a Uint8Array: stored as it is, not copied a second time (a picture is megabytes).
      resolve(size > limitBytes ? null : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The bound on an SSE response's unsent bytes, and where cuts and the high-water mark are counted. */
export interface StreamGuard {
  maxBufferedBytes: number;
  stats: { streamsCut: number; peakStreamBufferedBytes: number };
}

/**
 * Writes the door's answer. SSE events are written as they come (so nothing piles up in the grid's own
 * queues); if the client does not read them, the bytes wait in the socket, and once they pass
 * `guard.maxBufferedBytes` the stream is cut: the socket is destroyed (nothing more could reach that client)
 * and its request is cancelled through the request's abort signal (`toDoorRequest`).
 */
export async function writeDoorResponse(
  res: ServerResponse,
  out: DoorResponse,
  guard?: StreamGuard,
): Promise<void> {
  if (out.kind === 'reset') {
    // The `connection-reset` scenario: the socket goes without a byte of answer.
    res.socket?.resetAndDestroy?.();
    res.destroy();
    return;
  }
  if (out.pace) {
    await writePaced(res, out, out.pace);
    return;
  }
  if (out.kind === 'json') {
    const text = JSON.stringify(out.body);
    res.writeHead(out.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...out.headers,
    });
    res.end(text);
    return;
  }
  if (out.kind === 'raw') {
    res.writeHead(out.status, {
      'content-type': out.contentType,
      'content-length': Buffer.byteLength(out.body),
      ...out.headers,
    });
    res.end(out.body);
    return;
  }
  const { connection, ...headers } = { ...SSE_HEADERS, ...out.headers };
  // Node writes the Connection header itself: `keep-alive`, or `close` on a connection's last request
  // (`maxRequestsPerConnection`) and at a shutdown. Forcing `keep-alive` there would keep the socket open
  // and Node would answer the client's next request on it with a bare 503.
  const head = new HeadHold(res, out.opening ?? 0);
  res.writeHead(out.status, connection === 'close' ? { ...headers, connection } : headers);
  res.flushHeaders();
  const batch = new TurnBatch(res, head, guard);
  try {
    for await (const data of out.events) {
      if (res.destroyed) break;
      batch.add(sseItem(out, data));
    }
    batch.end();
  } finally {
    batch.release();
  }
}

/** A `slow-body` answer: its headers at once, then its body a slice at a time (paced.ts). */
async function writePaced(
  res: ServerResponse,
  out: Exclude<DoorResponse, { kind: 'reset' }>,
  pace: Pace,
): Promise<void> {
  const headers =
    out.kind === 'sse'
      ? { ...SSE_HEADERS, ...out.headers }
      : { 'content-type': pacedContentType(out), ...out.headers };
  const { connection: _connection, ...rest } = headers as Record<string, string>;
  res.writeHead(out.status, rest);
  res.flushHeaders();
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  for await (const slice of pacedBody(out, pace, gone.signal)) {
    if (res.destroyed) return;
    res.write(slice);
  }
  if (!res.destroyed) res.end();
}

/**
 * The SSE events written in one turn of the event loop (a worker's tokens usually arrive together) leave as
 * one chunk of the response, written once the turn is over: one chunked-encoding frame and one socket write
 * instead of one each, with the stream's headers or its end when they fall in that turn. Nothing waits longer
 * than the turn it was written in. After each write the stream guard checks the bytes the client has not taken.
 */
class TurnBatch {
  #pending = '';
  /** Events added so far (the head hold counts them). */
  #count = 0;
  /** Whether this turn holds the socket corked, to be written and uncorked once the turn is over. */
  #held = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly head: HeadHold,
    private readonly guard?: StreamGuard,
  ) {}

  add(frame: string): void {
    this.#pending += frame;
    this.#count++;
    if (this.#held) return;
    this.#held = true;
    this.res.cork();
    process.nextTick(this.#flush);
  }

  /** The last events and the end of the response, in the same write. */
  end(): void {
    const pending = this.#pending;
    this.#pending = '';
    if (this.res.destroyed) return;
    if (pending) this.res.write(pending);
    this.res.end();
  }

  /** Lets go of whatever is held: the head and this turn's cork (after `end()`, or when the stream threw). */
  release(): void {
    this.head.release();
    if (!this.#held) return;
    this.#held = false;
    this.res.uncork();
  }

  readonly #flush = (): void => {
    if (!this.#held) return;
    const pending = this.#pending;
    this.#pending = '';
    const res = this.res;
    if (pending && !res.destroyed) {
      res.write(pending);
      this.head.written(this.#count);
      this.#guard();
    }
    this.#held = false;
    res.uncork();
  };

  #guard(): void {
    const guard = this.guard;
    if (!guard) return;
    // The response's own buffer plus its socket's: every byte written and not yet taken by the kernel.
    const buffered = this.res.writableLength;
    const stats = guard.stats;
    if (buffered > stats.peakStreamBufferedBytes) stats.peakStreamBufferedBytes = buffered;
    if (buffered > guard.maxBufferedBytes) {
      stats.streamsCut++;
      this.res.destroy();
    }
  }
}

/** How long a stream's head (its headers and opening events) may wait for the job's first event. */
export const HEAD_HOLD_MS = 50;

/**
 * Holds a stream's head back — its headers and the door's opening events (`SseResponse.opening`: the role
 * chunks) — until an event after them, the job's first, is written, or `HEAD_HOLD_MS` at the latest: then
 * they leave in one socket write instead of two. A job served at once (the common case under load) costs one
 * write fewer; a client whose job waits in the queue gets its headers after `HEAD_HOLD_MS`. The first token
 * never waits for this: it is what releases the head. Counting events, not turns of the event loop, keeps
 * this right when a job's first event comes in the same turn as the opening ones.
 */
class HeadHold {
  #held = true;
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly res: ServerResponse,
    private readonly opening: number,
  ) {
    res.cork();
    this.#timer = setTimeout(() => this.release(), HEAD_HOLD_MS);
  }

  /** `count` events of the stream have been written so far. */
  written(count: number): void {
    if (this.#held && count > this.opening) this.release();
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    clearTimeout(this.#timer);
    this.res.uncork();
  }
}
