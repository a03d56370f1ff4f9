import { defineConfig } from 'tsup';

// keepNames everywhere: esbuild renames a class that refers to itself (`class _Worker`), and users print
// `constructor.name` (test/packaging checks every exported class's name in every build).
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
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
