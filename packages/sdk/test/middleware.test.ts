// Middleware on resource calls (grid.use() / the `middleware` option): openapi-fetch's hook shape, once per
// logical call, above the retry loop (docs/sdk/errors-and-retries.md, Middleware).
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AIPGError,
  APIConnectionError,
  type Middleware,
  type MiddlewareParams,
  NotFoundError,
} from '../src/index';
import { BASE, makeGrid, useServer } from './helpers';

const server = useServer();

const MODEL = { id: 'meta-llama/Llama-3.1-8B', object: 'model', created: 1, owned_by: 'grid' };

describe('middleware', () => {
  it('given as the middleware option, sees the spec path, its params and the request id sent', async () => {
    const seen: Array<Omit<MiddlewareParams, 'request' | 'options'> & { url: string; baseUrl: string }> = [];
    let sentId: string | null = null;
    server.use(
      http.get(`${BASE}/v1/models/:id`, ({ request }) => {
        sentId = request.headers.get('x-request-id');
        return HttpResponse.json(MODEL);
      }),
    );
    const record: Middleware = {
      onRequest: ({ request, schemaPath, params, id, options }) => {
        seen.push({ url: request.url, schemaPath, params, id, baseUrl: options.baseUrl });
      },
    };
    const grid = makeGrid({ middleware: [record] });
    await grid.models.retrieve(MODEL.id);
    expect(seen).toEqual([
      {
        url: `${BASE}/v1/models/meta-llama%2FLlama-3.1-8B`,
        schemaPath: '/v1/models/{model_id}',
        params: { path: { model_id: MODEL.id } },
        id: sentId,
        baseUrl: BASE,
      },
    ]);
  });

  it('runs onRequest in order and onResponse in reverse, and may replace the request and the response', async () => {
    const order: string[] = [];
    let received: string | null = null;
    server.use(
      http.get(`${BASE}/health`, ({ request }) => {
        received = request.headers.get('x-added');
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    const grid = makeGrid().use(
      {
        onRequest: ({ request }) => {
          order.push('request 1');
          const headers = new Headers(request.headers);
          headers.set('x-added', 'yes');
          return new Request(request, { headers });
        },
        onResponse: async ({ response }) => {
          order.push('response 1');
          const body = await response.json();
          return Response.json({ ...body, seen: 'by 1' });
        },
      },
      {
        onRequest: () => {
          order.push('request 2');
        },
        onResponse: () => {
          order.push('response 2');
        },
      },
    );
    const health = await grid.health();
    expect(health).toEqual({ status: 'ok', seen: 'by 1' });
    expect(received).toBe('yes');
    expect(order).toEqual(['request 1', 'request 2', 'response 2', 'response 1']);
  });

  it('answers from onRequest without sending when it returns a Response', async () => {
    // No handler: a request that reached the network would fail the test (onUnhandledRequest: error).
    let responses = 0;
    const grid = makeGrid({
      middleware: [
        { onRequest: () => Response.json({ detail: 'cached miss' }, { status: 404 }) },
        { onResponse: () => void responses++ },
      ],
    });
    await expect(grid.health()).rejects.toBeInstanceOf(NotFoundError);
    expect(responses).toBe(0);
  });

  it('hands onError the typed error, and recovers with a Response', async () => {
    const errors: unknown[] = [];
    const grid = makeGrid({
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    grid.use({
      onError: ({ error }) => {
        errors.push(error);
        return Response.json({ status: 'from onError' });
      },
    });
    expect(await grid.health()).toEqual({ status: 'from onError' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(APIConnectionError);
  });

  it('passes an Error returned by onError on to the caller', async () => {
    const grid = makeGrid({
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      middleware: [{ onError: () => new Error('said by middleware') }],
    });
    await expect(grid.health()).rejects.toThrow('said by middleware');
  });

  it('refuses what is not middleware', () => {
    expect(() => makeGrid().use({} as Middleware)).toThrow(AIPGError);
    expect(() => makeGrid({ middleware: [null as unknown as Middleware] })).toThrow(
      'middleware must be an object with onRequest(), onResponse() or onError()',
    );
  });
});

describe('send()', () => {
  it('adds the client headers beneath the request’s own and runs the pipeline', async () => {
    const attempts: Headers[] = [];
    server.use(
      http.post(`${BASE}/v1/anything`, ({ request }) => {
        attempts.push(request.headers);
        return attempts.length === 1
          ? HttpResponse.json({ detail: 'busy' }, { status: 503, headers: { 'retry-after-ms': '0' } })
          : HttpResponse.json({ ok: true }, { status: 201 });
      }),
    );
    const grid = makeGrid({ defaultHeaders: { 'X-Team': 'blue' } });
    const request = new Request(`${BASE}/v1/anything`, {
      method: 'POST',
      headers: { 'x-team': 'red', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const response = await grid.send(request, { headers: { 'X-Call': '1' } });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(attempts.map((h) => h.get('x-aipg-retry-count'))).toEqual(['0', '1']);
    const [first, second] = attempts;
    expect(first?.get('apikey')).toBe('grid_test_key_0123456789');
    expect(first?.get('x-team')).toBe('red');
    expect(first?.get('x-call')).toBe('1');
    expect(first?.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.get('x-request-id')).toBe(first?.get('x-request-id'));
  });

  it('resolves to an error status rather than throwing it', async () => {
    server.use(http.get(`${BASE}/v1/nothing`, () => HttpResponse.json({ detail: 'no' }, { status: 404 })));
    const response = await makeGrid().send(new Request(`${BASE}/v1/nothing`));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'no' });
  });
});
