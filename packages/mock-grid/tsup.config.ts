import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // Node entries: the http + ws server and the CLI.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
  {
    // msw handlers: no `node:` module and no `ws` may end up here (browsers, edge runtimes).
    entry: { msw: 'src/msw.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['msw', 'ajv', '@aipg/sdk'],
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
