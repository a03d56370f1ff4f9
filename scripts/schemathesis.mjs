#!/usr/bin/env node
// Finds or installs schemathesis, pinned, for the spec-driven fuzz test (packages/mock-grid/test/spec/fuzz.test.ts;
// docs/mock-grid.md "Spec-driven fuzzing"), and prints the Python interpreter that runs it
// (`<python> -m schemathesis.cli run …`).
//
//   1. $SCHEMATHESIS_PYTHON, when set: a Python that already has schemathesis SCHEMATHESIS_VERSION installed;
//   2. else a virtual environment cached in node_modules/.cache/schemathesis-<version>, made on first use with
//      `python3 -m venv` and pip from PyPI (about 100 MB, 10–30 s). `.ci/run` calls this before `pnpm test`.
//
// Exits 1 with the reason (no python3, PyPI unreachable, wrong version) on stderr: the fuzz test fails with it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMATHESIS_VERSION = '4.32.5';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules', '.cache');
const venv = join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
const venvPython = (dir) =>
  process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');

function run(file, args) {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The installed schemathesis version under `python`, or undefined when it has none (or does not run). */
function installedVersion(python) {
  try {
    return run(python, ['-c', 'import importlib.metadata as m; print(m.version("schemathesis"))']).trim();
  } catch {
    return undefined;
  }
}

function fail(message) {
  process.stderr.write(`schemathesis: ${message}\n`);
  process.exit(1);
}

function findBasePython() {
  for (const candidate of ['python3', 'python']) {
    try {
      const version = run(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).trim();
      const [major, minor] = version.split('.').map(Number);
      if (major === 3 && minor >= 9) return candidate;
    } catch {
      // not on PATH; try the next name
    }
  }
  return fail('needs Python ≥ 3.9 as python3 (with the venv module) to install schemathesis; none was found');
}

function install() {
  const python = findBasePython();
  mkdirSync(cacheDir, { recursive: true });
  // Built beside the final place and renamed when complete: an interrupted install never looks finished.
  const partial = `${venv}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  process.stderr.write(`schemathesis: installing schemathesis==${SCHEMATHESIS_VERSION} into ${venv}\n`);
  try {
    run(python, ['-m', 'venv', partial]);
    run(venvPython(partial), [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      `schemathesis==${SCHEMATHESIS_VERSION}`,
    ]);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    const said = String(err.stderr || err.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join('\n');
    return fail(
      `could not install schemathesis==${SCHEMATHESIS_VERSION} from PyPI (offline?):\n${said}\n` +
        'Run this again with PyPI reachable (the install is cached under node_modules/.cache), or set ' +
        `SCHEMATHESIS_PYTHON to a Python that has schemathesis ${SCHEMATHESIS_VERSION}.`,
    );
  }
  if (existsSync(venv)) rmSync(partial, { recursive: true, force: true });
  else renameSync(partial, venv);
}

function main() {
  const given = process.env.SCHEMATHESIS_PYTHON;
  if (given) {
    const version = installedVersion(given);
    if (version !== SCHEMATHESIS_VERSION) {
      fail(
        `SCHEMATHESIS_PYTHON=${given} has schemathesis ${version ?? '(none)'}, not ${SCHEMATHESIS_VERSION}`,
      );
    }
    return given;
  }
  if (installedVersion(venvPython(venv)) !== SCHEMATHESIS_VERSION) {
    rmSync(venv, { recursive: true, force: true });
    install();
    if (installedVersion(venvPython(venv)) !== SCHEMATHESIS_VERSION)
      fail(`the install in ${venv} does not run`);
  }
  return venvPython(venv);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${main()}\n`);
}
