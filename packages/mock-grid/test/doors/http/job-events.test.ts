import type { JobEvent } from '@aipg/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, MODEL, nextJob, startTestGrid, type TestGrid } from '../../helpers/grid.js';

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

interface SseEvent {
  id: string;
  event: string;
  data: JobEvent;
}

/** Reads a job event stream one SSE event at a time (comments skipped). */
class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  constructor(res: Response) {
    this.#reader = res.body!.getReader();
  }

  /** The next event, or null when the stream ended. */
  async next(): Promise<SseEvent | null> {
    for (;;) {
      const cut = this.#buffer.indexOf('\n\n');
      if (cut !== -1) {
        const block = this.#buffer.slice(0, cut);
        this.#buffer = this.#buffer.slice(cut + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(': ');
          fields[line.slice(0, colon)] = line.slice(colon + 2);
        }
        if (fields.data === undefined) continue;
        return { id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) as JobEvent };
      }
      const { value, done } = await this.#reader.read();
      if (done) return null;
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
  }

  /** Events until (and with) the first one `until` accepts. */
  async until(until: (e: JobEvent) => boolean): Promise<SseEvent[]> {
    const got: SseEvent[] = [];
    for (;;) {
      const e = await this.next();
      if (!e) throw new Error(`the stream ended after ${got.length} events`);
      got.push(e);
      if (until(e.data)) return got;
    }
  }

  /** Every event to the end of the stream. */
  async rest(): Promise<SseEvent[]> {
    const got: SseEvent[] = [];
    for (let e = await this.next(); e; e = await this.next()) got.push(e);
    return got;
  }

  cancel(): Promise<void> {
    return this.#reader.cancel();
  }
}

async function hordeJob(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.post(
    '/api/v2/generate/text/async',
    { prompt: 'Once upon a time', params: { max_length: 64 }, models: [MODEL], ...extra },
    { 'Client-Agent': 'test:1:none' },
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

function events(id: string, headers: Record<string, string> = {}, signal?: AbortSignal, query = '') {
  return t.fetch(`${t.url}/v1/jobs/${id}/events${query}`, {
    headers: { apikey: CLIENT_KEY, ...headers },
    ...(signal ? { signal } : {}),
  });
}

const seqs = (list: SseEvent[]) => list.map((e) => e.data.seq);

describe('GET /v1/jobs/{id}/events (AIPG extension)', () => {
  it('pushes a Horde job’s events as they happen and ends after the final one', async () => {
    t = await startTestGrid();
    const id = await hordeJob();
    const res = await events(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = new EventReader(res);
    const first = await reader.next();
    expect(first).toMatchObject({
      id: '1',
      event: 'queued',
      data: { type: 'queued', seq: 1, id, position: 1 },
    });

    const worker = await t.wsWorker('events-worker');
    const job = await nextJob(worker);
    expect((await reader.next())?.data).toMatchObject({
      type: 'assigned',
      worker: { name: 'events-worker' },
    });
    await worker.serve(job.id, ['Hel', 'lo']);
    const rest = await reader.rest();
    expect(rest.map((e) => e.event)).toEqual(['token', 'token', 'done']);
    expect(rest.at(-1)!.data).toMatchObject({
      type: 'done',
      final: true,
      text: 'Hello',
      finish_reason: 'stop',
    });
    expect(seqs(rest)).toEqual([3, 4, 5]);
  });

  it('resumes after a cut connection with Last-Event-ID: nothing missed, nothing twice', async () => {
    t = await startTestGrid();
    const id = await hordeJob();
    const worker = await t.wsWorker('resume-worker');
    const job = await nextJob(worker);
    for (const content of ['a', 'b', 'c']) worker.send({ type: 'token', id: job.id, delta: { content } });

    const cut = new AbortController();
    const reader = new EventReader(await events(id, {}, cut.signal));
    const before = await reader.until((e) => e.type === 'token' && e.delta.content === 'b');
    cut.abort();
    await reader.cancel().catch(() => {});
    // While nobody listens, the job goes on.
    for (const content of ['d', 'e']) worker.send({ type: 'token', id: job.id, delta: { content } });
    worker.send({ type: 'done', id: job.id, full_text: 'abcde', finish_reason: 'stop' });
    await worker.next('ack');

    const last = before.at(-1)!.id;
    const after = await new EventReader(await events(id, { 'Last-Event-ID': last })).rest();
    const whole = await new EventReader(await events(id)).rest();
    expect([...seqs(before), ...seqs(after)]).toEqual(seqs(whole));
    expect(whole.map((e) => e.data)).toEqual([...before, ...after].map((e) => e.data));
    const text = after.map((e) => (e.data.type === 'token' ? e.data.delta.content : '')).join('');
    expect(text).toBe('cde');
    expect(after.at(-1)!.data).toMatchObject({ type: 'done', final: true });

    // `?after=` does the same; the header wins over it.
    const byQuery = await new EventReader(await events(id, {}, undefined, `?after=${last}`)).rest();
    expect(seqs(byQuery)).toEqual(seqs(after));
    const both = await new EventReader(
      await events(id, { 'Last-Event-ID': '1' }, undefined, '?after=4'),
    ).rest();
    expect(seqs(both)[0]).toBe(2);
  });

  it('pushes a requeue (the worker drops mid-job) in order, then the next worker’s result', async () => {
    t = await startTestGrid();
    const id = await hordeJob();
    const reader = new EventReader(await events(id));
    const a = await t.wsWorker('drop-a');
    const jobA = await nextJob(a);
    a.send({ type: 'token', id: jobA.id, delta: { content: 'lost' } });
    await reader.until((e) => e.type === 'token');
    a.close();
    await reader.until((e) => e.type === 'queued');
    const b = await t.wsWorker('drop-b');
    const jobB = await nextJob(b);
    await b.serve(jobB.id, ['kept']);
    const rest = await reader.rest();
    expect(rest.map((e) => e.event)).toEqual(['assigned', 'token', 'done']);
    expect(rest[0]!.data).toMatchObject({ worker: { name: 'drop-b' } });
    expect(rest.at(-1)!.data).toMatchObject({ text: 'kept', final: true });
    const all = await new EventReader(await events(id)).rest();
    expect(all.map((e) => e.event)).toEqual([
      'queued',
      'assigned',
      'token',
      'requeued',
      'queued',
      'assigned',
      'token',
      'done',
    ]);
    expect(seqs(all)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('404s an unknown id, another account’s job and a /v1 chat with the /v1 error shape; 422s a bad Last-Event-ID', async () => {
    t = await startTestGrid();
    const unknown = await events('7d3c4b0e-0000-4a61-8f59-2b7e3c1e1a22');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Request not found' });

    const id = await hordeJob();
    const other = await events(id, { apikey: 'grid_someone_else_0001' });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ detail: 'Request not found' });

    const bad = await events(id, { 'Last-Event-ID': 'abc' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ detail: [{ loc: ['header', 'Last-Event-ID'] }] });
    const badQuery = await events(id, {}, undefined, '?after=-1');
    expect(badQuery.status).toBe(422);

    // The id alone reads it in open mode (an EventSource sends no headers).
    const keyless = await t.fetch(`${t.url}/v1/jobs/${id}/events`);
    expect(keyless.status).toBe(200);
    await keyless.body?.cancel();
  });

  it('a dropped connection only unsubscribes: the job is not cancelled', async () => {
    t = await startTestGrid();
    const id = await hordeJob();
    const cut = new AbortController();
    const reader = new EventReader(await events(id, {}, cut.signal));
    await reader.next();
    cut.abort();
    await reader.cancel().catch(() => {});
    const worker = await t.wsWorker('later');
    const job = await nextJob(worker);
    await worker.serve(job.id, ['still here']);
    const status = (await (await t.get(`/api/v2/generate/text/status/${id}`)).json()) as { done: boolean };
    expect(status.done).toBe(true);
  });

  it('the Horde status carries a poll hint for clients that poll (X-Poll-After-Ms), until done', async () => {
    t = await startTestGrid();
    const id = await hordeJob();
    const waiting = await t.get(`/api/v2/generate/text/status/${id}`, { apikey: CLIENT_KEY });
    const hint = Number(waiting.headers.get('x-poll-after-ms'));
    expect(hint).toBeGreaterThanOrEqual(1000);
    expect(hint).toBeLessThanOrEqual(10_000);
    const worker = await t.wsWorker('hint-worker');
    await worker.serve((await nextJob(worker)).id, ['done']);
    const done = await t.get(`/api/v2/generate/text/status/${id}`, { apikey: CLIENT_KEY });
    expect(((await done.json()) as { done: boolean }).done).toBe(true);
    expect(done.headers.get('x-poll-after-ms')).toBeNull();
  });
});
