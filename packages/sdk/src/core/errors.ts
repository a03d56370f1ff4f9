/**
 * Every error the SDK throws is an `AIPGError`. HTTP failures are `APIError` subclasses chosen by
 * status, so `catch (e) { if (e instanceof RateLimitError) … }` works without reading status codes.
 * Class names are set explicitly: bundlers that minify would otherwise rename them.
 */
import { failureCause } from '../internal/describe';
import { isRecord } from '../internal/json';
import { parseRetryAfterMs } from '../internal/retry';

/** Base class of every error thrown by `@aipg/sdk`. */
export class AIPGError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AIPGError';
  }
}

/** Rate-limit state read from `X-RateLimit-*` headers (absent fields are `undefined`). */
export interface RateLimitInfo {
  limit: number | undefined;
  remaining: number | undefined;
  /** As the server sent it: the grid and the Horde send seconds (until reset, or an epoch). */
  reset: number | undefined;
}

/**
 * The server answered with an error: an HTTP status ≥ 400, an `error` event inside a stream, or a
 * success status whose body is not the JSON the endpoint promises (e.g. a proxy's HTML page).
 */
export class APIError extends AIPGError {
  /** HTTP status; `undefined` for an error event that arrived inside a 200 stream. */
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  /** The parsed JSON error body, or the raw text when the body was not JSON. */
  readonly body: unknown;
  /** `x-request-id` of the response (or the id the SDK sent when the server echoed none). */
  readonly requestId: string | undefined;
  /** Horde return code from `{message, rc}` bodies, e.g. `"KudosUpfront"`. */
  readonly rc: string | undefined;
  /** `error.type` from OpenAI-shaped bodies, e.g. `"rate_limit_error"`, `"upstream_error"`. */
  readonly type: string | undefined;

  constructor(
    status: number | undefined,
    body: unknown,
    headers?: Headers,
    requestId?: string,
    message?: string,
  ) {
    super(message ?? APIError.makeMessage(status, body));
    this.name = 'APIError';
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.requestId = requestId;
    const obj = asRecord(body);
    this.rc = typeof obj?.rc === 'string' ? obj.rc : undefined;
    const nested = asRecord(obj?.error);
    this.type = typeof nested?.type === 'string' ? nested.type : undefined;
  }

  /** `"<status> <message from the body>"`; the message comes from `detail`, `error.message`, `message` or raw text. */
  static makeMessage(status: number | undefined, body: unknown): string {
    const detail = extractMessage(body);
    if (status === undefined) return detail ?? 'stream error';
    return detail ? `${status} ${detail}` : `${status} status code (no body)`;
  }

  /** The right subclass for `status`. */
  static generate(status: number, body: unknown, headers?: Headers, requestId?: string): APIError {
    const Cls = STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : APIError);
    return new Cls(status, body, headers, requestId);
  }
}

export class BadRequestError extends APIError {
  override readonly name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override readonly name = 'AuthenticationError';
}
export class PaymentRequiredError extends APIError {
  override readonly name = 'PaymentRequiredError';
}
export class PermissionDeniedError extends APIError {
  override readonly name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override readonly name = 'NotFoundError';
}
export class ConflictError extends APIError {
  override readonly name = 'ConflictError';
}
/** 410: the retired legacy `/v2` API on the live grid, or an expired Horde request (`rc: RequestExpired`). */
export class GoneError extends APIError {
  override readonly name = 'GoneError';
}
export class PayloadTooLargeError extends APIError {
  override readonly name = 'PayloadTooLargeError';
}
export class UnprocessableEntityError extends APIError {
  override readonly name = 'UnprocessableEntityError';
}

/** 429. `retryAfterMs` and `rateLimit` come from the response headers. */
export class RateLimitError extends APIError {
  override readonly name = 'RateLimitError';
  /** Server-suggested wait from `retry-after-ms` / `retry-after` (seconds or HTTP date), if any. */
  readonly retryAfterMs: number | undefined;
  readonly rateLimit: RateLimitInfo;

  constructor(status: number | undefined, body: unknown, headers?: Headers, requestId?: string) {
    super(status, body, headers, requestId);
    this.retryAfterMs = headers ? parseRetryAfterMs(headers) : undefined;
    this.rateLimit = {
      limit: numberHeader(headers, 'x-ratelimit-limit'),
      remaining: numberHeader(headers, 'x-ratelimit-remaining'),
      reset: numberHeader(headers, 'x-ratelimit-reset'),
    };
  }
}

/** Any status ≥ 500. */
export class InternalServerError extends APIError {
  override readonly name: string = 'InternalServerError';
}
/** 503: on the live grid, "No compatible text workers are currently online." */
export class ServiceUnavailableError extends InternalServerError {
  override readonly name = 'ServiceUnavailableError';
}

/**
 * No HTTP response arrived (DNS, refused, reset), or the body broke off while being read. The message
 * names the method, the URL (origin and path) and the runtime's cause, e.g. `Connection error: POST
 * http://127.0.0.1:7001/v1/chat/completions failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:7001)`;
 * the runtime's own error stays in `cause`.
 */
export class APIConnectionError extends AIPGError {
  /** The system error code underneath (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET` …), when the runtime names one. */
  readonly code: string | undefined;

  constructor(options?: { message?: string; cause?: unknown; code?: string | undefined }) {
    super(options?.message ?? 'Connection error.', { cause: options?.cause });
    this.name = 'APIConnectionError';
    this.code = options?.code ?? failureCause(options?.cause).code;
  }
}

/**
 * The `timeout` elapsed (it covers the response body too, not only the headers). The message names the
 * method, the URL and the limit, e.g. `Request timed out: GET https://api.aipowergrid.io/health sent no
 * response within 30 s (timeout: 30000 ms)`.
 */
export class APITimeoutError extends APIConnectionError {
  constructor(options?: { message?: string }) {
    super({ message: options?.message ?? 'Request timed out.' });
    this.name = 'APITimeoutError';
  }
}

/**
 * The client WebSocket (`grid.realtime()`, `transport: 'websocket'`; spec `connectClient`) closed while a
 * request was in flight on it, and the request could not be resumed: a chat completion or a job submit (a job
 * subscription resumes from its last event instead). `closeCode` and `closeReason` are the socket's (spec
 * `ClientWsCloseCode`; 1006 when it dropped without a close frame). A streamed chat completion fails with
 * `StreamInterruptedError` whose `cause` is this error, as an SSE stream that breaks off does.
 */
export class RealtimeDisconnectedError extends APIConnectionError {
  override readonly name = 'RealtimeDisconnectedError';
  /** Set by the connection that failed (its fields are filled in there, keeping this class small). */
  readonly closeCode: number | undefined;
  readonly closeReason: string = '';
}

/** The caller aborted (a `signal`, `stream.abort()`, or breaking out of `for await`). Never retried. */
export class APIUserAbortError extends AIPGError {
  constructor(options?: { message?: string; cause?: unknown }) {
    super(options?.message ?? 'Request was aborted.', { cause: options?.cause });
    this.name = 'APIUserAbortError';
  }
}

/**
 * A chat stream ended before it was complete: no `data: [DONE]`, a choice without `finish_reason`,
 * or the body broke off / timed out mid-stream (then `cause` holds the underlying error).
 * What did arrive is kept: `partialText` (choice 0) and the accumulated `snapshot`.
 */
export class StreamInterruptedError<TSnapshot = unknown> extends AIPGError {
  readonly partialText: string;
  readonly snapshot: TSnapshot | undefined;
  readonly requestId: string | undefined;

  constructor(options: {
    message: string;
    partialText: string;
    snapshot?: TSnapshot | undefined;
    requestId?: string | undefined;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'StreamInterruptedError';
    this.partialText = options.partialText;
    this.snapshot = options.snapshot;
    this.requestId = options.requestId;
  }
}

/** A Horde text job or image request reported `faulted: true` (its generations failed on several workers). */
export class JobFaultedError<TStatus = unknown> extends AIPGError {
  readonly id: string;
  /** The last status (or image `check`) the grid returned for the job. */
  readonly status: TStatus;

  /** `what` names the job in the message: `Text job` (the default) or `Image request`. */
  constructor(id: string, status: TStatus, what = 'Text job') {
    super(`${what} ${id} faulted on the grid.`);
    this.name = 'JobFaultedError';
    this.id = id;
    this.status = status;
  }
}

type APIErrorClass = new (
  status: number | undefined,
  body: unknown,
  headers?: Headers,
  requestId?: string,
) => APIError;

const STATUS_CLASSES: Record<number, APIErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  410: GoneError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  503: ServiceUnavailableError,
};

function numberHeader(headers: Headers | undefined, name: string): number | undefined {
  const raw = headers?.get(name);
  if (raw == null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

const MAX_RAW_MESSAGE = 500;

/** Picks a readable message out of the error shapes the grid, FastAPI and the Horde send. */
export function extractMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    if (!text) return undefined;
    return text.length > MAX_RAW_MESSAGE ? `${text.slice(0, MAX_RAW_MESSAGE)}…` : text;
  }
  const obj = asRecord(body);
  if (!obj) return body == null ? undefined : JSON.stringify(body);
  // FastAPI: {"detail": "..."}; its 422 validation errors: {"detail": [{loc, msg, type}]}.
  if (typeof obj.detail === 'string') return obj.detail;
  if (Array.isArray(obj.detail)) {
    const parts = obj.detail.map((item) => {
      const entry = asRecord(item);
      const loc = Array.isArray(entry?.loc) ? entry.loc.join('.') : undefined;
      const msg = typeof entry?.msg === 'string' ? entry.msg : JSON.stringify(item);
      return loc ? `${loc}: ${msg}` : msg;
    });
    if (parts.length) return parts.join('; ');
  }
  // OpenAI-style: {"error": {"message", "type"}} (the grid's 429 and mid-stream errors).
  const nested = asRecord(obj.error);
  if (typeof nested?.message === 'string') return nested.message;
  if (typeof obj.error === 'string') return obj.error;
  // Horde: {"message", "rc"} and validation {"message", "errors": {field: why}}.
  if (typeof obj.message === 'string') {
    const fields = asRecord(obj.errors);
    if (!fields) return obj.message;
    const why = Object.entries(fields).map(([field, reason]) => `${field}: ${String(reason)}`);
    return why.length ? `${obj.message} (${why.join('; ')})` : obj.message;
  }
  return JSON.stringify(body);
}
