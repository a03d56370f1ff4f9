#!/usr/bin/env node
// Finds or installs Stoplight Prism (`@stoplight/prism-cli`), pinned, for the Prism benchmark
// (bench/prism.bench.ts; bench/README.md "11. Mock grid vs Prism"), and prints the path of its CLI's JS file
// (`node <it> mock …`).
//
// Prism is not a workspace dependency (about 200 packages: CI installs the workspace with --frozen-lockfile and
// must stay fast, and only the benchmark needs it). On first use it is installed with npm into
// node_modules/.cache/prism (a few seconds), built beside that folder and renamed when complete, so an
// interrupted install never looks finished; a cached install of another version is replaced.
//
// Exits 1 with the reason (npm missing, registry unreachable) on stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRISM_VERSION = '5.16.0';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'node_modules', '.cache', 'prism');
const packageDir = (prefix) => join(prefix, 'node_modules', '@stoplight', 'prism-cli');

/** The version installed under `prefix`, or undefined when there is none. */
function installedVersion(prefix) {
  try {
    return JSON.parse(readFileSync(join(packageDir(prefix), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** The path of Prism's CLI (`dist/index.js`) of PRISM_VERSION, installing it on first use. */
export function findPrism() {
  if (installedVersion(dir) !== PRISM_VERSION) {
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    process.stderr.write(`prism: installing @stoplight/prism-cli@${PRISM_VERSION} into ${dir}\n`);
    try {
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          partial,
          '--no-audit',
          '--no-fund',
          '--loglevel=error',
          `@stoplight/prism-cli@${PRISM_VERSION}`,
        ],
        // Prism's analytics dependency (@scarf/scarf) reports installs from a postinstall script unless told not to.
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SCARF_ANALYTICS: 'false' } },
      );
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      const said = String(err.stderr || err.message)
        .trim()
        .split('\n')
        .slice(-3)
        .join('\n');
      process.stderr.write(
        `prism: could not install @stoplight/prism-cli@${PRISM_VERSION} with npm:\n${said}\n`,
      );
      process.exit(1);
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  const cli = join(packageDir(dir), 'dist', 'index.js');
  if (!existsSync(cli)) {
    process.stderr.write(`prism: ${cli} is missing after the install\n`);
    process.exit(1);
  }
  return cli;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${findPrism()}\n`);
}
