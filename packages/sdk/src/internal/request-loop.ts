import { AIPGError, APIConnectionError, APITimeoutError, APIUserAbortError } from '../core/errors';
import { type Logger, redactHeaders } from './logger';
import { retryDelayMs, shouldRetry } from './retry';
import { abortError } from './signals';
import { sleep } from './sleep';

/** The fetch signature the SDK calls (a subset of `globalThis.fetch`, so any fetch-compatible function fits). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * How the response body is watched. `buffered`: the timeout is one deadline for headers and the whole
 * body. `stream`: every chunk of bytes that arrives restarts the timer, so a long but live stream is
 * never cut, while a silent one fails after `timeout`. (Bytes include SSE keep-alive comments; the chat
 * stream therefore also watches *content* itself, see ChatCompletionStream.)
 */
export type BodyMode = 'buffered' | 'stream';

export interface LoopSettings {
  fetch: Fetch;
  logger: Logger;
  maxRetries: number;
  timeout: number;
  signal: AbortSignal | undefined;
  mode: BodyMode;
}

/**
 * Builds the `fetch` handed to openapi-fetch for ONE logical call. openapi-fetch (and any middleware)
 * runs once above it; below it, this loop makes the attempts: a fresh AbortSignal and timeout per
 * attempt, retries on connection errors and retryable statuses (never on a caller abort, never once a
 * response is handed up — so never after the first byte of a stream), an `X-AIPG-Retry-Count` header.
 * A buffered attempt includes reading its whole body; a stream's body is wrapped so the timeout and the
 * caller's signal stay in force while it is read.
 */
export function createLoopFetch(settings: LoopSettings): (request: Request) => Promise<Response> {
  return async (request) => {
    const { logger, maxRetries, signal } = settings;
    // Read the body once so every attempt can resend it (openapi-fetch bodies are JSON strings).
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const headers = new Headers(request.headers);
    const url = request.url;
    const method = request.method;

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortError(signal);
      headers.set('X-AIPG-Retry-Count', String(attempt));
      const watch = new AttemptWatch(settings.timeout, signal);
      logger.debug(`${method} ${url}`, { attempt, headers: redactHeaders(headers) });

      let response: Response;
      try {
        // Raced with our own abort: a custom fetch that ignores its signal still cannot hang the call.
        response = await Promise.race([
          settings.fetch(url, { method, headers, body, signal: watch.signal, redirect: 'follow' }),
          watch.aborted,
        ]);
        logger.debug(`${method} ${url} → ${response.status}`, {
          attempt,
          headers: redactHeaders(response.headers),
        });
        if (!response.ok && attempt < maxRetries && shouldRetry(response)) {
          watch.dispose();
          // Not awaited: some fetch implementations never settle a cancel of an unread body.
          response.body?.cancel().catch(() => {});
          const delay = retryDelayMs(response.headers, attempt);
          logger.info(`${method} ${url} → ${response.status}. Retrying in ${Math.round(delay)} ms.`, {
            attempt,
            retriesLeft: maxRetries - attempt,
          });
          await sleep(delay, signal);
          continue;
        }
        if (settings.mode === 'stream') return watch.guardBody(response);
        // Buffered: the attempt includes reading the whole body, under the same deadline, so a body
        // that stalls or breaks off fails (and is retried) like a missing response.
        const bytes = await Promise.race([response.arrayBuffer(), watch.aborted]);
        watch.dispose();
        return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      } catch (cause) {
        const error = watch.failure(cause);
        watch.dispose();
        if (error instanceof APIUserAbortError || attempt >= maxRetries) {
          logger.debug(`${method} ${url} failed`, { attempt, error: error.message });
          throw error;
        }
        const delay = retryDelayMs(undefined, attempt);
        logger.info(`${method} ${url}: ${error.message} Retrying in ${Math.round(delay)} ms.`, {
          attempt,
          retriesLeft: maxRetries - attempt,
        });
        await sleep(delay, signal);
      }
    }
  };
}

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * One attempt's timeout + caller signal. Aborting the fetch signal is not enough on every runtime
 * (mocked or custom fetches may ignore it once headers are in), so body reads are raced against it too.
 */
class AttemptWatch {
  readonly #controller = new AbortController();
  readonly #timeout: number;
  readonly #userSignal: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onUserAbort = () => this.#controller.abort(abortError(this.#userSignal!));
  /** Rejects with the typed reason once this attempt is aborted (timeout or caller). */
  readonly aborted: Promise<never>;

  constructor(timeout: number, userSignal: AbortSignal | undefined) {
    this.#timeout = timeout;
    this.#userSignal = userSignal;
    const signal = this.#controller.signal;
    this.aborted = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
    });
    this.aborted.catch(() => {}); // only ever observed through races
    userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
    this.#arm();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#controller.abort(new APITimeoutError()), this.#timeout);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  /** The typed error for a failed fetch or body read: our abort reason if we aborted, else a connection error. */
  failure(cause: unknown): AIPGError {
    if (this.#controller.signal.aborted) return abortError(this.#controller.signal);
    if (cause instanceof AIPGError) return cause;
    return new APIConnectionError({ cause });
  }

  /**
   * For streams: re-wraps the body so reads fail with our typed error on timeout/abort. Every chunk
   * restarts the timer; the watch ends with the body.
   */
  guardBody(response: Response): Response {
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
      this.dispose();
      return response;
    }
    const reader = response.body.getReader();
    const aborted = this.aborted;
    const guarded = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const chunk = await Promise.race([reader.read(), aborted]);
          if (chunk.done) {
            this.dispose();
            controller.close();
            return;
          }
          this.#arm();
          controller.enqueue(chunk.value);
        } catch (cause) {
          const error = this.failure(cause);
          this.dispose();
          reader.cancel(error).catch(() => {});
          controller.error(error);
        }
      },
      cancel: (reason) => {
        this.dispose();
        return reader.cancel(reason);
      },
    });
    return new Response(guarded, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }
}
