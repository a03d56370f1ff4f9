import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIError, type JobEvent, NotFoundError } from '../../src/index';
import { BASE, brokenBodyOf, makeGrid, sseHeaders, useServer } from '../helpers';

const server = useServer();
const JOB = '5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d';
const EVENTS = `${BASE}/v1/jobs/:id/events`;

const at = 1_764_222_000_000;
const queued = (seq: number): JobEvent => ({ type: 'queued', seq, id: JOB, index: 0, at, position: 1 });
const token = (seq: number, content: string): JobEvent => ({
  type: 'token',
  seq,
  id: JOB,
  index: 0,
  at,
  delta: { content },
});
const done = (seq: number): JobEvent => ({
  type: 'done',
  seq,
  id: JOB,
  index: 0,
  at,
  final: true,
  text: 'ab',
});
const frame = (e: JobEvent) => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

async function collect(iterable: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

describe('jobs.watch', () => {
  it('reconnects after a broken stream with Last-Event-ID and never hands an event on twice', async () => {
    const sent: (string | null)[] = [];
    const events: JobEvent[] = [];
    // The seq of the last event handed on when each connection was made.
    const handed: number[] = [];
    server.use(
      http.get(EVENTS, ({ request }) => {
        sent.push(request.headers.get('last-event-id'));
        handed.push(events.at(-1)?.seq ?? 0);
        if (sent.length === 1) {
          return new HttpResponse(brokenBodyOf([frame(queued(1)), frame(token(2, 'a'))]), {
            headers: sseHeaders(),
          });
        }
        // A server that replays one event too many: the watch drops it.
        const body = [token(2, 'a'), token(3, 'b'), done(4)].map(frame).join(': keep-alive\n\n');
        return new HttpResponse(body, { headers: sseHeaders() });
      }),
    );
    for await (const e of makeGrid().jobs.watch(JOB)) events.push(e);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => (e.type === 'token' ? e.delta.content : e.type))).toEqual([
      'queued',
      'a',
      'b',
      'done',
    ]);
    // (Bytes that arrived just before the break may be lost with it: the watch asks again after what it handed on.)
    expect(sent).toEqual(handed.map(String));
    expect(sent).toHaveLength(2);
  });

  it('starts after `after`, and ends after the final event without reading on', async () => {
    let calls = 0;
    server.use(
      http.get(EVENTS, ({ request }) => {
        calls++;
        expect(request.headers.get('last-event-id')).toBe('3');
        return new HttpResponse(frame(done(4)) + frame(token(5, 'never')), { headers: sseHeaders() });
      }),
    );
    const events = await collect(makeGrid().jobs.watch(JOB, { after: 3 }));
    expect(events.map((e) => e.type)).toEqual(['done']);
    expect(calls).toBe(1);
  });

  it('throws a 404 (no such job, or a grid without events) at once, and a 405 as an APIError', async () => {
    const grid = makeGrid();
    await expect(collect(grid.jobs.watch(JOB))).rejects.toBeInstanceOf(NotFoundError);
    server.use(http.get(EVENTS, () => HttpResponse.json({ detail: 'Method Not Allowed' }, { status: 405 })));
    await expect(collect(grid.jobs.watch(JOB))).rejects.toMatchObject({ status: 405 });
    await expect(collect(grid.jobs.watch(JOB))).rejects.toBeInstanceOf(APIError);
  });

  it('gives up after maxReconnects failed reconnects in a row, with the connection error', async () => {
    let calls = 0;
    server.use(
      http.get(EVENTS, () => {
        calls++;
        return new HttpResponse('', { headers: sseHeaders() });
      }),
    );
    await expect(collect(makeGrid().jobs.watch(JOB, { maxReconnects: 1 }))).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(calls).toBe(2);
  });

  it('refuses a negative after', async () => {
    await expect(makeGrid().jobs.watch(JOB, { after: -1 }).next()).rejects.toThrow(
      /after and maxReconnects must be ≥ 0/,
    );
  });
});
