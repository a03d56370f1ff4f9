#!/usr/bin/env node
// Finds or installs uv, pinned, which manages the Python SDK (packages/python: its lockfile, its virtual
// environment, its tests and its wheel), and prints the path of the `uv` binary.
//
//   1. $UV, when set: a uv binary to use as it is;
//   2. `uv` on PATH, when its version is UV_VERSION;
//   3. else uv installed from PyPI into a virtual environment cached in node_modules/.cache/uv-<version>, made
//      on first use with `python3 -m venv` and pip (a few seconds). `.ci/run` calls this before `pnpm test`.
//
// Exits 1 with the reason (no python3, PyPI unreachable) on stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UV_VERSION = '0.13.9';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, 'node_modules', '.cache', `uv-${UV_VERSION}`);
const bin = (dir, name) =>
  process.platform === 'win32' ? join(dir, 'Scripts', `${name}.exe`) : join(dir, 'bin', name);

function run(file, args) {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `uv 0.13.9 (…)` → `0.13.9`, or undefined when `file` does not run. */
function versionOf(file) {
  try {
    return run(file, ['--version']).split(/\s+/)[1];
  } catch {
    return undefined;
  }
}

function fail(message) {
  process.stderr.write(`uv: ${message}\n`);
  process.exit(1);
}

function install() {
  const python = ['python3', 'python'].find((candidate) => {
    try {
      return run(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 10))']).trim() === 'True';
    } catch {
      return false;
    }
  });
  if (!python) return fail('needs Python ≥ 3.10 as python3 (with the venv module); none was found');
  mkdirSync(dirname(venv), { recursive: true });
  // Built beside the final place and renamed when complete: an interrupted install never looks finished.
  const partial = `${venv}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  process.stderr.write(`uv: installing uv==${UV_VERSION} into ${venv}\n`);
  try {
    run(python, ['-m', 'venv', partial]);
    run(bin(partial, 'python'), [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      `uv==${UV_VERSION}`,
    ]);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    const said = String(err.stderr || err.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join('\n');
    return fail(`could not install uv==${UV_VERSION} from PyPI (offline?):\n${said}`);
  }
  if (existsSync(venv)) rmSync(partial, { recursive: true, force: true });
  else renameSync(partial, venv);
}

/** The path of a uv binary of UV_VERSION (or $UV), installing it on first use. */
export function findUv() {
  if (process.env.UV) return process.env.UV;
  if (versionOf('uv') === UV_VERSION) return 'uv';
  const cached = bin(venv, 'uv');
  if (versionOf(cached) !== UV_VERSION) {
    rmSync(venv, { recursive: true, force: true });
    install();
    if (versionOf(cached) !== UV_VERSION) fail(`the install in ${venv} does not run`);
  }
  return cached;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${findUv()}\n`);
}
