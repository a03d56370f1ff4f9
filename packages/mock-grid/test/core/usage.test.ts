import { describe, expect, it } from 'vitest';
import { type GridCore, isGridError } from '../../src/core/index.js';
import { chat, makeGrid, wsWorker } from './helpers.js';

const DAY = 86_400_000;

/** Runs one chat for `key` on the worker `w` and completes it with `text`. */
function served(
  grid: GridCore,
  w: ReturnType<typeof wsWorker>,
  model: string,
  text: string,
  key = 'client-key',
) {
  chat(grid, { model }, key);
  grid.complete({ generationId: w.sink.last.id, by: w.by, text });
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (isGridError(err, 'InvalidField')) return err.field;
    throw err;
  }
  return 'no error';
}

describe('usage by model and UTC day', () => {
  it('counts each charged job in its model and day row; a day boundary starts new rows', () => {
    const { grid, clock } = makeGrid();
    const small = wsWorker(grid, { name: 'small', models: ['llama-3.1-8b-instruct'] });
    const big = wsWorker(grid, { apikey: 'big-key', name: 'big', models: ['llama-3.1-70b-instruct'] });
    // The ManualClock starts at 2023-11-14T22:13:20Z.
    served(grid, small, 'llama-3.1-8b-instruct', 'Hello world'); // 3 tokens: 0.3 + 1
    served(grid, small, 'llama-3.1-8b-instruct', 'abcdefgh'); // 2 tokens: 0.2 + 1
    served(grid, big, 'llama-3.1-70b-instruct', 'Hello world'); // 3 × 0.875 = 2.63 + 1
    clock.advance(2 * 3_600_000); // past midnight UTC
    served(grid, small, 'llama-3.1-8b-instruct', 'Hello world');
    // Someone else's use is not ours.
    served(grid, small, 'llama-3.1-8b-instruct', 'Hello world', 'other-key');

    const report = grid.usage('client-key');
    expect(report).toMatchObject({
      object: 'usage.report',
      start_date: '2023-10-17',
      end_date: '2023-11-15',
    });
    expect(report.data).toEqual([
      {
        date: '2023-11-14',
        model: 'llama-3.1-70b-instruct',
        requests: 1,
        prompt_tokens: 3,
        completion_tokens: 3,
        images: 0,
        den: 3.63,
      },
      {
        date: '2023-11-14',
        model: 'llama-3.1-8b-instruct',
        requests: 2,
        prompt_tokens: 6,
        completion_tokens: 5,
        images: 0,
        den: 2.5,
      },
      {
        date: '2023-11-15',
        model: 'llama-3.1-8b-instruct',
        requests: 1,
        prompt_tokens: 3,
        completion_tokens: 3,
        images: 0,
        den: 1.3,
      },
    ]);
    expect(report.total).toEqual({
      requests: 4,
      prompt_tokens: 12,
      completion_tokens: 11,
      images: 0,
      den: 7.43,
    });
    // The total is what the account was charged.
    expect(report.total.den).toBe(grid.account('client-key').spent);
    // One day only.
    expect(grid.usage('client-key', { start: '2023-11-15', end: '2023-11-15' }).data).toHaveLength(1);
    expect(grid.usage('client-key', { end: '2023-11-14' }).total.requests).toBe(3);
    expect(grid.usage('other-key').total.requests).toBe(1);
  });

  it('a report covers the 30 days up to today by default: older use drops out of it, not out of the book', () => {
    const { grid, clock } = makeGrid();
    const w = wsWorker(grid);
    served(grid, w, 'm1', 'Hello world');
    clock.advance(30 * DAY);
    expect(grid.usage('client-key').total.requests).toBe(0);
    expect(grid.usage('client-key', { start: '2023-11-14' }).total.requests).toBe(1);
  });

  it('a day that does not exist, an end before its start or a range over 366 days is an InvalidField naming it', () => {
    const { grid } = makeGrid();
    expect(fieldOf(() => grid.usage('client-key', { start: '2023-02-30' }))).toBe('start_date');
    expect(fieldOf(() => grid.usage('client-key', { end: 'yesterday' }))).toBe('end_date');
    expect(fieldOf(() => grid.usage('client-key', { start: '2023-11-10', end: '2023-11-09' }))).toBe(
      'end_date',
    );
    expect(fieldOf(() => grid.usage('client-key', { start: '2022-01-01', end: '2023-01-02' }))).toBe(
      'end_date',
    );
    expect(grid.usage('client-key', { start: '2022-01-02', end: '2023-01-02' }).data).toEqual([]);
  });

  it('the shared anonymous key has no usage of its own; a missing key is refused', () => {
    const { grid } = makeGrid();
    expect(() => grid.usage('0000000000')).toThrow(expect.objectContaining({ code: 'MissingScope' }));
    expect(() => grid.usage(undefined)).toThrow(expect.objectContaining({ code: 'MissingAPIKey' }));
  });
});
