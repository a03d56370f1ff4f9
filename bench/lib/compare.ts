// Interleaved comparison: every case runs in short windows, round-robin (A B C A B C …), and each case's
// ratio is the median of its per-round ratios to the first case (the baseline). A machine that is busy
// with something else slows all cases of a round alike, so the ratio stays meaningful where an absolute
// ops/s would not.
import { closedLoop, type LoadResult, median, percentile } from './measure.js';

export interface CompareOptions {
  concurrency: number;
  /** Once per case before the rounds (JIT, sockets, pools). */
  warmupMs: number;
  windowMs: number;
  rounds: number;
  /** Called before and after each case's window (CPU meters of helper processes …). A value whose key
   *  ends in `Cpu` (a share of one core) also yields `<key>UsPerOp`: CPU µs per op in that process. */
  around?: (label: string) => Promise<(label: string) => Promise<Record<string, number>>>;
}

export interface CaseResult {
  /** Median over the rounds. */
  opsPerSec: number;
  /** Median over the rounds of (this case ÷ baseline in the same round); 1 for the baseline. */
  ratio: number;
  /** Over every measured op of every round. */
  p50: number;
  p99: number;
  ops: number;
  perRound: number[];
  extra: Record<string, number>;
}

export async function compare(
  cases: Record<string, () => Promise<void>>,
  options: CompareOptions,
): Promise<Record<string, CaseResult>> {
  const labels = Object.keys(cases);
  for (const label of labels) {
    const warm = await closedLoop({
      concurrency: options.concurrency,
      warmupMs: options.warmupMs,
      durationMs: 100,
      op: cases[label]!,
    });
    if (warm.errors) throw new Error(`${label}: ${warm.errors} errors, first: ${warm.firstError}`);
  }
  const rounds = new Map<string, LoadResult[]>(labels.map((l) => [l, []]));
  const latencies = new Map<string, number[]>(labels.map((l) => [l, []]));
  const extras = new Map<string, Record<string, number[]>>(labels.map((l) => [l, {}]));
  for (let round = 0; round < options.rounds; round++) {
    for (const label of labels) {
      const after = await options.around?.(label);
      const result = await closedLoop({
        concurrency: options.concurrency,
        warmupMs: 150,
        durationMs: options.windowMs,
        op: cases[label]!,
        latencies: latencies.get(label)!,
      });
      if (result.errors) throw new Error(`${label}: ${result.errors} errors, first: ${result.firstError}`);
      rounds.get(label)!.push(result);
      const mine = extras.get(label)!;
      const add = (key: string, value: number) => {
        mine[key] = [...(mine[key] ?? []), value];
      };
      for (const [key, value] of Object.entries((await after?.(label)) ?? {})) {
        add(key, value);
        // A CPU share (of one core) per op: µs of CPU each op cost that process, whatever else the machine ran.
        if (key.endsWith('Cpu')) add(`${key}UsPerOp`, (value / result.opsPerSec) * 1e6);
      }
    }
  }
  const base = rounds.get(labels[0]!)!;
  const out: Record<string, CaseResult> = {};
  for (const label of labels) {
    const mine = rounds.get(label)!;
    const sorted = latencies.get(label)!.sort((a, b) => a - b);
    out[label] = {
      opsPerSec: median(mine.map((r) => r.opsPerSec)),
      ratio: median(mine.map((r, i) => r.opsPerSec / base[i]!.opsPerSec)),
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      ops: mine.reduce((n, r) => n + r.ops, 0),
      perRound: mine.map((r) => Math.round(r.opsPerSec)),
      extra: Object.fromEntries(Object.entries(extras.get(label)!).map(([k, v]) => [k, median(v)])),
    };
  }
  return out;
}
