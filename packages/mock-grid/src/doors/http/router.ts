import { limits } from '@aipg/sdk/wire';
import type { GridCore } from '../../core/index.js';
import { type FieldProblem, fieldName, type SpecValidators } from '../../validation/spec.js';
import { hordeError, hordeProblems, v1Error, v1ValidationError } from '../errors.js';
import { jsonDepthProblem } from '../json-depth.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { DEFAULT_RATE_LIMITS, type DoorGuard, type DoorRateLimits } from './guard.js';
import { type DoorRequest, type DoorResponse, json } from './types.js';

/** What every route handler can reach: the one core, the compiled spec, the door-level limits and their
 *  counters (guard.ts). */
export interface DoorContext {
  grid: GridCore;
  spec: SpecValidators;
  limits: DoorLimits;
  guard: DoorGuard;
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

function methodNotAllowed(surface: Surface): DoorResponse {
  return surface === 'v1'
    ? json(405, { detail: 'Method Not Allowed' })
    : json(405, { message: 'The method is not allowed for the requested URL.' });
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
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(req.path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) continue;
    try {
      return await run(route, m.groups ?? {}, surface, req, ctx);
    } catch (err) {
      return errorResponse(surface, err);
    }
  }
  return pathMatched ? methodNotAllowed(surface) : notFound(surface);
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
      const tooDeep = jsonDepthProblem(body);
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
    if (problems.length) return invalid(surface, 'body', problems);
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
