import { type WithRequestID, withRequestId } from '../core/api-promise';
import {
  AIPGError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  StreamInterruptedError,
} from '../core/errors';
import { decodeLines, decodeSSE } from '../core/streaming';
import type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionMessageToolCall,
  CompletionUsage,
} from '../generated/openapi';
import { isRecord, parseJSONOrText } from '../internal/json';
import { abortError } from '../internal/signals';

/**
 * The completion accumulated from chunks so far (`currentChatCompletion`, the `chunk` event, a
 * `StreamInterruptedError`). Same shape as `ChatCompletion`, except that `usage` (and `grid`) exist
 * only once the grid's final chunk delivered them, and a choice still being streamed has
 * `finish_reason: null`. Once the stream completed, `finalChatCompletion()` gives the `ChatCompletion`.
 */
export interface ChatCompletionSnapshot extends Omit<ChatCompletion, 'usage' | 'choices'> {
  usage?: CompletionUsage | undefined;
  choices: ChatCompletionSnapshotChoice[];
}

/** A choice of a {@link ChatCompletionSnapshot}: `finish_reason` is `null` while it is still streaming. */
export interface ChatCompletionSnapshotChoice extends Omit<ChatCompletionChoice, 'finish_reason'> {
  finish_reason: string | null;
}

export interface ChatCompletionStreamEvents {
  /** Every chunk, with the snapshot after applying it. */
  chunk: (chunk: ChatCompletionChunk, snapshot: ChatCompletionSnapshot) => void;
  /** New `content` text of choice 0, and all of choice 0's text so far. */
  text: (delta: string, snapshot: string) => void;
  /** The stream failed (server error event, interruption). Not emitted for aborts. */
  error: (error: AIPGError) => void;
  /** The stream was aborted (`abort()`, the call's `signal`, or leaving a `for await` early). */
  abort: (error: APIUserAbortError) => void;
  /** Always last, after success, error or abort. */
  end: () => void;
}

/** One item from a stream source: a chunk, or the terminator (`data: [DONE]`, or the end of an NDJSON relay). */
export type StreamItem = { type: 'chunk'; chunk: ChatCompletionChunk } | { type: 'done' };

type Listener<E extends keyof ChatCompletionStreamEvents> = ChatCompletionStreamEvents[E];

interface Subscriber {
  push(chunk: ChatCompletionChunk): void;
  finish(error?: unknown): void;
}

/**
 * A streamed chat completion (`create({ stream: true })`). Consume it in any of these ways, alone or
 * together — they share one pass over the response:
 * - `for await (const chunk of stream)` (leaving the loop early aborts the request);
 * - `stream.on('text', (delta, snapshot) => …)` and the other {@link ChatCompletionStreamEvents};
 * - `await stream.finalChatCompletion()` / `finalText()` / `done()`.
 *
 * The stream is complete only when the server sent `data: [DONE]` and every choice a `finish_reason`;
 * otherwise it fails with `StreamInterruptedError` carrying the partial text. A mid-stream
 * `{"error": {…}}` event fails it with `APIError` — except one of type `service_unavailable` (the grid
 * shut down and handed the request back, openapi/components/v1.yaml `StreamErrorChunk`): that is an
 * interruption, a `StreamInterruptedError` with the partial text, its `cause` the `APIError`.
 * Nothing is retried once the stream has begun.
 */
export class ChatCompletionStream implements AsyncIterable<ChatCompletionChunk> {
  /** Aborting it aborts the HTTP request (same as `abort()`). */
  readonly controller: AbortController;
  /** The response the stream is read from (`undefined` for `fromReadableStream`). */
  readonly response: Response | undefined;
  /** `x-request-id` of the response (or the id the SDK sent). */
  readonly requestId: string | undefined;

  readonly #source: AsyncIterable<StreamItem>;
  readonly #listeners: { [E in keyof ChatCompletionStreamEvents]?: Set<Listener<E>> } = {};
  readonly #subscribers = new Set<Subscriber>();
  readonly #ended: Promise<ChatCompletion>;
  #resolveEnded!: (value: ChatCompletion) => void;
  #rejectEnded!: (reason: unknown) => void;
  #running: Promise<void> | undefined;
  #chunksSeen = 0;
  #snapshot: ChatCompletionSnapshot | undefined;
  /** Set when the stream is over: `error` is how it failed, `undefined` for success. */
  #outcome: { error: AIPGError | undefined } | undefined;
  readonly #onEnd: (() => void) | undefined;
  readonly #release: (() => void) | undefined;
  readonly #idleTimeout: number | undefined;
  readonly #bodyError: ((cause: unknown) => AIPGError) | undefined;

  /** @internal Use `grid.chat.completions.create({ stream: true })` or {@link fromReadableStream}. */
  constructor(
    source: AsyncIterable<StreamItem>,
    controller: AbortController,
    meta: {
      response?: Response | undefined;
      requestId?: string | undefined;
      /** Called once when the stream has ended, whichever way. */
      onEnd?: (() => void) | undefined;
      /** Frees the body if the stream fails before its source ever read it. */
      release?: (() => void) | undefined;
      /** Fail (interrupted, cause `APITimeoutError`) after this many ms without a chunk; keep-alives don't count. */
      idleTimeout?: number | undefined;
      /** The typed error (`APIConnectionError`) for a body read that failed. */
      bodyError?: ((cause: unknown) => AIPGError) | undefined;
    } = {},
  ) {
    this.#source = source;
    this.#onEnd = meta.onEnd;
    this.#release = meta.release;
    this.#idleTimeout = meta.idleTimeout;
    this.#bodyError = meta.bodyError;
    this.controller = controller;
    this.response = meta.response;
    this.requestId = meta.requestId;
    this.#ended = new Promise((resolve, reject) => {
      this.#resolveEnded = resolve;
      this.#rejectEnded = reject;
    });
    // Consumers that only iterate never look at this promise; its rejection is theirs to see elsewhere.
    this.#ended.catch(() => {});
  }

  /** @internal A stream over a `text/event-stream` body (the grid's `/v1/chat/completions`). */
  static fromSSEResponse(
    response: Response,
    body: ReadableStream<Uint8Array>,
    controller: AbortController,
    meta: {
      requestId: string | undefined;
      idleTimeout: number;
      bodyError?: ((cause: unknown) => AIPGError) | undefined;
      onEnd?: () => void;
    },
  ): ChatCompletionStream {
    return new ChatCompletionStream(
      sseItems(body, controller.signal, response.headers, meta.requestId),
      controller,
      { ...meta, response },
    );
  }

  /**
   * Rebuilds a stream from the NDJSON that {@link toReadableStream} produced — e.g. in a browser reading
   * a relay endpoint. The end of the NDJSON counts as the terminator; a relayed error line becomes the
   * same error class again (`APIError`, `StreamInterruptedError`).
   */
  static fromReadableStream(stream: ReadableStream<Uint8Array>): ChatCompletionStream {
    const controller = new AbortController();
    return new ChatCompletionStream(ndjsonItems(stream, controller.signal), controller, {
      release: () => cancelUnread(stream),
    });
  }

  on<E extends keyof ChatCompletionStreamEvents>(event: E, listener: ChatCompletionStreamEvents[E]): this {
    const listeners = this.#listeners as Record<string, Set<unknown> | undefined>;
    const set = listeners[event] ?? new Set();
    listeners[event] = set;
    set.add(listener);
    // Deferred so that several `.on()` calls (and a `for await`) set up in one go all see the first chunk.
    queueMicrotask(() => this.#start());
    return this;
  }

  off<E extends keyof ChatCompletionStreamEvents>(event: E, listener: ChatCompletionStreamEvents[E]): this {
    (this.#listeners[event] as Set<Listener<E>> | undefined)?.delete(listener);
    return this;
  }

  once<E extends keyof ChatCompletionStreamEvents>(event: E, listener: ChatCompletionStreamEvents[E]): this {
    const wrapper = ((...args: unknown[]) => {
      this.off(event, wrapper);
      (listener as (...a: unknown[]) => void)(...args);
    }) as ChatCompletionStreamEvents[E];
    return this.on(event, wrapper);
  }

  /** The completion as accumulated so far (`undefined` before the first chunk). */
  get currentChatCompletion(): ChatCompletionSnapshot | undefined {
    return this.#snapshot;
  }

  /** Resolves when the stream completed; rejects with its error. */
  async done(): Promise<void> {
    this.#start();
    await this.#ended;
  }

  /**
   * The whole completion once the stream completed — a `ChatCompletion`, like a non-streamed reply:
   * content, every choice's `finish_reason`, `usage` and `grid`, with the stream's `_request_id`
   * (non-enumerable, as on every other result).
   *
   * `usage` is the count the grid's final chunk carried. The grid sends no count for some streams (a
   * media model; a worker that reported none, where the live grid sends `usage: {}`): the counts it left
   * out are 0, as in the grid's own non-streamed media replies (docs/sdk/streaming.md).
   */
  finalChatCompletion(): Promise<WithRequestID<ChatCompletion>> {
    this.#start();
    return this.#ended.then((snapshot) => withRequestId(snapshot, this.requestId));
  }

  /** Choice 0's full text once the stream completed. */
  async finalText(): Promise<string> {
    return textOf(await this.finalChatCompletion());
  }

  /** Cancels the request. Pending reads and `final…()` reject with `APIUserAbortError`. */
  abort(): void {
    this.controller.abort();
    this.#start();
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    if (this.#chunksSeen > 0) {
      throw new AIPGError(
        'This stream has already delivered chunks; start `for await` before (or instead of) other consumption.',
      );
    }
    if (this.#outcome) {
      // Already over (with nothing delivered): end at once, or rethrow how it failed.
      const { error } = this.#outcome;
      let reported = false;
      return {
        next: () => {
          if (error === undefined || reported) return Promise.resolve({ value: undefined, done: true });
          reported = true;
          return Promise.reject(error);
        },
      };
    }
    const queue: ChatCompletionChunk[] = [];
    let waiter:
      | { resolve: (r: IteratorResult<ChatCompletionChunk>) => void; reject: (e: unknown) => void }
      | undefined;
    let ended = false;
    let failure: { error: unknown } | undefined;
    const subscriber: Subscriber = {
      push: (chunk) => {
        if (waiter) {
          waiter.resolve({ value: chunk, done: false });
          waiter = undefined;
        } else queue.push(chunk);
      },
      finish: (error) => {
        ended = true;
        if (error !== undefined) failure = { error };
        if (!waiter) return;
        if (failure) waiter.reject(failure.error);
        else waiter.resolve({ value: undefined, done: true });
        failure = undefined;
        waiter = undefined;
      },
    };
    this.#subscribers.add(subscriber);
    this.#start();
    return {
      next: () => {
        const chunk = queue.shift();
        if (chunk) return Promise.resolve({ value: chunk, done: false });
        if (failure) {
          const { error } = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          waiter = { resolve, reject };
        });
      },
      return: () => {
        this.#subscribers.delete(subscriber);
        if (!this.#outcome) this.abort();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  /**
   * The chunks as NDJSON bytes (one JSON chunk per line) — for relaying a stream from a server to a
   * browser, where {@link fromReadableStream} rebuilds it. A failure is written as a final
   * `{"error": {message, type, status}}` line; cancelling the readable aborts this stream.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let iterator: AsyncIterator<ChatCompletionChunk> | undefined;
    return new ReadableStream<Uint8Array>({
      start: () => {
        iterator = this[Symbol.asyncIterator]();
      },
      pull: async (controller) => {
        try {
          const result = await iterator!.next();
          if (result.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(result.value)}\n`));
        } catch (error) {
          const line = relayErrorLine(error);
          if (line === undefined) {
            controller.error(error);
            return;
          }
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
          controller.close();
        }
      },
      cancel: async () => {
        await iterator?.return?.();
      },
    });
  }

  #start(): void {
    this.#running ??= this.#run();
  }

  async #run(): Promise<void> {
    const iterator = this.#source[Symbol.asyncIterator]();
    const signal = this.controller.signal;
    // Content inactivity, measured here rather than on bytes: SSE keep-alive comments (and empty data
    // events) must not keep a stalled worker's stream open forever. Aborting ends the request too.
    let idle: ReturnType<typeof setTimeout> | undefined;
    const idleTimeout = this.#idleTimeout;
    const armIdle = () => {
      if (idleTimeout === undefined) return;
      clearTimeout(idle);
      idle = setTimeout(() => {
        this.controller.abort(new APITimeoutError({ message: `No stream content for ${idleTimeout} ms.` }));
      }, idleTimeout);
    };
    let sawDone = false;
    try {
      // An abort cancels the source's reader (core/streaming.ts), which ends a pending read at once.
      for (armIdle(); ; armIdle()) {
        const item = await iterator.next();
        if (signal.aborted) throw abortError(signal);
        if (item.done) break;
        if (item.value.type === 'done') {
          sawDone = true;
          break;
        }
        this.#apply(item.value.chunk);
      }
      const missing = this.#incompleteReason(sawDone);
      if (missing) throw new StreamInterruptedError({ message: missing, partialText: '' });
    } catch (error) {
      clearTimeout(idle);
      // Release the body whatever happened (its own finally cancels the connection).
      void Promise.resolve(iterator.return?.()).catch(() => {});
      this.#fail(this.#classify(error));
      return;
    }
    clearTimeout(idle);
    drain(iterator, () => this.controller.abort());
    this.#outcome = { error: undefined };
    const completion = completed(this.#snapshot!);
    for (const sub of this.#subscribers) sub.finish();
    this.#onEnd?.();
    this.#emit('end');
    this.#resolveEnded(completion);
  }

  #incompleteReason(sawDone: boolean): string | undefined {
    if (!sawDone) return 'The stream ended without `data: [DONE]`.';
    const choices = this.#snapshot?.choices ?? [];
    if (choices.length === 0) return 'The stream ended without any choice.';
    const open = choices.filter((c) => c.finish_reason === null).map((c) => c.index);
    if (open.length) return `The stream ended without a finish_reason for choice ${open.join(', ')}.`;
    return undefined;
  }

  /** Maps a failure to what callers see: aborts stay aborts, server errors stay `APIError`, the rest is an interruption. */
  #classify(error: unknown): AIPGError {
    const { signal } = this.controller;
    const timedOut = signal.aborted && signal.reason instanceof APITimeoutError;
    if (!timedOut && (signal.aborted || error instanceof APIUserAbortError)) {
      return error instanceof APIUserAbortError ? error : new APIUserAbortError({ cause: error });
    }
    if (error instanceof APIError && error.type !== 'service_unavailable') return error;
    const message =
      error instanceof StreamInterruptedError
        ? error.message
        : `The stream was interrupted: ${error instanceof Error ? error.message : String(error)}`;
    return new StreamInterruptedError<ChatCompletionSnapshot>({
      message,
      partialText: this.#snapshot ? textOf(this.#snapshot) : '',
      snapshot: this.#snapshot,
      requestId: this.requestId,
      cause:
        error instanceof StreamInterruptedError
          ? error.cause
          : this.#bodyError && !(error instanceof AIPGError)
            ? this.#bodyError(error)
            : error,
    });
  }

  #fail(error: AIPGError): void {
    this.#outcome = { error };
    this.#release?.();
    for (const sub of this.#subscribers) sub.finish(error);
    if (error instanceof APIUserAbortError) this.#emit('abort', error);
    else this.#emit('error', error);
    this.#onEnd?.();
    this.#emit('end');
    this.#rejectEnded(error);
  }

  #emit<E extends keyof ChatCompletionStreamEvents>(
    event: E,
    ...args: Parameters<ChatCompletionStreamEvents[E]>
  ): void {
    const set = this.#listeners[event] as Set<(...a: unknown[]) => void> | undefined;
    if (!set) return;
    for (const listener of [...set]) listener(...args);
  }

  #apply(chunk: ChatCompletionChunk): void {
    this.#chunksSeen++;
    const snapshot =
      this.#snapshot ??
      ({
        id: chunk.id,
        object: 'chat.completion',
        created: chunk.created,
        model: chunk.model,
        choices: [],
      } as ChatCompletionSnapshot);
    this.#snapshot = snapshot;
    let textDelta = '';
    for (const choiceDelta of chunk.choices ?? []) {
      const index = choiceDelta.index ?? 0;
      let choice = snapshot.choices.find((c) => c.index === index);
      if (!choice) {
        choice = { index, message: { role: 'assistant', content: null }, finish_reason: null };
        snapshot.choices.push(choice);
        snapshot.choices.sort((a, b) => a.index - b.index);
      }
      // Deltas may carry fields beyond the spec's (e.g. `refusal`); they are kept on the message object.
      const delta = (choiceDelta.delta ?? {}) as Record<string, unknown>;
      const message = choice.message as unknown as Record<string, unknown>;
      for (const key in delta) {
        const value = delta[key];
        if (value == null) continue;
        if (key === 'role') message.role = value;
        else if (key === 'tool_calls' && Array.isArray(value))
          mergeToolCalls(message, value as ChatCompletionMessageToolCall[]);
        else if (typeof value === 'string') {
          // content, reasoning_content, refusal …: text fields arrive in pieces.
          const previous = message[key];
          message[key] = typeof previous === 'string' ? previous + value : value;
          if (key === 'content' && index === 0) textDelta += value;
        } else message[key] = value;
      }
      if (choiceDelta.finish_reason) choice.finish_reason = choiceDelta.finish_reason;
    }
    if (chunk.usage) snapshot.usage = chunk.usage;
    if (chunk.grid) snapshot.grid = chunk.grid;
    if (chunk.model && !snapshot.model) snapshot.model = chunk.model;

    for (const sub of this.#subscribers) sub.push(chunk);
    this.#emit('chunk', chunk, snapshot);
    if (textDelta && this.#listeners.text) this.#emit('text', textDelta, textOf(snapshot));
  }
}

/** How long the body of a completed stream may take to end before it is cancelled. */
const DRAIN_MS = 1_000;

/**
 * Lets the source read what follows the terminator to the body's end, in the background (sseItems does so
 * when resumed): a body cancelled before its end closes the connection, one read to its end returns it to
 * the pool. Cancelled if it does not end soon.
 */
function drain(iterator: AsyncIterator<StreamItem>, cancel: () => void): void {
  const timer = setTimeout(cancel, DRAIN_MS);
  const stop = () => clearTimeout(timer);
  iterator.next().then(stop, stop);
}

/** Cancels a body nobody has started reading (a reader, once attached, cancels it itself). */
function cancelUnread(body: ReadableStream<Uint8Array>): void {
  if (!body.locked) body.cancel().catch(() => {});
}

/**
 * The finished snapshot as a `ChatCompletion`. `#incompleteReason` has checked that every choice has its
 * `finish_reason`; usage counts the grid did not send are 0 (see `finalChatCompletion`).
 */
function completed(snapshot: ChatCompletionSnapshot): ChatCompletion {
  const choices = snapshot.choices.map((c) => ({ ...c, finish_reason: c.finish_reason ?? 'stop' }));
  const reported: Partial<CompletionUsage> = snapshot.usage ?? {};
  const prompt_tokens = reported.prompt_tokens ?? 0;
  const completion_tokens = reported.completion_tokens ?? 0;
  const total_tokens = reported.total_tokens ?? prompt_tokens + completion_tokens;
  return { ...snapshot, choices, usage: { ...reported, prompt_tokens, completion_tokens, total_tokens } };
}

function textOf(snapshot: ChatCompletionSnapshot | ChatCompletion): string {
  const content = snapshot.choices.find((c) => c.index === 0)?.message.content;
  return typeof content === 'string' ? content : '';
}

/** Streamed tool calls arrive in pieces keyed by `index`: the first piece has id/name, later ones append arguments. */
function mergeToolCalls(message: Record<string, unknown>, deltas: ChatCompletionMessageToolCall[]): void {
  const calls = (message.tool_calls ?? []) as ChatCompletionMessageToolCall[];
  message.tool_calls = calls;
  for (const delta of deltas) {
    const index = delta.index ?? calls.length;
    let call = calls.find((c) => c.index === index);
    if (!call) {
      call = { index, type: 'function', function: { name: '', arguments: '' } };
      calls.push(call);
    }
    if (delta.id) call.id = delta.id;
    if (delta.type) call.type = delta.type;
    const fn = call.function ?? {};
    call.function = fn;
    if (delta.function?.name) fn.name = delta.function.name;
    if (delta.function?.arguments) fn.arguments = (fn.arguments ?? '') + delta.function.arguments;
  }
}

const MAX_QUOTED = 200;

function parseJSON(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const quoted = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
    throw new AIPGError(`Could not parse ${what} as JSON: ${quoted}`);
  }
}

/** Chat items from the grid's SSE: JSON chunks, `{error}` events → `APIError`, `[DONE]`; empty data skipped. */
async function* sseItems(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  headers: Headers,
  requestId: string | undefined,
): AsyncGenerator<StreamItem> {
  const messages = decodeSSE(body, signal);
  for await (const message of messages) {
    const data = message.data.trim();
    if (data === '[DONE]') {
      yield { type: 'done' };
      // Resumed only to read the body to its end (see drain): what follows is ignored.
      for await (const _ of messages);
      return;
    }
    if (!data) continue; // data-only keep-alives
    const isErrorEvent = message.event === 'error';
    const parsed = isErrorEvent ? parseJSONOrText(data) : parseJSON(data, 'a stream event');
    if (isErrorEvent || (isRecord(parsed) && parsed.error != null)) {
      throw new APIError(undefined, parsed, headers, requestId);
    }
    if (message.event !== undefined && message.event !== 'message') continue; // not a chat chunk
    yield { type: 'chunk', chunk: parsed as ChatCompletionChunk };
  }
}

/** Chat items from an NDJSON relay; its end is the terminator. */
async function* ndjsonItems(
  stream: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<StreamItem> {
  for await (const line of decodeLines(stream, signal)) {
    if (!line.trim()) continue;
    const parsed = parseJSON(line, 'a relayed stream line');
    if (isRecord(parsed) && isRecord(parsed.error)) {
      const { status, type, message } = parsed.error;
      if (type === 'stream_interrupted') {
        throw new StreamInterruptedError({ message: String(message), partialText: '' });
      }
      throw typeof status === 'number'
        ? APIError.generate(status, { error: parsed.error })
        : new APIError(undefined, { error: parsed.error });
    }
    yield { type: 'chunk', chunk: parsed as ChatCompletionChunk };
  }
  yield { type: 'done' };
}

/** How {@link ChatCompletionStream.toReadableStream} writes a failure; aborts are not relayed. */
function relayErrorLine(error: unknown): { error: Record<string, unknown> } | undefined {
  if (error instanceof StreamInterruptedError) {
    return { error: { message: error.message, type: 'stream_interrupted' } };
  }
  if (error instanceof APIError) {
    const nested = isRecord(error.body) && isRecord(error.body.error) ? error.body.error : {};
    return { error: { ...nested, message: String(nested.message ?? error.message), status: error.status } };
  }
  return undefined;
}
