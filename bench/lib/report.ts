// How a benchmark hands its figures back: under `bench/run.ts` over IPC, standalone as a printed table.
import { printTable } from './table.js';
import type { Checked } from './targets.js';

/** One table line; every cell already formatted. */
export interface Row {
  bench: string;
  case: string;
  result: string;
  baseline: string;
  ratio: string;
  target?: string;
}

export interface Section {
  id: string;
  title: string;
  rows: Row[];
  /** The raw numbers, for bench/results/latest.json. */
  data: Record<string, unknown>;
  notes?: string[];
  /** Every figure that has a target (bench/lib/targets.ts), checked. */
  targets?: Checked[];
}

export function report(section: Section): void {
  if (process.send) process.send({ type: 'section', section });
  else printTable([section]);
}

export const fmt = {
  rate: (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`,
  ms: (n: number): string => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : '—'),
  /** A difference in ms with its sign: `+1.20 ms`, `−0.40 ms`. */
  deltaMs: (n: number): string => `${n < 0 ? '−' : '+'}${fmt.ms(Math.abs(n))}`,
  ratio: (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—'),
  us: (n: number): string => `${n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} µs`,
  pct: (n: number): string => `${Math.round(n * 100)}%`,
  mb: (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
};
