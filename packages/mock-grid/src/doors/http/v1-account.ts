import { isGridError } from '../../core/index.js';
import { v1ValidationError } from '../errors.js';
import { type Route, type RouteInput, v1ApiKey } from './router.js';
import { type DoorResponse, json } from './types.js';

/**
 * The /v1 account door (spec: openapi/paths/v1_account_usage.yaml, an AIPG extension): the calling key's usage
 * by model and UTC day, as the core's usage book counts it (docs/mock-grid.md "Pricing and usage").
 */

function beforeUsage(input: RouteInput): DoorResponse | undefined {
  // As for a chat: the key is checked before the query is validated.
  input.ctx.grid.authenticate(v1ApiKey(input.req), 'inference.submit');
  return undefined;
}

function getUsage({ ctx, req, query }: RouteInput): DoorResponse {
  const range: { start?: string; end?: string } = {};
  if (typeof query.start_date === 'string') range.start = query.start_date;
  if (typeof query.end_date === 'string') range.end = query.end_date;
  try {
    return json(200, ctx.grid.usage(v1ApiKey(req), range));
  } catch (err) {
    // A day that does not exist, or a range the grid does not report: FastAPI's 422 naming the parameter.
    if (isGridError(err, 'InvalidField')) {
      const field = err.field ?? 'start_date';
      return v1ValidationError('query', [{ path: [field], message: err.message, keyword: 'value_error' }]);
    }
    throw err;
  }
}

export const v1AccountRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/account\/usage$/,
    operationId: 'getUsage',
    before: beforeUsage,
    handler: getUsage,
  },
];
