/**
 * Request-path normalisation shared by every HTTP door.
 *
 * Real bridges join `horde_url` (ending in `/`) with `/api/v2/...` and send `//api/v2/...`; the 2026-06 nginx rewrite
 * also served `/v2/...` as an alias of `/api/v2/...` (docs/mock-grid.md, the live grid's quirks). Both reach the same route here.
 */
export interface NormalisedPath {
  /** Path with duplicate slashes collapsed, no trailing slash (except `/`), and `/v2` rewritten to `/api/v2`. */
  path: string;
  query: URLSearchParams;
}

export function normalisePath(rawUrl: string): NormalisedPath {
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
  let path = rawPath.replace(/\/{2,}/g, '/');
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/v2' || path.startsWith('/v2/')) path = `/api${path}`;
  return { path, query };
}
