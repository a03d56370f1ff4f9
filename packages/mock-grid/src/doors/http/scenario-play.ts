/**
 * Plays a mock scenario on one HTTP request (docs/mock-grid.md "Scenarios and faults"; the table is
 * src/scenarios/catalog.ts). The request's `Prefer: scenario=…` header picks one, else `grid.faults`
 * (context `faults`) may. `door` scenarios answer here, `stream` ones spoil the stream the route returns,
 * `grid` and `worker` ones travel with the request to the core's submit (`DoorRequest.mock`).
 */
import { GridError, type MockJobOptions } from '../../core/index.js';
import { unfitFor } from '../../scenarios/faults.js';
import { preferredScenario, type Scenario, ScenarioError } from '../../scenarios/select.js';
import { type DoorContext, errorResponse, surfaceOf } from './router.js';
import { type DoorRequest, type DoorResponse, json, type SseResponse } from './types.js';

/** Runs `route` for `req` under the scenario it asked for or was given, if any. Never throws. */
export async function withScenario(
  req: DoorRequest,
  ctx: DoorContext,
  route: (req: DoorRequest) => Promise<DoorResponse>,
): Promise<DoorResponse> {
  let scenario: Scenario | undefined;
  try {
    scenario = pick(req, ctx);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return errorResponse(
      surfaceOf(req.path),
      new GridError('InvalidField', err.message, { field: err.field }),
    );
  }
  if (!scenario) return route(req);
  const p = scenario.params;
  switch (scenario.name) {
    case 'rate-limited':
      return errorResponse(
        surfaceOf(req.path),
        new GridError('RateLimited', '', { retryAfterMs: Number(p.retry_after) * 1000 }),
      );
    case 'server-error':
      return serverError(req, Number(p.status), Number(p.retry_after));
    case 'connection-reset':
      return { kind: 'reset', status: 0 };
    case 'slow-body': {
      const out = await route(req);
      return out.kind === 'reset'
        ? out
        : { ...out, pace: { bytes: Number(p.bytes), everyMs: Number(p.every_ms) } };
    }
    case 'stream-cut':
    case 'error-chunk': {
      const out = await route(req);
      return out.kind === 'sse' ? { ...out, events: spoiled(out, scenario) } : out;
    }
    default: {
      if (scenario.kind === 'worker' && !ctx.grid.simulatedOnline()) {
        return errorResponse(
          surfaceOf(req.path),
          new GridError(
            'InvalidField',
            `scenario '${scenario.name}' is played by a simulated worker, and none is online: start the grid with --simulate (startMockGrid({ simulate: true }))`,
            { field: 'Prefer' },
          ),
        );
      }
      return route({ ...req, mock: jobOptions(scenario) });
    }
  }
}

/** The request's own `Prefer` scenario (a 400 when it cannot apply here), else one `grid.faults` holds. */
function pick(req: DoorRequest, ctx: DoorContext): Scenario | undefined {
  const faults = ctx.faults;
  const prefer = req.headers.prefer;
  if (faults.idle && prefer === undefined) return undefined;
  const target = { method: req.method, path: req.path, streamed: () => streamed(req) };
  const asked = preferredScenario(prefer);
  if (asked) {
    const why = unfitFor(asked, target);
    if (why) throw new ScenarioError(`scenario '${asked.name}' cannot be played here: ${why}`, 'Prefer');
    return asked;
  }
  return faults.idle ? undefined : faults.take(target);
}

/** Whether the body asks for a stream; read only when a stream scenario is in play. */
function streamed(req: DoorRequest): boolean {
  const text = req.bodyText;
  if (text === undefined || !text.includes('"stream"')) return false;
  try {
    return (JSON.parse(text) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

/** What the core does with the request's jobs (`SubmitInput.mock`). */
function jobOptions(scenario: Scenario): MockJobOptions {
  if (scenario.name === 'queue-delay') return { holdMs: Number(scenario.params.ms) };
  if (scenario.name === 'faulted') return { fault: "The job faulted (mock scenario 'faulted')" };
  const worker = { name: scenario.name, params: scenario.params };
  return scenario.name === 'empty-completion' ? { worker, acceptEmpty: true } : { worker };
}

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A 5xx in the surface's shape: `/v1` `{detail}`, Horde `{message, rc}`; a 503 says when to come back. */
function serverError(req: DoorRequest, status: number, retryAfterS: number): DoorResponse {
  const text = STATUS_TEXT[status] ?? 'Server Error';
  const headers = status === 503 ? { 'retry-after': String(retryAfterS) } : undefined;
  const body = surfaceOf(req.path) === 'v1' ? { detail: text } : { message: text, rc: 'Unknown' };
  return json(status, body, headers);
}

/**
 * The stream as `stream-cut` or `error-chunk` leave it: the first `after` data chunks, then the end (with
 * `[DONE]` only when asked) or an error event and `[DONE]`. Ending early returns the route's stream, which
 * cancels the request's jobs as a client that went away would.
 */
async function* spoiled(out: SseResponse, scenario: Scenario): AsyncGenerator<string> {
  const after = Number(scenario.params.after);
  const it = out.events[Symbol.asyncIterator]();
  try {
    for (let sent = 0; sent < after; sent++) {
      const step = await it.next();
      if (step.done) return;
      yield step.value;
      if (step.value === '[DONE]') return;
    }
    if (scenario.name === 'error-chunk') {
      yield JSON.stringify({ error: { message: String(scenario.params.message), type: 'upstream_error' } });
      yield '[DONE]';
    } else if (scenario.params.done === true) yield '[DONE]';
  } finally {
    await it.return?.();
  }
}
