/**
 * `@aipg/sdk/raw`: the typed openapi-fetch client for every spec path (openapi/), for endpoints without a
 * helper. Its own entry, so the main entry's browser bundle does not carry openapi-fetch
 * (docs/sdk/errors-and-retries.md, "The raw client").
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi';

/**
 * What `rawClient` needs of a client: a `Grid` of the main entry fits (declared here by shape, so this
 * entry's types stand alone).
 */
export interface RawTransport {
  readonly baseURL: string;
  send(request: Request): Promise<Response>;
}

/** openapi-fetch's client over the spec's paths: `GET`, `POST`, `DELETE` … resolving to `{ data, error, response }`. */
export type RawClient = Client<paths>;

/**
 * A typed openapi-fetch client whose every request goes through `grid`'s pipeline (`grid.send()`): its
 * headers (auth, `Client-Agent`, a request id), its middleware, retries, timeout and abort (`signal`). A
 * failed status is returned as `{ error, response }`, not thrown; a connection failure, timeout or abort
 * rejects with the typed error. Middleware added with the raw client's own `use()` runs on its calls only.
 */
export function rawClient(grid: RawTransport): RawClient {
  return createClient<paths>({ baseUrl: grid.baseURL, fetch: (request) => grid.send(request) });
}
