/**
 * `@aipg/mock-grid/msw` — the mock grid's HTTP routes as msw 2 handlers, for tests that stay in-process.
 *
 * Same routes, validation and core as the node server; SSE streams come back as a `ReadableStream` body.
 * There is no worker WebSocket here (msw's `ws` API intercepts clients, it is no server): drive workers through
 * the Horde pop/submit routes or by calling the core (`handlers.core`) directly.
 *
 * This entry imports no `node:` module and no `ws`, so it also runs in browsers and edge runtimes.
 */
import { type HttpHandler, http } from 'msw';
import { GridCore, type GridOptions } from './core/index.js';
import { decodeBody } from './doors/http/body.js';
import type { CapturedRequest, CaptureOptions } from './doors/http/capture.js';
import { createDoorContext } from './doors/http/context.js';
import { handleMockRequest, isMockPath } from './doors/http/mock-control.js';
import { pacedBody, pacedContentType } from './doors/http/paced.js';
import { normalisePath } from './doors/http/paths.js';
import { type DoorLimits, surfaceOf } from './doors/http/router.js';
import { handleDoorRequest, handleStoreRequest, isStorePath } from './doors/http/routes.js';
import { type DoorResponse, type Pace, sseItem } from './doors/http/types.js';
import { bodyLimitFor } from './doors/http/v1-batches.js';
import type { ScenarioName } from './scenarios/catalog.js';
import { type GridFaults, gridFaults, type ScenarioParams } from './scenarios/faults.js';
import { DEFAULT_FLEET, type FleetInput, type FleetSpec, parseFleet } from './simulate/fleet.js';
import { startFleet } from './simulate/fleet-runner.js';
import type { SimulatedWorker } from './simulate/sim-worker.js';

export type { CapturedRequest, CapturedStream, CaptureOptions } from './doors/http/capture.js';
export type { ScenarioName } from './scenarios/catalog.js';
export type { FaultOptions, GridFaults, ScenarioParams } from './scenarios/faults.js';
export { ScenarioError } from './scenarios/select.js';
export type { FleetInput, FleetSpec, SimulatedWorker } from './simulate/index.js';

export interface GridHandlersOptions {
  /** Where the grid lives, e.g. `http://grid.test` (requests under it are answered). */
  baseURL: string;
  /** An existing core (e.g. the one a `startMockGrid` server uses); default a new `GridCore(options.grid)`. */
  core?: GridCore;
  /** Options for the new core when `core` is not given. */
  grid?: GridOptions;
  /** Door-level limits: request sizes, and the door's rate limits, which are off here unless named. */
  limits?: Partial<DoorLimits>;
  /** The request capture's bounds (docs/mock-grid.md "Request capture"). */
  capture?: CaptureOptions;
  /**
   * Simulated workers in-process (docs/mock-grid.md "Simulated workers"): `true` for `DEFAULT_FLEET`, or a fleet
   * (no file paths here: this entry reads no files). On a new core the core's rate limits are then off unless
   * `grid.rateLimits` is given. Images they make go to these handlers' object store.
   */
  simulate?: true | FleetSpec | FleetInput;
}

export type GridHandlers = HttpHandler[] & {
  core: GridCore;
  /** The requests these handlers answered, oldest first (a new snapshot on each read; credentials redacted). */
  readonly requests: readonly CapturedRequest[];
  /** As `MockGrid.faults` (docs/mock-grid.md "Scenarios and faults"). */
  readonly faults: GridFaults;
  /** As `MockGrid.scenario`. */
  scenario(name: ScenarioName | null, params?: ScenarioParams): void;
  /** Clears the request capture and the scenarios, and nothing else. */
  reset(): void;
  /** The simulated workers (`simulate`); empty without. */
  readonly fleet: readonly SimulatedWorker[];
  /** Disconnects the simulated workers (their jobs go back to the queue). Safe to call twice. */
  stopFleet(): void;
};

export function createGridHandlers(options: GridHandlersOptions): GridHandlers {
  const base = new URL(options.baseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  const fleetSpec =
    options.simulate === undefined
      ? undefined
      : options.simulate === true
        ? DEFAULT_FLEET
        : parseFleet(options.simulate);
  // A suite of simulated chats must not stall on the live 30/min: off unless the caller asked for limits.
  const gridOptions =
    fleetSpec && options.grid?.rateLimits === undefined
      ? { ...options.grid, rateLimits: false as const }
      : options.grid;
  const core = options.core ?? new GridCore(gridOptions);
  // In-process there is no socket to flood and no IP: the door's own rate limits (pops, status polls,
  // find_user, failed auth) apply only when `limits` names them; the core's chat and async limits stay.
  const ctx = createDoorContext(core, options.limits, false, undefined, options.capture);
  const escaped = `${base.origin}${prefix}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const handler = http.all(new RegExp(`^${escaped}(/|$)`), async ({ request }) => {
    const url = new URL(request.url);
    const raw = `${url.pathname.slice(prefix.length) || '/'}${url.search}`;
    const { path, query } = normalisePath(raw);
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (isMockPath(path)) {
      const text = decodeBody(bytes).text;
      return toResponse(handleMockRequest(ctx, request.method.toUpperCase(), path, query, text));
    }
    if (isStorePath(path)) {
      const type = request.headers.get('content-type') ?? undefined;
      const out = handleStoreRequest(ctx, request.method.toUpperCase(), path, query, type, bytes);
      if (out.body instanceof Uint8Array) {
        return new Response(out.body as Uint8Array<ArrayBuffer>, {
          status: out.status,
          headers: out.headers,
        });
      }
      return Response.json(out.body, { status: out.status, headers: out.headers });
    }
    const cap = bodyLimitFor(ctx, request.method, path);
    if (bytes.length > cap) {
      const message = `request body too large (max ${cap} bytes)`;
      return surfaceOf(path) === 'v1'
        ? Response.json({ detail: message }, { status: 413 })
        : Response.json(
            { message: 'Input payload validation failed', errors: { body: message } },
            { status: 400 },
          );
    }
    const body = decodeBody(bytes);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const aborter = new AbortController();
    request.signal?.addEventListener('abort', () => aborter.abort(), { once: true });
    const out = await handleDoorRequest(
      {
        method: request.method.toUpperCase(),
        path,
        query,
        headers,
        bodyText: body.text,
        ...(body.problem === undefined ? {} : { bodyProblem: body.problem }),
        signal: aborter.signal,
        origin: `${base.origin}${prefix}`,
      },
      ctx,
    );
    return toResponse(out, aborter);
  });
  const fleet = fleetSpec ? startFleet(core, ctx.store, fleetSpec) : undefined;
  const handlers = Object.assign([handler], {
    core,
    fleet: fleet?.workers ?? [],
    stopFleet: () => fleet?.stop(),
    faults: gridFaults(ctx.faults),
    scenario: (name: ScenarioName | null, params?: ScenarioParams) => {
      ctx.faults.set(name, params);
    },
    reset: () => {
      ctx.capture.clear();
      ctx.faults.clear();
    },
  });
  // A getter (Object.assign would copy one snapshot): each read is the capture as it is now.
  return Object.defineProperty(handlers, 'requests', {
    get: () => ctx.capture.list(),
  }) as unknown as GridHandlers;
}

function toResponse(out: DoorResponse, aborter = new AbortController()): Response {
  // The `connection-reset` scenario: the client's fetch fails as on a dropped connection.
  if (out.kind === 'reset') return Response.error();
  if (out.pace) return pacedResponse(out, out.pace, aborter);
  if (out.kind === 'json') {
    return new Response(JSON.stringify(out.body), {
      status: out.status,
      headers: { 'content-type': 'application/json', ...out.headers },
    });
  }
  if (out.kind === 'raw') {
    return new Response(out.body, {
      status: out.status,
      headers: { 'content-type': out.contentType, ...out.headers },
    });
  }
  const iterator = out.events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(sseItem(out, next.value)));
    },
    async cancel() {
      // The reader gave up (client disconnect): the door cancels the job.
      aborter.abort();
      await iterator.return?.();
    },
  });
  return new Response(body, { status: out.status, headers: out.headers });
}

/** A `slow-body` answer (paced.ts): the body's slices as a stream the reader takes at the scenario's pace. */
function pacedResponse(out: Exclude<DoorResponse, { kind: 'reset' }>, pace: Pace, aborter: AbortController) {
  const slices = pacedBody(out, pace, aborter.signal);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await slices.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      aborter.abort();
      await slices.return(undefined);
    },
  });
  const type: Record<string, string> = out.kind === 'sse' ? {} : { 'content-type': pacedContentType(out) };
  return new Response(body, { status: out.status, headers: { ...type, ...out.headers } });
}
