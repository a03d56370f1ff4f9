import { describe, expect, it } from 'vitest';
import { chat, horde, makeGrid, popBody, wsWorker } from './helpers.js';

describe('statistics and views', () => {
  it('per-model numbers come from what happened', () => {
    const { grid, clock } = makeGrid();
    const a = wsWorker(grid, { name: 'a', models: ['m1', 'm2'], max_context_length: 8192 });
    const b = wsWorker(grid, { name: 'b', models: ['m1'] });
    // Job 1 on a: first token after 500 ms, done after 2 s, 40 chars = 10 tokens.
    chat(grid);
    clock.advance(500);
    grid.progress({ generationId: a.sink.last.id, by: a.by, delta: { content: 'x' } });
    clock.advance(1500);
    grid.progress({ generationId: a.sink.last.id, by: a.by, delta: { content: 'x'.repeat(39) } });
    grid.complete({ generationId: a.sink.last.id, by: a.by, text: 'x'.repeat(40) });
    // Job 2 on b: done after 1 s without tokens (ttft = gen time), 20 chars = 5 tokens; queued 2 s before.
    chat(grid);
    const gen = a.sink.jobs.length === 2 ? a : b;
    clock.advance(1000);
    grid.complete({ generationId: gen.sink.last.id, by: gen.by, text: 'y'.repeat(20) });

    const m1 = grid.modelStatus().find((m) => m.name === 'm1');
    expect(m1).toEqual({
      name: 'm1',
      count: 2,
      type: 'text',
      max_context_length: 8192,
      samples: 2,
      tokens_per_s: 6, // decode throughput: 15 tokens / (1.5 s + 1 s) after the first token
      avg_ttft_s: 0.75, // (0.5 + 1) / 2
      avg_latency_s: 1.5, // (2 + 1) / 2
    });
    expect(grid.modelStatus()[1]).toEqual({
      name: 'm2',
      count: 1,
      type: 'text',
      max_context_length: 8192,
      samples: 0,
      tokens_per_s: null,
      avg_ttft_s: null,
      avg_latency_s: null,
    });
    expect(grid.workerList()).toMatchObject({ count: 2 });
    expect(grid.hordePerformance()).toMatchObject({
      worker_count: 2,
      past_minute_tokens: 15,
      queued_tokens: 0,
    });
    const details = grid.hordeWorker(a.reg.workerId);
    expect(details).toMatchObject({ online: true, requests_fulfilled: 1, tokens_generated: 10, uptime: 3 });
    expect(details.performance).toBe('5.0 tokens per second');
    clock.advance(60_000);
    expect(grid.hordePerformance().past_minute_tokens).toBe(0);
  });

  it('queued jobs and tokens per model, heartbeat counts', () => {
    const { grid } = makeGrid();
    grid.checkIn(popBody({ threads: 3 }));
    horde(grid, { params: { max_length: 100 } });
    horde(grid, { params: { max_length: 50, n: 2 } });
    horde(grid, { models: ['other'], params: { max_length: 30 } });
    expect(grid.hordeModels()).toEqual([
      { name: 'm1', count: 1, performance: 0, queued: 200, jobs: 3, eta: 0, type: 'text' },
    ]);
    expect(grid.hordePerformance()).toMatchObject({
      queued_requests: 4,
      queued_tokens: 230,
      thread_count: 3,
    });
    expect(grid.heartbeat()).toEqual({
      message: 'OK',
      version: '4.46.3',
      queue: 4,
      threads: 3,
      active_count: 1,
      db_connection: true,
    });
  });

  it('a Horde pop worker goes offline after 300 s without a pop: not matched, not counted', () => {
    const { grid, clock } = makeGrid();
    const pop = grid.checkIn(popBody());
    clock.advance(299_999);
    expect(grid.worker(pop.id)?.online).toBe(true);
    expect(grid.onlineModels()).toEqual(['m1']);
    clock.advance(1);
    expect(grid.worker(pop.id)?.online).toBe(false);
    expect(grid.onlineModels()).toEqual([]);
    expect(grid.workerList().count).toBe(0);
    expect(grid.heartbeat().active_count).toBe(0);
    expect(grid.hordeWorkers()).toEqual([]);
    expect(grid.hordeWorker(pop.id).online).toBe(false);
    expect(horde(grid).sub.possible).toBe(false);
    expect(() => chat(grid)).toThrow(/No compatible text workers/);
    // Uptime only accrues between check-ins less than 300 s apart.
    expect(grid.hordeWorker(pop.id).uptime).toBe(0);
    grid.checkIn(popBody());
    clock.advance(100_000);
    grid.checkIn(popBody());
    expect(grid.hordeWorker(pop.id)).toMatchObject({ online: true, uptime: 100 });
  });

  it('status reports the queue position and an estimated wait', () => {
    const { grid, clock } = makeGrid();
    const w = wsWorker(grid);
    chat(grid);
    clock.advance(4000);
    grid.complete({ generationId: w.sink.last.id, by: w.by, text: 'done' });
    grid.release(w.reg.connectionId);
    horde(grid);
    const second = horde(grid).sub;
    // 2nd in line, 4 s per job on average, no worker online → divided by 1.
    expect(grid.status(second.id)).toMatchObject({ queue_position: 2, wait_time: 8, is_possible: false });
  });
});
