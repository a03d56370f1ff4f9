/**
 * `@aipg/mock-grid/vitest` — a simulated mock grid for a whole test run, in one line of config
 * (docs/mock-grid.md "In CI"):
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['@aipg/mock-grid/vitest'] } });
 * ```
 *
 * The setup starts a grid with simulated workers on a free port of 127.0.0.1, points the SDKs at it through the
 * environment (`AIPG_BASE_URL`, `OPENAI_BASE_URL` = `<url>/v1`, and a test key in `AIPG_API_KEY` /
 * `OPENAI_API_KEY` where none is set), hands the URL to tests as `inject('aipgGridUrl')`, and returns the teardown
 * that closes the grid and puts the environment back. Nothing of vitest is imported at run time (types only),
 * so jest runs the same function: `globalSetup` this entry, `globalTeardown` its `teardown`.
 */
// Types only (erased from the build): the module the augmentation below extends.
import type {} from 'vitest';
import { type MockGrid, type MockGridOptions, startMockGrid } from './server.js';

declare module 'vitest' {
  /** What `@aipg/mock-grid/vitest` provides to every test: `inject('aipgGridUrl')`. */
  export interface ProvidedContext {
    /** The simulated grid's `http://127.0.0.1:<port>` (no trailing slash). */
    aipgGridUrl: string;
  }
}

/** The key under which the grid's URL is provided (`inject(GRID_URL_KEY)`). */
export const GRID_URL_KEY = 'aipgGridUrl';

/** The API key written to `AIPG_API_KEY` / `OPENAI_API_KEY` when they are unset (any key works in `open` auth). */
export const DEFAULT_TEST_KEY = 'grid_test_key';

export interface GlobalSetupOptions extends MockGridOptions {
  /**
   * Written to `AIPG_API_KEY` and `OPENAI_API_KEY` where they are unset. Default `grid_test_key`; with
   * `auth: 'strict'`, name one of `keys`.
   */
  apiKey?: string;
}

/**
 * What a global setup is called with: vitest passes its `TestProject` (whose `provide` this uses), jest its
 * configs (no `provide`: the environment is how tests find the grid there).
 */
export interface GlobalSetupContext {
  provide?(key: typeof GRID_URL_KEY, value: string): void;
}

export type GlobalSetup = (context?: GlobalSetupContext) => Promise<GlobalTeardown>;
export type GlobalTeardown = () => Promise<void>;

/** The environment the setup writes, by variable: the URL, or the key where none was set. */
const URL_VARIABLES = { AIPG_BASE_URL: '', OPENAI_BASE_URL: '/v1' } as const;
const KEY_VARIABLES = ['AIPG_API_KEY', 'OPENAI_API_KEY'] as const;

// Where jest's globalTeardown finds the setup's teardown: jest runs its globalSetup and globalTeardown as
// separate modules and carries state between them on globalThis.
const TEARDOWN = Symbol.for('@aipg/mock-grid/vitest teardown');
const holder = globalThis as { [TEARDOWN]?: GlobalTeardown };

/**
 * A global setup with options of your own (fleet, keys, auth, limits …), for a setup file of your own:
 * `export default createGlobalSetup({ auth: 'strict', keys, apiKey: keys[0].key })`. Defaults: port 0,
 * simulated workers on, rate limits off (every test is one busy caller).
 */
export function createGlobalSetup(options: GlobalSetupOptions = {}): GlobalSetup {
  return async (context) => {
    const { apiKey = DEFAULT_TEST_KEY, ...gridOptions } = options;
    const grid: MockGrid = await startMockGrid({
      port: 0,
      rateLimits: false,
      simulate: true,
      ...gridOptions,
    });
    const before = new Map<string, string | undefined>();
    const set = (name: string, value: string) => {
      if (!before.has(name)) before.set(name, process.env[name]);
      process.env[name] = value;
    };
    for (const [name, suffix] of Object.entries(URL_VARIABLES)) set(name, `${grid.url}${suffix}`);
    for (const name of KEY_VARIABLES) if (!process.env[name]) set(name, apiKey);
    if (typeof context?.provide === 'function') context.provide(GRID_URL_KEY, grid.url);

    let closing: Promise<void> | undefined;
    const teardown: GlobalTeardown = () => {
      closing ??= (async () => {
        if (holder[TEARDOWN] === teardown) delete holder[TEARDOWN];
        await grid.close();
        for (const [name, value] of before) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      })();
      return closing;
    };
    holder[TEARDOWN] = teardown;
    return teardown;
  };
}

/** The default global setup: `globalSetup: ['@aipg/mock-grid/vitest']` (vitest) or `'@aipg/mock-grid/vitest'` (jest). */
export const setup: GlobalSetup = createGlobalSetup();

/** Closes the grid the last setup in this process started (jest's `globalTeardown`); nothing when none is open. */
export async function teardown(): Promise<void> {
  await holder[TEARDOWN]?.();
}

export default setup;
