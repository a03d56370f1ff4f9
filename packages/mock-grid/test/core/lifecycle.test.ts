import { describe, expect, it } from 'vitest';
import { chat, horde, makeGrid, popBody, types, wsWorker } from './helpers.js';

describe('job life across both doors and both worker kinds', () => {
  it('a /v1 chat job is pushed to a waiting WS worker, streams, completes and pays', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    expect(sink.log).toEqual(['ready']);
    const { sub, events } = chat(grid, { max_tokens: 100 });
    expect(sub.model).toBe('m1');
    expect(types(events)).toEqual(['queued', 'assigned']);
    const offer = sink.last;
    expect(offer.model).toBe('m1');
    expect(offer.payload.request.messages).toEqual([{ role: 'user', content: 'Hello there' }]);
    expect(offer.payload.prompt).toBe('User: Hello there\nAssistant:');
    expect(offer.payload.max_length).toBe(100);

    clock.advance(200);
    expect(grid.progress({ generationId: offer.id, by, delta: { content: 'Hi' } })).toBe(true);
    clock.advance(800);
    grid.progress({ generationId: offer.id, by, delta: { content: '! How can I help you today?' } });
    const { reward } = grid.complete({ generationId: offer.id, by, text: 'Hi! How can I help you today?' });
    // 29 chars → 8 tokens × 1 × 0.1 den
    expect(reward).toBe(0.8);
    expect(types(events)).toEqual(['queued', 'assigned', 'token', 'token', 'done']);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('expected done');
    expect(done.usage.completion_tokens).toBe(8);
    expect(done.grid).toMatchObject({ worker: 'ws-1', ttft: 0.2, gen_time: 1, tokens_per_s: 10 });
    // decode throughput: 8 tokens in the 0.8 s after the first token
    expect(grid.account('worker-key').balance).toBe(1000.8);
    expect(grid.account('client-key').balance).toBe(1000 - 0.8 - 1);
  });

  it('a Horde job is served by a pop worker and read back through status', () => {
    const { grid, clock } = makeGrid();
    const { sub } = horde(grid);
    const status = grid.status(sub.id);
    expect(status).toMatchObject({
      waiting: 1,
      processing: 0,
      done: false,
      queue_position: 1,
      is_possible: false,
    });
    const popped = grid.pop(popBody());
    expect(popped.job).not.toBeNull();
    const job = popped.job!;
    expect(job.model).toBe('m1');
    expect(job.ttl).toBe(86400);
    expect(job.payload).toMatchObject({
      prompt: 'Once upon a time',
      n: 1,
      max_length: 64,
      max_context_length: 2048,
    });
    expect(grid.status(sub.id)).toMatchObject({ waiting: 0, processing: 1, queue_position: 0 });
    clock.advance(2000);
    const { reward } = grid.complete({
      generationId: job.id,
      by: { apiKey: 'pop-key' },
      text: 'x'.repeat(40),
    });
    expect(reward).toBe(1);
    const after = grid.status(sub.id);
    expect(after).toMatchObject({ finished: 1, done: true, kudos: 2 });
    expect(after.generations[0]).toMatchObject({
      text: 'x'.repeat(40),
      worker_name: 'pop-1',
      model: 'm1',
      state: 'ok',
    });
  });

  it('done reports the routing of an auto model and a finish_reason seen on a token frame', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid, { models: ['m9'] });
    const { events } = chat(grid, { model: 'auto' });
    grid.progress({
      generationId: sink.last.id,
      by,
      delta: { content: 'ok' },
      finish_reason: 'stop_sequence',
    });
    grid.complete({ generationId: sink.last.id, by, text: 'ok' });
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('expected done');
    expect(done.finish_reason).toBe('stop_sequence');
    expect(done.grid.routing).toMatchObject({ requested: 'auto', model: 'm9' });
  });

  it('finish_reason is length when the grid-counted tokens reach the cap', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const { events } = chat(grid, { max_tokens: 2 });
    grid.complete({ generationId: sink.last.id, by, text: 'a long answer' });
    const done = events.at(-1);
    expect(done?.type === 'done' && [done.finish_reason, done.usage.completion_tokens]).toEqual([
      'length',
      2,
    ]);
    // A concrete model: routing says how the worker was chosen, with no model rule.
    expect(done?.type === 'done' && done.grid.routing?.model_rule).toBeUndefined();
    expect(done?.type === 'done' && done.grid.routing).toMatchObject({ decided: 'routed', considered: 1 });
  });
});

describe('ids', () => {
  it('requests, jobs, generations, workers and connections get distinct v4-shaped UUIDs', () => {
    const { grid } = makeGrid();
    const ws = wsWorker(grid);
    const { sub } = horde(grid, { params: { n: 2 } });
    const pop = grid.pop(popBody());
    const ids = [
      sub.id,
      ...sub.jobIds,
      ws.sink.last.id,
      pop.job!.id,
      ws.reg.workerId,
      ws.reg.connectionId,
      pop.workerId,
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('an in-process worker that answers synchronously', () => {
  it('drains a long queue without recursing once per job', () => {
    const { grid } = makeGrid({ maxInFlight: 20_000 });
    const N = 20_000;
    for (let i = 0; i < N; i++)
      grid.submit({ source: 'horde', apiKey: 'c', request: { prompt: 'p', models: ['m1'] } });
    let answered = 0;
    let connectionId = '';
    grid.register(
      { apikey: 'w', name: 'sync', models: ['m1'] },
      {
        ready: (reg) => {
          connectionId = reg.connectionId;
        },
        job: (offer) => {
          answered++;
          grid.complete({ generationId: offer.id, by: { connectionId }, text: 'done' });
        },
        cancel: () => {},
        close: () => {},
      },
    );
    expect(answered).toBe(N);
    expect(grid.counters().queued).toBe(0);
    expect(grid.account('w').jobsFulfilled).toBe(N);
  });
});
