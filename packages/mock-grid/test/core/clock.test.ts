import { stat } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock, SystemClock } from '../../src/core/index.js';

describe('ManualClock', () => {
  it('fires due timers in time order, each at its own time, and not before', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimer(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimer(() => fired.push(`c@${clock.now()}`), 200);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(150);
    expect(fired).toEqual(['a@100', 'b@200', 'c@200']);
    expect(clock.now()).toBe(249);
    expect(clock.pendingTimers).toBe(0);
  });

  it('cleared timers never fire; timers scheduled while firing fire in the same advance when due', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    const handle = clock.setTimer(() => fired.push(-1), 50);
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 10);
    }, 20);
    clock.clearTimer(handle);
    clock.advance(100);
    expect(fired).toEqual([20, 30]);
  });

  it('rejects moving backwards', () => {
    expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
  });
});

describe('SystemClock', () => {
  it('runs a timer due now on the next turn, before a host timeout of 0 set with it', async () => {
    const clock = new SystemClock();
    const fired: string[] = [];
    await new Promise<void>((resolve) => {
      // From an I/O callback the loop's next phase runs immediates, then timers: deterministic order.
      stat(import.meta.filename ?? '.', () => {
        setTimeout(() => {
          fired.push('timeout 0');
          resolve();
        }, 0);
        clock.setTimer(() => fired.push('due now'), 0);
      });
    });
    expect(fired).toEqual(['due now', 'timeout 0']);
  });

  it('never runs a cleared timer, due now or later', async () => {
    const clock = new SystemClock();
    const fired: string[] = [];
    clock.clearTimer(clock.setTimer(() => fired.push('now'), 0));
    clock.clearTimer(clock.setTimer(() => fired.push('later'), 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toEqual([]);
  });
});
