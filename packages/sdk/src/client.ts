import { APIPromise, type CallResult, type WithRequestID } from './core/api-promise';
import { AIPGError, APIError, APIUserAbortError, RealtimeDisconnectedError } from './core/errors';
import type { ChatCompletion, Health, ImagesResponse, paths } from './generated/openapi';
import { deniedEnvMessage, readEnv } from './internal/env';
import { type HeaderValues, mergeHeaders, serializePath } from './internal/headers';
import { parseJSONOrText } from './internal/json';
import { isLogLevel, type Logger, type LogLevel, levelLogger, resolveLogLevel } from './internal/logger';
import {
  checkMiddleware,
  type Middleware,
  type MiddlewareParams,
  withMiddleware,
} from './internal/middleware';
import { checkMaxRetries, checkTimeout } from './internal/options';
import {
  type BodyRead,
  connectionError,
  createLoop,
  type Fetch,
  type PlainRequest,
} from './internal/request-loop';
import { uuid4 } from './internal/uuid';
import {
  type BatchChatItem,
  type BatchImageRequest,
  type BatchItem,
  type BatchOptions,
  type BatchRun,
  runBatch,
} from './lib/batch';
import { ChatCompletionStream } from './lib/chat-completion-stream';
import type { RealtimeConnection, RealtimeKit, RealtimeOptions, WebSocketFactory } from './realtime';
import { Account } from './resources/account';
import { Batches } from './resources/batches';
import { Chat } from './resources/chat';
import { Files } from './resources/files';
import { Images } from './resources/images';
import { Jobs } from './resources/jobs';
import { Models } from './resources/models';
import { Status } from './resources/status';
import { Text } from './resources/text';
import { Workers } from './resources/workers';
import { VERSION } from './version';

export const DEFAULT_BASE_URL = 'https://api.aipowergrid.io';
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;
/** Horde `Client-Agent` format `name:version:contact`. */
export const DEFAULT_CLIENT_AGENT = `@aipg/sdk:${VERSION}:https://github.com/AIPowerGrid/aipg-grid-sdk`;

export type { CallResult, Fetch, Logger, LogLevel, Middleware, MiddlewareParams, WithRequestID };

export interface ClientOptions {
  /** Grid API key. Default: `AIPG_API_KEY`. Without one, no auth headers are sent (public endpoints still work). */
  apiKey?: string | undefined;
  /**
   * Host root, e.g. `https://api.aipowergrid.io` (the default, or `AIPG_BASE_URL`). Spec paths carry their own
   * prefix (`/v1/…`, `/api/v2/…`, `/health`), so a trailing `/v1` — as OpenAI clients are configured — is stripped.
   */
  baseURL?: string | undefined;
  /** Sent as `Client-Agent` (`name:version:contact`). Default: `@aipg/sdk:<version>:<repo url>`. */
  clientAgent?: string | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt, covering the response body too. Default 600 000 (10 min). */
  timeout?: number | undefined;
  /** A fetch-compatible function (proxies, mTLS, tests). Default: `globalThis.fetch`, looked up per request. */
  fetch?: Fetch | undefined;
  /** Where log lines go. Default: `console`. Credentials are never logged. */
  logger?: Logger | undefined;
  /** Default: `AIPG_LOG`, else `warn`. */
  logLevel?: LogLevel | undefined;
  /** Headers sent with every request (a `null` value removes a default header). */
  defaultHeaders?: Record<string, string | null | undefined> | undefined;
  /** Middleware around every call, once per logical call (as if passed to `grid.use()`). */
  middleware?: Middleware[] | undefined;
  /**
   * How `grid.realtime()` opens the client WebSocket. Default: the runtime's global `WebSocket` (browsers, Deno,
   * Bun, Node 22+); on Node 20 pass `nodeWebSocket` from `@aipg/sdk/node`.
   */
  webSocket?: WebSocketFactory | undefined;
}

/** Per-call options; every SDK method takes them as its last argument. */
export interface RequestOptions {
  /** Abort the call: it then rejects with `APIUserAbortError` and is not retried. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt for this call (overrides the client's `timeout`). */
  timeout?: number | undefined;
  /** Retries for this call (overrides the client's `maxRetries`). */
  maxRetries?: number | undefined;
  /** Extra headers for this call; `null` removes a header. */
  headers?: Record<string, string | null | undefined> | undefined;
  /**
   * @internal `false`: a 429 is handed straight back instead of retried, for a caller that paces itself
   * (`grid.batch`, docs/sdk/batch.md). Every other retry stays.
   */
  retryRateLimited?: false | undefined;
  /**
   * `websocket`: send a chat completion over the client's shared client WebSocket (`grid.realtime()`) instead
   * of HTTP. Same params and results; a stream is the same `ChatCompletionStream`. Default `http`.
   */
  transport?: 'http' | 'websocket' | undefined;
}

/** One resource call, as the pipeline sends it. */
export interface CallRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path of the spec (openapi/), e.g. `/v1/models/{model_id}`: each `{name}` is filled from `params`. */
  path: keyof paths;
  params?: Record<string, string> | undefined;
  /** The query string; `undefined` values are left out. */
  query?: Record<string, string | number | undefined> | undefined;
  /** Sent as JSON; a `FormData` is sent as it is (`multipart/form-data`). */
  body?: unknown;
  /** The endpoint's own headers: over the client's defaults, under the call's `headers` option. */
  headers?: Record<string, string> | undefined;
}

/**
 * The AI Power Grid client. One request pipeline (auth + `Client-Agent` + request id → retries,
 * timeouts and abort → typed errors) under every resource:
 *
 * ```ts
 * const grid = new Grid(); // AIPG_API_KEY from the environment
 * const reply = await grid.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export class Grid {
  readonly apiKey: string | undefined;
  readonly baseURL: string;
  readonly clientAgent: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly logger: Logger;

  readonly chat: Chat;
  readonly models: Models;
  readonly status: Status;
  readonly workers: Workers;
  /** AI Horde v2 text jobs (`/api/v2/generate/text/*`): submit, poll, cancel; `text.worker` pops and submits. */
  readonly text: Text;
  /** Images: `generate()` on `/v1/images/generations`, `createAndWait()` on the Horde's `/api/v2/generate/*`. */
  readonly images: Images;
  /** A job's pushed events: `jobs.watch(id)` (`/v1/jobs/{id}/events`, AIPG extension). */
  readonly jobs: Jobs;
  /** Batch API files (`/v1/files`): upload JSONL, read output files. */
  readonly files: Files;
  /** OpenAI-compatible batches (`/v1/batches`): create, retrieve, list, cancel, `createAndPoll`. */
  readonly batches: Batches;
  /** The key's own usage by model and day (`/v1/account/usage`, AIPG extension). */
  readonly account: Account;

  readonly #fetch: Fetch;
  /** Sent with every request, names lower-cased (the `defaultHeaders` option already applied). */
  readonly #headers: Record<string, string>;
  /**
   * Run around every call. Until there is one, no `Request` object is built: the loop is handed the URL,
   * headers and JSON text as they are.
   */
  readonly #middleware: Middleware[] = [];
  /** What the lazily loaded realtime entry needs of the main entry: its classes (so `instanceof` holds). */
  readonly #kit: RealtimeKit;
  /** The connection `transport: 'websocket'` shares (its socket closes when idle and reopens on use). */
  #shared: Promise<RealtimeConnection> | undefined;

  constructor(options: ClientOptions = {}) {
    // Variables the runtime refused to read (Deno without --allow-env) are said once, below.
    const denied = new Map<string, unknown>();
    const env = (name: string) => readEnv(name, (n, error) => denied.set(n, error));
    this.apiKey = options.apiKey ?? env('AIPG_API_KEY');
    this.baseURL = normalizeBaseURL(options.baseURL ?? env('AIPG_BASE_URL') ?? DEFAULT_BASE_URL);
    this.clientAgent = options.clientAgent ?? DEFAULT_CLIENT_AGENT;
    this.maxRetries = checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.timeout = checkTimeout(options.timeout ?? DEFAULT_TIMEOUT_MS);
    if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
      throw new AIPGError(
        `logLevel must be one of debug, info, warn, error, off (got ${JSON.stringify(options.logLevel)})`,
      );
    }
    this.logger = levelLogger(options.logger ?? console, resolveLogLevel(options.logLevel, env));
    if (denied.size > 0 && !deniedEnvReported) {
      deniedEnvReported = true;
      const key = this.apiKey ? 'the apiKey option' : 'no API key';
      this.logger.warn(deniedEnvMessage(denied, `baseURL ${this.baseURL} and ${key}`));
    }
    const userFetch = options.fetch;
    // Looked up per request, not captured here: a fetch patched later (msw in tests, polyfills) is honoured.
    this.#fetch = userFetch ?? ((input, init) => globalFetch()(input, init));

    const headers: HeaderValues = { 'Client-Agent': this.clientAgent };
    if (this.apiKey) {
      // The live grid accepts either header; the Horde v2 API reads only `apikey`.
      headers.apikey = this.apiKey;
      headers.Authorization = `Bearer ${this.apiKey}`;
    }
    this.#headers = mergeHeaders(headers, options.defaultHeaders);
    this.use(...(options.middleware ?? []));
    this.#kit = {
      ChatCompletionStream,
      APIError,
      APIUserAbortError,
      AIPGError,
      RealtimeDisconnectedError,
      webSocket: options.webSocket,
    };

    this.chat = new Chat(this);
    this.models = new Models(this);
    this.status = new Status(this);
    this.workers = new Workers(this);
    this.text = new Text(this);
    this.images = new Images(this);
    this.jobs = new Jobs(this);
    this.files = new Files(this);
    this.batches = new Batches(this);
    this.account = new Account(this);
  }

  /**
   * Adds middleware (openapi-fetch's `onRequest` / `onResponse` / `onError` shape) around every call of
   * this client: resources, `send()` and the `@aipg/sdk/raw` client. It runs once per logical call, above
   * the retry loop, and is handed real `Request`s and `Response`s.
   */
  use(...middleware: Middleware[]): this {
    for (const m of middleware) checkMiddleware(m);
    this.#middleware.push(...middleware);
    return this;
  }

  /**
   * Runs many chat completions (or `/v1/images/generations` requests) through this client, on any grid:
   * at most `concurrency` in flight, fewer after a 429 (waiting its `Retry-After`), one result per item.
   * `await` it for the results in input order, or `for await` them as they finish (docs/sdk/batch.md).
   */
  batch(items: readonly BatchChatItem[], options?: BatchOptions): BatchRun<ChatCompletion>;
  batch(items: readonly BatchImageRequest[], options?: BatchOptions): BatchRun<ImagesResponse>;
  batch(items: readonly BatchItem[], options?: BatchOptions): BatchRun<ChatCompletion | ImagesResponse>;
  batch(items: readonly BatchItem[], options?: BatchOptions): BatchRun<ChatCompletion | ImagesResponse> {
    return runBatch(this, items, options);
  }

  /**
   * Opens a client WebSocket (`/v1/ws`, an AIPG extension): many chat completions, job submits and job
   * subscriptions at once on one socket (docs/sdk/realtime.md). Resolves once it is authenticated; rejects
   * with the typed error (`AuthenticationError`, …) when the grid refuses it. Each call opens its own; `close()`
   * it when done. Its code is loaded on the first call (`@aipg/sdk/realtime`).
   */
  realtime(options?: RealtimeOptions): Promise<RealtimeConnection> {
    return import('./realtime').then((m) => m.connect(this, this.#kit, options));
  }

  /** @internal The connection `transport: 'websocket'` uses: one per client, its socket closed when idle. */
  sharedRealtime(): Promise<RealtimeConnection> {
    this.#shared ??= this.realtime({ idleCloseMs: 1000 }).catch((error) => {
      this.#shared = undefined;
      throw error;
    });
    return this.#shared;
  }

  /** `GET /health`: server status, Redis reachability, connected workers. */
  health(options?: RequestOptions): APIPromise<Health> {
    return this.call(options, { method: 'GET', path: '/health' });
  }

  /**
   * Runs one call through the pipeline: resolves to its data (with `_request_id`; `.withResponse()` for
   * the raw response) or rejects with the typed error. Resources are built on this.
   */
  call<T>(options: RequestOptions | undefined, request: CallRequest): APIPromise<T> {
    return new APIPromise(this.callWithResponse<T>(options, request));
  }

  /**
   * Like {@link call}, as a plain Promise of `{ data, response, requestId }`; `parseAs: 'stream'` leaves
   * the body unread (`data` is the body stream).
   */
  async callWithResponse<T>(
    options: RequestOptions | undefined,
    request: CallRequest,
    parseAs: 'json' | 'stream' = 'json',
  ): Promise<CallResult<T>> {
    const { method, path, params, body, query } = request;
    const form = body instanceof FormData;
    // One id per logical call (the same on every retry); a caller-supplied X-Request-Id wins.
    const headers = mergeHeaders(
      body === undefined || form ? undefined : JSON_TYPE,
      this.#headers,
      request.headers,
      { 'x-request-id': uuid4() },
      options?.headers,
    );
    const sentId = headers['x-request-id'];
    let url = this.baseURL + serializePath(path, params);
    let sep = '?';
    for (const name in query) {
      const value = query[name];
      if (value === undefined) continue;
      url += `${sep}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
      sep = '&';
    }
    const json = body === undefined || form ? (body as FormData | undefined) : JSON.stringify(body);
    const [response, read] = await this.#exchange(
      options,
      parseAs === 'stream' ? 'stream' : 'text',
      { method, url, headers, body: json },
      { schemaPath: path, params: { path: params } },
    );
    // Nothing for an empty body; else the text, or the body stream for a success of `parseAs: 'stream'`.
    const empty = response.status === 204 || response.headers.get('content-length') === '0';
    let text = read as string | undefined;
    if (text === undefined && !empty && (parseAs === 'json' || !response.ok)) text = await response.text();
    const requestId = response.headers.get('x-request-id') ?? sentId;
    if (!response.ok) {
      const detail = empty ? undefined : parseJSONOrText(text as string);
      const error = APIError.generate(response.status, detail, response.headers, requestId);
      this.logger.debug(`request failed: ${error.message}`, { status: response.status, requestId });
      throw error;
    }
    let data: unknown = empty ? undefined : response.body;
    if (parseAs === 'json') {
      try {
        data = text ? JSON.parse(text) : undefined;
      } catch (error) {
        // A success body must be the JSON the endpoint promises: a proxy's HTML page answered with 200
        // must still be a typed error (with status, headers and request id), not a bare SyntaxError.
        const type = response.headers.get('content-type') ?? 'no content-type';
        throw new APIError(
          response.status,
          undefined,
          response.headers,
          requestId,
          `${response.status} response body is not valid JSON (${type}): ${(error as Error).message}`,
        );
      }
    }
    return {
      data: data as T,
      response,
      requestId,
      bodyError: (cause) => connectionError(method, url, true, cause),
    };
  }

  /**
   * `GET`s an absolute URL that is not an API path — a signed image download, a source image on the web —
   * with the pipeline's retries, timeout and abort, but none of the client's headers (the URL may be on
   * another host, so no credentials). Resolves to the body's bytes; a status ≥ 400 is the typed `APIError`.
   */
  async download(url: string, options?: RequestOptions): Promise<Uint8Array> {
    const headers = mergeHeaders(options?.headers);
    const [response, body] = await this.#loop(
      options,
      'arrayBuffer',
    )({ method: 'GET', url, headers, body: undefined });
    const bytes = new Uint8Array(body as ArrayBuffer);
    if (!response.ok) {
      const error = parseJSONOrText(new TextDecoder().decode(bytes));
      throw APIError.generate(
        response.status,
        error,
        response.headers,
        response.headers.get('x-request-id') ?? undefined,
      );
    }
    return bytes;
  }

  /**
   * Sends a `Request` built elsewhere (the `@aipg/sdk/raw` client builds them) through this client's
   * pipeline: the client's headers beneath the request's own (auth, `Client-Agent`, an `X-Request-Id`), the
   * middleware once, then the retry / timeout loop; the request's `signal` (or `options.signal`) aborts it.
   * Resolves to the response, its body read, whatever its status; rejects only with the typed connection,
   * timeout and abort errors.
   */
  async send(request: Request, options?: RequestOptions): Promise<Response> {
    const headers = mergeHeaders(
      this.#headers,
      { 'x-request-id': uuid4() },
      Object.fromEntries(request.headers),
      options?.headers,
    );
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const [response, read] = await this.#exchange(
      { ...options, signal: options?.signal ?? request.signal },
      'arrayBuffer',
      { method: request.method, url: request.url, headers, body },
      { params: {} },
    );
    return rebuilt(response, read);
  }

  /**
   * One logical call: straight into the loop, or, with middleware, as a `Request` through it (a buffered
   * body then comes back inside the Response, which the middleware may replace).
   */
  async #exchange(
    options: RequestOptions | undefined,
    read: BodyRead,
    request: PlainRequest,
    about: { schemaPath?: string; params: MiddlewareParams['params'] },
  ): Promise<[Response, string | ArrayBuffer | undefined]> {
    const loop = this.#loop(options, read);
    if (this.#middleware.length === 0) return loop(request);
    const { url, method, headers, body } = request;
    const params = {
      schemaPath: about.schemaPath ?? new URL(url).pathname,
      params: about.params,
      id: headers['x-request-id'] ?? uuid4(),
      options: { baseUrl: this.baseURL },
    };
    const sent = new Request(url, { method, headers, body: body ?? null });
    const response = await withMiddleware(this.#middleware, params, sent, async (r) =>
      rebuilt(...(await loop(r))),
    );
    return [response, undefined];
  }

  /** The retry / timeout / abort loop with this call's options. */
  #loop(options: RequestOptions | undefined, read: BodyRead) {
    return createLoop({
      fetch: this.#fetch,
      logger: this.logger,
      maxRetries: checkMaxRetries(options?.maxRetries ?? this.maxRetries),
      timeout: checkTimeout(options?.timeout ?? this.timeout),
      signal: options?.signal,
      read,
      retry429: options?.retryRateLimited !== false,
    });
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * A response whose body the loop read, as a Response again (for middleware and `send()`). The response
 * is its own init (status, statusText, headers); a null-body status (204, 304, …) came with a null body
 * and must be rebuilt with one.
 */
function rebuilt(response: Response, body: string | ArrayBuffer | undefined): Response {
  return body === undefined ? response : new Response(response.body && body, response);
}

/** The denied-environment warning is given once per process, not once per client. */
let deniedEnvReported = false;

/** Strips trailing slashes and a trailing `/v1` (OpenAI-style base URLs), leaving the host root. */
export function normalizeBaseURL(raw: string): string {
  let url = raw.trim().replace(/\/+$/, '');
  if (/\/v1$/i.test(url)) url = url.slice(0, -3).replace(/\/+$/, '');
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {}
  // `localhost:7001` parses as a URL with the scheme `localhost:`, so the scheme is checked too.
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new AIPGError(`baseURL must be an absolute http(s) URL (got ${JSON.stringify(raw)})`);
  }
  return url;
}

function globalFetch(): Fetch {
  const f = (globalThis as { fetch?: Fetch }).fetch;
  if (typeof f !== 'function') {
    throw new AIPGError('No global fetch in this runtime: pass `fetch` to new Grid({ fetch }).');
  }
  return f;
}
