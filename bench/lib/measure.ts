// Closed-loop load: `concurrency` loops each run `op` back to back. Only ops that finish inside the measured
// window count, after a warm-up that lets the JIT, the sockets and the pools settle. Bounded by time, never by count.

export interface LoadOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** One operation; it throws on a wrong answer so a broken path cannot look fast. */
  op: () => Promise<void>;
  /** Where measured latencies go (pooled across windows); a fresh array by default. */
  latencies?: number[];
}

export interface LoadResult {
  ops: number;
  errors: number;
  seconds: number;
  opsPerSec: number;
  /** Latency percentiles in ms over the measured ops. */
  p50: number;
  p99: number;
  mean: number;
  firstError?: string;
}

export async function closedLoop(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const pooled = options.latencies;
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;
  let stopped = false;
  let ops = 0;

  const loop = async (): Promise<void> => {
    while (!stopped) {
      const started = performance.now();
      try {
        await options.op();
      } catch (err) {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
        // A path that keeps failing fails fast instead of spinning for the whole window.
        if (errors > 50) stopped = true;
        continue;
      }
      if (measuring && !stopped) {
        ops += 1;
        const latency = performance.now() - started;
        latencies.push(latency);
        pooled?.push(latency);
      }
    }
  };

  const loops = Array.from({ length: options.concurrency }, loop);
  await sleep(options.warmupMs);
  measuring = true;
  const windowStart = performance.now();
  await sleep(options.durationMs);
  stopped = true;
  const seconds = (performance.now() - windowStart) / 1000;
  await Promise.all(loops);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    ops,
    errors,
    seconds,
    opsPerSec: ops / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : Number.NaN,
    ...(firstError ? { firstError } : {}),
  };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU time of this process over a span, as a share of one core (1.0 = one core busy the whole time). */
export function cpuMeter(): () => number {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / (performance.now() - wall);
  };
}

/** `BENCH_SCALE=0.5` halves every window (a quick smoke run); `2` doubles them. */
export const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
export const ms = (base: number): number => Math.max(100, Math.round(base * SCALE));
