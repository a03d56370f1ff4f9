import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { GoneError, NotFoundError } from '../../src/index';
import { BASE, makeGrid, useServer } from '../helpers';

const server = useServer();

const modelList = {
  object: 'list',
  data: [
    { id: 'auto', object: 'model', created: 0, owned_by: 'aipowergrid', input_modalities: ['text'] },
    {
      id: 'meta-llama/Llama-3.1-8B',
      object: 'model',
      created: 0,
      owned_by: 'aipowergrid',
      input_modalities: ['text'],
    },
  ],
};

describe('models', () => {
  it('list() → GET /v1/models', async () => {
    server.use(http.get(`${BASE}/v1/models`, () => HttpResponse.json(modelList)));
    const list = await makeGrid().models.list();
    expect(list).toEqual(modelList);
  });

  it('retrieve(id) encodes the id as one path segment', async () => {
    let rawPath = '';
    server.use(
      http.get(`${BASE}/v1/models/:id`, ({ request, params }) => {
        rawPath = new URL(request.url).pathname;
        return HttpResponse.json({ ...modelList.data[1], id: params.id });
      }),
    );
    const model = await makeGrid().models.retrieve('meta-llama/Llama-3.1-8B');
    expect(rawPath).toBe('/v1/models/meta-llama%2FLlama-3.1-8B');
    expect(model.owned_by).toBe('aipowergrid');
  });

  it('retrieve() of an offline model → NotFoundError', async () => {
    server.use(
      http.get(`${BASE}/v1/models/:id`, () =>
        HttpResponse.json({ detail: 'Model not found' }, { status: 404 }),
      ),
    );
    await expect(makeGrid().models.retrieve('gone')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('status, workers, health', () => {
  it('status.models() → GET /v1/status/models (an array, with _request_id)', async () => {
    const rows = [{ name: 'llama-3.1-8b-instruct', count: 2, type: 'text', tokens_per_s: 55.1 }];
    server.use(
      http.get(`${BASE}/v1/status/models`, () =>
        HttpResponse.json(rows, { headers: { 'x-request-id': 'req_st' } }),
      ),
    );
    const result = await makeGrid().status.models();
    expect(result).toEqual(rows);
    expect(result._request_id).toBe('req_st');
  });

  it('workers.list() → GET /v1/workers', async () => {
    const body = {
      count: 1,
      workers: [{ id: 'w1', name: 'rig-01', models: ['m'], job_types: ['text'], online: true }],
    };
    server.use(http.get(`${BASE}/v1/workers`, () => HttpResponse.json(body)));
    expect(await makeGrid().workers.list()).toEqual(body);
  });

  it('health() → GET /health', async () => {
    const body = { status: 'ok', redis: true, workers_connected: 3, models_available: ['m'] };
    server.use(http.get(`${BASE}/health`, () => HttpResponse.json(body)));
    expect(await makeGrid().health()).toEqual(body);
  });

  it('the retired legacy API answers 410 → GoneError with its message', async () => {
    server.use(
      http.post(`${BASE}/api/v2/generate/text/async`, () =>
        HttpResponse.json(
          {
            status: 'gone',
            message: 'The legacy /api/v2 API has been retired. Use https://api.aipowergrid.io/v1.',
          },
          { status: 410 },
        ),
      ),
    );
    const error = await makeGrid()
      .text.submit({ prompt: 'Hi' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(GoneError);
    expect(error.message).toMatch(/^410 The legacy \/api\/v2 API has been retired/);
  });
});
