import type { Section } from './report.js';

const COLUMNS = [
  ['bench', 'benchmark'],
  ['case', 'case'],
  ['result', 'result'],
  ['baseline', 'baseline'],
  ['ratio', 'ratio'],
  ['target', 'target (issue)'],
] as const;

/** A plain-text table of every section's rows, then each section's notes. */
export function printTable(sections: Section[]): void {
  const rows = sections.flatMap((s) => s.rows);
  const widths = COLUMNS.map(([key, title]) =>
    Math.max(title.length, ...rows.map((r) => (r[key] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const out = [line(COLUMNS.map(([, title]) => title)), rule];
  let previous: string | undefined;
  for (const row of rows) {
    const bench = row.bench === previous ? '' : row.bench;
    if (bench && previous !== undefined) out.push(rule);
    previous = row.bench;
    out.push(line([bench, row.case, row.result, row.baseline, row.ratio, row.target ?? '']));
  }
  console.log(out.join('\n'));
  for (const section of sections) {
    for (const note of section.notes ?? []) console.log(`  · ${section.title}: ${note}`);
  }
}
