import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/core/index.js';
import { CLIENT_KEY, MODEL, startTestGrid, type TestGrid } from '../helpers/grid.js';
import type { TestWsWorker } from '../helpers/ws-worker.js';

// Done-when check: the official `openai` client's Batch API (files.create, batches.create / retrieve / list /
// cancel, files.content) works against the mock grid unchanged.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

/** Answers every job the worker gets with `answer: <prompt>`, until the socket closes. */
async function serveForever(worker: TestWsWorker) {
  for (;;) {
    let job: { id: string; payload: { request: { messages: { content: string }[] } } };
    try {
      job = (await worker.next('job')) as never;
    } catch {
      return;
    }
    await worker.serve(job.id, [`answer: ${job.payload.request.messages[0]!.content}`]);
  }
}

function requestLine(customId: string) {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: MODEL, messages: [{ role: 'user', content: `question ${customId}` }] },
  });
}

async function waitFor(openai: OpenAI, id: string) {
  for (let i = 0; i < 3_000; i++) {
    const batch = await openai.batches.retrieve(id);
    if (['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) return batch;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`batch ${id} did not end`);
}

describe('openai npm client: files and batches against the mock grid', () => {
  it('files.create + batches.create / retrieve, then reads the output file with files.content', async () => {
    t = await startTestGrid({ clock: new SystemClock() });
    const worker = await t.wsWorker();
    void serveForever(worker);
    const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: CLIENT_KEY, fetch: t.fetch, maxRetries: 0 });

    const jsonl = `${['q1', 'q2', 'q3'].map(requestLine).join('\n')}\nnot json\n`;
    const file = await openai.files.create({
      file: await toFile(Buffer.from(jsonl), 'questions.jsonl'),
      purpose: 'batch',
    });
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'batch',
      filename: 'questions.jsonl',
      bytes: Buffer.byteLength(jsonl),
    });
    expect((await openai.files.retrieve(file.id)).id).toBe(file.id);

    const batch = await openai.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { run: 'test' },
    });
    expect(batch).toMatchObject({
      object: 'batch',
      status: 'validating',
      input_file_id: file.id,
      metadata: { run: 'test' },
    });

    const done = await waitFor(openai, batch.id);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 4, completed: 3, failed: 1 });
    const output = await (await openai.files.content(done.output_file_id!)).text();
    const lines = output
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.custom_id)).toEqual(['q1', 'q2', 'q3']);
    for (const l of lines) {
      expect(l.response.status_code).toBe(200);
      expect(l.response.body.choices[0].message.content).toBe(`answer: question ${l.custom_id}`);
    }
    const errors = await (await openai.files.content(done.error_file_id!)).text();
    expect(JSON.parse(errors.trim())).toMatchObject({
      custom_id: null,
      error: { code: 'invalid_json', line: 4 },
    });

    // The list pages with the client's own cursor pagination.
    const more = await openai.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const listed: string[] = [];
    for await (const b of openai.batches.list({ limit: 1 })) listed.push(b.id);
    expect(listed).toEqual([more.id, batch.id]);
    const files: string[] = [];
    for await (const f of openai.files.list()) files.push(f.id);
    expect(files).toContain(done.output_file_id);

    await waitFor(openai, more.id);
    expect((await openai.batches.cancel(more.id)).status).toBe('completed');
    expect((await openai.files.delete(file.id)).deleted).toBe(true);
    await expect(openai.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
    worker.close();
  });
});
