// No two packages export the same name from their public entries: an app that imports from two of them
// never has to rename one, and a name means one thing across the project.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../packaging/scratch.js';
import { type AllowedName, publicEntries, sharedNames } from './export-names.js';

const TSCONFIG = join(ROOT, 'tsconfig.base.json');

/**
 * Names two packages may both export, each with the exact packages and the reason. An entry that no longer
 * matches a shared name fails the test, so the list cannot outlive its reason.
 */
const ALLOWED: AllowedName[] = [
  {
    // The SDK's client is `Grid`; the mock grid's core class is `GridCore`, and keeps `Grid` as a deprecated
    // alias of it so existing imports still work. Checked: the alias is `@deprecated` and `GridCore` is
    // exported beside it. Remove this entry when the alias goes.
    name: 'Grid',
    packages: ['@aipg/mock-grid', '@aipg/sdk'],
    why: "@aipg/mock-grid's deprecated alias of GridCore",
    deprecatedAliasIn: '@aipg/mock-grid',
    of: 'GridCore',
  },
  {
    // `JobEvent` is the spec's wire event (`@aipg/sdk`, openapi/components/events.yaml). The mock grid's
    // in-process event is `GridJobEvent`; `JobEvent` stays as its deprecated alias so existing imports still
    // work. Remove this entry when the alias goes.
    name: 'JobEvent',
    packages: ['@aipg/mock-grid', '@aipg/sdk'],
    why: "@aipg/mock-grid's deprecated alias of GridJobEvent",
    deprecatedAliasIn: '@aipg/mock-grid',
    of: 'GridJobEvent',
  },
];

describe('public entries', () => {
  const entries = publicEntries(ROOT);

  it('are found for every package', () => {
    expect(entries.map(({ pkg, subpath }) => `${pkg} ${subpath}`)).toEqual(
      expect.arrayContaining(['@aipg/sdk .', '@aipg/mock-grid .', '@aipg/mock-grid ./msw', '@aipg/worker .']),
    );
  });

  it('export no name that another package exports', () => {
    const { problems, stale } = sharedNames(entries, ALLOWED, TSCONFIG);
    expect(problems, `names exported by more than one package:\n${problems.join('\n')}\n`).toEqual([]);
    expect(stale, `allow-list entries no name needs any more: ${stale.join(', ')}`).toEqual([]);
  });
});

describe('the shared-name check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aipg-export-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const a = {
    pkg: '@fixture/a',
    subpath: '.',
    file: file(
      'a.ts',
      'export const VERSION = 1;\nexport type Id = string;\nexport class Grid {}\nexport class GridCore {}\n',
    ),
  };
  const grid = (pkg: string, text: string) => ({
    pkg,
    subpath: '.',
    file: file(`${pkg.split('/')[1]}.ts`, text),
  });
  const allowGrid: AllowedName = {
    name: 'Grid',
    packages: ['@fixture/a', '@fixture/b'],
    why: "b's alias",
    deprecatedAliasIn: '@fixture/b',
    of: 'GridCore',
  };

  it('catches the same name exported as two things, types and values, and names the packages', () => {
    const b = grid(
      '@fixture/b',
      'export const VERSION = 2;\nexport type Id = number;\nexport const other = 0;\n',
    );
    expect(sharedNames([a, b], [], TSCONFIG).problems).toEqual([
      'VERSION: @fixture/a (.), @fixture/b (.)',
      'Id: @fixture/a (.), @fixture/b (.)',
    ]);
  });

  it('lets a re-export of the same thing through', () => {
    const b = grid('@fixture/b', "export { VERSION, type Id } from '@fixture/a';\n");
    expect(sharedNames([a, b], [], TSCONFIG)).toEqual({ problems: [], stale: [] });
  });

  it('allows a listed name only as a deprecated alias beside its new name', () => {
    const plain = grid('@fixture/b', 'export class Grid {}\n');
    expect(sharedNames([a, plain], [allowGrid], TSCONFIG).problems).toEqual([
      "Grid: @fixture/a (.), @fixture/b (.) — allowed only as b's alias, which it is not (yet)",
    ]);
    const alias = grid(
      '@fixture/b',
      'export class GridCore {}\n/** @deprecated Use GridCore. */\nexport const Grid = GridCore;\n/** @deprecated Use GridCore. */\nexport type Grid = GridCore;\n',
    );
    // GridCore is shared too, which is a problem of its own; Grid passes.
    expect(sharedNames([a, alias], [allowGrid], TSCONFIG).problems).toEqual([
      'GridCore: @fixture/a (.), @fixture/b (.)',
    ]);
  });

  it('reports an allow-list entry no name needs', () => {
    const b = grid('@fixture/b', 'export const other = 0;\n');
    expect(sharedNames([a, b], [allowGrid], TSCONFIG).stale).toEqual(["Grid (b's alias)"]);
  });
});
