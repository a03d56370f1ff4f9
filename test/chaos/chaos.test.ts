import { describe, expect, it } from 'vitest';
import { type ChaosReport, runChaos } from '../../bench/lib/chaos/run.js';

// Issue 9's chaos run, small and seeded: the same harness as `pnpm exec tsx bench/chaos.ts` (definitions
// at the top of bench/chaos.ts and in bench/README.md), with the built worker CLI
// (packages/worker/dist/cli.js) as one of the workers. Which attempt misbehaves, how, and after how many
// tokens is fixed by the seed; failures are triggered by events (N tokens sent, the grid's cancel, the next
// attempt), so a slow machine changes how long the run takes and which worker takes which attempt, never
// what a correct grid counts.

function explain(report: ChaosReport): string {
  const jobs = report.examples.map((e) => `job ${e.job} [${e.problems.join(', ')}]: ${e.why.join('; ')}`);
  const rest = { stuck: report.stuck, unacked: report.unacked, harnessErrors: report.harnessErrors };
  return [...jobs, JSON.stringify(rest)].join('\n');
}

function expectClean(report: ChaosReport): void {
  expect({ counts: report.counts, stuck: report.stuck, unacked: report.unacked }, explain(report)).toEqual({
    counts: { lost: 0, duplicated: 0, wronglyDelivered: 0, wronglyCharged: 0 },
    stuck: 0,
    unacked: 0,
  });
  // The grid's ledger agrees with itself: what workers were told they earned is what their accounts got,
  // and requesters paid the price of what they received.
  expect(report.totals.workersEarned).toBeCloseTo(report.totals.toldWorkers, 2);
  expect(report.totals.charged).toBeCloseTo(report.totals.expectedCharged, 2);
  expect(report.real.unexpected).toBe(0);
  expect(report.harnessErrors).toEqual([]);
}

describe('chaos: jobs through every door while workers die, freeze and answer twice', () => {
  it('the harness counts nothing when every worker behaves', { timeout: 600_000 }, async () => {
    const report = await runChaos({ jobs: 60, seed: 9, calm: true, stallMs: 120_000 });
    expect(report.outcomes).toEqual({ success: 60, error: 0, none: 0 });
    expectClean(report);
  });

  it('150 seeded jobs: none lost, duplicated, wrongly delivered or wrongly charged', {
    timeout: 600_000,
  }, async () => {
    const report = await runChaos({ jobs: 150, seed: 9, stallMs: 120_000 });
    // The run did what it says: every door, and every misbehaviour of our own workers, happened.
    expect(report.jobs).toBe(150);
    expect(Object.keys(report.doors).sort()).toEqual(['horde', 'v1', 'v1-stream']);
    const behaviours = [
      'ws:die',
      'ws:error',
      'ws:freeze-cancelled',
      'ws:dup-done',
      'ws:liar',
      'pop:late',
      'pop:twice',
    ];
    for (const behaviour of behaviours) expect(report.attempts[behaviour], behaviour).toBeGreaterThan(0);
    expect(report.real.spawned).toBeGreaterThan(0);
    expectClean(report);
  });
});
