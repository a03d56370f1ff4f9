import {
  AIPGError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  extractMessage,
} from '../core/errors';
import { causeInParens, failureCause, safeURL, seconds, urlPath } from './describe';
import { parseJSONOrText } from './json';
import { type Logger, noop, redactHeaders } from './logger';
import { type RetryWait, retryWait, shouldRetry } from './retry';
import { abortError } from './signals';
import { sleep } from './sleep';

/** The fetch signature the SDK calls (a subset of `globalThis.fetch`, so any fetch-compatible function fits). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * How the response body is watched. `text` / `arrayBuffer`: the attempt reads the whole body that way, and
 * the timeout is one deadline for headers and body. `stream`: the attempt's timer stops at the headers;
 * the caller reads the body under its own limit (the chat stream's is on *content*, see
 * ChatCompletionStream), and its signal still ends the request.
 */
export type BodyRead = 'text' | 'arrayBuffer' | 'stream';

export interface LoopSettings {
  fetch: Fetch;
  logger: Logger;
  maxRetries: number;
  timeout: number;
  signal: AbortSignal | undefined;
  read: BodyRead;
  /** Whether a 429 is retried here (`false`: the caller paces itself, e.g. `grid.batch`). */
  retry429: boolean;
}

/**
 * A request no middleware will see, as the pipeline builds it: the URL, method, headers and serialized
 * body as they are (a Request would copy the headers and wrap the body in a stream for the loop to read
 * back, and fetch builds its own Request from them on every attempt).
 */
export interface PlainRequest {
  url: string;
  method: string;
  /** This call's own, with lower-cased names, so the loop sets its retry count on them. */
  headers: Record<string, string>;
  body: BodyInit | undefined;
}

/**
 * The attempts of ONE logical call (any middleware runs once above it): a fresh
 * AbortSignal and timeout per attempt, retries on connection errors and retryable statuses (never on a
 * caller abort, never once a response is handed up — so never after the first byte of a stream), an
 * `X-AIPG-Retry-Count` header. A buffered attempt includes reading its whole body, which it resolves
 * to next to the response (`undefined` for a stream).
 */
export function createLoop(
  settings: LoopSettings,
): (request: Request | PlainRequest) => Promise<[Response, string | ArrayBuffer | undefined]> {
  return async (request) => {
    const { logger, maxRetries, signal } = settings;
    const { url, method } = request;
    let { body, headers } = request as PlainRequest;
    if ('arrayBuffer' in request) {
      // A Request (middleware, grid.send, @aipg/sdk/raw): read its body once so every attempt can resend it.
      body = request.body === null ? undefined : await request.arrayBuffer();
      headers = Object.fromEntries(request.headers);
    }
    // Header copies for the debug log only when it is on.
    const debug = logger.debug !== noop;

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortError(signal);
      headers['x-aipg-retry-count'] = String(attempt);
      const watch = new AttemptWatch(settings.timeout, signal, method, url);
      if (debug) logger.debug(`${method} ${url}`, { attempt, headers: redactHeaders(headers) });

      let response: Response;
      try {
        // Raced with our own abort: a custom fetch that ignores its signal still cannot hang the call.
        response = await Promise.race([
          settings.fetch(url, { method, headers, body, signal: watch.signal }),
          watch.aborted,
        ]);
        if (debug) {
          logger.debug(`${method} ${url} → ${response.status}`, {
            attempt,
            headers: redactHeaders(response.headers),
          });
        }
        if (
          !response.ok &&
          attempt < maxRetries &&
          shouldRetry(response) &&
          (settings.retry429 || response.status !== 429)
        ) {
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
        if (settings.read === 'stream') {
          watch.stopTimer();
          return [response, undefined];
        }
        // Buffered: the attempt includes reading the whole body, under the same deadline, so a body
        // that stalls or breaks off fails (and is retried) like a missing response.
        watch.inBody = true;
        const read = await Promise.race([response[settings.read](), watch.aborted]);
        watch.dispose();
        return [response, read];
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
  /** Set once the headers are in: from then on, for messages, a failure is in the body. */
  inBody = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  #reject!: (error: AIPGError) => void;
  #onUserAbort = () => this.#abort(abortError(this.#userSignal!));
  /** Rejects with the typed reason once this attempt is aborted (timeout or caller). */
  readonly aborted = new Promise<never>((_, reject) => {
    this.#reject = reject;
  });

  constructor(timeout: number, userSignal: AbortSignal | undefined, method: string, url: string) {
    this.#timeout = timeout;
    this.#userSignal = userSignal;
    this.#method = method;
    this.#url = url;
    this.aborted.catch(() => {}); // only ever observed through races
    userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
    this.#timer = setTimeout(() => this.#abort(this.#timeoutError()), timeout);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  #abort(error: AIPGError): void {
    this.#controller.abort(error);
    this.#reject(error);
  }

  #timeoutError(): APITimeoutError {
    const limit = `${seconds(this.#timeout)} (timeout: ${this.#timeout} ms)`;
    const what = this.inBody ? 'did not finish its response body' : 'sent no response';
    return new APITimeoutError({
      message: `Request timed out: ${this.#method} ${safeURL(this.#url)} ${what} within ${limit}`,
    });
  }

  /** A stream's headers are in: its reader watches the body from here, while the caller's signal still aborts. */
  stopTimer(): void {
    clearTimeout(this.#timer);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }

  /** The typed error for a failed fetch or body read: our abort reason if we aborted, else a connection error. */
  failure(cause: unknown): AIPGError {
    const signal = this.#controller.signal;
    if (signal.aborted) return abortError(signal);
    return connectionError(this.#method, this.#url, this.inBody, cause);
  }
}

/** The typed error for a request or body read that failed by itself: an `APIConnectionError` naming both. */
export function connectionError(method: string, url: string, inBody: boolean, cause: unknown): AIPGError {
  if (cause instanceof AIPGError) return cause;
  const how = inBody ? 'broke off while reading the response body' : 'failed';
  const found = failureCause(cause);
  return new APIConnectionError({
    message: `Connection error: ${method} ${safeURL(url)} ${how}${causeInParens(found)}`,
    cause,
    code: found.code,
  });
}
