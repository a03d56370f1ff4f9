import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '../../src/index';
import { BASE, makeGrid, useServer } from '../helpers';

const server = useServer();

const file = {
  id: 'file-1',
  object: 'file',
  bytes: 12,
  created_at: 1764222000,
  filename: 'in.jsonl',
  purpose: 'batch',
  status: 'processed',
  expires_at: null,
  status_details: null,
};

function batch(id: string, status: string) {
  return {
    id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    errors: null,
    input_file_id: 'file-1',
    completion_window: '24h',
    status,
    output_file_id: status === 'completed' ? 'file-out' : null,
    error_file_id: null,
    created_at: 1764222000,
    in_progress_at: null,
    expires_at: 1764308400,
    finalizing_at: null,
    completed_at: null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: { total: 2, completed: status === 'completed' ? 2 : 0, failed: 0 },
    metadata: null,
  };
}

describe('grid.files', () => {
  it('uploads JSONL text, bytes or a Blob as multipart with purpose batch', async () => {
    const seen: Array<{ purpose: unknown; name: string; text: string; type: string | null }> = [];
    server.use(
      http.post(`${BASE}/v1/files`, async ({ request }) => {
        const type = request.headers.get('content-type');
        const form = await request.formData();
        const part = form.get('file') as File;
        seen.push({ purpose: form.get('purpose'), name: part.name, text: await part.text(), type });
        return HttpResponse.json(file);
      }),
    );
    const grid = makeGrid();
    expect(await grid.files.create({ file: '{"a":1}\n' })).toEqual(file);
    await grid.files.create({ file: new TextEncoder().encode('{"b":2}\n'), filename: 'b.jsonl' });
    await grid.files.create({ file: new File(['{"c":3}\n'], 'c.jsonl') });
    expect(seen.map((s) => [s.purpose, s.name, s.text])).toEqual([
      ['batch', 'batch.jsonl', '{"a":1}\n'],
      ['batch', 'b.jsonl', '{"b":2}\n'],
      ['batch', 'c.jsonl', '{"c":3}\n'],
    ]);
    // fetch sets the multipart type with its boundary; the SDK does not send JSON's.
    expect(seen[0]!.type).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('reads content as text, deletes, and turns a 404 into NotFoundError', async () => {
    server.use(
      http.get(
        `${BASE}/v1/files/file-out/content`,
        () => new HttpResponse('{"custom_id":"a"}\n', { headers: { 'content-type': 'application/jsonl' } }),
      ),
      http.delete(`${BASE}/v1/files/file-1`, () =>
        HttpResponse.json({ id: 'file-1', object: 'file', deleted: true }),
      ),
      http.get(`${BASE}/v1/files/nope`, () =>
        HttpResponse.json({ detail: 'No such File object: nope' }, { status: 404 }),
      ),
    );
    const grid = makeGrid();
    expect(await grid.files.content('file-out')).toBe('{"custom_id":"a"}\n');
    expect((await grid.files.del('file-1')).deleted).toBe(true);
    await expect(grid.files.retrieve('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('grid.batches', () => {
  it('lists with for-await auto-pagination (after = the last id of the page)', async () => {
    const afters: Array<string | null> = [];
    const all = ['batch_3', 'batch_2', 'batch_1'];
    server.use(
      http.get(`${BASE}/v1/batches`, ({ request }) => {
        const url = new URL(request.url);
        const after = url.searchParams.get('after');
        afters.push(after);
        expect(url.searchParams.get('limit')).toBe('2');
        const start = after ? all.indexOf(after) + 1 : 0;
        const data = all.slice(start, start + 2).map((id) => batch(id, 'completed'));
        return HttpResponse.json({
          object: 'list',
          data,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
          has_more: start + 2 < all.length,
        });
      }),
    );
    const grid = makeGrid();
    const first = await grid.batches.list({ limit: 2 });
    expect(first.data.map((b) => b.id)).toEqual(['batch_3', 'batch_2']);
    const ids: string[] = [];
    for await (const b of grid.batches.list({ limit: 2 })) ids.push(b.id);
    expect(ids).toEqual(all);
    expect(afters).toEqual([null, null, 'batch_2']);
  });

  it('createAndPoll polls until the batch has ended, following x-poll-after-ms', async () => {
    const statuses = ['validating', 'in_progress', 'finalizing', 'completed'];
    let polls = 0;
    let created: unknown;
    server.use(
      http.post(`${BASE}/v1/batches`, async ({ request }) => {
        created = await request.json();
        return HttpResponse.json(batch('batch_1', 'validating'));
      }),
      http.get(`${BASE}/v1/batches/batch_1`, () => {
        const status = statuses[Math.min(++polls, statuses.length - 1)]!;
        return HttpResponse.json(batch('batch_1', status), { headers: { 'x-poll-after-ms': '1' } });
      }),
    );
    const seen: string[] = [];
    const done = await makeGrid().batches.createAndPoll(
      { input_file_id: 'file-1', endpoint: '/v1/chat/completions', completion_window: '24h' },
      { onProgress: (b) => seen.push(b.status) },
    );
    expect(created).toEqual({
      input_file_id: 'file-1',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(done.status).toBe('completed');
    expect(seen).toEqual(['in_progress', 'finalizing', 'completed']);
  });

  it('cancel posts to /cancel; a refused body is a typed error', async () => {
    server.use(
      http.post(`${BASE}/v1/batches/batch_1/cancel`, () => HttpResponse.json(batch('batch_1', 'cancelling'))),
      http.post(`${BASE}/v1/batches`, () =>
        HttpResponse.json(
          { detail: "input_file_id: file-9 has purpose 'batch_output', not 'batch'" },
          { status: 400 },
        ),
      ),
    );
    const grid = makeGrid();
    expect((await grid.batches.cancel('batch_1')).status).toBe('cancelling');
    await expect(
      grid.batches.create({
        input_file_id: 'file-9',
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});
