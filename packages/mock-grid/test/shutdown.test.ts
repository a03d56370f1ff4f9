import { Grid, StreamInterruptedError } from '@aipg/sdk';
import { describe, expect, it } from 'vitest';
import { CLIENT_KEY, chatBody, MODEL, startTestGrid, WORKER_KEY } from './helpers/grid.js';
import { TestWsWorker } from './helpers/ws-worker.js';

/** Log lines as the JSON objects the grid wrote. */
function jsonLog() {
  const lines: Record<string, unknown>[] = [];
  const write = (message: string) => lines.push(JSON.parse(message) as Record<string, unknown>);
  return { lines, logger: { debug: write, info: write, warn: write, error: write } };
}

const events = (lines: Record<string, unknown>[]) => lines.map((l) => l.event);

describe('graceful shutdown (close)', () => {
  it('refuses new work with 503 + Retry-After while jobs in flight finish, then closes workers with 1012', async () => {
    const log = jsonLog();
    const t = await startTestGrid({ shutdownGraceMs: 600_000, logger: log.logger, logJson: true });
    const worker = await t.wsWorker('in-flight');
    const queued = await t.post('/api/v2/generate/text/async', { prompt: 'queued', models: [MODEL] });
    const stream = await t.post('/v1/chat/completions', chatBody({ stream: true }));
    const job = await worker.next('job');
    const horde = (await queued.json()) as { id: string };
    // The Horde job was queued first: the worker took it; the chat waits in the queue.
    const body = stream.text();

    const closing = t.grid.close();

    const chat = await t.post('/v1/chat/completions', chatBody());
    expect(chat.status).toBe(503);
    expect(Number(chat.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await chat.json()).toEqual({ detail: expect.stringContaining('shutting down') });
    const submit = await t.post('/api/v2/generate/text/async', { prompt: 'late', models: [MODEL] });
    expect(submit.status).toBe(503);
    expect(await submit.json()).toMatchObject({ rc: 'MaintenanceMode' });
    const pop = await t.post(
      '/api/v2/generate/text/pop',
      { name: 'pop-late', models: [MODEL] },
      { apikey: WORKER_KEY },
    );
    expect(pop.status).toBe(503);
    expect(pop.headers.get('retry-after')).not.toBeNull();
    // A new worker socket is refused as a restart; the status of a job in flight is still answered.
    const late = await TestWsWorker.open(
      t.url,
      { apikey: WORKER_KEY, name: 'late', models: [MODEL] },
      t.check,
    );
    expect(await late.closed).toMatchObject({
      code: 1012,
      reason: expect.stringMatching(/^service restart/),
    });
    expect((await t.get(`/api/v2/generate/text/status/${horde.id}`)).status).toBe(200);

    // The jobs in flight finish within the grace period: the Horde job, then the chat on the same worker.
    await worker.serve(String(job.id), ['horde ', 'answer']);
    const chatJob = await worker.next('job');
    await worker.serve(String(chatJob.id), ['Hello ', 'world']);
    const text = await body;
    expect(text).toContain('"content":"world"');
    expect(text).not.toContain('"error"');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);

    await closing;
    expect(await worker.closed).toMatchObject({
      code: 1012,
      reason: expect.stringMatching(/^service restart/),
    });
    expect(events(log.lines)).toEqual(
      expect.arrayContaining(['shutdown.begin', 'shutdown.drained', 'shutdown.hand_back', 'shutdown.done']),
    );
    expect(events(log.lines)).not.toContain('shutdown.deadline');
    await t.check.assertClean();
  });

  it('hands back at the deadline: a stream ends with an error event and [DONE], a waiting chat gets 503', async () => {
    const log = jsonLog();
    // Default grace 0: close() hands back at once.
    const t = await startTestGrid({ logger: log.logger, logJson: true });
    const streaming = await t.wsWorker('streaming');
    const sdk = new Grid({ baseURL: t.url, apiKey: CLIENT_KEY, maxRetries: 0 });
    const stream = await sdk.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    const partial = new Promise<void>((resolve) => stream.on('text', () => resolve()));
    const outcome = stream.finalChatCompletion().catch((e: unknown) => e);
    const first = await streaming.next('job');
    streaming.send({ type: 'token', id: first.id, delta: { content: 'Hel' } });
    await partial;
    // A second worker takes a JSON chat and never answers it.
    const waiting = await t.wsWorker('waiting');
    const json = t.post('/v1/chat/completions', chatBody());
    await waiting.next('job');

    await t.grid.close();

    const error = await outcome;
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).message).toMatch(/shutting down/);
    expect((error as StreamInterruptedError).partialText).toBe('Hel');
    const answer = await json;
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ detail: expect.stringContaining('shutting down') });
    for (const w of [streaming, waiting]) expect((await w.closed).code).toBe(1012);
    expect(events(log.lines)).toContain('shutdown.deadline');
    await t.check.assertClean();
  });
});
