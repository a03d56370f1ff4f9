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
    // Nothing left external (so no bare `fs`, `stream`, … either): openapi-fetch is bundled in
    // (tsup.config.ts says why) and SSE parsing is the SDK's own; that every entry runs is test/packaging's job.
    expect(specifiers).toEqual([]);
  });
});
