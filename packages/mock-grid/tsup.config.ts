import { defineConfig } from 'tsup';

// No keepNames: it wraps every function the code creates in a `__name` call (Object.defineProperty), closures in
// the request path included, which cost the grid about 7 % of its CPU per chat (bench/README.md §11). Users
// print `constructor.name`, so test/build/class-names.test.ts checks that every exported class keeps its name
// in every build (esbuild renames a class whose body refers to itself, `class _Grid`).
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
  },
  {
    // msw handlers: no `node:` module and no `ws` may end up here (browsers, edge runtimes).
    entry: { msw: 'src/msw.ts' },
    format: ['esm', 'cjs'],
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
