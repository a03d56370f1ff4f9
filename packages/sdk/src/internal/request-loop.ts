import {
  AIPGError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  extractMessage,
} from '../core/errors';
import { causeInParens, failureCause, safeURL, seconds, urlPath } from './describe';
import { parseJSONOrText } from './json';
import { type Logger, redactHeaders } from './logger';
import { type RetryWait, retryWait, shouldRetry } from './retry';
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
      const watch = new AttemptWatch(settings.timeout, signal, method, url);
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
          const wait = retryWait(response.headers, attempt);
          const waiting = sleep(wait.ms, signal);
          const retry = { attempt, maxRetries, method, url, wait };
          const what = `${response.status} ${statusWords(response.status)}`;
          if (isLoud(wait)) {
            // Worth a warning, so worth the server's reason. Read while the wait runs, never past it.
            const said = await Promise.race([serverMessage(response), waiting.then(() => undefined)]);
            logger.warn(retryMessage({ ...retry, what, detail: said && JSON.stringify(said) }));
          } else {
            // Not awaited: some fetch implementations never settle a cancel of an unread body.
            response.body?.cancel().catch(() => {});
            logger.info(retryMessage({ ...retry, what }));
          }
          await waiting;
          continue;
        }
        if (settings.mode === 'stream') return watch.guardBody(response);
        // Buffered: the attempt includes reading the whole body, under the same deadline, so a body
        // that stalls or breaks off fails (and is retried) like a missing response.
        watch.readBody();
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
        const wait = retryWait(undefined, attempt);
        const line = retryMessage({
          attempt,
          maxRetries,
          method,
          url,
          wait,
          ...(error instanceof APITimeoutError
            ? { what: 'timed out', detail: `timeout ${seconds(settings.timeout)}` }
            : { what: 'connection error', detail: failureCause(cause).code }),
        });
        if (isLoud(wait)) logger.warn(line);
        else logger.info(line);
        await sleep(wait.ms, signal);
      }
    }
  };
}

/**
 * Waits from this long on are said at `warn`, the default level: a caller whose program seems to hang
 * learns why. Shorter ones (the first backoffs) are routine and stay at `info`.
 */
const LOUD_WAIT_MS = 3_000;
/** A server message longer than this is left out of the one-line warning (the final error keeps it). */
const MAX_SAID_LENGTH = 120;

function isLoud(wait: RetryWait): boolean {
  return wait.ms >= LOUD_WAIT_MS;
}

/**
 * One line per retry, e.g. `[aipg] 429 rate limited on POST /v1/chat/completions ("Rate limit exceeded."):
 * waiting 30 s (Retry-After) before retry 1 of 2`. `detail` (the server's message, the error code) goes in
 * parentheses after the path; the path alone, since a query string can carry credentials.
 */
function retryMessage(retry: {
  attempt: number;
  maxRetries: number;
  method: string;
  url: string;
  wait: RetryWait;
  what: string;
  detail?: string | undefined;
}): string {
  const { attempt, maxRetries, method, url, wait, what, detail } = retry;
  return (
    `[aipg] ${what} on ${method} ${urlPath(url)}${detail ? ` (${detail})` : ''}: ` +
    `waiting ${seconds(wait.ms)} (${wait.from}) before retry ${attempt + 1} of ${maxRetries}`
  );
}

function statusWords(status: number): string {
  return STATUS_WORDS[status] ?? (status >= 500 ? 'server error' : 'error');
}

const STATUS_WORDS: Record<number, string> = {
  408: 'request timeout',
  409: 'conflict',
  429: 'rate limited',
  500: 'server error',
  502: 'bad gateway',
  503: 'unavailable',
  504: 'gateway timeout',
};

/** The message in an error body, if it fits on a line; `undefined` when there is none or it cannot be read. */
async function serverMessage(response: Response): Promise<string | undefined> {
  try {
    const message = extractMessage(parseJSONOrText(await response.text()));
    return message && message.length <= MAX_SAID_LENGTH ? message : undefined;
  } catch {
    return undefined;
  }
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
  readonly #method: string;
  readonly #url: string;
  /** What the attempt is waiting for, for messages: the response, a buffered body, or a stream's next bytes. */
  #phase: 'response' | 'body' | 'stream' = 'response';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onUserAbort = () => this.#controller.abort(abortError(this.#userSignal!));
  /** Rejects with the typed reason once this attempt is aborted (timeout or caller). */
  readonly aborted: Promise<never>;

  constructor(timeout: number, userSignal: AbortSignal | undefined, method: string, url: string) {
    this.#timeout = timeout;
    this.#userSignal = userSignal;
    this.#method = method;
    this.#url = url;
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
    this.#timer = setTimeout(() => this.#controller.abort(this.#timeoutError()), this.#timeout);
  }

  /** `POST http://host/v1/chat/completions`, for messages: built only when one is, not on every attempt. */
  #target(): string {
    return `${this.#method} ${safeURL(this.#url)}`;
  }

  #timeoutError(): APITimeoutError {
    const limit = `${seconds(this.#timeout)} (timeout: ${this.#timeout} ms)`;
    const what = {
      response: `sent no response within ${limit}`,
      body: `did not finish its response body within ${limit}`,
      stream: `sent nothing for ${limit}`,
    }[this.#phase];
    return new APITimeoutError({ message: `Request timed out: ${this.#target()} ${what}` });
  }

  /** The attempt has its headers; from now on a failure is in the body. */
  readBody(): void {
    this.#phase = 'body';
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  /** The typed error for a failed fetch or body read: our abort reason if we aborted, else a connection error. */
  failure(cause: unknown): AIPGError {
    if (this.#controller.signal.aborted) return abortError(this.#controller.signal);
    if (cause instanceof AIPGError) return cause;
    const how = this.#phase === 'response' ? 'failed' : 'broke off while reading the response body';
    const { code, message } = failureCause(cause);
    return new APIConnectionError({
      message: `Connection error: ${this.#target()} ${how}${causeInParens({ code, message })}`,
      cause,
      code,
    });
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
    this.#phase = 'stream';
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
