import type { JobEvent as WireJobEvent } from '@aipg/sdk';
import { describe, expect, it } from 'vitest';
import { EVENT_LOG_LIMIT, GridError, PROGRESS_EVERY_TOKENS } from '../../src/core/index.js';
import { chat, horde, makeGrid, popBody, types, wsWorker } from './helpers.js';

/** Collects what `watch` hands over, and whether the stream ended. */
function watcher() {
  const got: WireJobEvent[] = [];
  let ended = 0;
  return {
    got,
    listener: (e: WireJobEvent) => got.push(e),
    onEnd: () => {
      ended++;
    },
    get ended() {
      return ended;
    },
  };
}

const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);

/** The text the token events of `events` carry, run together. */
const text = (events: WireJobEvent[]) =>
  events.map((e) => (e.type === 'token' ? (e.delta.content ?? '') : '')).join('');

describe('job events (the event log of a watchable request)', () => {
  it('numbers a Horde job’s events 1, 2, 3 … in order, with position, worker, progress and the result', () => {
    const { grid, clock } = makeGrid();
    const first = horde(grid);
    const { sub } = horde(grid);
    const w = watcher();
    grid.watch(sub.id, { onEnd: w.onEnd }, w.listener);
    expect(w.got).toEqual([{ type: 'queued', seq: 1, id: sub.id, index: 0, at: clock.now(), position: 2 }]);

    // A WS worker takes the older job, then ours.
    const { sink, by } = wsWorker(grid);
    grid.complete({ generationId: sink.last.id, by, text: 'first' });
    expect(sink.jobs).toHaveLength(2);
    const gen = sink.last.id;
    clock.advance(100);
    for (let i = 0; i < PROGRESS_EVERY_TOKENS; i++)
      grid.progress({ generationId: gen, by, delta: { content: 'ab' } });
    grid.complete({ generationId: gen, by, text: 'ignored' });

    expect(types(w.got)).toEqual([
      'queued',
      'assigned',
      ...Array<string>(PROGRESS_EVERY_TOKENS).fill('token'),
      'progress',
      'done',
    ]);
    expect(seqs(w.got)).toEqual(w.got.map((_, i) => i + 1));
    expect(w.got[1]).toMatchObject({ type: 'assigned', worker: { name: 'ws-1' }, model: 'm1' });
    expect(w.got[1]).not.toHaveProperty('worker.region');
    // 16 frames of 2 characters: 32 characters, 8 tokens by the grid's count.
    expect(w.got.at(-2)).toMatchObject({ type: 'progress', tokens: 8 });
    expect(w.got.at(-1)).toMatchObject({
      type: 'done',
      final: true,
      text: 'ab'.repeat(16),
      finish_reason: 'stop',
    });
    expect(w.ended).toBe(1);
    expect(grid.events(first.sub.id).ended).toBe(true);
  });

  it('resumes after any seq exactly: the retained events after it, then the live ones', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid);
    const { sink, by } = wsWorker(grid);
    const gen = sink.last.id;
    for (let i = 0; i < 5; i++) grid.progress({ generationId: gen, by, delta: { content: `t${i} ` } });
    const all = grid.events(sub.id).events;
    expect(types(all)).toEqual(['queued', 'assigned', 'token', 'token', 'token', 'token', 'token']);

    for (let n = 0; n <= all.length; n++) {
      const w = watcher();
      const stop = grid.watch(sub.id, { after: n }, w.listener);
      expect(seqs(w.got)).toEqual(seqs(all).filter((s) => s > n));
      stop();
    }

    // A watcher that joins after seq 4 gets 5…7 and then the live events, each once.
    const w = watcher();
    grid.watch(sub.id, { after: 4, onEnd: w.onEnd }, w.listener);
    grid.progress({ generationId: gen, by, delta: { content: 'end' } });
    grid.complete({ generationId: gen, by, text: '' });
    expect(seqs(w.got)).toEqual([5, 6, 7, 8, 9]);
    expect(types(w.got).slice(-2)).toEqual(['token', 'done']);
    expect(w.ended).toBe(1);

    // After the end: a late watcher gets the replay and its end at once; past the last seq, only the end.
    const late = watcher();
    grid.watch(sub.id, { after: 7, onEnd: late.onEnd }, late.listener);
    expect(seqs(late.got)).toEqual([8, 9]);
    expect(late.ended).toBe(1);
    const past = watcher();
    grid.watch(sub.id, { after: 9, onEnd: past.onEnd }, past.listener);
    expect(past.got).toEqual([]);
    expect(past.ended).toBe(1);
  });

  it('an unsubscribed watcher gets nothing more', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid);
    const w = watcher();
    const stop = grid.watch(sub.id, {}, w.listener);
    stop();
    wsWorker(grid);
    expect(types(w.got)).toEqual(['queued']);
    expect(grid.events(sub.id).lastSeq).toBe(2);
  });

  it('a requeue (worker disconnect mid-job) is pushed in order: requeued, queued again, the new worker, done', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid);
    const w = watcher();
    grid.watch(sub.id, {}, w.listener);
    const a = wsWorker(grid, { name: 'ws-a' });
    grid.progress({ generationId: a.sink.last.id, by: a.by, delta: { content: 'lost ' } });
    grid.release(a.reg.connectionId);
    const b = wsWorker(grid, { name: 'ws-b' });
    grid.progress({ generationId: b.sink.last.id, by: b.by, delta: { content: 'kept' } });
    grid.complete({ generationId: b.sink.last.id, by: b.by, text: '' });
    expect(types(w.got)).toEqual([
      'queued',
      'assigned',
      'token',
      'requeued',
      'queued',
      'assigned',
      'token',
      'done',
    ]);
    expect(seqs(w.got)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(w.got[3]).toMatchObject({ reason: 'worker disconnected' });
    expect(w.got[4]).toMatchObject({ type: 'queued', position: 1 });
    expect(w.got[5]).toMatchObject({ worker: { name: 'ws-b' } });
    expect(w.got[7]).toMatchObject({ type: 'done', text: 'kept', final: true });
  });

  it('n > 1: each generation has its index, and only the last one to end is final', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid, { params: { max_length: 64, n: 2 } });
    const pop1 = grid.pop(popBody()).job!;
    const pop2 = grid.pop(popBody()).job!;
    grid.complete({ generationId: pop2.id, by: { apiKey: 'pop-key' }, text: 'second' });
    grid.complete({ generationId: pop1.id, by: { apiKey: 'pop-key' }, text: 'first' });
    const { events, ended } = grid.events(sub.id);
    expect(ended).toBe(true);
    const done = events.filter((e) => e.type === 'done');
    expect(done.map((e) => [e.index, e.type === 'done' && e.final === true])).toEqual([
      [1, false],
      [0, true],
    ]);
    expect(events.filter((e) => e.type === 'queued').map((e) => e.type === 'queued' && e.position)).toEqual([
      1, 2,
    ]);
  });

  it('cancel and fault end the stream', () => {
    const { grid } = makeGrid({ maxAttempts: 1 });
    const cancelled = horde(grid).sub;
    grid.cancel(cancelled.id);
    expect(grid.events(cancelled.id).events.at(-1)).toMatchObject({ type: 'cancelled', final: true });

    const faulted = horde(grid).sub;
    const { sink, by } = wsWorker(grid);
    grid.fail({ generationId: sink.last.id, by, message: 'backend down' });
    expect(grid.events(faulted.id).events.at(-1)).toMatchObject({ type: 'faulted', final: true });
  });

  it('an image job’s events carry the worker’s progress and where the image is', () => {
    const { grid } = makeGrid();
    const sub = grid.submitImage({
      source: 'horde',
      apiKey: 'client-key',
      request: { prompt: 'a lighthouse', models: ['sdxl-1'], params: { width: 512, height: 512, steps: 10 } },
    });
    const job = grid.popImage({ ...popBody({ models: ['sdxl-1'] }), max_pixels: 1024 * 1024 }).job!;
    grid.reportImageProgress({
      generationId: job.ids[0]!,
      by: { apiKey: 'pop-key' },
      currentStep: 5,
      totalSteps: 10,
    });
    grid.submitImageResult({
      generationId: job.ids[0]!,
      by: { apiKey: 'pop-key' },
      verdict: { ok: true, contentType: 'image/webp' },
      seed: 7,
    });
    const { events } = grid.events(sub.id);
    expect(types(events)).toEqual(['queued', 'assigned', 'progress', 'done']);
    expect(events[2]).toMatchObject({ type: 'progress', pct: 50 });
    expect(events[3]).toMatchObject({
      type: 'done',
      final: true,
      image: { id: job.ids[0], model: 'sdxl-1', worker: 'pop-1', censored: false },
    });
  });

  it('only watchable requests have events, and only their owner (or the id alone, in open mode) reads them', () => {
    const { grid } = makeGrid();
    wsWorker(grid);
    const v1 = chat(grid).sub;
    expect(() => grid.events(v1.id)).toThrow(GridError);
    const watched = grid.submit({
      source: 'v1',
      apiKey: 'client-key',
      request: { model: 'm1', messages: [{ role: 'user', content: 'hi' }] },
      watch: true,
    });
    expect(types(grid.events(watched.id).events)).toEqual(['queued']);

    const { sub } = horde(grid);
    expect(grid.events(sub.id, { asker: { apiKey: 'client-key' } }).lastSeq).toBe(1);
    expect(grid.events(sub.id, { asker: { apiKey: undefined } }).lastSeq).toBe(1);
    expect(() => grid.events(sub.id, { asker: { apiKey: 'someone-else' } })).toThrow(/Request not found/);
    expect(() => grid.watch('nope', {}, () => {})).toThrow(/Request not found/);
    expect(() => grid.events(sub.id, { after: -1 })).toThrow(/after must be a non-negative integer/);

    const strict = makeGrid({ authMode: 'strict', keys: [{ key: 'owner-key' }] }).grid;
    const own = strict.submit({ source: 'horde', apiKey: 'owner-key', request: { prompt: 'x' } });
    expect(() => strict.events(own.id, { asker: { apiKey: undefined } })).toThrow(/Request not found/);
    expect(strict.events(own.id, { asker: { apiKey: 'owner-key' } }).lastSeq).toBe(1);
  });

  it('a watched /v1 request stays readable after it is done, and the log goes with the request', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const watched = grid.submit({
      source: 'v1',
      apiKey: 'client-key',
      request: { model: 'm1', messages: [{ role: 'user', content: 'hi' }] },
      watch: true,
    });
    grid.complete({ generationId: sink.last.id, by, text: 'hello' });
    expect(grid.events(watched.id).ended).toBe(true);
    clock.advance(10 * 60_000 + 1);
    expect(() => grid.events(watched.id)).toThrow(/Request not found/);
  });

  it('bounded: a long stream’s oldest tokens are merged, and resuming after any seq still gives the exact rest', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid, { max_length: 32_768 });
    const sub = grid.submit({
      source: 'v1',
      apiKey: 'client-key',
      request: { model: 'm1', messages: [{ role: 'user', content: 'a long one' }], max_tokens: 32_768 },
      watch: true,
    });
    const gen = sink.last.id;
    const frames = EVENT_LOG_LIMIT * 2;
    const live = watcher();
    grid.watch(sub.id, {}, live.listener);
    grid.progress({ generationId: gen, by, delta: { role: 'assistant', content: '' } });
    for (let i = 0; i < frames; i++) grid.progress({ generationId: gen, by, delta: { content: `${i},` } });

    const sent = live.got;
    const expected = (after: number) => text(sent.filter((e) => e.seq > after));
    const log = grid.events(sub.id);
    expect(log.lastSeq).toBe(sent.at(-1)!.seq);
    // Fewer entries than events were sent: the oldest are merged.
    expect(log.events.length).toBeLessThan(sent.length / 2);
    expect(log.events.length).toBeLessThanOrEqual(EVENT_LOG_LIMIT + 8);
    // The role delta is never merged away.
    expect(log.events[2]).toMatchObject({ type: 'token', seq: 3, delta: { role: 'assistant' } });

    for (const after of [
      0,
      2,
      3,
      4,
      17,
      18,
      19,
      1000,
      2500,
      sent.length - EVENT_LOG_LIMIT,
      sent.length - 2,
    ]) {
      const replay = grid.events(sub.id, { after }).events;
      expect(text(replay), `after ${after}`).toBe(expected(after));
      const s = seqs(replay);
      expect(s.every((v, i) => v > after && (i === 0 || v > s[i - 1]!))).toBe(true);
      expect(s.at(-1)).toBe(log.lastSeq);
    }
    grid.complete({ generationId: gen, by, text: '' });
    const done = grid.events(sub.id).events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', final: true });
  });
});
