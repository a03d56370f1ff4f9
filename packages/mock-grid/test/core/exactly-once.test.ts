import { describe, expect, it } from 'vitest';
import { type GridCore, isGridError } from '../../src/core/index.js';
import { chat, horde, makeGrid, popBody, wsWorker } from './helpers.js';

/** The ledger records of `key` about `jobId`, by kind. */
function ledger(grid: GridCore, key: string, jobId: string) {
  const records = grid.account(key).records.filter((r) => r.jobId === jobId);
  return {
    earned: records.filter((r) => r.kind === 'earned'),
    spent: records.filter((r) => r.kind === 'spent'),
  };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (isGridError(err)) return err.code;
    throw err;
  }
}

/** One completion is 'Hello world' (3 tokens): 0.3 den to the worker, 1.3 den from the requester. */
const TEXT = 'Hello world';

describe('the requester is charged and the worker credited exactly once per completed job', () => {
  it('a retry after a worker failure: the failed attempt earns nothing, the one that completes is paid once', () => {
    const { grid } = makeGrid();
    const a = wsWorker(grid, { apikey: 'a-key', name: 'ws-a' });
    const { sub } = chat(grid);
    const jobId = sub.jobIds[0]!;
    const b = wsWorker(grid, { apikey: 'b-key', name: 'ws-b' });
    expect(b.sink.jobs).toHaveLength(0);
    grid.fail({ generationId: a.sink.last.id, by: a.by, message: 'backend crashed' });
    // Retried on the other worker.
    expect(b.sink.jobs).toHaveLength(1);
    grid.complete({ generationId: b.sink.last.id, by: b.by, text: TEXT });
    expect(ledger(grid, 'a-key', jobId).earned).toHaveLength(0);
    expect(ledger(grid, 'b-key', jobId).earned).toEqual([
      expect.objectContaining({ amount: 0.3, tokens: 3 }),
    ]);
    expect(ledger(grid, 'client-key', jobId).spent).toEqual([expect.objectContaining({ amount: 1.3 })]);
    expect(grid.account('a-key').balance).toBe(1000);
    expect(grid.account('client-key')).toMatchObject({ balance: 998.7, spent: 1.3 });
    expect(grid.usage('client-key').total).toMatchObject({ requests: 1, completion_tokens: 3, den: 1.3 });
  });

  it('a requeue after a disconnect: the gone worker late answer is stale, the new worker is paid once', () => {
    const { grid } = makeGrid();
    const a = wsWorker(grid, { apikey: 'a-key', name: 'ws-a' });
    const { sub } = chat(grid);
    const jobId = sub.jobIds[0]!;
    const first = a.sink.last.id;
    grid.release(a.reg.connectionId);
    const b = wsWorker(grid, { apikey: 'b-key', name: 'ws-b' });
    grid.complete({ generationId: b.sink.last.id, by: b.by, text: TEXT });
    expect(codeOf(() => grid.complete({ generationId: first, by: a.by, text: TEXT }))).toBe('AbortedGen');
    expect(ledger(grid, 'a-key', jobId).earned).toHaveLength(0);
    expect(ledger(grid, 'b-key', jobId).earned).toHaveLength(1);
    expect(ledger(grid, 'client-key', jobId).spent).toHaveLength(1);
    expect(grid.account('client-key').spent).toBe(1.3);
  });

  it('a requeue after a lease ran out: the late submit is stale, the second worker is paid once', () => {
    const { grid, clock } = makeGrid();
    const { sub } = horde(grid);
    const jobId = sub.jobIds[0]!;
    const first = grid.pop(popBody()).job!;
    clock.advance(150_000); // the pop lease
    const second = grid.pop(popBody({ apikey: 'pop2-key', name: 'pop-2' })).job!;
    expect(second.jobId).toBe(jobId);
    grid.complete({ generationId: second.id, by: { apiKey: 'pop2-key' }, text: TEXT });
    expect(
      codeOf(() => grid.complete({ generationId: first.id, by: { apiKey: 'pop-key' }, text: TEXT })),
    ).toBe('AbortedGen');
    expect(ledger(grid, 'pop-key', jobId).earned).toHaveLength(0);
    expect(ledger(grid, 'pop2-key', jobId).earned).toHaveLength(1);
    expect(ledger(grid, 'client-key', jobId).spent).toHaveLength(1);
    expect(grid.status(sub.id).kudos).toBe(grid.account('client-key').spent);
  });

  it('a duplicate submit (WS done twice, Horde submit twice) changes nothing the second time', () => {
    const { grid } = makeGrid();
    const ws = wsWorker(grid);
    const v1 = chat(grid);
    const gen = ws.sink.last.id;
    grid.complete({ generationId: gen, by: ws.by, text: TEXT });
    expect(codeOf(() => grid.complete({ generationId: gen, by: ws.by, text: TEXT }))).toBe('DuplicateGen');
    // The Horde job goes to a pop worker.
    grid.release(ws.reg.connectionId);
    const h = horde(grid);
    const { job } = grid.pop(popBody());
    grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: TEXT });
    expect(
      codeOf(() => grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: TEXT })),
    ).toBe('DuplicateGen');
    expect(ledger(grid, 'worker-key', v1.sub.jobIds[0]!).earned).toHaveLength(1);
    expect(ledger(grid, 'pop-key', h.sub.jobIds[0]!).earned).toHaveLength(1);
    expect(grid.account('client-key')).toMatchObject({ spent: 2.6, balance: 997.4 });
    expect(grid.account('worker-key').earned).toBe(0.3);
    expect(grid.account('pop-key').earned).toBe(0.3);
    expect(grid.usage('client-key').total.requests).toBe(2);
  });

  it('n > 1: each choice is charged once, and the request costs their sum', () => {
    const { grid } = makeGrid();
    const workers = ['a', 'b', 'c'].map((k) => wsWorker(grid, { apikey: `${k}-key`, name: `ws-${k}` }));
    const { sub, events } = chat(grid, { n: 3 });
    for (const w of workers) grid.complete({ generationId: w.sink.last.id, by: w.by, text: TEXT });
    for (const jobId of sub.jobIds) expect(ledger(grid, 'client-key', jobId).spent).toHaveLength(1);
    for (const k of ['a', 'b', 'c'])
      expect(grid.account(`${k}-key`)).toMatchObject({ earned: 0.3, jobsFulfilled: 1 });
    expect(grid.account('client-key').spent).toBe(3.9);
    const dens = events.flatMap((e) => (e.type === 'done' ? [e.grid.den] : []));
    expect(dens).toEqual([1.3, 1.3, 1.3]);
    expect(sub.quote.den).toBe(156.6); // 3 × (512 × 0.1 + 1): priced at the 512-token default cap
    expect(grid.usage('client-key').total).toMatchObject({
      requests: 3,
      prompt_tokens: 9,
      completion_tokens: 9,
    });
  });

  it('cancels: a job cancelled before it completes is never charged, its worker never paid', () => {
    const { grid } = makeGrid();
    const a = wsWorker(grid, { apikey: 'a-key', name: 'ws-a' });
    // Cancelled while leased: the worker's late done is stale.
    const leased = chat(grid);
    const gen = a.sink.last.id;
    grid.cancel(leased.sub.id);
    expect(a.sink.cancels).toContain(gen);
    expect(codeOf(() => grid.complete({ generationId: gen, by: a.by, text: TEXT }))).toBe('AbortedGen');
    // Of n = 2, one choice done, then the request cancelled: only the done one is charged.
    const busy = chat(grid, { n: 2 });
    // Cancelled while queued (no worker free).
    const queued = chat(grid);
    grid.cancel(queued.sub.id);
    grid.complete({ generationId: a.sink.last.id, by: a.by, text: TEXT });
    grid.cancel(busy.sub.id);
    expect(ledger(grid, 'client-key', leased.sub.jobIds[0]!).spent).toHaveLength(0);
    expect(ledger(grid, 'client-key', queued.sub.jobIds[0]!).spent).toHaveLength(0);
    expect(ledger(grid, 'client-key', busy.sub.jobIds[0]!).spent).toHaveLength(1);
    expect(ledger(grid, 'client-key', busy.sub.jobIds[1]!).spent).toHaveLength(0);
    expect(grid.account('client-key').spent).toBe(1.3);
    expect(grid.account('a-key').earned).toBe(0.3);
    expect(grid.usage('client-key').total.requests).toBe(1);
  });
});
