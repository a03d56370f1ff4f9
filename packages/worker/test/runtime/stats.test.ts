import { describe, expect, it } from 'vitest';
import { StatsCounter } from '../../src/runtime/stats.js';
import { statusLine } from '../../src/status.js';

describe('StatsCounter', () => {
  it('sums decimal rewards without floating-point noise', () => {
    expect(1.1 + 10.2).not.toBe(11.3); // the noise this guards against
    const counter = new StatsCounter();
    counter.addDen(1.1);
    counter.addDen(10.2);
    expect(counter.den).toBe(11.3);
    counter.addDen(Number.NaN);
    expect(counter.den).toBe(11.3);
  });

  it('keeps the status line to two decimals', () => {
    const counter = new StatsCounter();
    counter.addDen(0.1);
    counter.addDen(0.2);
    const line = statusLine(
      { state: 'idle', connected: 1, inFlight: 0, jobs: { ...counter.jobs }, tokens: 0, den: counter.den },
      0,
    );
    expect(line).toContain('| 0.30 den |');
  });
});
