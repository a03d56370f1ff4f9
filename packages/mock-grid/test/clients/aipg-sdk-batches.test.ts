import { Grid as Client } from '@aipg/sdk';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerSink, WsJobOffer } from '../../src/core/index.js';
import { createGridHandlers } from '../../src/msw.js';
import { CLIENT_KEY, MODEL, WORKER_KEY } from '../helpers/grid.js';

// @aipg/sdk's grid.files and grid.batches against the mock grid's msw handlers (in-process, the system clock):
// the multipart upload, createAndPoll on the server's poll hint, for-await pagination and the output file.
const BASE = 'http://grid.batches.test';
const handlers = createGridHandlers({ baseURL: BASE, grid: { rateLimits: false } });
const server = setupServer(...handlers);
const core = handlers.core;

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // A worker that answers every job it is pushed on the next turn (never inside the core's own call).
  let connectionId = '';
  const sink: WorkerSink = {
    ready: () => {},
    job: (offer: WsJobOffer) => {
      setTimeout(() => {
        const prompt = (offer.payload as { prompt: string }).prompt;
        core.complete({ generationId: offer.id, by: { connectionId }, text: `echo ${prompt.length}` });
      }, 0);
    },
    cancel: () => {},
    close: () => {},
  };
  connectionId = core.register(
    { apikey: WORKER_KEY, name: 'sdk-batch-worker', models: [MODEL] },
    sink,
  ).connectionId;
});
afterAll(() => {
  server.close();
  core.dispose();
});

describe('@aipg/sdk grid.files / grid.batches against the mock grid', () => {
  it('uploads JSONL, runs a batch to completion with createAndPoll, pages the list and reads the output', async () => {
    const grid = new Client({ apiKey: CLIENT_KEY, baseURL: BASE, logLevel: 'off', maxRetries: 0 });
    const jsonl = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({
        custom_id: `q${i}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: MODEL, messages: [{ role: 'user', content: `question ${i}` }] },
      }),
    ).join('\n');
    const file = await grid.files.create({ file: jsonl, filename: 'q.jsonl' });
    expect(file).toMatchObject({ purpose: 'batch', filename: 'q.jsonl', bytes: jsonl.length });

    const progress: string[] = [];
    const done = await grid.batches.createAndPoll(
      { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
      { onProgress: (b) => progress.push(b.status) },
    );
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 12, completed: 12, failed: 0 });
    expect(progress.at(-1)).toBe('completed');

    const lines = (await grid.files.content(done.output_file_id!))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.custom_id)).toEqual(Array.from({ length: 12 }, (_, i) => `q${i}`));
    expect(lines[0].response.body.object).toBe('chat.completion');

    const second = await grid.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const ids: string[] = [];
    for await (const b of grid.batches.list({ limit: 1 })) ids.push(b.id);
    expect(ids).toEqual([second.id, done.id]);
    await grid.batches.poll(second.id);
    const files: string[] = [];
    for await (const f of grid.files.list({ purpose: 'batch_output' })) files.push(f.id);
    expect(files).toHaveLength(2);
    expect((await grid.files.del(file.id)).deleted).toBe(true);
  });
});
