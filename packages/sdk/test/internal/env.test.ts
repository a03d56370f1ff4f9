import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../../src/internal/env';

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
