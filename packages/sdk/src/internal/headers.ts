/** Header values as options take them: `null` removes a header set by an earlier source. */
export type HeaderValues = Record<string, string | null | undefined>;

/**
 * Merges header sources, later over earlier, into a plain object with lower-cased names (what fetch takes;
 * a `Headers` object costs more to build per call). Names compare case-insensitively, so `X-Team` from the
 * call replaces the client's `x-team`; `null` deletes, `undefined` leaves the earlier value.
 */
export function mergeHeaders(...sources: Array<HeaderValues | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    for (const name in source) {
      const value = source[name];
      if (value === null) delete out[name.toLowerCase()];
      else if (value !== undefined) out[name.toLowerCase()] = value;
    }
  }
  return out;
}

/**
 * A spec path (openapi/) with each `{name}` filled from `params`, encoded as one path segment
 * (`meta-llama/Llama-3.1-8B` → `meta-llama%2FLlama-3.1-8B`). A name without a value stays as written.
 */
export function serializePath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/\{([^{}]+)\}/g, (slot, name: string) => {
    const value = params?.[name];
    return value === undefined ? slot : encodeURIComponent(value);
  });
}
