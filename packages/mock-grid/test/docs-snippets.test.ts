// The msw snippets in the README and docs/mock-grid.md, run as written: each import must resolve and name
// a real export, and the code must run with only what it imports (a missing import is a ReferenceError).
// The snippets are kept to plain-JavaScript syntax so that they can run here without a TypeScript step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DOCS = {
  'packages/mock-grid/README.md': new URL('../README.md', import.meta.url),
  'docs/mock-grid.md': new URL('../../../docs/mock-grid.md', import.meta.url),
};

/** The ```ts blocks of `file` that use the msw entry. */
function mswSnippets(file: URL): string[] {
  const blocks = [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.filter((code) => code.includes("'@aipg/mock-grid/msw'"));
}

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<Record<string, unknown>>;

/** Runs a snippet: its `import { a, b } from 'x'` lines become parameters, its top-level consts the result. */
async function run(code: string): Promise<Record<string, unknown>> {
  const names: string[] = [];
  const values: unknown[] = [];
  const importLine = /^import \{([^}]+)\} from '([^']+)';\n/gm;
  for (const [, list, specifier] of code.matchAll(importLine)) {
    const module = (await import(/* @vite-ignore */ specifier!)) as Record<string, unknown>;
    for (const name of list!.split(',').map((n) => n.trim())) {
      expect(module[name], `${name} exported by ${specifier}`).toBeDefined();
      names.push(name);
      values.push(module[name]);
    }
  }
  const body = code.replace(importLine, '');
  const consts = [...body.matchAll(/^const (\w+) =/gm)].map((m) => m[1]!);
  return new AsyncFunction(...names, `${body}\nreturn { ${consts.join(', ')} };`)(...values);
}

describe.each(Object.entries(DOCS))('the msw snippet in %s', (_, file) => {
  it('runs as written and answers in-process', async () => {
    const snippets = mswSnippets(file);
    expect(snippets).toHaveLength(1);
    const { server, handlers } = (await run(snippets[0]!)) as {
      server: { close(): void };
      handlers: { core: { dispose(): void } };
    };
    try {
      const health = await fetch('http://grid.test/health');
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
    } finally {
      server.close();
      handlers.core.dispose();
    }
  });
});
