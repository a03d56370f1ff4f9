import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, chatBody, MODEL, nextJob, startTestGrid, type TestGrid } from '../../helpers/grid.js';

// Where the spec and the server disagreed (issue 9, finding 10 of the spec-driven fuzzing), each resolved on the
// side that was wrong; the decisions are in the spec's descriptions. Every answer here is also checked against
// the spec by the test grid's fetch.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const POP = { name: 'rig-01', models: [MODEL] };

describe('spec and server agree', () => {
  it('a Horde pop must name its models (the spec requires them, as the server always did)', async () => {
    t = await startTestGrid();
    const res = await t.post('/api/v2/generate/text/pop', { name: 'rig-01' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: 'Input payload validation failed',
      errors: { models: 'field required' },
    });
    expect((await t.post('/api/v2/generate/text/pop', POP)).status).toBe(200);
  });

  it('an empty model name in a Horde request is a schema error (the spec gives the names minLength 1)', async () => {
    t = await startTestGrid();
    const res = await t.post('/api/v2/generate/text/async', { prompt: 'hi', models: [''] });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ 'models[0]': 'must NOT have fewer than 1 characters' });
  });

  it('a seed past 2^53 − 1 is a 422 like any schema error, naming the value exactly as sent', async () => {
    t = await startTestGrid();
    await t.wsWorker();
    const body = JSON.stringify(chatBody()).replace(/}$/, ',"seed":9007199254740993}');
    const res = await t.post('/v1/chat/completions', body);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [
        { loc: ['body', 'seed'], msg: 'must be <= 9007199254740991, got 9007199254740993', type: 'maximum' },
      ],
    });
    const low = await t.post('/v1/chat/completions', chatBody({ seed: -(2 ** 53) }));
    expect(low.status).toBe(422);
    expect((await low.json()).detail[0]).toMatchObject({ loc: ['body', 'seed'], type: 'minimum' });
  });

  it('the largest exact seed is served and echoed', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const pending = t.post('/v1/chat/completions', chatBody({ seed: Number.MAX_SAFE_INTEGER }));
    const job = await nextJob(worker);
    await worker.serve(job.id, ['ok']);
    const res = await pending;
    expect(res.status).toBe(200);
    expect((await res.json()).grid.seed).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('more than 128 stop sequences are a 422 (the Horde’s limit, for both doors); 128 are served', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const many = await t.post('/v1/chat/completions', chatBody({ stop: Array(50_000).fill('x') }));
    expect(many.status).toBe(422);
    expect((await many.json()).detail).toContainEqual({
      loc: ['body', 'stop'],
      msg: 'must NOT have more than 128 items',
      type: 'maxItems',
    });
    const pending = t.post('/v1/chat/completions', chatBody({ stop: Array(128).fill('x') }));
    const job = await nextJob(worker);
    await worker.serve(job.id, ['ok']);
    expect((await pending).status).toBe(200);
  });

  it('a Horde job served over the WebSocket is a valid chat request: temperature capped at 2 there', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const body = {
      prompt: 'hi',
      models: [MODEL],
      params: { temperature: 4, stop_sequence: Array(128).fill('x') },
    };
    expect((await t.post('/api/v2/generate/text/async', body)).status).toBe(202);
    const job = await nextJob(worker);
    expect(job.payload).toMatchObject({
      temperature: 4,
      request: { temperature: 2, stop: body.params.stop_sequence },
    });
    await worker.serve(job.id, ['ok']);
  });

  it('a 405 says which methods the path takes (Allow)', async () => {
    t = await startTestGrid();
    const models = await t.fetch(`${t.url}/v1/models`, { method: 'DELETE' });
    expect(models.status).toBe(405);
    expect(models.headers.get('allow')).toBe('GET, HEAD');
    const status = await t.fetch(`${t.url}/api/v2/generate/text/status/abc`, { method: 'POST' });
    expect(status.status).toBe(405);
    expect(status.headers.get('allow')).toBe('GET, HEAD, DELETE');
    expect(await status.json()).toEqual({ message: 'The method is not allowed for the requested URL.' });
  });

  it('a body sent as text/plain is a 415 on both surfaces; one without a Content-Type is read as JSON', async () => {
    t = await startTestGrid();
    const send = (path: string, body: unknown, headers: Record<string, string>) =>
      t.fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { apikey: CLIENT_KEY, ...headers },
        body: JSON.stringify(body),
      });
    const message = 'Unsupported Media Type: the body must be application/json (got text/plain)';
    const v1 = await send('/v1/chat/completions', chatBody(), { 'content-type': 'text/plain;charset=UTF-8' });
    expect(v1.status).toBe(415);
    expect(await v1.json()).toEqual({ detail: message });
    const horde = await send(
      '/api/v2/generate/text/async',
      { prompt: 'hi' },
      { 'content-type': 'text/plain' },
    );
    expect(horde.status).toBe(415);
    expect(await horde.json()).toEqual({ message });

    // A bare Uint8Array body gets no Content-Type from fetch: FastAPI reads such a body as JSON, and so does the grid.
    const bare = await t.fetch(`${t.url}/api/v2/generate/text/async`, {
      method: 'POST',
      headers: { apikey: CLIENT_KEY },
      body: new TextEncoder().encode(JSON.stringify({ prompt: 'hi' })),
    });
    expect(bare.status).toBe(202);
    const json = await send(
      '/api/v2/generate/text/async',
      { prompt: 'hi' },
      {
        'content-type': 'application/json; charset=utf-8',
      },
    );
    expect(json.status).toBe(202);
  });

  it('a body that is not UTF-8 is a 400 naming the first bad byte, not repaired and served', async () => {
    t = await startTestGrid();
    const prefix = '{"prompt":"caf';
    const res = await t.fetch(`${t.url}/api/v2/generate/text/async`, {
      method: 'POST',
      headers: { apikey: CLIENT_KEY, 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from(prefix), Buffer.from([0xe9]), Buffer.from('"}')]),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: 'Input payload validation failed',
      errors: { body: `request body is not valid UTF-8 (byte 0xe9 at offset ${prefix.length})` },
    });
  });
});
