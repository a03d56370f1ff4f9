import { defineConfig } from 'tsup';

export default defineConfig({
  // `wire` (limits, contentText), `verify` (result signatures) and `raw` (the openapi-fetch client) are
  // their own entries so the main entry's browser bundle does not carry them; `node` (image files) is the
  // one entry that uses Node built-ins.
  entry: ['src/index.ts', 'src/wire.ts', 'src/verify.ts', 'src/raw.ts', 'src/realtime.ts', 'src/node.ts'],
  // Each entry stands alone (they share only esbuild's `__name` helper): no chunk file to import.
  splitting: false,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The main entry must run in browsers and edge runtimes: no Node built-ins may be bundled in.
  platform: 'neutral',
  // openapi-fetch has only a default export. Left external, the CommonJS build would `require()` its CJS
  // file, and because this package is `"type": "module"` esbuild reads that default the way Node does
  // (`module.exports`, not `exports.default`): `createClient()` then threw "… .default is not a function".
  // Bundled, both builds run openapi-fetch's ESM code and no interop is involved. Only `@aipg/sdk/raw`
  // uses it. It stays a dependency: that entry's declarations (`RawClient`) import its types. Checked by
  // test/packaging (docs/architecture.md).
  noExternal: ['openapi-fetch'],
  // `@aipg/sdk/node` imports `node:fs/promises`, `node:path`: kept as written (Deno needs the `node:` scheme).
  removeNodeProtocol: false,
  external: [/^node:/],
  // `realtime` (the client WebSocket) is loaded by `grid.realtime()` with `import('./realtime')`: that import
  // is left to the package's own `@aipg/sdk/realtime` entry, so the main entry does not carry the code and a
  // browser bundler splits it off into a chunk fetched on first use.
  esbuildPlugins: [
    {
      name: 'lazy-realtime-entry',
      setup(build) {
        build.onResolve({ filter: /^\.\/realtime$/ }, (args) =>
          args.importer.endsWith('client.ts') ? { path: '@aipg/sdk/realtime', external: true } : undefined,
        );
      },
    },
  ],
  // esbuild renames a class that refers to itself (`class _APIError`); users print `constructor.name`.
  keepNames: true,
});
