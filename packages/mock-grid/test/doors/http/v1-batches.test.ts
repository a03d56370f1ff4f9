import type { Batch } from '@aipg/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SystemClock } from '../../../src/core/index.js';
import { CLIENT_KEY, chatBody, MODEL, startTestGrid, type TestGrid, WORKER_KEY } from '../../helpers/grid.js';

// The Batch API door (spec: openapi/paths/v1_files*.yaml, v1_batches*.yaml) on a real mock grid with WS workers.
// Batches step on the core clock; these grids run on the system clock, so waits poll with generous limits.

let t: TestGrid;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await t?.close();
});

const auth = { apikey: CLIENT_KEY };

function requestLine(customId: string, content = `item ${customId}`) {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: MODEL, messages: [{ role: 'user', content }], max_tokens: 16 },
  });
}

async function upload(text: string, key = CLIENT_KEY, filename = 'requests.jsonl') {
  const form = new FormData();
  form.append('purpose', 'batch');
  form.append('file', new Blob([text], { type: 'application/jsonl' }), filename);
  return t.fetch(`${t.url}/v1/files`, { method: 'POST', body: form, headers: { apikey: key } });
}

async function createBatch(fileId: string, key = CLIENT_KEY) {
  const res = await t.post(
    '/v1/batches',
    { input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h' },
    { apikey: key },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; status: string };
}

async function batch(id: string, key = CLIENT_KEY) {
  return (await (await t.get(`/v1/batches/${id}`, { apikey: key })).json()) as Batch;
}

const ENDED = ['completed', 'failed', 'expired', 'cancelled'];

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, limitMs = 120_000) {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function content(fileId: string | null): Promise<OutLine[]> {
  if (!fileId) return [];
  const res = await t.get(`/v1/files/${fileId}/content`, auth);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/jsonl');
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutLine);
}

/** An output or error line as the tests read it (spec `BatchRequestOutput`; each test checks which it is). */
interface OutLine {
  id: string;
  custom_id: string | null;
  response: {
    status_code: number;
    request_id: string;
    body: { object: string; choices: { message: { content: string } }[] };
  };
  error: { code: string; message: string; line: number };
}

interface Served {
  /** Successful `done`s the grid paid (ack den > 0), per prompt. */
  paid: Map<string, number>;
  jobs: number;
  /** Attempts per prompt, over every worker. */
  attempts: Map<string, number>;
}

/**
 * A worker that answers every job at once (while not `paused`), failing an attempt when `fault(prompt,
 * attempt)` says so (an `error` frame: the grid re-queues the job).
 */
async function autoWorker(
  name: string,
  served: Served,
  fault: (prompt: string, attempt: number) => boolean = () => false,
  gate?: { paused: boolean; held: Array<() => void> },
) {
  const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/v1/workers/ws`);
  sockets.push(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const attempts = served.attempts;
  const prompts = new Map<string, string>();
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'ready') resolve();
      if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      if (frame.type === 'ack' && frame.den > 0) {
        const prompt = prompts.get(frame.id)!;
        served.paid.set(prompt, (served.paid.get(prompt) ?? 0) + 1);
      }
      if (frame.type !== 'job') return;
      const answer = () => {
        served.jobs++;
        const prompt = String(frame.payload.request.messages[0].content);
        const attempt = (attempts.get(prompt) ?? 0) + 1;
        attempts.set(prompt, attempt);
        prompts.set(frame.id, prompt);
        if (fault(prompt, attempt)) {
          ws.send(JSON.stringify({ type: 'error', id: frame.id, message: 'injected worker fault' }));
        } else {
          ws.send(
            JSON.stringify({ type: 'done', id: frame.id, full_text: `ok: ${prompt}`, finish_reason: 'stop' }),
          );
        }
      };
      if (gate?.paused) gate.held.push(answer);
      else answer();
    });
  });
  ws.send(JSON.stringify({ apikey: WORKER_KEY, name, models: [MODEL] }));
  await ready;
}

describe('the /v1/files and /v1/batches door', () => {
  it('uploads, retrieves, lists, downloads and deletes a file; refuses what the spec refuses', async () => {
    t = await startTestGrid({ clock: new SystemClock(), grid: { batch: { maxFileBytes: 4_000 } } });
    const text = `${requestLine('a')}\n${requestLine('b')}\n`;
    const res = await upload(text);
    expect(res.status).toBe(200);
    const file = await res.json();
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'batch',
      filename: 'requests.jsonl',
      status: 'processed',
    });
    expect(file.bytes).toBe(new TextEncoder().encode(text).length);
    expect(await (await t.get(`/v1/files/${file.id}`, auth)).json()).toEqual(file);
    expect((await (await t.get('/v1/files', auth)).json()).data).toEqual([file]);
    expect(await (await t.get(`/v1/files/${file.id}/content`, auth)).text()).toBe(text);
    // Another key finds nothing.
    expect((await t.get(`/v1/files/${file.id}`, { apikey: 'someone-else' })).status).toBe(404);

    // Over the bytes-per-file limit: 413 naming the field and the limit.
    const big = await upload(Array.from({ length: 40 }, (_, i) => requestLine(`r${i}`)).join('\n'));
    expect(big.status).toBe(413);
    expect((await big.json()).detail).toMatch(/^file: \d+ bytes, over the limit of 4000 bytes per file$/);
    // Not a form: 415; a form without the purpose: 422; with another purpose: 422; no key: 401.
    expect((await t.post('/v1/files', { purpose: 'batch' })).status).toBe(415);
    const noPurpose = new FormData();
    noPurpose.append('file', new Blob(['{}']), 'x.jsonl');
    const r422 = await t.fetch(`${t.url}/v1/files`, { method: 'POST', body: noPurpose, headers: auth });
    expect(r422.status).toBe(422);
    expect((await r422.json()).detail[0].loc).toEqual(['body', 'purpose']);
    const wrong = new FormData();
    wrong.append('purpose', 'fine-tune');
    wrong.append('file', new Blob(['{}']), 'x.jsonl');
    expect((await t.fetch(`${t.url}/v1/files`, { method: 'POST', body: wrong, headers: auth })).status).toBe(
      422,
    );
    expect((await t.fetch(`${t.url}/v1/files`, { method: 'POST', body: wrong })).status).toBe(401);

    const del = await t.fetch(`${t.url}/v1/files/${file.id}`, { method: 'DELETE', headers: auth });
    expect(await del.json()).toEqual({ id: file.id, object: 'file', deleted: true });
    expect((await t.get(`/v1/files/${file.id}`, auth)).status).toBe(404);
    expect(
      (
        await t.post('/v1/batches', {
          input_file_id: file.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
        })
      ).status,
    ).toBe(404);
    const bad = await t.post('/v1/batches', {
      input_file_id: 'x',
      endpoint: '/v1/embeddings',
      completion_window: '1h',
    });
    expect(bad.status).toBe(422);
  });

  it('1,000 items with injected 429s and worker faults, a cancelled batch, and interactive chats meanwhile: ' +
    'nothing lost, nothing run twice, every line accounted for', async () => {
    // The key may have 6 requests in flight: two batches of 4 each hit the cap (429) while both run.
    t = await startTestGrid({
      clock: new SystemClock(),
      grid: { maxInFlight: 6, strikeLimit: 100_000, maxAttempts: 3 },
    });
    const served: Served = { paid: new Map(), jobs: 0, attempts: new Map() };
    // Every 10th item fails its first attempt; `item doomed` fails every attempt (faulted after 3).
    const fault = (prompt: string, attempt: number) =>
      prompt === 'item doomed' || (attempt === 1 && /item a\d*0$/.test(prompt));
    const gate = { paused: true, held: [] as Array<() => void> };
    for (let i = 0; i < 4; i++) await autoWorker(`batch-worker-${i}`, served, fault, gate);

    const big = [...Array.from({ length: 999 }, (_, i) => requestLine(`a${i}`)), requestLine('doomed')];
    const a = await createBatch((await (await upload(`${big.join('\n')}\n`)).json()).id);
    const small = Array.from({ length: 200 }, (_, i) => requestLine(`b${i}`));
    const b = await createBatch((await (await upload(small.join('\n'))).json()).id);

    // Workers hold their first jobs: both batches fill up against the cap of 6, so one of them got a 429.
    await until(
      async () => t.grid.core.account(CLIENT_KEY).inFlight,
      (n) => n === 6,
      'the in-flight cap to fill',
    );
    const [ra, rb] = [await batch(a.id), await batch(b.id)];
    expect([ra.status, rb.status]).toEqual(['in_progress', 'in_progress']);
    gate.paused = false;
    for (const answer of gate.held.splice(0)) answer();

    // Interactive chats from another key are answered while the big batch runs.
    for (let i = 0; i < 5; i++) {
      const res = await t.post('/v1/chat/completions', chatBody(), { apikey: 'interactive-key' });
      expect(res.status).toBe(200);
    }
    expect((await batch(a.id)).status).toBe('in_progress');

    // Cancel the small batch once a few of its requests are done.
    await until(
      () => batch(b.id),
      (v) => v.request_counts.completed >= 4,
      'the small batch to run',
    );
    const cancel = await t.post(`/v1/batches/${b.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect(['cancelling', 'cancelled']).toContain((await cancel.json()).status);

    const doneA = await until(
      () => batch(a.id),
      (v) => ENDED.includes(v.status),
      'the big batch to end',
    );
    const doneB = await until(
      () => batch(b.id),
      (v) => ENDED.includes(v.status),
      'the small batch to end',
    );
    expect(doneA.status).toBe('completed');
    expect(doneB.status).toBe('cancelled');

    for (const [done, input, prefix] of [
      [doneA, big, 'a'],
      [doneB, small, 'b'],
    ] as const) {
      const out = await content(done.output_file_id);
      const err = await content(done.error_file_id);
      const ids = [...out, ...err].map((l) => l.custom_id);
      // Every input line once, in the output or the error file, never both.
      expect(ids).toHaveLength(input.length);
      expect(new Set(ids).size).toBe(input.length);
      expect(new Set(ids)).toEqual(new Set(input.map((l) => JSON.parse(l).custom_id)));
      expect(done.request_counts).toEqual({ total: input.length, completed: out.length, failed: err.length });
      for (const l of out) {
        expect(l.response.status_code).toBe(200);
        expect(l.response.body.choices[0]!.message.content).toBe(`ok: item ${l.custom_id}`);
        // Nothing run twice: the grid paid one attempt per answered line.
        expect(served.paid.get(`item ${l.custom_id}`), String(l.custom_id)).toBe(1);
      }
      for (const l of err) expect(served.paid.get(`item ${l.custom_id}`) ?? 0).toBe(0);
      if (prefix === 'a') {
        expect(out).toHaveLength(999);
        expect(err).toEqual([
          expect.objectContaining({
            custom_id: 'doomed',
            error: expect.objectContaining({ code: 'faulted' }),
          }),
        ]);
      } else {
        expect(err.length).toBeGreaterThan(0);
        expect(new Set(err.map((l) => l.error.code))).toEqual(new Set(['batch_cancelled']));
      }
    }
    console.log(
      `batch a: ${JSON.stringify(doneA.request_counts)}, cancelled batch b: ${JSON.stringify(doneB.request_counts)}, ` +
        `worker attempts ${served.jobs}`,
    );
    // Only the batches' answered lines were paid (plus the 5 interactive chats).
    const paidTotal = [...served.paid.values()].reduce((x, y) => x + y, 0);
    expect(paidTotal).toBe(doneA.request_counts.completed + doneB.request_counts.completed + 5);
    expect(t.grid.core.account(CLIENT_KEY).inFlight).toBe(0);
    expect(t.grid.core.counters().queued).toBe(0);
  }, 300_000);
});
