#!/usr/bin/env node
// Finds or installs uv, pinned, which manages the Python SDK (packages/python: its lockfile, its virtual
// environment, its tests and its wheel), and prints the path of the `uv` binary.
//
//   1. $UV, when set: a uv binary to use as it is;
//   2. `uv` on PATH, when its version is UV_VERSION;
//   3. else uv installed from PyPI into a virtual environment cached in node_modules/.cache/uv-<version>, made
//      on first use (a few seconds). `.ci/run` calls this before `pnpm test`.
//
// Exits 1 with the reason (no python3, PyPI unreachable) on stderr.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, installTool, run, toolVenv, venvBin } from './pip-tool.mjs';

export const UV_VERSION = '0.13.9';

/** `uv 0.13.9 (…)` → `0.13.9`, or undefined when `file` does not run. */
function versionOf(file) {
  try {
    return run(file, ['--version']).split(/\s+/)[1];
  } catch {
    return undefined;
  }
}

/** The path of a uv binary of UV_VERSION (or $UV), installing it on first use. */
export function findUv() {
  if (process.env.UV) return process.env.UV;
  if (versionOf('uv') === UV_VERSION) return 'uv';
  const cached = venvBin(toolVenv('uv', UV_VERSION), 'uv');
  if (versionOf(cached) !== UV_VERSION) {
    installTool({ name: 'uv', version: UV_VERSION, minPython: 10 });
    if (versionOf(cached) !== UV_VERSION) fail('uv', `the install beside ${cached} does not run`);
  }
  return cached;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${findUv()}\n`);
}
