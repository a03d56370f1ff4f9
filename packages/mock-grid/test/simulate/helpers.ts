import type { ManualClock } from '../../src/core/index.js';
import type { FleetInput } from '../../src/simulate/index.js';

/** A fleet that answers at once on a system clock (no test waits on a simulated speed). */
export const FAST = { ttft_ms: 0, tokens_per_second: 1_000_000 } as const;

export const TEXT_MODEL = 'llama-3.1-8b-instruct';

export function fastFleet(extra: Partial<FleetInput['workers'][number]> = {}): FleetInput {
  return { workers: [{ name: 'sim-fast', models: [TEXT_MODEL], ...FAST, ...extra }] };
}

/** Polls `cond` (every 5 ms, up to 20 s: a saturated CI machine is slow, never wrong). */
export async function until(cond: () => boolean, what = 'the condition'): Promise<void> {
  const end = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Advances a manual clock in steps until `done` settles (each step lets the sockets and promises run). */
export async function driveUntilSettled<T>(clock: ManualClock, done: Promise<T>, stepMs = 50): Promise<T> {
  let settled = false;
  const result = done.finally(() => {
    settled = true;
  });
  const end = Date.now() + 20_000;
  while (!settled) {
    if (Date.now() > end) throw new Error('timed out driving the clock');
    clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return result;
}
