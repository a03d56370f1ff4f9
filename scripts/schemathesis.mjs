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
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, installTool, run, toolVenv, venvBin } from './pip-tool.mjs';

const SCHEMATHESIS_VERSION = '4.32.5';

const venv = toolVenv('schemathesis', SCHEMATHESIS_VERSION);

/** The installed schemathesis version under `python`, or undefined when it has none (or does not run). */
function installedVersion(python) {
  try {
    return run(python, ['-c', 'import importlib.metadata as m; print(m.version("schemathesis"))']).trim();
  } catch {
    return undefined;
  }
}

function main() {
  const given = process.env.SCHEMATHESIS_PYTHON;
  if (given) {
    const version = installedVersion(given);
    if (version !== SCHEMATHESIS_VERSION) {
      fail(
        'schemathesis',
        `SCHEMATHESIS_PYTHON=${given} has schemathesis ${version ?? '(none)'}, not ${SCHEMATHESIS_VERSION}`,
      );
    }
    return given;
  }
  const python = venvBin(venv, 'python');
  if (installedVersion(python) !== SCHEMATHESIS_VERSION) {
    installTool({
      name: 'schemathesis',
      version: SCHEMATHESIS_VERSION,
      hint:
        '\nRun this again with PyPI reachable (the install is cached under node_modules/.cache), or set ' +
        `SCHEMATHESIS_PYTHON to a Python that has schemathesis ${SCHEMATHESIS_VERSION}.`,
    });
    if (installedVersion(python) !== SCHEMATHESIS_VERSION)
      fail('schemathesis', `the install in ${venv} does not run`);
  }
  return python;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${main()}\n`);
}
