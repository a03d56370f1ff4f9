// scripts/python.mjs reads pytest's closing line into the counts that `pnpm test`'s own closing line adds up.
// The lines are pytest's own, as it prints them with -q and without.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the repo's scripts, without types
import { pytestCounts } from '../../scripts/python.mjs';

const counts = (output: string, status: number) =>
  pytestCounts(output, status) as { passed: number; failed: number; skipped: number };

describe('pytestCounts', () => {
  it('reads passed and skipped from a green closing line, with or without the rule around it', () => {
    expect(counts('....s\n4 passed, 1 skipped in 2.05s\n', 0)).toEqual({ passed: 4, failed: 0, skipped: 1 });
    const ruled = '========================= 3 passed, 1 skipped in 1.25s =========================';
    expect(counts(ruled, 0)).toEqual({ passed: 3, failed: 0, skipped: 1 });
  });

  it('counts failures and errors (a broken set-up or import) as failed', () => {
    expect(counts('FAILED tests/a.py::t\n1 failed, 2 passed, 1 error in 0.31s', 1)).toEqual({
      passed: 2,
      failed: 2,
      skipped: 0,
    });
    expect(counts('2 passed, 3 errors in 1.00s', 1).failed).toBe(3);
  });

  it('never reads green when nothing ran or the closing line is missing', () => {
    expect(counts('4 deselected in 1.25s', 5).failed).toBe(1);
    expect(counts('no tests ran in 0.01s', 5).failed).toBe(1);
    expect(counts('Traceback (most recent call last):\nImportError: boom', 4).failed).toBe(1);
    // pytest said nothing failed but exited non-zero (e.g. an internal error after the summary).
    expect(counts('3 passed in 0.50s', 3)).toEqual({ passed: 3, failed: 1, skipped: 0 });
  });

  it('takes the last closing line when a test printed a look-alike earlier', () => {
    const output = 'a test printed: 9 passed in 9.00s\n.\n1 passed in 0.10s\n';
    expect(counts(output, 0)).toEqual({ passed: 1, failed: 0, skipped: 0 });
  });
});
