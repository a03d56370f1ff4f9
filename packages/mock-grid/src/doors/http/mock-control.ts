/**
 * The mock-only control surface (`/_mock/…`, docs/mock-grid.md "Request capture" and "Scenarios and faults"):
 * what a test in any language does through `grid.requests`, `grid.faults` and `grid.scenario` in JavaScript.
 * Not part of the grid's API, so not in the spec or the routes; these calls are not captured themselves and
 * play no scenario.
 *
 *   GET    /_mock/requests[?limit=n]  the captured requests, oldest first (the last `n`)
 *   DELETE /_mock/requests            clears them
 *   GET    /_mock/scenarios           every scenario with its parameters, the queued faults, the standing one
 *   POST   /_mock/faults              {scenario, params?, times?, path?}: `grid.faults.next`
 *   DELETE /_mock/faults              drops the queued faults and the standing scenario
 *   PUT    /_mock/scenario            {scenario: name | null, params?}: `grid.scenario`
 */
import type { ScenarioName } from '../../scenarios/catalog.js';
import { SCENARIOS } from '../../scenarios/catalog.js';
import { ScenarioError } from '../../scenarios/select.js';
import type { DoorContext } from './router.js';
import { type DoorResponse, json } from './types.js';

export const MOCK_PREFIX = '/_mock';

/** A control call's body is a small JSON object. */
export const MOCK_BODY_LIMIT = 16 * 1024;

export function isMockPath(path: string): boolean {
  return path === MOCK_PREFIX || path.startsWith(`${MOCK_PREFIX}/`);
}

type Control = (ctx: DoorContext, query: URLSearchParams, body: unknown) => DoorResponse;

const CONTROLS: Record<string, Record<string, Control>> = {
  '/_mock/requests': {
    GET: (ctx, query) => {
      const raw = query.get('limit');
      if (raw === null) return json(200, ctx.capture.list());
      const limit = Number(raw);
      const max = ctx.capture.options.maxEntries;
      if (!/^\d+$/.test(raw) || limit < 1 || limit > max) {
        return json(400, {
          detail: `limit must be an integer from 1 to ${max} (got ${JSON.stringify(raw)})`,
        });
      }
      return json(200, ctx.capture.list(limit));
    },
    DELETE: (ctx) => json(200, { cleared: ctx.capture.clear() }),
  },
  '/_mock/scenarios': {
    GET: (ctx) =>
      json(200, { scenarios: SCENARIOS, pending: ctx.faults.pending, standing: ctx.faults.standing }),
  },
  '/_mock/faults': {
    POST: (ctx, _query, body) => {
      const b = object(body);
      const path = b.path;
      if (path !== undefined && typeof path !== 'string')
        throw new ScenarioError('path must be a string', 'path');
      ctx.faults.next(name(b.scenario, false)!, {
        params: params(b.params),
        ...(b.times === undefined ? {} : { times: b.times as number }),
        ...(path === undefined ? {} : { path }),
      });
      return json(201, { pending: ctx.faults.pending });
    },
    DELETE: (ctx) => {
      ctx.faults.clear();
      return json(200, { pending: 0, standing: null });
    },
  },
  '/_mock/scenario': {
    PUT: (ctx, _query, body) => {
      const b = object(body);
      return json(200, { standing: ctx.faults.set(name(b.scenario, true), params(b.params)) });
    },
  },
};

/** Answers a `/_mock/…` call; `bodyText` is the request's body (JSON for the POST and PUT calls). */
export function handleMockRequest(
  ctx: DoorContext,
  method: string,
  path: string,
  query: URLSearchParams,
  bodyText: string | undefined,
): DoorResponse {
  const controls = CONTROLS[path];
  if (!controls) return json(404, { detail: `no mock control at ${path}` });
  const control = controls[method === 'HEAD' ? 'GET' : method];
  if (!control) {
    const methods = Object.keys(controls);
    const allow = (methods.includes('GET') ? ['GET', 'HEAD', ...methods.slice(1)] : methods).join(', ');
    return json(405, { detail: `${method} not allowed on ${path}` }, { allow });
  }
  try {
    let body: unknown;
    if (bodyText !== undefined && bodyText.trim() !== '') {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return json(400, { detail: 'body: malformed JSON' });
      }
    }
    return control(ctx, query, body);
  } catch (err) {
    if (err instanceof ScenarioError) return json(400, { detail: `${err.field}: ${err.message}` });
    throw err;
  }
}

function object(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScenarioError('expected a JSON object', 'body');
  }
  return body as Record<string, unknown>;
}

function name(value: unknown, nullable: boolean): ScenarioName | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'string') {
    throw new ScenarioError(`expected a scenario name${nullable ? ' or null' : ''}`, 'scenario');
  }
  return value as ScenarioName;
}

function params(value: unknown): Record<string, string | number | boolean> {
  if (value === undefined) return {};
  const b = value as Record<string, unknown>;
  if (b === null || typeof b !== 'object' || Array.isArray(b)) {
    throw new ScenarioError('expected an object of parameters', 'params');
  }
  return b as Record<string, string | number | boolean>;
}
