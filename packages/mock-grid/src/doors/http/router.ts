import { limits } from '@aipg/sdk/wire';
import type { GridCore } from '../../core/index.js';
import type { Faults } from '../../scenarios/faults.js';
import type { ObjectStore } from '../../store/object-store.js';
import { type FieldProblem, fieldName, type SpecValidators } from '../../validation/spec.js';
import { hordeError, hordeProblems, hordeValidationError, v1Error, v1ValidationError } from '../errors.js';
import { jsonDepthProblem } from '../json-depth.js';
import { isRounded, numberLiteralAt } from '../json-number.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import type { RequestCapture } from './capture.js';
import { DEFAULT_RATE_LIMITS, type DoorGuard, type DoorRateLimits } from './guard.js';
import type { ProgressTokens } from './progress-tokens.js';
import { type DoorRequest, type DoorResponse, json } from './types.js';

/** What every route handler can reach: the one core, the compiled spec, the door-level limits and their
 *  counters (guard.ts). */
export interface DoorContext {
  grid: GridCore;
  spec: SpecValidators;
  limits: DoorLimits;
  guard: DoorGuard;
  /** Where workers upload images and clients download them (src/store/). */
  store: ObjectStore;
  /** `progress_token` → image request (GET /v1/progress/{token}). */
  progress: ProgressTokens;
  /** What each client sent and got (capture.ts, docs/mock-grid.md "Request capture"). */
  capture: RequestCapture;
  /** Scenarios a test queued or set (`grid.faults`, docs/mock-grid.md "Scenarios and faults"). */
  faults: Faults;
}

export interface DoorLimits extends DoorRateLimits {
  /** Raw request body cap in bytes (before JSON parsing). Default 1 MiB. */
  maxBodyBytes: number;
  /** /v1 chat: more messages than this → 413 (live: 500). */
  maxMessages: number;
  /** /v1 chat: more characters of message text (`contentText`, summed) than this → 413 (live: 200 000). */
  maxMessageChars: number;
}

/** The live limits, from the spec (openapi/components/v1.yaml, `ChatCompletionRequest.messages`). */
export const DEFAULT_LIMITS: DoorLimits = {
  maxBodyBytes: 1024 * 1024,
  maxMessages: limits.ChatCompletionRequest.messages.maxItems,
  maxMessageChars: limits.ChatCompletionRequest.messages.maxTextChars,
  ...DEFAULT_RATE_LIMITS,
};

export type Surface = 'v1' | 'horde';

export interface RouteInput {
  req: DoorRequest;
  ctx: DoorContext;
  /** The parsed JSON body (validated against the operation's schema by the time the handler runs). */
  body: unknown;
  params: Record<string, string>;
  query: Record<string, unknown>;
}

export interface Route {
  method: string;
  /** Matched against the normalised path; named groups become path parameters. */
  pattern: RegExp;
  operationId: string;
  /** Checks that the live server makes before schema validation (auth, request size); a response stops the request. */
  before?: (input: RouteInput) => DoorResponse | undefined;
  handler: (input: RouteInput) => DoorResponse | Promise<DoorResponse>;
}

export function surfaceOf(path: string): Surface {
  return path === '/api/v2' || path.startsWith('/api/v2/') ? 'horde' : 'v1';
}

export function notFound(surface: Surface): DoorResponse {
  return surface === 'v1'
    ? json(404, { detail: 'Not Found' })
    : json(404, { message: 'The requested URL was not found on the server.' });
}

/** A 405 names the methods the path does take (RFC 9110: `Allow` is required on a 405). */
function methodNotAllowed(surface: Surface, allowed: string[]): DoorResponse {
  const headers = { allow: allowed.join(', ') };
  return surface === 'v1'
    ? json(405, { detail: 'Method Not Allowed' }, headers)
    : json(405, { message: 'The method is not allowed for the requested URL.' }, headers);
}

/**
 * A body is JSON when it says so (`application/json`, or a `+json` type) or says nothing: FastAPI reads a body
 * without a Content-Type (or with an empty one) as JSON, and so does the grid. Any other type is a 415 (spec: `V1UnsupportedMediaType`,
 * `HordeUnsupportedMediaType` in openapi/components/responses.yaml).
 */
function unsupportedMediaType(surface: Surface, contentType: string | undefined): DoorResponse | undefined {
  if (contentType === undefined || contentType.trim() === '') return undefined;
  // A header sent twice arrives joined by commas (fetch's Headers do that): every copy must be JSON.
  const types = contentType.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  const isJson = (t: string) =>
    t === 'application/json' || (t.startsWith('application/') && t.endsWith('+json'));
  const type = types.find((t) => !isJson(t));
  if (type === undefined) return undefined;
  const message = `Unsupported Media Type: the body must be application/json (got ${type || 'no type'})`;
  return surface === 'v1' ? json(415, { detail: message }) : json(415, { message });
}

/** The surface's 400 for a body that cannot be read as text (FastAPI's wording on /v1). */
function unreadableBody(surface: Surface, problem: string): DoorResponse {
  return surface === 'v1'
    ? json(400, { detail: `There was an error parsing the body: ${problem}` })
    : hordeValidationError({ body: problem });
}

/** Names a number that JSON parsing rounded as the client wrote it (`seed: 9007199254740993`). */
function withSentNumbers(problems: FieldProblem[], body: unknown, text: string): FieldProblem[] {
  return problems.map((p) => {
    const value = p.path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null)?.[k], body);
    if (!isRounded(value)) return p;
    const sent = numberLiteralAt(text, p.path);
    return sent === undefined ? p : { ...p, message: `${p.message}, got ${sent}` };
  });
}

function invalid(surface: Surface, where: 'body' | 'query' | 'path', problems: FieldProblem[]): DoorResponse {
  if (surface === 'v1') return v1ValidationError(where, problems);
  return hordeProblems(
    where === 'body' ? problems : problems.map((p) => ({ ...p, path: [where, ...p.path] })),
  );
}

export function errorResponse(surface: Surface, err: unknown): DoorResponse {
  return surface === 'v1' ? v1Error(err) : hordeError(err);
}

/** Finds the route, parses and validates the request against the spec, then runs the handler. Never throws. */
export async function dispatch(routes: Route[], req: DoorRequest, ctx: DoorContext): Promise<DoorResponse> {
  const surface = surfaceOf(req.path);
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(req.path);
    if (!m) continue;
    allowed.push(...(route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]));
    if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) continue;
    try {
      return await run(route, m.groups ?? {}, surface, req, ctx);
    } catch (err) {
      return errorResponse(surface, err);
    }
  }
  return allowed.length ? methodNotAllowed(surface, allowed) : notFound(surface);
}

async function run(
  route: Route,
  rawParams: Record<string, string>,
  surface: Surface,
  req: DoorRequest,
  ctx: DoorContext,
): Promise<DoorResponse> {
  const op = ctx.spec.operation(route.operationId);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawParams)) params[k] = safeDecode(v);

  let body: unknown;
  if (op.body) {
    const text = req.bodyText;
    const present = req.bodyProblem !== undefined || (text !== undefined && text.trim() !== '');
    const refused = present ? unsupportedMediaType(surface, req.headers['content-type']) : undefined;
    if (refused) return refused;
    if (req.bodyProblem !== undefined) return unreadableBody(surface, req.bodyProblem);
    if (text === undefined || text.trim() === '') {
      if (op.bodyRequired)
        return invalid(surface, 'body', [{ path: [], message: 'request body required', keyword: 'missing' }]);
    } else {
      try {
        body = JSON.parse(text);
      } catch (err) {
        const why = `malformed JSON: ${jsonSyntaxProblem(err)}`;
        return surface === 'v1'
          ? json(422, { detail: [{ loc: ['body', 0], msg: why, type: 'json_invalid' }] })
          : hordeProblems([{ path: [], message: why, keyword: 'json_invalid' }]);
      }
      const tooDeep = jsonDepthProblem(body, undefined, text);
      if (tooDeep) return invalid(surface, 'body', [{ ...tooDeep, keyword: 'maxDepth' }]);
    }
  }

  const query: Record<string, unknown> = {};
  for (const name of op.queryNames) {
    const v = req.query.get(name);
    if (v !== null) query[name] = v;
  }
  const input: RouteInput = { req, ctx, body, params, query };
  const early = route.before?.(input);
  if (early) return early;

  if (op.path) {
    const problems = op.path(params);
    if (problems.length) return invalid(surface, 'path', problems);
  }
  if (op.query) {
    const problems = op.query(query);
    if (problems.length) return invalid(surface, 'query', problems);
  }
  if (op.body && body !== undefined) {
    const problems = op.body(body);
    if (problems.length) return invalid(surface, 'body', withSentNumbers(problems, body, req.bodyText ?? ''));
  }
  return route.handler(input);
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Reads the caller's key: `apikey` header, else `Authorization: Bearer <key>` or a bare Authorization value. */
export function v1ApiKey(req: DoorRequest): string | undefined {
  const direct = req.headers.apikey?.trim();
  if (direct) return direct;
  const auth = req.headers.authorization?.trim();
  if (!auth) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(auth);
  return (m ? m[1]! : auth).trim() || undefined;
}

export function hordeApiKey(req: DoorRequest): string | undefined {
  return req.headers.apikey?.trim() || undefined;
}

export { fieldName };
