import { describe, expect, it } from 'vitest';
import { ROOT } from '../packaging/scratch.js';
import { checkImports, formatViolations, importsOf, readWorkspace, type Workspace } from './imports.js';

const PACKAGES = new Map([
  ['@aipg/sdk', 'packages/sdk'],
  ['@aipg/mock-grid', 'packages/mock-grid'],
  ['@aipg/worker', 'packages/worker'],
  ['@aipg/example-demo', 'examples/demo'],
]);

function workspace(files: Record<string, string>): Workspace {
  return { files: new Map(Object.entries(files)), packages: PACKAGES };
}

/** The violations as `file:line 'specifier'`, for short assertions. */
function caught(files: Record<string, string>): string[] {
  return checkImports(workspace(files)).map((v) => `${v.file}:${v.line} '${v.specifier}'`);
}

describe('the repository', () => {
  it('keeps the dependency direction of docs/architecture.md', () => {
    const repo = readWorkspace(ROOT);
    // Guards the walk itself: an empty map would pass trivially.
    expect(repo.files.has('packages/sdk/src/index.ts')).toBe(true);
    expect(repo.files.has('packages/mock-grid/src/core/index.ts')).toBe(true);
    expect(repo.packages.get('@aipg/worker')).toBe('packages/worker');
    const violations = checkImports(repo);
    expect(violations, `\n${formatViolations(violations)}\n`).toEqual([]);
  });
});

describe('the import checker', () => {
  it('reads every kind of import, type-only ones included', () => {
    const text = [
      // A directive counts only before the first statement.
      '/// <reference types="node" />',
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "export * from './c.js';",
      "export { type D } from './d.js';",
      "const e = await import('./e.js');",
      "const f = require('./f.cjs');",
      "type G = import('./g.js').G;",
      "import h = require('./h.js');",
    ].join('\n');
    expect(importsOf('x.ts', text).map((ref) => `${ref.line} ${ref.specifier}`)).toEqual([
      '2 ./a.js',
      '3 ./b.js',
      '4 ./c.js',
      '5 ./d.js',
      '6 ./e.js',
      '7 ./f.cjs',
      '8 ./g.js',
      '9 ./h.js',
      '1 node',
    ]);
  });

  it('passes imports that follow the direction', () => {
    expect(
      caught({
        'packages/sdk/src/index.ts': "export { Grid } from './client.js';",
        'packages/sdk/src/client.ts': "import createClient from 'openapi-fetch';",
        'packages/sdk/test/client.test.ts': "import { startMockGrid } from '@aipg/mock-grid';",
        'packages/worker/src/index.ts':
          "import type { Grid } from '@aipg/sdk';\nimport { WebSocket } from 'ws';",
        'packages/mock-grid/src/core/grid.ts': "import { Queue } from './queue.js';",
        'packages/mock-grid/src/server.ts':
          "import { createServer } from 'node:http';\nimport './core/grid.js';",
        'examples/demo/src/demo.ts':
          "import { Grid } from '@aipg/sdk';\nimport { startMockGrid } from '@aipg/mock-grid';",
      }),
    ).toEqual([]);
  });

  it('catches a package importing one at its own layer or above', () => {
    expect(
      caught({
        'packages/sdk/src/client.ts': "import type { MockGrid } from '@aipg/mock-grid';",
        'packages/worker/src/slot.ts': "\nimport { GridCore } from '@aipg/mock-grid';",
        'packages/mock-grid/src/index.ts': "export type { Worker } from '../../worker/src/worker.js';",
      }),
    ).toEqual([
      "packages/mock-grid/src/index.ts:1 '../../worker/src/worker.js'",
      "packages/sdk/src/client.ts:1 '@aipg/mock-grid'",
      "packages/worker/src/slot.ts:2 '@aipg/mock-grid'",
    ]);
  });

  it("catches a package's source importing its own name", () => {
    expect(caught({ 'packages/sdk/src/lib/x.ts': "import { Grid } from '@aipg/sdk';" })).toEqual([
      "packages/sdk/src/lib/x.ts:1 '@aipg/sdk'",
    ]);
  });

  it('names the rule a violation breaks', () => {
    const [violation] = checkImports(workspace({ 'packages/sdk/src/client.ts': "import '@aipg/worker';" }));
    expect(violation?.rule).toMatch(/^sdk may not import worker: the direction is openapi → sdk/);
  });

  it('catches any file in packages/ importing an example, tests too', () => {
    expect(
      caught({
        'packages/worker/test/demo.test.ts': "import { run } from '../../../examples/demo/src/demo.js';",
        'packages/mock-grid/src/cli.ts': "await import('@aipg/example-demo');",
      }),
    ).toEqual([
      "packages/mock-grid/src/cli.ts:1 '@aipg/example-demo'",
      "packages/worker/test/demo.test.ts:1 '../../../examples/demo/src/demo.js'",
    ]);
  });

  it('catches the mock-grid core reaching Node, a transport, a door, the validation or the CLI', () => {
    const core = 'packages/mock-grid/src/core/rules.ts';
    expect(
      caught({
        [core]: [
          "import { EventEmitter } from 'node:events';",
          "import { setTimeout } from 'timers';",
          "import type { WebSocket } from 'ws';",
          "import { http } from 'msw';",
          "import { route } from '../doors/http/routes.js';",
          "import { validate } from '../validation/spec.js';",
          "import { main } from '../cli.js';",
          "import type { MockGrid } from '../server.js';",
          "import { Queue } from './queue.js';",
          "import type { components } from '@aipg/sdk';",
        ].join('\n'),
      }),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((line) => `${core}:${line} '${lineSpecifier(line)}'`));

    function lineSpecifier(line: number): string {
      return [
        'node:events',
        'timers',
        'ws',
        'msw',
        '../doors/http/routes.js',
        '../validation/spec.js',
        '../cli.js',
        '../server.js',
      ][line - 1]!;
    }
  });

  it('does not mistake a core file whose name starts like a forbidden one', () => {
    expect(caught({ 'packages/mock-grid/src/core/x.ts': "import { c } from '../client-info.js';" })).toEqual(
      [],
    );
  });

  it("catches a Node built-in reachable from the sdk's main entry, with the chain that reaches it", () => {
    const violations = checkImports(
      workspace({
        'packages/sdk/src/index.ts': "export { Grid } from './client.js';",
        'packages/sdk/src/client.ts': "import type { Env } from './internal/env';",
        'packages/sdk/src/internal/env.ts': "import { env } from 'node:process';",
        // Not reachable from the entry: a Node-only helper may exist beside it.
        'packages/sdk/src/node-only.ts': "import { readFile } from 'node:fs/promises';",
      }),
    );
    expect(formatViolations(violations)).toBe(
      "packages/sdk/src/internal/env.ts:1 imports 'node:process' — the sdk's main entry runs in browsers: " +
        'no Node built-in is reachable from it (packages/sdk/src/index.ts → packages/sdk/src/client.ts → ' +
        'packages/sdk/src/internal/env.ts)',
    );
  });
});
