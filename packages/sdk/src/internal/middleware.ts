import { AIPGError } from '../core/errors';

/** What each middleware hook is handed: openapi-fetch's shape, so its middleware objects fit. */
export interface MiddlewareParams {
  /** The request as it will be sent (a hook may return a new one). */
  request: Request;
  /** The spec path (openapi/), e.g. `/v1/models/{model_id}`; the URL's path for `grid.send()`. */
  readonly schemaPath: string;
  /** The call's path parameters. */
  readonly params: { readonly path?: Record<string, unknown> | undefined };
  /** The call's request id (the `X-Request-Id` sent), the same on every retry. */
  readonly id: string;
  readonly options: { readonly baseUrl: string };
}

/**
 * Runs once per logical call, above the retry loop (docs/sdk/errors-and-retries.md). `onRequest` may
 * return a new Request, or a Response to answer without sending; `onResponse` may return a new Response;
 * `onError` (a typed connection, timeout or abort error) may return a Response to recover, or an Error.
 */
export interface Middleware {
  onRequest?(params: MiddlewareParams): HookResult<Request | Response>;
  onResponse?(params: MiddlewareParams & { response: Response }): HookResult<Response>;
  onError?(params: MiddlewareParams & { error: unknown }): HookResult<Response | Error>;
}

/** What a hook gives back, maybe as a Promise; nothing keeps the request, response or error as it was. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook with no return statement returns void
type HookResult<T> = T | undefined | void | Promise<T | undefined | void>;

/** Throws unless `middleware` has one of the hooks (as openapi-fetch's `use()` does). */
export function checkMiddleware(middleware: Middleware): void {
  const m = middleware as Record<string, unknown> | null;
  if (typeof m !== 'object' || !m || !(m.onRequest || m.onResponse || m.onError)) {
    throw new AIPGError('middleware must be an object with onRequest(), onResponse() or onError()');
  }
}

/**
 * `send` wrapped in the middleware, as openapi-fetch runs it: `onRequest` in order (a Response ends the
 * call there), then `onError` / `onResponse` in reverse order.
 */
export async function withMiddleware(
  middleware: readonly Middleware[],
  params: Omit<MiddlewareParams, 'request'>,
  request: Request,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  let response: Response | undefined;
  for (const m of middleware) {
    const result = await m.onRequest?.({ ...params, request });
    if (result instanceof Response) {
      response = result;
      break;
    }
    if (result) request = result;
  }
  if (response) return response;
  const reversed = [...middleware].reverse();
  try {
    response = await send(request);
  } catch (cause) {
    let error = cause;
    for (const m of reversed) {
      const result = await m.onError?.({ ...params, request, error });
      if (result instanceof Response) {
        response = result;
        break;
      }
      if (result) error = result;
    }
    if (!response) throw error;
  }
  for (const m of reversed) {
    response = (await m.onResponse?.({ ...params, request, response })) || response;
  }
  return response;
}
