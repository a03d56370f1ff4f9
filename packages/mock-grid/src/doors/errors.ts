import { type GridError, type GridErrorCode, isGridError } from '../core/errors.js';
import type { FieldProblem } from '../validation/spec.js';
import { fieldName } from '../validation/spec.js';
import { type JsonResponse, json } from './http/types.js';

/**
 * How each door spells a core error. The core only names what went wrong (`GridError.code`); the status,
 * body shape and wording of each surface live here, once (spec: openapi/components/responses.yaml and the error frames in openapi/components/ws.yaml).
 */

export const V1_MISSING_KEY = "Missing API key. Use 'apikey' header or 'Authorization: Bearer' header.";
export const V1_RATE_LIMIT = 'Rate limit exceeded. Please slow down.';

function retryAfterHeader(err: GridError): Record<string, string> | undefined {
  if (err.retryAfterMs === undefined) return undefined;
  return { 'retry-after': String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))) };
}

const V1_STATUS: Partial<Record<GridErrorCode, number>> = {
  MissingAPIKey: 401,
  InvalidAPIKey: 401,
  MissingScope: 403,
  AnonForbiddenWorker: 403,
  WrongCredentials: 403,
  WorkerCooldown: 403,
  NotModerator: 403,
  KudosUpfront: 402,
  WorkerNotFound: 404,
  UserNotFound: 404,
  RequestNotFound: 404,
  InvalidJobID: 404,
  ModelNotOnline: 404,
  TooManyPrompts: 429,
  NoModelOnline: 503,
  RoutingUnmet: 503,
  PayloadTooLarge: 413,
  TooManyFiles: 429,
  TooManyBatches: 429,
};

/** FastAPI-style `/v1` error: `{detail}` with the live status; the limiter's 429 is OpenAI-style. */
export function v1Error(err: unknown): JsonResponse {
  if (!isGridError(err)) return json(500, { detail: 'Internal Server Error' });
  if (err.code === 'RateLimited') {
    return json(429, { error: { message: V1_RATE_LIMIT, type: 'rate_limit_error' } }, retryAfterHeader(err));
  }
  const status = V1_STATUS[err.code] ?? 400;
  const detail = err.code === 'MissingAPIKey' ? V1_MISSING_KEY : err.message;
  return json(status, { detail }, retryAfterHeader(err));
}

/** FastAPI's request-validation 422: `{detail:[{loc, msg, type}]}` with `loc` starting at `body`/`query`/`path`. */
export function v1ValidationError(where: 'body' | 'query' | 'path', problems: FieldProblem[]): JsonResponse {
  return json(422, {
    detail: problems.map((p) => ({ loc: [where, ...p.path], msg: p.message, type: p.keyword })),
  });
}

const HORDE_STATUS: Partial<Record<GridErrorCode, [number, string]>> = {
  MissingAPIKey: [401, 'InvalidAPIKey'],
  InvalidAPIKey: [401, 'InvalidAPIKey'],
  MissingScope: [403, 'Forbidden'],
  AnonForbiddenWorker: [403, 'AnonForbiddenWorker'],
  WrongCredentials: [403, 'WrongCredentials'],
  WorkerCooldown: [403, 'WorkerMaintenance'],
  KudosUpfront: [403, 'KudosUpfront'],
  NotModerator: [403, 'NotModerator'],
  WorkerNotFound: [404, 'WorkerNotFound'],
  UserNotFound: [404, 'UserNotFound'],
  RequestNotFound: [404, 'RequestNotFound'],
  InvalidJobID: [404, 'InvalidJobID'],
  DuplicateGen: [400, 'DuplicateGen'],
  AbortedGen: [400, 'AbortedGen'],
  TooManyPrompts: [429, 'TooManyPrompts'],
  MissingPrompt: [400, 'MissingPrompt'],
  TokenOverflow: [400, 'TokenOverflow'],
  NoModelOnline: [400, 'NoValidWorkers'],
  ModelNotOnline: [400, 'NoValidWorkers'],
  RoutingUnmet: [400, 'NoValidWorkers'],
};

/** Horde `{message, rc}`; the limiter's 429 has no `rc`; a bad field is flask-restx's validation body. */
export function hordeError(err: unknown): JsonResponse {
  if (!isGridError(err)) return json(500, { message: 'Internal Server Error', rc: 'Unknown' });
  if (err.code === 'RateLimited')
    return json(429, { message: err.message || V1_RATE_LIMIT }, retryAfterHeader(err));
  if (err.code === 'InvalidField') {
    return hordeValidationError({ [err.field ?? 'payload']: err.message });
  }
  const [status, rc] = HORDE_STATUS[err.code] ?? [400, 'BadRequest'];
  return json(status, { message: err.message, rc }, retryAfterHeader(err));
}

export function hordeValidationError(errors: Record<string, string>): JsonResponse {
  return json(400, { message: 'Input payload validation failed', errors });
}

export function hordeProblems(problems: FieldProblem[]): JsonResponse {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const name = fieldName(p.path);
    errors[name] = errors[name] ? `${errors[name]}; ${p.message}` : p.message;
  }
  return hordeValidationError(errors);
}

/** WebSocket close code for a refused registration: 4001 bad/missing key or name, 4003 everything else. */
export function wsCloseCode(err: unknown): 4001 | 4003 {
  if (!isGridError(err)) return 4001;
  return err.code === 'MissingAPIKey' || err.code === 'InvalidAPIKey' || err.code === 'InvalidField'
    ? 4001
    : 4003;
}
