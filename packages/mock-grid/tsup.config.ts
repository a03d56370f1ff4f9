import { defineConfig } from 'tsup';

// keepNames everywhere: esbuild renames a class that refers to itself (`class _Grid`), and users print
// `constructor.name` (test/packaging checks every exported class's name in every build).
export default defineConfig([
  {
    // Node entries: the http + ws server, and the global setup for test runners (vitest, jest) over it.
    entry: { index: 'src/index.ts', vitest: 'src/vitest.ts' },
    format: ['esm', 'cjs'],
    // Both entries' declarations in one build: one TypeScript program instead of two (the slow part of
    // `pnpm build`), and the types they share in one chunk.
    dts: { entry: { index: 'src/index.ts', msw: 'src/msw.ts', vitest: 'src/vitest.ts' } },
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    keepNames: true,
  },
  {
    // msw handlers: no `node:` module and no `ws` may end up here (browsers, edge runtimes).
    entry: { msw: 'src/msw.ts' },
    format: ['esm', 'cjs'],
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['msw', 'ajv', '@aipg/sdk'],
    keepNames: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    keepNames: true,
  },
]);
