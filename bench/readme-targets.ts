// Writes bench/README.md's "Targets" table from bench/lib/targets.ts, so the README and the benchmark table
// read one list: `pnpm exec tsx bench/readme-targets.ts` rewrites it, `--check` exits 1 when it is stale
// (bench/run.ts makes that check before it runs anything).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bound, TARGETS, type TargetName } from './lib/targets.js';

const README = fileURLToPath(new URL('./README.md', import.meta.url));
const START = '<!-- targets: written by bench/readme-targets.ts from bench/lib/targets.ts; do not edit -->';
const END = '<!-- /targets -->';

function table(): string {
  const rows = (Object.keys(TARGETS) as TargetName[]).map((name) => {
    const t = TARGETS[name];
    return `| ${t.bench} | ${t.figure} | ${bound(name)} | \`${name}\` |`;
  });
  return ['| benchmark | figure | target | name |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README with its targets table rewritten (it must already hold the two markers). */
function rewritten(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} has no ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${table()}\n${readme.slice(end)}`;
}

export function readmeTargetsAreCurrent(): boolean {
  const readme = readFileSync(README, 'utf8');
  return rewritten(readme) === readme;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const current = readmeTargetsAreCurrent();
    console.log(current ? 'bench/README.md targets are current' : 'bench/README.md targets are stale');
    process.exit(current ? 0 : 1);
  }
  writeFileSync(README, rewritten(readFileSync(README, 'utf8')));
  console.log('bench/README.md targets written');
}
