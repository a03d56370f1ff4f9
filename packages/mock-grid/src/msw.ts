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
import { createDoorContext } from './doors/http/context.js';
import { normalisePath } from './doors/http/paths.js';
import { type DoorLimits, surfaceOf } from './doors/http/router.js';
import { handleDoorRequest, handleStoreRequest, isStorePath } from './doors/http/routes.js';
import { type DoorResponse, sseItem } from './doors/http/types.js';

export interface GridHandlersOptions {
  /** Where the grid lives, e.g. `http://grid.test` (requests under it are answered). */
  baseURL: string;
  /** An existing core (e.g. the one a `startMockGrid` server uses); default a new `GridCore(options.grid)`. */
  core?: GridCore;
  /** Options for the new core when `core` is not given. */
  grid?: GridOptions;
  /** Door-level limits: request sizes, and the door's rate limits, which are off here unless named. */
  limits?: Partial<DoorLimits>;
}

export type GridHandlers = HttpHandler[] & { core: GridCore };

export function createGridHandlers(options: GridHandlersOptions): GridHandlers {
  const base = new URL(options.baseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  const core = options.core ?? new GridCore(options.grid);
  // In-process there is no socket to flood and no IP: the door's own rate limits (pops, status polls,
  // find_user, failed auth) apply only when `limits` names them; the core's chat and async limits stay.
  const ctx = createDoorContext(core, options.limits, false);
  const escaped = `${base.origin}${prefix}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const handler = http.all(new RegExp(`^${escaped}(/|$)`), async ({ request }) => {
    const url = new URL(request.url);
    const raw = `${url.pathname.slice(prefix.length) || '/'}${url.search}`;
    const { path, query } = normalisePath(raw);
    const bytes = new Uint8Array(await request.arrayBuffer());
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
    if (bytes.length > ctx.limits.maxBodyBytes) {
      const message = `request body too large (max ${ctx.limits.maxBodyBytes} bytes)`;
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
  return Object.assign([handler], { core });
}

function toResponse(out: DoorResponse, aborter: AbortController): Response {
  if (out.kind === 'json') {
    return new Response(JSON.stringify(out.body), {
      status: out.status,
      headers: { 'content-type': 'application/json', ...out.headers },
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
