import { Grid as Client, type HordeImageCheck, type JobEvent, type TextJobStatus } from '@aipg/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_KEY,
  IMAGE_MODEL,
  MODEL,
  mediaWorker,
  nextJob,
  put,
  startTestGrid,
  type TestGrid,
} from '../helpers/grid.js';
import { png, sha256 } from '../helpers/png.js';
import type { TestWsWorker } from '../helpers/ws-worker.js';

// @aipg/sdk's push helpers against the real mock grid (node server, spec-checked fetch): `jobs.watch` with a
// resume after a cut connection, and `text.generate` / `images.createAndWait` on push and on the polling fallback.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

interface Seen {
  method: string;
  path: string;
  lastEventId: string | null;
}

/**
 * A client on the test grid whose fetch records every request, and can stand in for a grid without job events
 * (`noEvents`: the events endpoint answers 404, as on the AI Horde) or cut the first event stream after
 * `cutAfter` events (a dropped connection).
 */
function client(options: { noEvents?: boolean; cutAfter?: number } = {}) {
  const seen: Seen[] = [];
  let cut = options.cutAfter;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    seen.push({ method: request.method, path, lastEventId: request.headers.get('last-event-id') });
    const isEvents = /^\/v1\/jobs\/[^/]+\/events$/.test(path);
    if (isEvents && options.noEvents) return Response.json({ detail: 'Not Found' }, { status: 404 });
    const response = await t.fetch(request);
    if (!isEvents || cut === undefined || !response.body) return response;
    const limit = cut;
    cut = undefined;
    return new Response(cutAfterEvents(response.body, limit), response);
  };
  const grid = new Client({ apiKey: CLIENT_KEY, baseURL: t.url, fetch, logLevel: 'off' });
  return { grid, seen };
}

/** Passes `events` SSE events through, then fails the body like a dropped connection. */
function cutAfterEvents(body: ReadableStream<Uint8Array>, events: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let text = '';
  let passed = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (passed === events) {
        // Erroring drops what is still queued, so only once the reader took the last event passed.
        await reader.cancel();
        controller.error(new TypeError('terminated'));
        return;
      }
      for (;;) {
        const cut = text.indexOf('\n\n');
        if (cut !== -1) {
          const event = text.slice(0, cut + 2);
          text = text.slice(cut + 2);
          if (event.startsWith(':')) continue;
          controller.enqueue(encoder.encode(event));
          passed++;
          return;
        }
        const { value, done } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        text += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  });
}

const horde = { prompt: 'Once upon a time', params: { max_length: 64 }, models: [MODEL] };
const types = (events: JobEvent[]) => events.map((e) => e.type);
const eventCalls = (seen: Seen[]) => seen.filter((s) => s.path.endsWith('/events'));
const statusCalls = (seen: Seen[]) => seen.filter((s) => s.path.startsWith('/api/v2/generate/text/status/'));

async function serveImage(worker: TestWsWorker): Promise<void> {
  const job = (await worker.next('job')) as unknown as {
    id: string;
    payload: { seeds: number[] };
    upload: { put_url: string; content_type: string }[];
  };
  worker.send({ type: 'progress', id: job.id, pct: 40 });
  const results = [];
  for (const [index, slot] of job.upload.entries()) {
    const bytes = png(16, 16, job.payload.seeds[index]!);
    await put(slot.put_url, bytes, slot.content_type);
    results.push({ index, seed: job.payload.seeds[index]!, sha256: sha256(bytes) });
  }
  worker.send({ type: 'done', id: job.id, results });
  await worker.next('ack');
}

describe('@aipg/sdk job events against the mock grid', () => {
  it('jobs.watch yields a job’s typed events as they happen and ends after the final one', async () => {
    t = await startTestGrid();
    const { grid } = client();
    const { id } = await grid.text.submit(horde);
    const worker = await t.wsWorker('watch-worker');
    const job = await nextJob(worker);
    const watched: JobEvent[] = [];
    const loop = (async () => {
      for await (const event of grid.jobs.watch(id)) watched.push(event);
    })();
    await worker.serve(job.id, ['Hel', 'lo']);
    await loop;
    expect(types(watched)).toEqual(['queued', 'assigned', 'token', 'token', 'done']);
    expect(watched.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const done = watched.at(-1)!;
    expect(done).toMatchObject({ type: 'done', id, final: true, text: 'Hello' });
  });

  it('jobs.watch resumes after a dropped connection with Last-Event-ID: nothing missed, nothing twice', async () => {
    t = await startTestGrid();
    const { grid, seen } = client({ cutAfter: 3 });
    const { id } = await grid.text.submit(horde);
    const worker = await t.wsWorker('resume-worker');
    const job = await nextJob(worker);
    for (const content of ['a', 'b', 'c', 'd'])
      worker.send({ type: 'token', id: job.id, delta: { content } });
    const watched: JobEvent[] = [];
    const loop = (async () => {
      for await (const event of grid.jobs.watch(id)) {
        watched.push(event);
        // More tokens and the end while the first connection is (being) cut.
        if (watched.length === 3) await worker.serve(job.id, ['e']);
      }
    })();
    await loop;
    expect(watched.map((e) => e.seq)).toEqual(watched.map((_, i) => i + 1));
    expect(types(watched)).toEqual([
      'queued',
      'assigned',
      'token',
      'token',
      'token',
      'token',
      'token',
      'done',
    ]);
    const text = watched.map((e) => (e.type === 'token' ? e.delta.content : '')).join('');
    expect(text).toBe('abcde');
    expect(eventCalls(seen).map((s) => s.lastEventId)).toEqual(['0', '3']);
  });

  it('text.generate waits on push: no status poll before the one final read, onProgress and onEvent both fed', async () => {
    t = await startTestGrid();
    const { grid, seen } = client();
    const worker = await t.wsWorker('push-worker');
    const progress: TextJobStatus[] = [];
    const events: JobEvent[] = [];
    const run = grid.text.generate(horde, {
      pollIntervalMs: 20,
      onProgress: (s) => progress.push(s),
      onEvent: (e) => events.push(e),
    });
    const job = await nextJob(worker);
    await worker.serve(job.id, ['Once', ' more']);
    const result = await run;
    expect(result.generations[0]).toMatchObject({ text: 'Once more', worker_name: 'push-worker' });
    expect(statusCalls(seen)).toHaveLength(1);
    expect(eventCalls(seen)).toHaveLength(1);
    expect(types(events)).toEqual(['queued', 'assigned', 'token', 'token', 'done']);
    expect(progress.at(-1)).toMatchObject({ done: true, finished: 1, waiting: 0, processing: 0 });
    expect(progress.some((s) => s.processing === 1)).toBe(true);
  });

  it('text.generate falls back to polling on a grid without job events, and wait: poll forces it', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker('poll-worker');
    for (const mode of ['no events endpoint', 'wait: poll'] as const) {
      const { grid, seen } = client({ noEvents: mode === 'no events endpoint' });
      const progress: TextJobStatus[] = [];
      const run = grid.text.generate(horde, {
        pollIntervalMs: 20,
        onProgress: (s) => progress.push(s),
        ...(mode === 'wait: poll' ? { wait: 'poll' as const } : {}),
      });
      const job = await nextJob(worker);
      // Polled at least once while the job runs.
      while (statusCalls(seen).length < 2) await new Promise((r) => setTimeout(r, 10));
      await worker.serve(job.id, ['polled']);
      const result = await run;
      expect(result.generations[0]?.text, mode).toBe('polled');
      expect(progress.at(-1)?.done, mode).toBe(true);
      expect(eventCalls(seen).length, mode).toBe(mode === 'wait: poll' ? 0 : 1);
    }
  });

  it('images.createAndWait on push (with the worker’s percent) and on the polling fallback', async () => {
    t = await startTestGrid();
    const worker = await mediaWorker(t, 'image-rig');
    const params = {
      prompt: 'a lighthouse',
      models: [IMAGE_MODEL],
      params: { width: 512, height: 512, steps: 4 },
    };

    const pushed = client();
    const progress: HordeImageCheck[] = [];
    const events: JobEvent[] = [];
    const run = pushed.grid.images.createAndWait(params, {
      onProgress: (s) => progress.push(s),
      onEvent: (e) => events.push(e),
    });
    await serveImage(worker);
    const result = await run;
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.mime).toBe('image/png');
    expect(types(events)).toEqual(['queued', 'assigned', 'progress', 'done']);
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.image?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/objects\//);
    expect(progress.some((s) => s.progress?.progress_percent === 40)).toBe(true);
    expect(pushed.seen.filter((s) => s.path.startsWith('/api/v2/generate/check/'))).toHaveLength(0);

    const polled = client({ noEvents: true });
    const checks: HordeImageCheck[] = [];
    const again = polled.grid.images.createAndWait(params, {
      pollIntervalMs: 20,
      onProgress: (s) => checks.push(s),
    });
    await serveImage(worker);
    expect((await again).images).toHaveLength(1);
    expect(checks.at(-1)?.done).toBe(true);
  });
});
