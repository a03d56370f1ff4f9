import { describe, expect, it } from 'vitest';
import { MAX_WORKER_MODELS } from '../../src/core/index.js';
import { horde, makeGrid, popBody, wsWorker } from './helpers.js';

describe('matching', () => {
  it('model names match exactly and case-sensitively', () => {
    const { grid } = makeGrid();
    horde(grid, { models: ['Grid/Llama-3'] });
    const lower = grid.pop(popBody({ models: ['grid/llama-3'] }));
    expect(lower.job).toBeNull();
    expect(lower.skipped.models).toBe(1);
    const exact = grid.pop(popBody({ name: 'pop-2', models: ['Grid/Llama-3'] }));
    // The pop response keeps the model's case (no AIPG lower-casing).
    expect(exact.job?.model).toBe('Grid/Llama-3');
  });

  it('a job that names no model goes to any worker, served with the worker first model', () => {
    const { grid } = makeGrid();
    horde(grid, { models: [] });
    const { job } = grid.pop(popBody({ models: ['x', 'y'] }));
    expect(job?.model).toBe('x');
  });

  it('a job naming several models is served with the first one the worker has', () => {
    const { grid } = makeGrid();
    horde(grid, { models: ['a', 'b'] });
    expect(grid.pop(popBody({ models: ['b', 'c'] })).job?.model).toBe('b');
    expect(grid.counters().queued).toBe(0);
  });

  it('counts each skip reason and still finds an eligible job behind skipped ones', () => {
    const { grid } = makeGrid();
    const trustedOwner = grid.addKey({ key: 'trusted-key', trusted: true });
    expect(trustedOwner.trusted).toBe(true);
    // The pop worker under test: max_length 100, ctx 1024, nsfw false, untrusted owner.
    const probe = grid.checkIn(popBody({ max_length: 100, max_context_length: 1024, nsfw: false }));
    const other = grid.checkIn(popBody({ apikey: 'other-key', name: 'other', max_length: 2048 }));
    horde(grid, { params: { max_length: 200 } }); // max_length
    horde(grid, { params: { max_length: 50, max_context_length: 2048 } }); // max_context_length
    horde(grid, { params: { max_length: 50, max_context_length: 1024 }, nsfw: true }); // nsfw
    horde(grid, { params: { max_length: 50, max_context_length: 1024 }, nsfw: false, trusted_workers: true }); // untrusted
    horde(grid, { params: { max_length: 50, max_context_length: 1024 }, nsfw: false, workers: [other.id] }); // worker_id
    horde(grid, {
      params: { max_length: 50, max_context_length: 1024 },
      nsfw: false,
      workers: [probe.id],
      worker_blacklist: true,
    }); // blacklist
    horde(grid, { models: ['elsewhere'] }); // models
    const { sub: good } = horde(grid, { params: { max_length: 50, max_context_length: 1024 }, nsfw: false });
    const result = grid.pop(popBody({ max_length: 100, max_context_length: 1024, nsfw: false }));
    expect(result.skipped).toEqual({
      models: 1,
      max_length: 1,
      max_context_length: 1,
      nsfw: 1,
      untrusted: 1,
      worker_id: 1,
      blacklist: 1,
      performance: 0,
    });
    expect(result.job?.jobId).toBe(good.jobIds[0]);
  });

  it('trusted_workers jobs go to trusted owners; allow-lists pick the named worker', () => {
    const { grid } = makeGrid({ keys: [{ key: 'trusted-key', trusted: true }] });
    const named = grid.checkIn(popBody({ apikey: 'trusted-key', name: 'trusted-pop' }));
    horde(grid, { trusted_workers: true });
    horde(grid, { workers: [named.id] });
    expect(grid.pop(popBody()).job).toBeNull();
    expect(grid.pop(popBody({ apikey: 'trusted-key', name: 'trusted-pop' })).job).not.toBeNull();
    expect(grid.pop(popBody({ apikey: 'trusted-key', name: 'trusted-pop' })).job).not.toBeNull();
  });

  it('oldest first across model lanes and the any-model lane', () => {
    const { grid, clock } = makeGrid();
    const first = horde(grid, { models: [] }).sub;
    clock.advance(10);
    const second = horde(grid, { models: ['m2'] }).sub;
    clock.advance(10);
    const third = horde(grid, { models: ['m1'] }).sub;
    const order = [1, 2, 3].map((i) => grid.pop(popBody({ name: `p${i}`, models: ['m1', 'm2'] })).job!.jobId);
    expect(order).toEqual([first.jobIds[0], second.jobIds[0], third.jobIds[0]]);
  });

  it('a new job is pushed to a waiting WS worker; a new WS worker takes the oldest queued job', () => {
    const { grid } = makeGrid();
    const older = horde(grid).sub;
    horde(grid);
    const { sink } = wsWorker(grid);
    expect(sink.log[0]).toBe('ready');
    expect(sink.jobs).toHaveLength(1);
    expect(grid.job(older.jobIds[0]!)?.state).toBe('leased');
    // Busy: one job per connection.
    horde(grid);
    expect(sink.jobs).toHaveLength(1);
    const idle = wsWorker(grid, { name: 'ws-2' });
    expect(idle.sink.jobs).toHaveLength(1);
    const pushed = horde(grid, {}, 'another-client').sub;
    expect(grid.job(pushed.jobIds[0]!)?.state).toBe('queued');
    const waiting = wsWorker(grid, { name: 'ws-3' });
    expect(waiting.sink.jobs).toHaveLength(1);
    const fresh = horde(grid).sub;
    // ws-3 is busy too: nobody waits, so the new job stays queued.
    expect(grid.job(fresh.jobIds[0]!)?.state).toBe('queued');
  });

  it('push honours the filters: an nsfw job skips a non-nsfw WS worker', () => {
    const { grid } = makeGrid();
    const sfw = wsWorker(grid, { name: 'sfw', nsfw: false });
    const job = horde(grid, { nsfw: true }).sub;
    expect(sfw.sink.jobs).toHaveLength(0);
    const nsfw = wsWorker(grid, { name: 'nsfw' });
    expect(nsfw.sink.last.id).toBe(grid.job(job.jobIds[0]!)?.generationId);
  });

  it('a worker keeps its first 200 models, as the Horde does; a job for the 201st waits', () => {
    const { grid } = makeGrid();
    const models = Array.from({ length: 5000 }, (_, i) => `many/m${i}`);
    const pop = grid.checkIn(popBody({ name: 'many-pop', models }));
    expect(pop.models).toEqual(models.slice(0, MAX_WORKER_MODELS));
    const { reg } = wsWorker(grid, { name: 'many-ws', models });
    expect(grid.worker(reg.workerId)?.models).toHaveLength(MAX_WORKER_MODELS);
    grid.release(reg.connectionId);
    const { sub } = horde(grid, { models: [`many/m${MAX_WORKER_MODELS}`] });
    expect(grid.assign(pop.id).job).toBeNull();
    expect(grid.status(sub.id).waiting).toBe(1);
    horde(grid, { models: [`many/m${MAX_WORKER_MODELS - 1}`] });
    expect(grid.assign(pop.id).job?.model).toBe(`many/m${MAX_WORKER_MODELS - 1}`);
  });
});
