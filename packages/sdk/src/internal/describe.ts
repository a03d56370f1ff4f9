/**
 * How the SDK names a request, a wait and a low-level failure in its error messages and log lines
 * (docs/sdk/errors-and-retries.md § Connection errors and timeouts, § Logging).
 */

/**
 * The URL as messages show it: origin and path only. User info and the query string are left out,
 * since either can carry a credential (a proxy's `?key=`, `https://user:token@host`).
 */
export function safeURL(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Just the path of `url`, for one-line log messages. */
export function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(unparsable URL)';
  }
}

/** `0.5 s`, `4 s`, `3.7 s`, `30 s`: one decimal below 10 s (none when it is .0), whole seconds above. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 10) return `${Math.round(s)} s`;
  return `${Number(s.toFixed(1))} s`;
}

/**
 * The code and message of the error underneath a failed fetch. Runtimes wrap the socket error:
 * Node's fetch throws `TypeError('fetch failed')` with the `ECONNREFUSED` error as its `cause`, and
 * that is an `AggregateError` with an empty message when `localhost` was tried over IPv6 and IPv4.
 * The deepest error with a `code` wins; without one (browsers, Deno), the deepest message.
 */
export function failureCause(error: unknown): { code: string | undefined; message: string | undefined } {
  let code: string | undefined;
  let message: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const {
      code: c,
      message: m,
      errors,
    } = current as { code?: unknown; message?: unknown; errors?: unknown };
    let own = typeof m === 'string' && m.trim() ? m.trim() : undefined;
    if (!own && Array.isArray(errors)) own = failureCause(errors[0]).message;
    if (typeof c === 'string' && c) {
      code = c;
      message = own;
    } else if (code === undefined && own) {
      message = own;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return { code, message };
}

/**
 * `(ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:7001)`, `(Failed to fetch)`, or `''` when nothing is known.
 * A message that already starts with its code (Bun's `ECONNREFUSED: Unable to connect…`) is not prefixed twice.
 */
export function causeInParens(cause: { code: string | undefined; message: string | undefined }): string {
  if (cause.code && cause.message?.startsWith(cause.code)) return ` (${cause.message})`;
  if (cause.code && cause.message) return ` (${cause.code}: ${cause.message})`;
  if (cause.code || cause.message) return ` (${cause.code ?? cause.message})`;
  return '';
}
