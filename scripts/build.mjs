#!/usr/bin/env node
// Builds the publishable packages (packages/*) with their own `build` script, in dependency order.
//   node scripts/build.mjs            every package (`pnpm build`, and so `pnpm test` and CI)
//   node scripts/build.mjs --changed  only packages whose inputs or outputs differ from their last build (`pnpm start`)
// After a successful build each package gets a stamp, node_modules/.cache/aipg-build.json (never in git, never
// packed): a hash of its inputs and one of its dist/. `--changed` skips a package only when both still match,
// so an edited source, config, lockfile or workspace dependency, and a deleted or edited dist/, all rebuild.
// Inputs: every file of the package except node_modules/, dist/, test/ and *.md; the root tsconfig.base.json
// and pnpm-lock.yaml (toolchain and dependency versions); this script; the inputs of its workspace dependencies.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    changed: { type: 'boolean', default: false },
    // The workspace to build (default: this repository); the build script's own test points it elsewhere.
    root: { type: 'string' },
  },
});
const root = values.root ? resolve(values.root) : fileURLToPath(new URL('..', import.meta.url));
const ROOT_INPUTS = ['tsconfig.base.json', 'pnpm-lock.yaml'];
const SKIPPED = new Set(['node_modules', 'dist', 'test']);

/** Files under `dir` (relative, sorted), minus what `keep` rejects. */
function filesOf(dir, keep = () => true, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (!keep(path, entry)) return [];
      return entry.isDirectory() ? filesOf(join(dir, entry.name), keep, path) : [path];
    });
}

/** One hash over files' names and contents, plus any extra strings. */
function hashFiles(base, files, extra = []) {
  const hash = createHash('sha256');
  for (const text of extra) hash.update(`${text}\0`);
  for (const file of files) {
    const path = join(base, file);
    hash.update(`${relative(root, path)}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}

const packages = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'package.json')))
  .map((name) => {
    const dir = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return { name: manifest.name, dir, manifest };
  })
  .filter((pkg) => pkg.manifest.scripts?.build);
const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
const workspaceDeps = (pkg) =>
  Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies }).filter((dep) =>
    byName.has(dep),
  );

/** What every package's build reads besides its own files: the root inputs and this script, hashed once. */
const sharedInputs = hashFiles(root, ROOT_INPUTS, [
  createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex'),
]);
const inputHashes = new Map();
/** The hash of everything the package's build reads (its workspace dependencies' inputs included). */
function inputHash(pkg) {
  if (inputHashes.has(pkg.name)) return inputHashes.get(pkg.name);
  const own = filesOf(
    pkg.dir,
    (path, entry) => !(SKIPPED.has(path) && entry.isDirectory()) && !path.endsWith('.md'),
  );
  const deps = workspaceDeps(pkg).map((dep) => `${dep}=${inputHash(byName.get(dep))}`);
  const hash = hashFiles(pkg.dir, own, [...deps, sharedInputs]);
  inputHashes.set(pkg.name, hash);
  return hash;
}

const outputHash = (pkg) => hashFiles(join(pkg.dir, 'dist'), filesOf(join(pkg.dir, 'dist')));
const stampFile = (pkg) => join(pkg.dir, 'node_modules', '.cache', 'aipg-build.json');
function readStamp(pkg) {
  try {
    return JSON.parse(readFileSync(stampFile(pkg), 'utf8'));
  } catch {
    return undefined;
  }
}

const inputs = new Map(packages.map((pkg) => [pkg.name, inputHash(pkg)]));
const toBuild = packages.filter((pkg) => {
  if (!values.changed) return true;
  const stamp = readStamp(pkg);
  return stamp?.inputs !== inputs.get(pkg.name) || stamp?.outputs !== outputHash(pkg);
});
const skipped = packages.filter((pkg) => !toBuild.includes(pkg)).map((pkg) => pkg.name);
if (skipped.length > 0)
  console.log(`build: unchanged since their last build, not rebuilt: ${skipped.join(', ')}`);
if (toBuild.length === 0) process.exit(0);

// pnpm runs the selected packages' `build` in dependency order, independent ones in parallel.
const filters = toBuild.flatMap((pkg) => ['--filter', pkg.name]);
const build = spawnSync('pnpm', ['-r', ...filters, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
for (const pkg of toBuild) {
  mkdirSync(join(pkg.dir, 'node_modules', '.cache'), { recursive: true });
  writeFileSync(
    stampFile(pkg),
    `${JSON.stringify({ inputs: inputs.get(pkg.name), outputs: outputHash(pkg) }, null, 2)}\n`,
  );
}
