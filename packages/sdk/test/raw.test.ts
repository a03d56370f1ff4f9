// @aipg/sdk/raw: the typed openapi-fetch client over a Grid's pipeline (docs/sdk/errors-and-retries.md,
// The raw client).
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { APIUserAbortError, DEFAULT_CLIENT_AGENT } from '../src/index';
import { rawClient } from '../src/raw';
import { BASE, makeGrid, useServer } from './helpers';

const server = useServer();

describe('rawClient(grid)', () => {
  it('sends the client’s headers and returns a failed status as { error, response }', async () => {
    const seen: Headers[] = [];
    const paths: string[] = [];
    server.use(
      http.get(`${BASE}/v1/models/:id`, ({ request }) => {
        seen.push(request.headers);
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ detail: 'Model not found' }, { status: 404 });
      }),
    );
    const raw = rawClient(makeGrid());
    const { data, error, response } = await raw.GET('/v1/models/{model_id}', {
      params: { path: { model_id: 'grid/a b' } },
      headers: { 'X-Call': '1' },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ detail: 'Model not found' });
    expect(response.status).toBe(404);
    expect(paths).toEqual(['/v1/models/grid%2Fa%20b']);
    const [h] = seen;
    expect(h?.get('apikey')).toBe('grid_test_key_0123456789');
    expect(h?.get('authorization')).toBe('Bearer grid_test_key_0123456789');
    expect(h?.get('client-agent')).toBe(DEFAULT_CLIENT_AGENT);
    expect(h?.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(h?.get('x-call')).toBe('1');
  });

  it('sends a JSON body and parses the JSON answer', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE}/api/v2/generate/text/async`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: 'job-1', kudos: 1 }, { status: 202 });
      }),
    );
    const raw = rawClient(makeGrid());
    const { data } = await raw.POST('/api/v2/generate/text/async', { body: { prompt: 'Hi' } });
    expect(data).toEqual({ id: 'job-1', kudos: 1 });
    expect(bodies).toEqual([{ prompt: 'Hi' }]);
  });

  it('runs the grid’s middleware and its own, each once', async () => {
    const order: string[] = [];
    server.use(http.get(`${BASE}/health`, () => HttpResponse.json({ status: 'ok' })));
    const grid = makeGrid({ middleware: [{ onRequest: () => void order.push('grid') }] });
    const raw = rawClient(grid);
    raw.use({ onRequest: () => void order.push('raw') });
    await raw.GET('/health');
    expect(order).toEqual(['raw', 'grid']);
  });

  it('rejects with APIUserAbortError when the call’s signal aborts', async () => {
    const controller = new AbortController();
    const grid = makeGrid({
      fetch: (_url, init) =>
        new Promise((_, reject) => {
          controller.abort();
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });
    await expect(rawClient(grid).GET('/health', { signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
  });
});
