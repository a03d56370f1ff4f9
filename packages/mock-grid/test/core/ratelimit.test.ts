import { describe, expect, it } from 'vitest';
import { type GridError, isGridError } from '../../src/core/index.js';
import { chat, horde, makeGrid, wsWorker } from './helpers.js';

function caught(fn: () => unknown): GridError {
  try {
    fn();
  } catch (error) {
    if (isGridError(error)) return error;
    throw error;
  }
  throw new Error('expected a GridError');
}

describe('rate limits and the in-flight cap', () => {
  it('live chat: 30 per minute per key, with the time left as retryAfterMs', () => {
    const { grid, clock } = makeGrid({ rateLimits: {}, maxInFlight: 1000 });
    wsWorker(grid);
    clock.advance(60_000 - (clock.now() % 60_000) + 15_000); // 15 s into a window
    for (let i = 0; i < 30; i++) chat(grid);
    const error = caught(() => chat(grid));
    expect(error).toMatchObject({ code: 'RateLimited', retryAfterMs: 45_000, limit: 30 });
    // Another key has its own window.
    expect(chat(grid, {}, 'second-key').sub.jobIds).toHaveLength(1);
    clock.advance(45_000);
    expect(chat(grid).sub.jobIds).toHaveLength(1);
  });

  it('Horde async: 2 per second per key', () => {
    const { grid, clock } = makeGrid({ rateLimits: {} });
    clock.advance(1000 - (clock.now() % 1000) + 250);
    horde(grid);
    horde(grid);
    expect(caught(() => horde(grid))).toMatchObject({ code: 'RateLimited', retryAfterMs: 750 });
    clock.advance(750);
    expect(horde(grid).sub.jobIds).toHaveLength(1);
  });

  it('limits are configurable and off with rateLimits: false', () => {
    const custom = makeGrid({ rateLimits: { hordeAsync: { limit: 1, windowMs: 10_000 } } }).grid;
    horde(custom);
    expect(caught(() => horde(custom)).code).toBe('RateLimited');
    const off = makeGrid({ rateLimits: false }).grid;
    for (let i = 0; i < 20; i++) horde(off);
  });

  it('at most 24 jobs in flight per account (n counts), freed as jobs finish', () => {
    const { grid } = makeGrid();
    horde(grid, { params: { n: 20 } });
    horde(grid, { params: { n: 4 } });
    const error = caught(() => horde(grid));
    expect(error).toMatchObject({ code: 'TooManyPrompts', limit: 24 });
    // Every 429 says when to come back (the door turns this into Retry-After).
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(grid.account('client-key').inFlight).toBe(24);
    const { sub } = horde(grid, {}, 'other-client');
    grid.cancel(sub.id);
    const { jobIds } = horde(grid, { params: { n: 4 } }, 'client-2').sub;
    expect(jobIds).toHaveLength(4);
    const first = grid.status(horde(grid, {}, 'client-3').sub.id);
    expect(first.waiting).toBe(1);
  });

  it('a per-key cap overrides the default', () => {
    const { grid } = makeGrid({ keys: [{ key: 'small', maxInFlight: 1 }] });
    const { sub } = horde(grid, {}, 'small');
    expect(caught(() => horde(grid, {}, 'small'))).toMatchObject({ code: 'TooManyPrompts', limit: 1 });
    grid.cancel(sub.id);
    expect(horde(grid, {}, 'small').sub.jobIds).toHaveLength(1);
  });
});
