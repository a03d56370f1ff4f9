#!/usr/bin/env node
// Runs the Python SDK's tools (packages/python) through a pinned uv (scripts/uv.mjs), from any working
// directory. uv creates packages/python/.venv from uv.lock on first use (`--frozen`: the lockfile is never
// rewritten here).
//
//   node scripts/python.mjs test [pytest args]  pytest, then the plain closing line `N passed, N failed`
//   node scripts/python.mjs typecheck           mypy --strict and pyright --strict over src/aipg
//
// scripts/vitest-summary.mjs calls `runPytest` after vitest and adds pytest's counts to its closing line.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findUv } from './uv.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PYTHON_PROJECT = join(root, 'packages', 'python');

/** Runs `uv run --frozen <args>` in packages/python; returns its exit status and its stdout (also echoed). */
function uvRun(args, { capture = false } = {}) {
  const run = spawnSync(findUv(), ['run', '--frozen', '--quiet', ...args], {
    cwd: PYTHON_PROJECT,
    encoding: 'utf8',
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (capture && run.stdout) process.stdout.write(run.stdout);
  return { status: run.status ?? 1, stdout: run.stdout ?? '' };
}

/**
 * pytest's counts from its closing line (`3 passed, 1 skipped in 2.05s`, `1 failed, 2 passed, 1 error in …`).
 * Errors (a test that broke in set-up, a module that does not import) count as failed; a run whose closing line
 * cannot be read counts as one failure, so the total never reads green by accident.
 */
export function pytestCounts(output, status) {
  const line = output
    .trim()
    .split('\n')
    .reverse()
    .find((l) => / in [\d.]+s/.test(l) && /\d+ (passed|failed|error|errors|skipped|deselected)/.test(l));
  const count = (word) => Number(line?.match(new RegExp(`(\\d+) ${word}\\b`))?.[1] ?? 0);
  const passed = count('passed');
  let failed = count('failed') + count('errors?');
  const skipped = count('skipped');
  // Exit 5 is "no tests collected": a suite that lost its tests has failed.
  if (!line || status === 5 || (status !== 0 && failed === 0)) failed = Math.max(failed, 1);
  return { passed, failed, skipped };
}

/** Runs the Python suite (pytest's own output shown as it goes) and returns its counts. */
export function runPytest(args = []) {
  const run = uvRun(['pytest', '-p', 'no:cacheprovider', ...args], { capture: true });
  return pytestCounts(run.stdout, run.status);
}

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'test') {
    const { passed, failed, skipped } = runPytest(rest);
    console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  }
  if (command === 'typecheck') {
    const mypy = uvRun(['mypy']);
    const pyright = uvRun(['pyright']);
    process.exit(mypy.status === 0 && pyright.status === 0 ? 0 : 1);
  }
  console.error('usage: node scripts/python.mjs test [pytest args] | typecheck');
  process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
