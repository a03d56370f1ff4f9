import { describe, expect, it } from 'vitest';
import { type GridErrorCode, isGridError } from '../../src/core/index.js';
import { chat, horde, makeGrid, popBody, types, wsWorker } from './helpers.js';

function code(fn: () => unknown): GridErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isGridError(error)) return error.code;
    throw error;
  }
}

describe('leases, requeues and faults', () => {
  it('an expired pop lease sends the job back to the front, keeping its age', () => {
    const { grid, clock } = makeGrid();
    const old = horde(grid);
    clock.advance(1000);
    const young = horde(grid);
    const first = grid.pop(popBody()).job!;
    expect(first.jobId).toBe(old.sub.jobIds[0]);
    clock.advance(149_999);
    expect(grid.job(first.jobId)?.state).toBe('leased');
    clock.advance(1);
    expect(grid.job(first.jobId)?.state).toBe('queued');
    expect(types(old.events)).toEqual(['queued', 'assigned', 'requeued']);
    expect(grid.status(old.sub.id)).toMatchObject({ queue_position: 1, restarted: 1, waiting: 1 });
    expect(grid.status(young.sub.id).queue_position).toBe(2);
    // The worker that let the lease expire has a strike and is not handed that job again; another worker is.
    expect(grid.worker('pop-1')?.strikes).toBe(1);
    expect(grid.pop(popBody()).job!.jobId).toBe(young.sub.jobIds[0]);
    expect(grid.pop(popBody({ name: 'pop-2' })).job!.jobId).toBe(old.sub.jobIds[0]);
    // The first lease's late submit is stale.
    expect(
      code(() => grid.complete({ generationId: first.id, by: { apiKey: 'pop-key' }, text: 'late' })),
    ).toBe('AbortedGen');
    expect(grid.worker('pop-1')?.uncompletedJobs).toBe(1);
  });

  it('a WS lease is renewed by token frames and expires 5 minutes after the last one', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { sub, events } = chat(grid);
    const gen = sink.last.id;
    clock.advance(200_000);
    grid.progress({ generationId: gen, by, delta: { content: 'a' } });
    clock.advance(200_000);
    expect(grid.job(sub.jobIds[0]!)?.state).toBe('streaming');
    clock.advance(100_000);
    expect(sink.cancels).toEqual([gen]);
    expect(types(events)).toEqual(['queued', 'assigned', 'token', 'requeued']);
    // Letting the lease expire is a strike, and the job is not handed back to the same worker: another one takes it.
    expect(grid.worker('ws-1')?.strikes).toBe(1);
    expect(sink.jobs).toHaveLength(1);
    const other = wsWorker(grid, { name: 'ws-2' });
    expect(types(events)).toEqual(['queued', 'assigned', 'token', 'requeued', 'assigned']);
    expect(other.sink.last.id).not.toBe(gen);
  });

  it('a WS disconnect requeues the job at the front without counting a failure', () => {
    const { grid } = makeGrid();
    const a = wsWorker(grid);
    const { sub, events } = chat(grid);
    grid.release(a.reg.connectionId);
    expect(types(events)).toEqual(['queued', 'assigned', 'requeued']);
    expect(grid.job(sub.jobIds[0]!)).toMatchObject({ state: 'queued', attempts: 0 });
    const b = wsWorker(grid, { name: 'ws-2' });
    expect(b.sink.jobs).toHaveLength(1);
    expect(code(() => grid.complete({ generationId: a.sink.last.id, by: a.by, text: 'x' }))).toBe(
      'AbortedGen',
    );
    // Releasing twice is harmless.
    grid.release(a.reg.connectionId);
  });

  it('a job that fails 3 times is faulted and its requester told', () => {
    const { grid } = makeGrid();
    const { sub, events } = horde(grid);
    for (let i = 0; i < 3; i++) {
      const { job } = grid.pop(popBody());
      expect(
        grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: '', state: 'faulted' }),
      ).toEqual({
        reward: 0,
      });
    }
    expect(types(events)).toEqual([
      'queued',
      'assigned',
      'requeued',
      'assigned',
      'requeued',
      'assigned',
      'faulted',
    ]);
    expect(grid.status(sub.id)).toMatchObject({ faulted: true, done: true, restarted: 3, finished: 0 });
    expect(grid.job(sub.jobIds[0]!)?.state).toBe('faulted');
    expect(grid.account('client-key').inFlight).toBe(0);
  });

  it('cancelling a queued job removes it from the queue', () => {
    const { grid } = makeGrid();
    const { sub, events } = horde(grid);
    const status = grid.cancel(sub.id);
    expect(status).toMatchObject({ done: true, waiting: 0 });
    expect(types(events)).toEqual(['queued', 'cancelled']);
    expect(grid.pop(popBody()).job).toBeNull();
    expect(grid.counters().queued).toBe(0);
  });

  it('cancelling a leased job reaches the WS worker; the connection frees when the worker confirms', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { sub, events } = chat(grid);
    const next = chat(grid);
    const gen = sink.last.id;
    grid.cancel(sub.id);
    expect(sink.cancels).toEqual([gen]);
    expect(types(events)).toEqual(['queued', 'assigned', 'cancelled']);
    // Still draining the cancelled job: the next job waits.
    expect(sink.jobs).toHaveLength(1);
    expect(grid.progress({ generationId: gen, by, delta: { content: 'late' } })).toBe(false);
    expect(code(() => grid.complete({ generationId: gen, by, text: 'partial', cancelled: true }))).toBe(
      'AbortedGen',
    );
    expect(sink.jobs).toHaveLength(2);
    expect(grid.job(next.sub.jobIds[0]!)?.state).toBe('leased');
  });

  it('a worker answering a cancel with an error frame is normal flow: not accepted, no strike, slot freed', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { sub } = chat(grid);
    chat(grid);
    const gen = sink.last.id;
    grid.cancel(sub.id);
    expect(grid.fail({ generationId: gen, by, message: 'aborted' })).toEqual({
      accepted: false,
      reason: 'AbortedGen',
    });
    expect(grid.worker('ws-1')?.strikes).toBe(0);
    expect(sink.jobs).toHaveLength(2);
    expect(grid.fail({ generationId: 'unknown', by })).toEqual({ accepted: false, reason: 'InvalidJobID' });
    const second = sink.last.id;
    expect(grid.fail({ generationId: second, by, message: 'oops' })).toEqual({ accepted: true });
    expect(grid.fail({ generationId: second, by })).toEqual({ accepted: false, reason: 'DuplicateGen' });
  });

  it('a cancelled WS job frees the connection after one more lease if the worker never answers', () => {
    const { grid, clock } = makeGrid();
    const { sink } = wsWorker(grid);
    const { sub } = chat(grid);
    chat(grid);
    grid.cancel(sub.jobIds[0]!);
    clock.advance(300_000);
    expect(sink.jobs).toHaveLength(2);
  });

  it('cancelling a popped job makes its submit stale', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid);
    const { job } = grid.pop(popBody());
    grid.cancel(sub.id);
    expect(code(() => grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'x' }))).toBe(
      'AbortedGen',
    );
  });

  it('submit errors: DuplicateGen, InvalidJobID, WrongCredentials, RequestNotFound', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid);
    const { job } = grid.pop(popBody());
    expect(
      code(() => grid.complete({ generationId: job!.id, by: { apiKey: 'someone-else' }, text: 'x' })),
    ).toBe('WrongCredentials');
    expect(
      grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'hello' }).reward,
    ).toBeGreaterThan(0);
    expect(
      code(() => grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'hello' })),
    ).toBe('DuplicateGen');
    expect(code(() => grid.complete({ generationId: 'nope', by: { apiKey: 'pop-key' }, text: 'x' }))).toBe(
      'InvalidJobID',
    );
    expect(code(() => grid.status('nope'))).toBe('RequestNotFound');
    expect(code(() => grid.cancel('nope'))).toBe('RequestNotFound');
    expect(grid.status(sub.id).done).toBe(true);
  });

  it('finished Horde requests stay readable for retentionMs; /v1 requests are forgotten when done', () => {
    const { grid, clock } = makeGrid({ retentionMs: 60_000 });
    const { sink, by } = wsWorker(grid);
    const h = horde(grid);
    grid.complete({ generationId: sink.last.id, by, text: 'x' });
    const c = chat(grid);
    grid.complete({ generationId: sink.last.id, by, text: 'y' });
    expect(code(() => grid.status(c.sub.id))).toBe('RequestNotFound');
    clock.advance(59_999);
    expect(grid.status(h.sub.id).finished).toBe(1);
    clock.advance(1);
    expect(code(() => grid.status(h.sub.id))).toBe('RequestNotFound');
    expect(grid.counters()).toMatchObject({ requests: 0, generations: 0 });
  });

  it('WS generation ids are remembered for wsRetentionMs, Horde ones for retentionMs', () => {
    const { grid, clock } = makeGrid({ wsRetentionMs: 1000, retentionMs: 5000 });
    const ws = wsWorker(grid);
    horde(grid);
    const wsGen = ws.sink.last.id;
    grid.complete({ generationId: wsGen, by: ws.by, text: 'x' });
    horde(grid, { models: ['pop-only'] });
    const { job } = grid.pop(popBody({ models: ['pop-only'] }));
    grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'y' });
    clock.advance(999);
    expect(code(() => grid.complete({ generationId: wsGen, by: ws.by, text: 'x' }))).toBe('DuplicateGen');
    clock.advance(1);
    expect(code(() => grid.complete({ generationId: wsGen, by: ws.by, text: 'x' }))).toBe('InvalidJobID');
    expect(code(() => grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'y' }))).toBe(
      'DuplicateGen',
    );
    clock.advance(4000);
    expect(code(() => grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'y' }))).toBe(
      'InvalidJobID',
    );
  });

  it("a Horde submit cannot finish a generation held by the same owner's WS connection", () => {
    const { grid } = makeGrid();
    const ws = wsWorker(grid, { apikey: 'same-owner' });
    horde(grid);
    const id = ws.sink.last.id;
    expect(grid.progress({ generationId: id, by: { apiKey: 'same-owner' }, delta: { content: 'x' } })).toBe(
      false,
    );
    expect(code(() => grid.complete({ generationId: id, by: { apiKey: 'same-owner' }, text: 'x' }))).toBe(
      'AbortedGen',
    );
    expect(grid.complete({ generationId: id, by: ws.by, text: 'x' }).reward).toBeGreaterThan(0);
  });
});
