/**
 * Reads an environment variable without touching any Node built-in, so the main entry stays
 * runnable in browsers and edge runtimes. Node/Bun expose `process.env`; Deno exposes `Deno.env`
 * (and, in Deno 2, `process.env` over it). Both throw in Deno without `--allow-env`: the variable
 * then reads as unset and `onDenied` hears of it, so the client can say so instead of silently
 * falling back to its defaults (docs/sdk/errors-and-retries.md § Logging).
 */
export function readEnv(name: string, onDenied?: (name: string, error: unknown) => void): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?: (key: string) => string | undefined } };
  };
  try {
    const fromProcess = g.process?.env?.[name];
    if (fromProcess !== undefined) return emptyToUndefined(fromProcess);
    return emptyToUndefined(g.Deno?.env?.get?.(name));
  } catch (error) {
    onDenied?.(name, error);
    return undefined;
  }
}

/** Variables the SDK reads, for the `--allow-env=` list in the warning. */
const SDK_ENV = ['AIPG_API_KEY', 'AIPG_BASE_URL', 'AIPG_LOG'];

/**
 * The warning for variables the runtime would not let us read, e.g. `[aipg] could not read
 * AIPG_BASE_URL: environment access denied (NotCapable). Run Deno with --allow-env=AIPG_API_KEY,…
 * or pass the values as options. Using baseURL https://api.aipowergrid.io.`
 */
export function deniedEnvMessage(denied: ReadonlyMap<string, unknown>, using: string): string {
  const names = [...denied.keys()];
  const first = denied.values().next().value as { name?: unknown } | undefined;
  const why = typeof first?.name === 'string' && first.name !== 'Error' ? ` (${first.name})` : '';
  return (
    `[aipg] could not read ${names.join(', ')}: environment access denied${why}. ` +
    `Run Deno with --allow-env=${SDK_ENV.join(',')} or pass the values as options. Using ${using}.`
  );
}

function emptyToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
