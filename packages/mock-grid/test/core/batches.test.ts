import { describe, expect, it } from 'vitest';
import { type Grid, isGridError, type ManualClock } from '../../src/core/index.js';
import { chat, type FakeSink, makeGrid, wsWorker } from './helpers.js';

// The Batch API's rules in the core (docs/mock-grid-core.md "Batches"), on the core's clock: every step of a
// batch is a 0 ms timer, so `clock.advance(0)` takes the next one.

const KEY = 'batch-key';

function line(customId: string, content = `say ${customId}`, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'm1', messages: [{ role: 'user', content }], ...extra },
  });
}

function upload(grid: Grid, lines: string[], apiKey = KEY) {
  return grid.createFile({ apiKey, filename: 'in.jsonl', purpose: 'batch', text: `${lines.join('\n')}\n` });
}

function startBatch(grid: Grid, lines: string[], apiKey = KEY) {
  const file = upload(grid, lines, apiKey);
  return grid.createBatch({
    apiKey,
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
}

/** Answers every job the sink holds, then lets the batches take their next steps; until nothing is left. */
function serve(
  grid: Grid,
  clock: ManualClock,
  sink: FakeSink,
  by: { connectionId: string },
  rounds = 10_000,
) {
  const answered = new Set<string>();
  for (let i = 0; i < rounds; i++) {
    clock.advance(0);
    const open = sink.jobs.filter((j) => !answered.has(j.id) && !sink.cancels.includes(j.id));
    if (open.length === 0) return;
    for (const job of open) {
      answered.add(job.id);
      const prompt = (job.payload as { prompt: string }).prompt;
      grid.complete({ generationId: job.id, by, text: `answer to ${prompt.split('\n')[0]}` });
    }
  }
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

function lines(text: string): OutLine[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutLine);
}

describe('a batch in the core', () => {
  it('validating → in_progress → finalizing → completed, with counts, usage and one output line per input line', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const before = grid.account(KEY).balance;
    const created = startBatch(
      grid,
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => line(id)),
    );
    expect(created.status).toBe('validating');
    expect(created.expires_at).toBe(created.created_at + 86_400);

    clock.advance(0);
    const running = grid.batch(KEY, created.id);
    expect(running.status).toBe('in_progress');
    expect(running.request_counts).toEqual({ total: 6, completed: 0, failed: 0 });
    // One worker holds one job; the batch keeps at most 4 of its requests queued or running.
    expect(grid.counters().queued).toBe(3);

    serve(grid, clock, sink, by);
    const done = grid.batch(KEY, created.id);
    expect(done.status).toBe('completed');
    expect(done.finalizing_at).not.toBeNull();
    expect(done.completed_at).not.toBeNull();
    expect(done.request_counts).toEqual({ total: 6, completed: 6, failed: 0 });
    expect(done.error_file_id).toBeNull();
    expect(done.usage?.output_tokens).toBeGreaterThan(0);

    const out = lines(grid.fileContent(KEY, done.output_file_id!));
    expect(out.map((l) => l.custom_id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    for (const l of out) {
      expect(l.error).toBeNull();
      expect(l.response.status_code).toBe(200);
      expect(l.response.body.object).toBe('chat.completion');
      expect(l.response.body.choices[0]!.message.content).toContain(`say ${l.custom_id}`);
    }
    expect(new Set(out.map((l) => l.id)).size).toBe(6);
    // Charged to the batch's key as six ordinary requests.
    expect(grid.account(KEY).balance).toBeLessThan(before);
    expect(grid.file(KEY, done.output_file_id!).purpose).toBe('batch_output');
  });

  it('a malformed line fails that line into the error file, not the batch', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const bad = [
      '{not json',
      '[1, 2]',
      JSON.stringify({ method: 'POST', url: '/v1/chat/completions', body: {} }),
      JSON.stringify({ custom_id: 'wrong-url', method: 'POST', url: '/v1/embeddings', body: {} }),
      JSON.stringify({
        custom_id: 'no-messages',
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'm1' },
      }),
      line('n2', 'x', { n: 2 }),
    ];
    const batch = startBatch(grid, [line('ok1'), ...bad, line('ok2')]);
    serve(grid, clock, sink, by);
    const done = grid.batch(KEY, batch.id);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 8, completed: 2, failed: 6 });
    expect(lines(grid.fileContent(KEY, done.output_file_id!)).map((l) => l.custom_id)).toEqual([
      'ok1',
      'ok2',
    ]);
    const errors = lines(grid.fileContent(KEY, done.error_file_id!));
    expect(errors.map((l) => [l.custom_id, l.error.code, l.error.line])).toEqual([
      [null, 'invalid_json', 2],
      [null, 'invalid_request', 3],
      [null, 'invalid_request', 4],
      ['wrong-url', 'invalid_request', 5],
      ['no-messages', 'invalid_request', 6],
      ['n2', 'invalid_request', 7],
    ]);
    expect(errors[3]!.error.message).toContain('url');
    expect(errors[4]!.error.message).toContain('messages');
    for (const l of errors) expect(l.response).toBeNull();
  });

  it('a file that is not JSONL, is empty, or repeats a custom_id fails the batch with errors', () => {
    const { grid, clock } = makeGrid();
    const notJsonl = startBatch(grid, ['hello world', 'this is text']);
    const empty = grid.createBatch({
      apiKey: KEY,
      input_file_id: grid.createFile({ apiKey: KEY, filename: 'e', purpose: 'batch', text: '\n  \n' }).id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const dup = startBatch(grid, [line('x'), line('y'), line('x')]);
    clock.advance(0);
    const a = grid.batch(KEY, notJsonl.id);
    expect(a.status).toBe('failed');
    expect(a.failed_at).not.toBeNull();
    expect(a.errors?.data.map((e) => e.code)).toEqual(['invalid_jsonl']);
    expect(grid.batch(KEY, empty.id).errors?.data[0]?.code).toBe('empty_file');
    const d = grid.batch(KEY, dup.id);
    expect(d.status).toBe('failed');
    expect(d.errors?.data).toEqual([
      expect.objectContaining({ code: 'duplicate_custom_id', line: 3, param: 'custom_id' }),
    ]);
    expect(d.output_file_id).toBeNull();
    expect(grid.counters().queued).toBe(0);
  });

  it('limits: bytes per file (refused), lines and bytes per line (the batch fails), files and batches per key', () => {
    const { grid, clock } = makeGrid({
      batch: {
        maxFileBytes: 2_000,
        maxFileLines: 3,
        maxLineBytes: 300,
        maxFilesPerKey: 5,
        maxActiveBatches: 2,
      },
    });
    const big = () =>
      upload(
        grid,
        Array.from({ length: 20 }, (_, i) => line(`r${i}`)),
      );
    expect(big).toThrow(expect.objectContaining({ code: 'PayloadTooLarge', field: 'file', limit: 2_000 }));

    const tooMany = startBatch(grid, [line('a'), line('b'), line('c'), line('d')]);
    const longLine = startBatch(grid, [line('a', 'x'.repeat(400))]);
    clock.advance(0);
    expect(grid.batch(KEY, tooMany.id).errors?.data[0]).toMatchObject({ code: 'too_many_requests' });
    expect(grid.batch(KEY, tooMany.id).errors?.data[0]?.message).toContain('limit of 3');
    expect(grid.batch(KEY, longLine.id).errors?.data[0]).toMatchObject({ code: 'line_too_large', line: 1 });

    // Two batches that have not ended (no worker, so they wait), then the third is refused.
    startBatch(grid, [line('a')]);
    startBatch(grid, [line('a')]);
    let refused: unknown;
    try {
      startBatch(grid, [line('a')]);
    } catch (err) {
      refused = err;
    }
    expect(isGridError(refused, 'TooManyBatches')).toBe(true);
    expect(refused).toMatchObject({ limit: 2 });
    // Five files are held now (the big one was refused at upload): the sixth upload is refused.
    expect(() => upload(grid, [line('z')])).toThrow(
      expect.objectContaining({ code: 'TooManyFiles', limit: 5 }),
    );
  });

  it('refuses another key, the anonymous key, a file of another purpose and an unknown file', () => {
    const { grid, clock } = makeGrid();
    wsWorker(grid);
    const batch = startBatch(grid, [line('a')]);
    expect(() => grid.batch('other-key', batch.id)).toThrow(
      expect.objectContaining({ code: 'RequestNotFound' }),
    );
    expect(() => grid.file('other-key', batch.input_file_id)).toThrow(/No such File object/);
    expect(() => upload(grid, [line('a')], '0000000000')).toThrow(
      expect.objectContaining({ code: 'MissingScope' }),
    );
    expect(() =>
      grid.createBatch({
        apiKey: KEY,
        input_file_id: 'file-nope',
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).toThrow(expect.objectContaining({ code: 'RequestNotFound', field: 'input_file_id' }));
    clock.advance(0);
    expect(grid.listBatches(KEY).data.map((b) => b.id)).toEqual([batch.id]);
  });

  it('cancel: nothing more is queued, queued requests are cancelled, running ones finish, then cancelled', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const batch = startBatch(
      grid,
      Array.from({ length: 10 }, (_, i) => line(`r${i}`)),
    );
    clock.advance(0);
    // r0 is running on the worker, r1–r3 queued.
    expect(sink.jobs).toHaveLength(1);
    const cancelling = grid.cancelBatch(KEY, batch.id);
    expect(cancelling.status).toBe('cancelling');
    expect(cancelling.cancelling_at).not.toBeNull();
    clock.advance(0);
    expect(grid.counters().queued).toBe(0);
    expect(grid.batch(KEY, batch.id).status).toBe('cancelling');

    grid.complete({ generationId: sink.jobs[0]!.id, by, text: 'finished anyway' });
    clock.advance(0);
    const done = grid.batch(KEY, batch.id);
    expect(done.status).toBe('cancelled');
    expect(done.cancelled_at).not.toBeNull();
    expect(done.request_counts).toEqual({ total: 10, completed: 1, failed: 9 });
    expect(lines(grid.fileContent(KEY, done.output_file_id!)).map((l) => l.custom_id)).toEqual(['r0']);
    const errors = lines(grid.fileContent(KEY, done.error_file_id!));
    expect(errors.map((l) => l.custom_id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    expect(new Set(errors.map((l) => l.error.code))).toEqual(new Set(['batch_cancelled']));
    // No job of the batch was handed out after the cancel.
    expect(sink.jobs).toHaveLength(1);
  });

  it('expires when the completion window ends: what finished is kept, the rest is batch_expired', () => {
    // A lease longer than the window: the worker holds its job until the batch expires.
    const { grid, clock } = makeGrid({ wsLeaseMs: 100_000_000 });
    const { sink, by } = wsWorker(grid);
    const batch = startBatch(
      grid,
      Array.from({ length: 6 }, (_, i) => line(`r${i}`)),
    );
    clock.advance(0);
    grid.complete({ generationId: sink.jobs[0]!.id, by, text: 'one' });
    clock.advance(0);
    expect(grid.batch(KEY, batch.id).request_counts.completed).toBe(1);
    clock.advance(86_400_000);
    const done = grid.batch(KEY, batch.id);
    expect(done.status).toBe('expired');
    expect(done.expired_at).toBe(done.expires_at);
    expect(done.request_counts).toEqual({ total: 6, completed: 1, failed: 5 });
    const errors = lines(grid.fileContent(KEY, done.error_file_id!));
    expect(errors.map((l) => l.custom_id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(new Set(errors.map((l) => l.error.code))).toEqual(new Set(['batch_expired']));
    // The running job was taken back from its worker; nothing of the batch is left queued.
    expect(sink.cancels).toHaveLength(1);
    expect(grid.counters().queued).toBe(0);
  });

  it('a worker fault re-queues the item; one that faults every attempt goes to the error file', () => {
    const { grid, clock } = makeGrid({ maxAttempts: 2 });
    const { sink, by } = wsWorker(grid, { name: 'flaky' });
    const batch = startBatch(grid, [line('good'), line('doomed'), line('also-good')]);
    clock.advance(0);
    const answered = new Set<string>();
    for (let i = 0; i < 100; i++) {
      clock.advance(0);
      const job = sink.jobs.find((j) => !answered.has(j.id));
      if (!job) break;
      answered.add(job.id);
      const prompt = (job.payload as { prompt: string }).prompt;
      if (prompt.includes('doomed')) grid.fail({ generationId: job.id, by, message: 'backend crashed' });
      else grid.complete({ generationId: job.id, by, text: 'fine' });
    }
    const done = grid.batch(KEY, batch.id);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
    const [error] = lines(grid.fileContent(KEY, done.error_file_id!));
    expect(error).toMatchObject({ custom_id: 'doomed', response: null, error: { code: 'faulted', line: 2 } });
  });

  it('the key in-flight cap (429) only delays a batch: it resumes when the 429 says, nothing lost', () => {
    const { grid, clock } = makeGrid({ maxInFlight: 2 });
    const { sink, by } = wsWorker(grid);
    const batch = startBatch(
      grid,
      Array.from({ length: 7 }, (_, i) => line(`r${i}`)),
    );
    clock.advance(0);
    // The cap lets two in; the third submit got TooManyPrompts and the batch waits out its Retry-After.
    expect(grid.account(KEY).inFlight).toBe(2);
    const answered = new Set<string>();
    for (let i = 0; i < 200 && grid.batch(KEY, batch.id).status !== 'completed'; i++) {
      for (const job of sink.jobs.filter((j) => !answered.has(j.id))) {
        answered.add(job.id);
        grid.complete({ generationId: job.id, by, text: 'ok' });
      }
      clock.advance(1_000);
    }
    const done = grid.batch(KEY, batch.id);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 7, completed: 7, failed: 0 });
    expect(answered.size).toBe(7);
  });

  it('interactive requests are served between a big batch’s requests, never after all of it', () => {
    const { grid, clock } = makeGrid();
    const { sink, by } = wsWorker(grid);
    const batch = startBatch(
      grid,
      Array.from({ length: 200 }, (_, i) => line(`r${i}`)),
    );
    clock.advance(0);
    // Serve a few batch requests, then an interactive one arrives.
    const answer = () => {
      const job = sink.last;
      grid.complete({ generationId: job.id, by, text: 'ok' });
      clock.advance(0);
    };
    for (let i = 0; i < 5; i++) answer();
    const { events } = chat(grid, {}, 'interactive-key');
    let servedAfter = 0;
    while (!events.some((e) => e.type === 'assigned')) {
      answer();
      servedAfter++;
    }
    // At most the batch's 4 requests already queued are ahead of it.
    expect(servedAfter).toBeLessThanOrEqual(4);
    expect(grid.batch(KEY, batch.id).request_counts.completed).toBeLessThan(20);
  });

  it('lists batches and files newest first with cursor pagination', () => {
    const { grid } = makeGrid();
    const ids = Array.from({ length: 5 }, () => startBatch(grid, [line('a')]).id);
    const first = grid.listBatches(KEY, { limit: 2 });
    expect(first.data.map((b) => b.id)).toEqual([ids[4], ids[3]]);
    expect(first).toMatchObject({ has_more: true, first_id: ids[4], last_id: ids[3] });
    const rest = grid.listBatches(KEY, { after: first.last_id!, limit: 10 });
    expect(rest.data.map((b) => b.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.has_more).toBe(false);
    const files = grid.listFiles(KEY, { order: 'asc', limit: 2 });
    expect(files.data).toHaveLength(2);
    expect(files.has_more).toBe(true);
    const gone = grid.deleteFile(KEY, files.data[0]!.id);
    expect(gone).toEqual({ id: files.data[0]!.id, object: 'file', deleted: true });
    expect(grid.listFiles(KEY).data).toHaveLength(4);
  });
});
