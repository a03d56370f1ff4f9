import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/index.js';

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
