// scripts/build.mjs on a small workspace of its own: `--changed` (what `pnpm start` runs) rebuilds exactly the
// packages whose sources, config, lockfile, workspace dependencies or dist/ changed, and nothing else.
// Each fake package's build appends its name to builds.log, so the test counts builds, not time.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, runOrThrow } from '../packaging/processes.js';

const SCRIPT = new URL('../../scripts/build.mjs', import.meta.url).pathname;
const BUILD_JS = `const fs = require('node:fs');
if (fs.existsSync('src/fail')) process.exit(1);
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/index.js', fs.readFileSync('src/index.ts'));
fs.appendFileSync('../../builds.log', require('./package.json').name + '\\n');
`;

let ws: string;

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(ws, path, '..'), { recursive: true });
  await writeFile(join(ws, path), text);
}

/** Runs the build script; returns the packages it built, in build order. */
async function build(...args: string[]): Promise<string[]> {
  await writeFile(join(ws, 'builds.log'), '');
  await runOrThrow(process.execPath, [SCRIPT, '--root', ws, ...args], { cwd: ws });
  return (await readFile(join(ws, 'builds.log'), 'utf8')).split('\n').filter(Boolean);
}

beforeEach(async () => {
  ws = await mkdtemp(join(tmpdir(), 'aipg-build-script-'));
  await write('package.json', JSON.stringify({ name: 'fake-root', private: true }));
  await write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
  await write('tsconfig.base.json', '{}');
  for (const [name, deps] of [
    ['core', {}],
    ['client', { core: 'workspace:*' }],
    ['other', {}],
  ] as const) {
    const manifest = { name, version: '0.0.0', dependencies: deps, scripts: { build: 'node build.cjs' } };
    await write(`packages/${name}/package.json`, JSON.stringify(manifest));
    await write(`packages/${name}/build.cjs`, BUILD_JS);
    await write(`packages/${name}/src/index.ts`, `export const name = '${name}';\n`);
    await write(`packages/${name}/test/index.test.ts`, '// not a build input\n');
  }
  // A real (empty) install, as a clone has: its lockfile is one of the build's inputs.
  await runOrThrow('pnpm', ['install', '--offline', '--no-frozen-lockfile', '--reporter', 'silent'], {
    cwd: ws,
  });
  expect((await build('--changed')).sort()).toEqual(['client', 'core', 'other']);
});

afterEach(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('node scripts/build.mjs --changed', () => {
  it('builds nothing when nothing changed, and says so', async () => {
    expect(await build('--changed')).toEqual([]);
    const out = await run(process.execPath, [SCRIPT, '--root', ws, '--changed'], { cwd: ws });
    expect(out.stdout).toContain('not rebuilt: client, core, other');
  });

  it('rebuilds a package whose source changed, and the packages that depend on it', async () => {
    await write('packages/core/src/index.ts', "export const name = 'core v2';\n");
    expect(await build('--changed')).toEqual(['core', 'client']); // in dependency order
    expect(await readFile(join(ws, 'packages/core/dist/index.js'), 'utf8')).toContain('core v2');
    expect(await build('--changed')).toEqual([]);
  });

  it('rebuilds only the dependent when only the dependent changed', async () => {
    await write('packages/client/src/new-file.ts', 'export {};\n');
    expect(await build('--changed')).toEqual(['client']);
  });

  it('rebuilds on a build-config or package.json change', async () => {
    await write('packages/other/tsup.config.ts', 'export default {};\n');
    expect(await build('--changed')).toEqual(['other']);
    const manifest = JSON.parse(await readFile(join(ws, 'packages/other/package.json'), 'utf8'));
    await write('packages/other/package.json', JSON.stringify({ ...manifest, sideEffects: false }));
    expect(await build('--changed')).toEqual(['other']);
  });

  it('rebuilds everything when the lockfile or the shared tsconfig changed', async () => {
    await write('tsconfig.base.json', '{ "compilerOptions": {} }');
    expect((await build('--changed')).sort()).toEqual(['client', 'core', 'other']);
    await write('pnpm-lock.yaml', `${await readFile(join(ws, 'pnpm-lock.yaml'), 'utf8')}\n`);
    expect((await build('--changed')).sort()).toEqual(['client', 'core', 'other']);
  });

  it('rebuilds a package whose dist/ was deleted or edited since its build', async () => {
    await rm(join(ws, 'packages/other/dist'), { recursive: true });
    await write('packages/core/dist/index.js', 'edited by hand');
    // client is not rebuilt: what it is built from did not change.
    expect((await build('--changed')).sort()).toEqual(['core', 'other']);
  });

  it('ignores tests and docs', async () => {
    await write('packages/core/test/index.test.ts', '// changed\n');
    await write('packages/core/README.md', '# changed\n');
    expect(await build('--changed')).toEqual([]);
  });

  it('records no stamp for a failed build, so the next run builds it again', async () => {
    await write('packages/other/src/index.ts', "export const name = 'other v2';\n");
    await write('packages/other/src/fail', '');
    const failed = await run(process.execPath, [SCRIPT, '--root', ws, '--changed'], { cwd: ws });
    expect(failed.code).not.toBe(0);
    await rm(join(ws, 'packages/other/src/fail'));
    expect(await build('--changed')).toEqual(['other']);
  });
});

describe('node scripts/build.mjs (pnpm build, pnpm test, CI)', () => {
  it('builds every package, stamps or not', async () => {
    const built = await build();
    expect([...built].sort()).toEqual(['client', 'core', 'other']);
    expect(built.indexOf('client')).toBeGreaterThan(built.indexOf('core'));
  });
});
