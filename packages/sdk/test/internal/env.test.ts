import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../../src/internal/env';
import { recordingLogger } from '../helpers';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('readEnv', () => {
  it('reads process.env, treating blank as unset', () => {
    vi.stubEnv('AIPG_TEST_VAR', '  value  ');
    expect(readEnv('AIPG_TEST_VAR')).toBe('value');
    vi.stubEnv('AIPG_TEST_VAR', '   ');
    expect(readEnv('AIPG_TEST_VAR')).toBeUndefined();
  });

  it('falls back to Deno.env, and survives a Deno.env that throws (no --allow-env)', () => {
    vi.stubGlobal('Deno', {
      env: { get: (name: string) => (name === 'AIPG_DENO_ONLY' ? 'from-deno' : undefined) },
    });
    expect(readEnv('AIPG_DENO_ONLY')).toBe('from-deno');
    vi.stubGlobal('Deno', {
      env: {
        get: () => {
          throw new Error('PermissionDenied');
        },
      },
    });
    expect(readEnv('AIPG_DENO_ONLY')).toBeUndefined();
  });
});

/** What Deno 2 throws from `Deno.env.get` without `--allow-env`. */
class NotCapable extends Error {
  override name = 'NotCapable';
}

describe('a runtime that denies environment access (Deno without --allow-env)', () => {
  function denyEnv() {
    for (const name of ['AIPG_API_KEY', 'AIPG_BASE_URL', 'AIPG_LOG']) vi.stubEnv(name, undefined);
    vi.stubGlobal('Deno', {
      env: {
        get: (name: string) => {
          throw new NotCapable(`Requires env access to "${name}", run again with the --allow-env flag`);
        },
      },
    });
  }

  /** A fresh copy of the SDK: the warning is once per process, i.e. once per loaded module. */
  async function freshSdk() {
    vi.resetModules();
    return import('../../src/index');
  }

  it('says once, at the default level, which variables it could not read and what it uses instead', async () => {
    const { Grid, DEFAULT_BASE_URL } = await freshSdk();
    denyEnv();
    const { lines, logger } = recordingLogger();
    const grid = new Grid({ logger });
    expect(grid.baseURL).toBe(DEFAULT_BASE_URL);
    expect(lines.map((l) => `${l.level}: ${String(l.args[0])}`)).toEqual([
      'warn: [aipg] could not read AIPG_API_KEY, AIPG_BASE_URL, AIPG_LOG: environment access denied (NotCapable). ' +
        'Run Deno with --allow-env=AIPG_API_KEY,AIPG_BASE_URL,AIPG_LOG or pass the values as options. ' +
        'Using baseURL https://api.aipowergrid.io and no API key.',
    ]);
    new Grid({ logger });
    expect(lines).toHaveLength(1);
  });

  it('names only the variables it needed: options given are not read', async () => {
    const { Grid } = await freshSdk();
    denyEnv();
    const { lines, logger } = recordingLogger();
    new Grid({ apiKey: 'grid_key_from_option', logLevel: 'warn', logger });
    expect(lines.map((l) => String(l.args[0]))).toEqual([
      '[aipg] could not read AIPG_BASE_URL: environment access denied (NotCapable). ' +
        'Run Deno with --allow-env=AIPG_API_KEY,AIPG_BASE_URL,AIPG_LOG or pass the values as options. ' +
        'Using baseURL https://api.aipowergrid.io and the apiKey option.',
    ]);
    expect(JSON.stringify(lines)).not.toContain('grid_key_from_option');
    const silent = recordingLogger();
    new Grid({ apiKey: 'k', baseURL: 'http://127.0.0.1:7001', logLevel: 'warn', logger: silent.logger });
    expect(silent.lines).toEqual([]);
  });
});
