import type { AIPGError } from './errors';

/** A parsed result with the request id of the response that produced it (non-enumerable, like openai-node). */
export type WithRequestID<T> = T extends object ? T & { readonly _request_id?: string | undefined } : T;

/** What one pipeline call produced: the parsed body, the raw response, the request id. */
export interface CallResult<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
  /** The typed error for a failed read of a body left unread (`mode: 'stream'`). */
  bodyError?: ((cause: unknown) => AIPGError) | undefined;
}

/**
 * What every single-request SDK method returns: a Promise of the parsed data (with `_request_id`),
 * plus `withResponse()` for the raw `Response` (status, headers such as `X-RateLimit-*`) next to it.
 */
export class APIPromise<T> extends Promise<WithRequestID<T>> {
  readonly #result: Promise<CallResult<T>>;

  // `.then()`/`.catch()` on an APIPromise give plain Promises, not new APIPromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** @internal */
  constructor(result: Promise<CallResult<T>>) {
    let resolveData!: (value: WithRequestID<T>) => void;
    let rejectData!: (reason: unknown) => void;
    super((resolve, reject) => {
      resolveData = resolve;
      rejectData = reject;
    });
    this.#result = result;
    result.then((r) => resolveData(withRequestId(r.data, r.requestId)), rejectData);
    // A caller who only uses withResponse() gets the rejection there; don't report this one as unhandled.
    this.catch(() => {});
  }

  /** The parsed data together with the raw `Response` (body already read) and the request id. */
  withResponse(): Promise<{ data: WithRequestID<T>; response: Response; request_id: string | undefined }> {
    return this.#result.then((r) => ({
      data: withRequestId(r.data, r.requestId),
      response: r.response,
      request_id: r.requestId,
    }));
  }
}

/** Attaches `_request_id` as a non-enumerable property, so it never shows up in JSON or spreads. */
export function withRequestId<T>(data: T, requestId: string | undefined): WithRequestID<T> {
  if (typeof data === 'object' && data !== null && !Object.isFrozen(data)) {
    Object.defineProperty(data, '_request_id', { value: requestId, enumerable: false, configurable: true });
  }
  return data as WithRequestID<T>;
}
