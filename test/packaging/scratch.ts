// A user's project outside the workspace: every publishable package packed with `pnpm pack` and installed
// from those tarballs, exactly what `npm i @aipg/…` would put in node_modules (docs/architecture.md, Packaging).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOrThrow } from './processes.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface PackedPackage {
  name: string;
  /** Its folder in the workspace, e.g. `packages/sdk`. */
  dir: string;
  /** The manifest inside the tarball (workspace:* already replaced by versions). */
  manifest: PackageJson;
  /** The files in the tarball, relative to the package root. */
  files: string[];
  tarball: string;
}

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string };
  homepage?: string;
  bugs?: { url?: string } | string;
  [key: string]: unknown;
}

export interface Scratch {
  /** The scratch project: node_modules holds the packed packages. */
  dir: string;
  packages: PackedPackage[];
}

/**
 * Every non-private npm package under packages/, with its workspace manifest (read when tests are collected).
 * A folder without package.json is no npm package (packages/python), as in scripts/lint-packages.mjs.
 */
export function publishable(): Array<{ dir: string; manifest: PackageJson }> {
  return readdirSync(join(ROOT, 'packages'))
    .filter((entry) => existsSync(join(ROOT, 'packages', entry, 'package.json')))
    .sort()
    .map((entry) => ({
      dir: `packages/${entry}`,
      manifest: JSON.parse(
        readFileSync(join(ROOT, 'packages', entry, 'package.json'), 'utf8'),
      ) as PackageJson,
    }))
    .filter(({ manifest }) => !manifest.private);
}

/**
 * Versions from the workspace lockfile, one per package name (names locked at several versions are left
 * out): pinned as overrides, the scratch install resolves to what the workspace's install already put in the
 * store, so it needs no network and tests the packages against the dependency versions the suite uses.
 */
async function lockedVersions(): Promise<Map<string, string>> {
  const lockfile = await readFile(join(ROOT, 'pnpm-lock.yaml'), 'utf8');
  const versions = new Map<string, Set<string>>();
  let inPackages = false;
  for (const line of lockfile.split('\n')) {
    if (/^\S/.test(line)) {
      inPackages = line === 'packages:';
      continue;
    }
    const key = inPackages ? /^ {2}'?(@?[^@'\s]+)@([^'\s]+?)'?:$/.exec(line) : null;
    if (!key) continue;
    const [, name, version] = key as unknown as [string, string, string];
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name)!.add(version);
  }
  const single = new Map<string, string>();
  for (const [name, set] of versions) if (set.size === 1) single.set(name, [...set][0]!);
  return single;
}

/** Packs every publishable package and installs the tarballs (plus `extra` dependencies) in a temp folder. */
export async function createScratch(extra: Record<string, string>): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), 'aipg-packed-'));
  const tarballs = join(dir, 'tarballs');
  await mkdir(tarballs);
  const packages = await Promise.all(
    publishable().map(async ({ dir: pkgDir }): Promise<PackedPackage> => {
      const out = await runOrThrow('pnpm', ['pack', '--json', '--pack-destination', tarballs], {
        cwd: join(ROOT, pkgDir),
      });
      const packed = JSON.parse(out) as { name: string; filename: string; files: Array<{ path: string }> };
      if (!packed.files.some((f) => f.path.startsWith('dist/'))) {
        throw new Error(`${packed.name} packed without dist/: run \`pnpm build\` first (pnpm test does)`);
      }
      return {
        name: packed.name,
        dir: pkgDir,
        manifest: { name: packed.name, version: '' }, // replaced by the packed one below
        files: packed.files.map((f) => f.path),
        tarball: packed.filename,
      };
    }),
  );

  const project = join(dir, 'project');
  await mkdir(project);
  const fromTarballs = Object.fromEntries(packages.map((p) => [p.name, `file:${p.tarball}`]));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify(
      { name: 'packed-check', private: true, dependencies: { ...fromTarballs, ...extra } },
      null,
      2,
    ),
  );
  // Overrides make the packages' dependencies on each other (`"@aipg/sdk": "0.0.0"` in the packed
  // mock-grid) resolve to the tarballs too, never to the registry.
  const overrides = { ...Object.fromEntries(await lockedVersions()), ...fromTarballs };
  await writeFile(
    join(project, 'pnpm-workspace.yaml'),
    // JSON is YAML. msw's postinstall only copies a browser worker script, which nothing here needs.
    JSON.stringify({ allowBuilds: { msw: false }, overrides }, null, 2),
  );
  await runOrThrow('pnpm', ['install', '--offline', '--no-frozen-lockfile', '--reporter', 'append-only'], {
    cwd: project,
    limitMs: 300_000,
  });
  // The manifest as packed (pnpm rewrites `workspace:*`), read back from the installed copy.
  for (const pkg of packages) {
    pkg.manifest = JSON.parse(
      await readFile(join(project, 'node_modules', pkg.name, 'package.json'), 'utf8'),
    );
  }
  return { dir: project, packages };
}
