import { describe, expect, it } from 'vitest';
import { isGridError } from '../../src/core/index.js';
import { chat, horde, makeGrid, popBody, wsWorker } from './helpers.js';

describe('rewards and the ledger', () => {
  it('the grid counts tokens itself, capped at max_length, with the model multiplier', () => {
    const { grid } = makeGrid({ modelMultipliers: { m1: 8 }, denPerToken: 0.05, hordeTax: 2 });
    horde(grid, { params: { max_length: 16 } });
    const { job } = grid.pop(popBody());
    // 400 chars ≈ 100 tokens, capped at 16; the worker cannot inflate this.
    const { reward } = grid.complete({
      generationId: job!.id,
      by: { apiKey: 'pop-key' },
      text: 'y'.repeat(400),
    });
    expect(reward).toBe(16 * 8 * 0.05);
    const worker = grid.account('pop-key');
    expect(worker).toMatchObject({ balance: 1006.4, earned: 6.4, tokensGenerated: 16, jobsFulfilled: 1 });
    expect(worker.records.at(-1)).toMatchObject({ kind: 'earned', amount: 6.4, tokens: 16, model: 'm1' });
    const client = grid.account('client-key');
    expect(client).toMatchObject({ balance: 1000 - 6.4 - 2, spent: 8.4, tokensUsed: 16, jobsRequested: 1 });
    expect(client.records.at(-1)).toMatchObject({ kind: 'spent', amount: 8.4 });
    expect(grid.hordeWorker(grid.worker('pop-1')!.id)).toMatchObject({
      kudos_rewards: 6.4,
      requests_fulfilled: 1,
      tokens_generated: 16,
    });
  });

  it('the grid-wide stream tells the whole story, ending with den credited', () => {
    const { grid, events } = makeGrid();
    const { sink, by } = wsWorker(grid);
    chat(grid);
    grid.progress({ generationId: sink.last.id, by, delta: { content: 'Hi' } });
    grid.progress({ generationId: sink.last.id, by, delta: { content: ' there' } });
    grid.complete({ generationId: sink.last.id, by, text: 'Hi there' });
    expect(events.map((e) => e.type)).toEqual([
      'worker.online',
      'queued',
      'assigned',
      'token',
      'token',
      'done',
      'credited',
      'charged',
    ]);
    expect(events.find((e) => e.type === 'credited')).toMatchObject({ workerName: 'ws-1', den: 0.2 });
  });

  it('duplicates and stale submits earn nothing and change no balance', () => {
    const { grid, clock } = makeGrid();
    horde(grid);
    const { job } = grid.pop(popBody());
    clock.advance(150_000);
    const before = grid.account('pop-key').balance;
    expect(() => grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'x' })).toThrow();
    expect(grid.account('pop-key').balance).toBe(before);
  });

  it('censored output pays the worker but does not charge the requester', () => {
    const { grid } = makeGrid();
    horde(grid);
    const { job } = grid.pop(popBody());
    grid.complete({
      generationId: job!.id,
      by: { apiKey: 'pop-key' },
      text: 'x'.repeat(8),
      state: 'censored',
    });
    expect(grid.account('pop-key').earned).toBe(0.2);
    expect(grid.account('client-key').spent).toBe(0);
  });

  it('find_user reads the ledger and the workers', () => {
    const { grid } = makeGrid();
    const pop = grid.checkIn(popBody());
    expect(grid.findUser('pop-key')).toMatchObject({
      kudos: 1000,
      concurrency: 24,
      worker_count: 1,
      worker_ids: [pop.id],
      contributions: { tokens: 0, fulfillments: 0 },
    });
    try {
      grid.findUser(undefined);
      expect.unreachable();
    } catch (error) {
      expect(isGridError(error, 'MissingAPIKey')).toBe(true);
    }
  });

  it('upfront kudos: a requester who cannot pay is refused when the rule is on', () => {
    const { grid } = makeGrid({ upfrontKudos: true, keys: [{ key: 'poor', balance: 3 }] });
    try {
      horde(grid, { params: { max_length: 80 } }, 'poor');
      expect.unreachable();
    } catch (error) {
      // 80 tokens × 0.1 + 1 tax = 9 den needed
      expect(isGridError(error, 'KudosUpfront') && error.limit).toBe(9);
    }
  });

  it('model names like __proto__ or constructor price like any other model (no Object.prototype lookup)', () => {
    const { grid } = makeGrid();
    const plain = horde(grid, { dry_run: true, models: ['plain/model'], params: { max_length: 100 } }).sub
      .kudos;
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const { sub } = horde(grid, { dry_run: true, models: [name], params: { max_length: 100 } });
      expect(sub.kudos).toBe(plain);
    }
  });
});
