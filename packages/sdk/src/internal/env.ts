/**
 * Reads an environment variable without touching any Node built-in, so the main entry stays
 * runnable in browsers and edge runtimes. Node/Bun expose `process.env`; Deno exposes `Deno.env`
 * (which throws without `--allow-env`, hence the try).
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?: (key: string) => string | undefined } };
  };
  try {
    const fromProcess = g.process?.env?.[name];
    if (fromProcess !== undefined) return emptyToUndefined(fromProcess);
    return emptyToUndefined(g.Deno?.env?.get?.(name));
  } catch {
    return undefined;
  }
}

function emptyToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
