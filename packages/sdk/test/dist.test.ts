import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The main entry must run in browsers, Deno, Bun and edge runtimes: no Node built-in may be imported.
// Reads the built files as text (the root `pnpm test` builds before testing): a property of the code, not of
// running it in Node.
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);

describe.each(['index.js', 'index.cjs'])('dist/%s', (file) => {
  it('exists (run `pnpm --filter @aipg/sdk build` first)', () => {
    expect(existsSync(dist(file))).toBe(true);
  });

  it('imports no Node built-in', () => {
    const code = readFileSync(dist(file), 'utf8');
    const specifiers = [
      ...code.matchAll(/\bfrom\s*['"]([^'"]+)['"]/g),
      ...code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
      ...code.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]);
    expect(code).toContain('ChatCompletionStream'); // the build itself, not an empty file
    for (const spec of specifiers) expect(spec).not.toMatch(/^node:/);
    // Nothing left external (so no bare `fs`, `stream`, … either): SSE parsing and the request pipeline are
    // the SDK's own; that every entry runs is test/packaging's job. The one import is the package's own
    // client WebSocket entry, loaded by `grid.realtime()` on first use (tsup.config.ts).
    expect(specifiers).toEqual(['@aipg/sdk/realtime']);
    // openapi-fetch is `@aipg/sdk/raw`'s alone (its own message, which minifying keeps).
    expect(code).not.toContain(OPENAPI_FETCH);
  });
});

describe.each(['realtime.js', 'realtime.cjs'])('dist/%s', (file) => {
  it("imports nothing: the errors and the stream it hands out are the main entry's", () => {
    const code = readFileSync(dist(file), 'utf8');
    expect(code).toContain('/v1/ws');
    expect(code).not.toMatch(/\bfrom\s*['"]|\bimport\s*\(|\brequire\s*\(/);
  });
});

/** A message of openapi-fetch's `onRequest` handling. */
const OPENAPI_FETCH = 'onRequest: must return new Request() or Response()';

describe.each(['raw.js', 'raw.cjs'])('dist/%s', (file) => {
  it('bundles openapi-fetch and imports nothing', () => {
    const code = readFileSync(dist(file), 'utf8');
    expect(code).toContain(OPENAPI_FETCH);
    // Bundled, not imported (tsup.config.ts says why): no `from`, `import()` or `require()` left.
    expect(code).not.toMatch(/\bfrom\s*['"]|\bimport\s*\(|\brequire\s*\(/);
  });
});
