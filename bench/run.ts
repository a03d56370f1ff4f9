// `pnpm bench`: runs every benchmark in its own Node process (fresh heap, `--expose-gc`, no state shared
// between benchmarks), one after the other, each with a hard time limit; prints one table and writes
// bench/results/latest.json, and a full run also bench/results/<short commit>[-dirty].json (bench/README.md
// "Results"). `pnpm bench grid ttft` runs only the files whose names contain a given word.
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Section } from './lib/report.js';
import { printTable } from './lib/table.js';
import { TARGETS } from './lib/targets.js';
import { readmeTargetsAreCurrent } from './readme-targets.js';

const BENCHES = [
  'sdk-overhead.bench.ts',
  'grid-lifecycles.bench.ts',
  'grid-memory.bench.ts',
  'worker-jobs.bench.ts',
  'ttft.bench.ts',
  'python-sdk.bench.ts',
  'horde-lifecycles.bench.ts',
  'image-overhead.bench.ts',
  'job-notify.bench.ts',
  'client-ws.bench.ts',
  'prism.bench.ts',
  'routing.bench.ts',
];
const LIMIT_MS = 100_000;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const filters = process.argv.slice(2).filter((arg) => arg !== '--');
const selected = BENCHES.filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
if (selected.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}; there are: ${BENCHES.join(', ')}`);
  process.exit(2);
}

if (!readmeTargetsAreCurrent()) {
  console.error(
    "bench/README.md's targets table differs from bench/lib/targets.ts: run `pnpm exec tsx bench/readme-targets.ts`",
  );
  process.exit(2);
}
const repo = here('..');
// What is measured: the commit, and whether the work tree had changes outside bench/results then (the
// results themselves change nothing that is measured).
const commit = git('rev-parse', 'HEAD');
const dirty = git('status', '--porcelain', '--', '.', ':(exclude)bench/results') !== '';
const started = new Date();
const startedMs = performance.now();
const loadBefore = loadavg();
const sections: Section[] = [];
const failures: { file: string; error: string }[] = [];
for (const file of selected) {
  const t0 = performance.now();
  console.error(`▶ ${file}`);
  try {
    sections.push(...(await runOne(file)));
  } catch (err) {
    failures.push({ file, error: err instanceof Error ? err.message : String(err) });
    console.error(`✗ ${file}: ${failures.at(-1)!.error}`);
  }
  console.error(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
const seconds = (performance.now() - startedMs) / 1000;
const loadAfter = loadavg();

console.log('');
printTable(sections);
console.log(
  `\n${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}; load average ${loadBefore[0]!.toFixed(2)} ` +
    `before, ${loadAfter[0]!.toFixed(2)} after. Ratios compare cases run in the same process and the same minute; ` +
    'absolute rates move with whatever else the machine runs.',
);
const checked = sections.flatMap((s) => s.targets ?? []);
const missed = checked.filter((c) => !c.met);
console.log(
  `targets: ${checked.length - missed.length} of ${checked.length} met` +
    (missed.length ? `; missed: ${missed.map((c) => `${c.target} (${c.of})`).join(', ')}` : ''),
);
for (const { file, error } of failures) console.log(`FAILED ${file}: ${error}`);

mkdirSync(here('./results'), { recursive: true });
const json = `${JSON.stringify(
  {
    startedAt: started.toISOString(),
    seconds,
    commit,
    dirty,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    loadavg: { before: loadBefore, after: loadAfter },
    benches: selected,
    failures,
    targets: TARGETS,
    sections: Object.fromEntries(sections.map((s) => [s.id, s])),
  },
  null,
  2,
)}\n`;
const outputs = [here('./results/latest.json')];
// Kept per commit: only a full run in which every benchmark finished, so a commit's file holds every section.
const full = selected.length === BENCHES.length && failures.length === 0;
if (full && commit) outputs.push(here(`./results/${commit.slice(0, 7)}${dirty ? '-dirty' : ''}.json`));
for (const out of outputs) writeFileSync(out, json);
console.log(
  `results: ${outputs.join(', ')}${full ? '' : ' (not a full run without failures: not kept per commit)'}`,
);
process.exit(failures.length ? 1 : 0);

function runOne(file: string): Promise<Section[]> {
  return new Promise((resolve, reject) => {
    const got: Section[] = [];
    const child = fork(here(`./${file}`), [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${LIMIT_MS / 1000} s; stopped`));
    }, LIMIT_MS);
    child.on('message', (message) => {
      const m = message as { type: string; section?: Section };
      if (m.type === 'section' && m.section) got.push(m.section);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && got.length) resolve(got);
      else reject(new Error(`exited with ${signal ?? code}${got.length ? '' : ' without results'}`));
    });
  });
}

/** A git command's trimmed output in the repository; undefined when git is missing or fails. */
function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
