// Every class a package exports keeps its own name in every build (ESM and CommonJS): users print
// `error.constructor.name` and `err.name`, and the mock grid builds without esbuild's keepNames (its tsup
// config says why), so nothing but this test stops a class from shipping as `_Grid` or `Grid2`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publishable, ROOT } from '../packaging/scratch.js';

const require = createRequire(import.meta.url);

/** Each built entry file of a package's `exports`, with the condition it is loaded under. */
function builtEntries(exports: unknown): Array<{ file: string; format: 'import' | 'require' }> {
  const found: Array<{ file: string; format: 'import' | 'require' }> = [];
  const walk = (node: unknown, format: 'import' | 'require' | null) => {
    if (typeof node === 'string') {
      if (format && /\.(c?js)$/.test(node)) found.push({ file: node, format });
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        walk(value, key === 'import' || key === 'require' ? key : format);
      }
    }
  };
  walk(exports, null);
  return found;
}

const isClass = (value: unknown): value is abstract new (...args: never[]) => unknown =>
  typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));

/** `export const Old = New` is an alias, not a rename: its class is exported under its own name as well. */
function misnamed(module: Record<string, unknown>): string[] {
  return Object.entries(module)
    .filter(([key, value]) => isClass(value) && value.name !== key && module[value.name] !== value)
    .map(([key, value]) => `${key} is named ${JSON.stringify((value as { name: string }).name)}`);
}

describe.each(publishable())('$manifest.name', ({ dir, manifest }) => {
  const entries = builtEntries(manifest.exports);

  it('has built entries to check', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries)('$file ($format): every exported class keeps its name', async ({ file, format }) => {
    const path = join(ROOT, dir, file);
    const module = (format === 'require' ? require(path) : await import(pathToFileURL(path).href)) as Record<
      string,
      unknown
    >;
    expect(misnamed(module)).toEqual([]);
  });
});

describe('the class-name check', () => {
  it('catches a renamed class and lets an alias through', () => {
    const Grid2 = class Grid2 {};
    class GridCore {}
    expect(misnamed({ Grid: Grid2, GridCore, Old: GridCore, value: 1, fn: () => 0 })).toEqual([
      'Grid is named "Grid2"',
    ]);
  });
});
