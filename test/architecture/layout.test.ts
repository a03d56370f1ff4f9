import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../packaging/scratch.js';
import { layoutEntries, pathsOnLine } from './layout.js';

/** What is wrong with a listed path, if anything: missing, or a file listed as a folder (or the reverse). */
function problem(path: string): string | undefined {
  const stat = statSync(join(ROOT, path.replace(/\/$/, '')), { throwIfNoEntry: false });
  if (!stat) return 'does not exist';
  if (path.endsWith('/') && !stat.isDirectory()) return 'is listed as a folder but is a file';
  if (!path.endsWith('/') && !stat.isFile()) return 'is listed as a file but is a folder';
  return undefined;
}

describe('docs/architecture.md, Layout', () => {
  it('lists only paths that exist', () => {
    const entries = layoutEntries(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));
    // Guards the parser: a block it could not read would list nothing and pass.
    expect(entries.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['openapi/', 'packages/sdk/src/client.ts', 'packages/mock-grid/src/core/']),
    );
    const wrong = entries.flatMap(({ path, line }) => {
      const why = problem(path);
      return why ? [`docs/architecture.md:${line}: ${path} ${why}`] : [];
    });
    expect(wrong, `\n${wrong.join('\n')}\n`).toEqual([]);
  });
});

describe('the Layout parser', () => {
  const page = (block: string) => `# A\n\n## Layout\n\n\`\`\`\n${block}\n\`\`\`\n\n## Next\n`;

  it('nests paths under the less-indented folder above them', () => {
    const entries = layoutEntries(
      page(
        [
          'packages/                 all of them',
          '  sdk/                    @aipg/sdk — what app developers install',
          '    src/client.ts         the client',
          '    src/core/             errors',
          '      errors.ts           deeper still',
          '  worker/                 @aipg/worker',
          '    src/cli.ts, src/cli/  aipg-worker',
          'examples/',
          '  worker/  chat/  demo/   short, runnable',
          'docs/                     guides and this page',
        ].join('\n'),
      ),
    );
    expect(entries).toEqual([
      { path: 'packages/', line: 6 },
      { path: 'packages/sdk/', line: 7 },
      { path: 'packages/sdk/src/client.ts', line: 8 },
      { path: 'packages/sdk/src/core/', line: 9 },
      { path: 'packages/sdk/src/core/errors.ts', line: 10 },
      { path: 'packages/worker/', line: 11 },
      { path: 'packages/worker/src/cli.ts', line: 12 },
      { path: 'packages/worker/src/cli/', line: 12 },
      { path: 'examples/', line: 13 },
      { path: 'examples/worker/', line: 14 },
      { path: 'examples/chat/', line: 14 },
      { path: 'examples/demo/', line: 14 },
      { path: 'docs/', line: 15 },
    ]);
  });

  it('stops at the description, even one that starts with a file name', () => {
    expect(pathsOnLine('scripts/        generate.mjs (spec → types), build.mjs')).toEqual(['scripts/']);
    expect(pathsOnLine('  src/worker.ts   Worker: slots; src/cli.ts, src/metrics.ts: aipg-worker')).toEqual([
      'src/worker.ts',
    ]);
    expect(pathsOnLine('                  a description carried onto a second line')).toEqual([]);
  });

  it('finds a path that does not exist', () => {
    const [entry] = layoutEntries(page('packages/sdk/src/gone.ts   removed long ago'));
    expect(entry && problem(entry.path)).toBe('does not exist');
    expect(problem('packages/sdk/src/client.ts/')).toBe('is listed as a folder but is a file');
  });

  it('fails loudly on a page without the block', () => {
    expect(() => layoutEntries('# Architecture\n\nNo layout here.\n')).toThrow(/no fenced block/);
  });
});
