/**
 * Typed errors the core raises. Doors map `code` to their own status + body (Horde `{message, rc}`,
 * FastAPI `{detail}`, a WS close code); the core never picks an HTTP status.
 */
export type GridErrorCode =
  /** No key given where one is needed. /v1: 401 "Missing API key…"; Horde: 401 InvalidAPIKey. */
  | 'MissingAPIKey'
  /** Unknown key (strict mode) or an empty one. */
  | 'InvalidAPIKey'
  /** The key lacks the scope (`inference.submit` / `worker.connect`) the call needs. /v1: 403; WS: 4003. */
  | 'MissingScope'
  /** The anonymous key `0000000000` tried to run a worker. */
  | 'AnonForbiddenWorker'
  /** The key does not own the worker (name taken by another account) or the job. WS: 4003. */
  | 'WrongCredentials'
  /** Worker is evicted and in its cooldown (`retryAfterMs` says how long). WS: 4003. */
  | 'WorkerCooldown'
  /** A key that is not a moderator's asked for what only moderators see (Horde `status/modes`). */
  | 'NotModerator'
  /** Unknown worker id or name (Horde `workers` list, worker details). */
  | 'WorkerNotFound'
  /** Unknown account (find_user). */
  | 'UserNotFound'
  /** Unknown request id on status/cancel. */
  | 'RequestNotFound'
  /** Unknown generation id on submit/progress. */
  | 'InvalidJobID'
  /** A second submit for the same generation. */
  | 'DuplicateGen'
  /** A submit for a generation the grid already took back (lease expired, cancelled, worker gone). */
  | 'AbortedGen'
  /** Jobs in flight for this account would exceed its cap. */
  | 'TooManyPrompts'
  /** /v1: no text worker is online at all (503). */
  | 'NoModelOnline'
  /** /v1: the requested model has no online worker (404, never substituted). */
  | 'ModelNotOnline'
  /** Per-key rate limit hit; `retryAfterMs` is the time until the window frees a slot. */
  | 'RateLimited'
  /** The requester cannot pay the job's upfront cost (only with `upfrontKudos` on). */
  | 'KudosUpfront'
  /** Horde prompt missing or empty. */
  | 'MissingPrompt'
  /** `max_context_length < max_length`. */
  | 'TokenOverflow'
  /** A WS registration mixes `text` with media `job_types` (one connection per kind). WS: 4003. */
  | 'MixedJobTypes'
  /** A Batch API file over the bytes-per-file limit (`limit`). /v1: 413. */
  | 'PayloadTooLarge'
  /** A key holds the most Batch API files it may (`limit`). /v1: 429. */
  | 'TooManyFiles'
  /** A key has the most batches that have not ended (`limit`, `retryAfterMs`). /v1: 429. */
  | 'TooManyBatches'
  /**
   * /v1: no online worker meets one of the request's routing constraints (`field` names it: `routing.only`,
   * `routing.min_tokens_per_s`, …). 503.
   */
  | 'RoutingUnmet'
  /** Any other bad input: `field` names it and `limit` gives the allowed range or size. */
  | 'InvalidField';

export interface GridErrorDetails {
  /** The input field at fault, dotted (`params.max_length`). */
  field?: string;
  /** The limit that was broken, e.g. `'1..20'` or `24`. */
  limit?: string | number;
  /** For `RateLimited` / `WorkerCooldown` / `TooManyPrompts`: milliseconds until a retry may succeed. */
  retryAfterMs?: number;
}

export class GridError extends Error {
  override readonly name = 'GridError';
  readonly code: GridErrorCode;
  readonly field: string | undefined;
  readonly limit: string | number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: GridErrorCode, message: string, details: GridErrorDetails = {}) {
    super(message);
    this.code = code;
    this.field = details.field;
    this.limit = details.limit;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isGridError(value: unknown, code?: GridErrorCode): value is GridError {
  return value instanceof GridError && (code === undefined || value.code === code);
}
