// Writes the root README's "Speed" table from one committed full run (bench/results/<commit>.json), so the
// figures a reader sees are quoted from a run, with its machine and load average, never typed in by hand:
// `pnpm exec tsx bench/readme-speed.ts bench/results/<commit>.json`.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checked } from './lib/targets.js';
import { TARGETS } from './lib/targets.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- speed: written by bench/readme-speed.ts from a bench/results file; do not edit -->';
const END = '<!-- /speed -->';

interface RunFile {
  startedAt: string;
  commit: string;
  dirty: boolean;
  node: string;
  cpus: number;
  cpuModel: string;
  loadavg: { before: number[]; after: number[] };
  failures: unknown[];
  sections: Record<string, { targets?: Checked[] }>;
}

function figure(c: Checked): string {
  const unit = TARGETS[c.target].unit;
  const digits = unit === '×' ? 2 : unit === '/s' || unit === ' MB' ? 0 : 2;
  return `${c.figure.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit}`;
}

function table(run: RunFile, file: string): string {
  const rows = Object.values(run.sections).flatMap((section) =>
    (section.targets ?? []).map((c) => {
      const t = TARGETS[c.target];
      const of = c.of && !t.figure.toLowerCase().includes(c.of.toLowerCase()) ? ` (${c.of})` : '';
      return `| ${t.bench} | ${t.figure}${of} | ${figure(c)} | ${c.bound} ${c.met ? '✓' : '✗'} |`;
    }),
  );
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' / ');
  return [
    `From \`${file}\`: commit ${run.commit}, ${run.startedAt.slice(0, 10)}, ${run.cpus} CPUs (${run.cpuModel}), ` +
      `Node ${run.node}, load average ${load(run.loadavg.before)} before and ${load(run.loadavg.after)} after ` +
      '(1 / 5 / 15 min). Ratios are against a baseline run in the same run; how each is measured is in ' +
      '[bench/README.md](bench/README.md).',
    '',
    '| benchmark | figure | measured | target |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2];
  if (!path) throw new Error('usage: tsx bench/readme-speed.ts bench/results/<commit>.json');
  const run = JSON.parse(readFileSync(path, 'utf8')) as RunFile;
  if (run.dirty || run.failures.length > 0) throw new Error(`${path} is not a full clean run`);
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} has no ${START} … ${END} block`);
  const block = table(run, `bench/results/${basename(path)}`);
  writeFileSync(README, `${readme.slice(0, start + START.length)}\n${block}\n${readme.slice(end)}`);
  console.log(`README.md speed table written from ${path}`);
}
