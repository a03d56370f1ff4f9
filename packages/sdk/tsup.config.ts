import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The main entry must run in browsers and edge runtimes: no Node built-ins may be bundled in.
  platform: 'neutral',
});
