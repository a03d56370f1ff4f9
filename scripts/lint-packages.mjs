#!/usr/bin/env node
// Packaging checks for every publishable package: publint (package.json vs the files it points at)
// and arethetypeswrong (types resolve for ESM, CJS and bundlers). A packaging mistake fails like a test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let failed = false;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  if (!existsSync(join(pkgDir, 'package.json'))) continue; // packages/python: not an npm package
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  for (const [cmd, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'node16', '--format', 'ascii']],
  ]) {
    const run = spawnSync('pnpm', ['exec', cmd, ...args], { cwd: pkgDir, encoding: 'utf8' });
    const ok = run.status === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${cmd} ${pkg.name}`);
    if (!ok) {
      failed = true;
      process.stdout.write(run.stdout);
      process.stderr.write(run.stderr);
    }
  }
}
process.exit(failed ? 1 : 0);
