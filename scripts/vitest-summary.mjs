#!/usr/bin/env node
// Runs the whole vitest suite, then the Python SDK's pytest suite (packages/python, scripts/python.mjs), then
// prints the plain closing line CI reads: `N passed, N failed`, both suites added up.
// Vitest's own summary is not one of the lines CI understands, so we derive ours from its JSON report, and
// pytest's from its closing line. Arguments go to vitest; a filtered run (any argument) leaves pytest out.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { runPytest } from './python.mjs';

const out = '.vitest-results.json';
rmSync(out, { force: true });
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
];
const run = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that fails to load contributes no failed test; count it so the line never reads green.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
}
if (run.status !== 0 && failed === 0) failed = 1;
const vitestOk = run.status === 0 && failed === 0 && passed > 0;
if (process.argv.length <= 2) {
  console.log('\npytest (packages/python):');
  const python = runPytest();
  passed += python.passed;
  failed += python.failed;
  skipped += python.skipped;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitestOk && failed === 0 ? 0 : 1);
