import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { AIPGError, APIError, DEFAULT_CLIENT_AGENT, Grid, InternalServerError, VERSION } from '../src/index';
import { BASE, makeGrid, recordingLogger, useServer } from './helpers';

const server = useServer();

function captureHeaders(path = `${BASE}/health`) {
  const seen: Headers[] = [];
  server.use(
    http.get(path, ({ request }) => {
      seen.push(request.headers);
      return HttpResponse.json({ status: 'ok' }, { headers: { 'x-request-id': 'req_srv_1' } });
    }),
  );
  return seen;
}

describe('version', () => {
  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(DEFAULT_CLIENT_AGENT).toBe(
      `@aipg/sdk:${pkg.version}:https://github.com/AIPowerGrid/aipg-grid-sdk`,
    );
  });
});

describe('headers', () => {
  it('sends the key as apikey and Bearer, Client-Agent, a request id and the retry count', async () => {
    const seen = captureHeaders();
    await makeGrid().health();
    const [h] = seen;
    expect(h?.get('apikey')).toBe('grid_test_key_0123456789');
    expect(h?.get('authorization')).toBe('Bearer grid_test_key_0123456789');
    expect(h?.get('client-agent')).toBe(DEFAULT_CLIENT_AGENT);
    expect(h?.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(h?.get('x-aipg-retry-count')).toBe('0');
  });

  it('sends no auth headers without a key, and honours clientAgent, defaultHeaders and per-call headers', async () => {
    vi.stubEnv('AIPG_API_KEY', '');
    const seen = captureHeaders();
    const grid = makeGrid({
      apiKey: undefined,
      clientAgent: 'my-app:1.0:me@example.com',
      defaultHeaders: { 'X-Team': 'blue', 'Client-Agent': null },
    });
    await grid.health({ headers: { 'X-Call': '1', 'X-Team': null } });
    const [h] = seen;
    expect(h?.has('apikey')).toBe(false);
    expect(h?.has('authorization')).toBe(false);
    expect(h?.has('client-agent')).toBe(false);
    expect(h?.has('x-team')).toBe(false);
    expect(h?.get('x-call')).toBe('1');
    vi.unstubAllEnvs();
  });

  it('lets a later header replace an earlier one whatever the case of its name', async () => {
    const seen = captureHeaders();
    const grid = makeGrid({ defaultHeaders: { 'x-team': 'blue', APIKEY: 'grid_other_key' } });
    await grid.health({ headers: { 'X-TEAM': 'red', 'Client-AGENT': 'mine:1:me' } });
    const [h] = seen;
    expect(h?.get('x-team')).toBe('red');
    expect(h?.get('apikey')).toBe('grid_other_key');
    expect(h?.get('client-agent')).toBe('mine:1:me');
  });
});

describe('environment fallbacks', () => {
  it('reads AIPG_API_KEY and AIPG_BASE_URL', async () => {
    vi.stubEnv('AIPG_API_KEY', 'grid_from_env_0000000');
    vi.stubEnv('AIPG_BASE_URL', 'http://env-grid.test/v1/');
    const seen = captureHeaders('http://env-grid.test/health');
    const grid = new Grid({ logLevel: 'off', fetch: (i, init) => globalThis.fetch(i, init) });
    expect(grid.apiKey).toBe('grid_from_env_0000000');
    expect(grid.baseURL).toBe('http://env-grid.test');
    await grid.health();
    expect(seen[0]?.get('apikey')).toBe('grid_from_env_0000000');
    vi.unstubAllEnvs();
  });

  it('prefers options over the environment, and defaults to the live grid', () => {
    vi.stubEnv('AIPG_API_KEY', 'grid_from_env_0000000');
    vi.stubEnv('AIPG_BASE_URL', '');
    const grid = new Grid({ apiKey: 'grid_option_000000000' });
    expect(grid.apiKey).toBe('grid_option_000000000');
    expect(grid.baseURL).toBe('https://api.aipowergrid.io');
    expect(grid.maxRetries).toBe(2);
    expect(grid.timeout).toBe(600_000);
    vi.unstubAllEnvs();
  });
});

describe('baseURL', () => {
  it.each([
    ['https://api.aipowergrid.io', 'https://api.aipowergrid.io'],
    ['https://api.aipowergrid.io/', 'https://api.aipowergrid.io'],
    ['https://api.aipowergrid.io/v1', 'https://api.aipowergrid.io'],
    ['https://api.aipowergrid.io/v1/', 'https://api.aipowergrid.io'],
    ['http://localhost:3000/proxy/v1', 'http://localhost:3000/proxy'],
    ['http://localhost:3000/proxy', 'http://localhost:3000/proxy'],
  ])('%s → %s', (input, expected) => {
    expect(new Grid({ baseURL: input }).baseURL).toBe(expected);
  });

  it('requests spec paths under the host root even when given a /v1 base', async () => {
    const seen = captureHeaders(`${BASE}/health`);
    await makeGrid({ baseURL: `${BASE}/v1` }).health();
    expect(seen).toHaveLength(1);
  });

  it.each(['/v1', 'localhost:7001', 'api.aipowergrid.io', 'ftp://grid.example'])('rejects %s', (baseURL) => {
    expect(() => new Grid({ baseURL })).toThrow(
      `baseURL must be an absolute http(s) URL (got ${JSON.stringify(baseURL)})`,
    );
  });
});

describe('option validation', () => {
  it.each([
    [{ maxRetries: -1 }, /maxRetries must be an integer ≥ 0/],
    [{ maxRetries: 1.5 }, /maxRetries must be an integer ≥ 0/],
    [{ timeout: 0 }, /timeout must be a number of milliseconds/],
    [{ timeout: Number.NaN }, /timeout must be a number of milliseconds/],
    [{ logLevel: 'loud' as never }, /logLevel must be one of/],
  ])('%j', (options, message) => {
    expect(() => new Grid(options)).toThrow(AIPGError);
    expect(() => new Grid(options)).toThrow(message);
  });

  it('validates per-call options too', async () => {
    captureHeaders();
    await expect(makeGrid().health({ maxRetries: -2 })).rejects.toThrow(/maxRetries must be an integer/);
  });
});

describe('request ids', () => {
  it('puts the response x-request-id on the result, non-enumerable', async () => {
    captureHeaders();
    const health = await makeGrid().health();
    expect(health._request_id).toBe('req_srv_1');
    expect(Object.keys(health)).toEqual(['status']);
    expect(JSON.stringify(health)).toBe('{"status":"ok"}');
  });

  it('falls back to the id it sent when the server echoes none', async () => {
    let sent: string | null = null;
    server.use(
      http.get(`${BASE}/health`, ({ request }) => {
        sent = request.headers.get('x-request-id');
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    const health = await makeGrid().health();
    expect(health._request_id).toBe(sent);
  });

  it('sends a caller-supplied request id instead of its own', async () => {
    let sent: string | null = null;
    server.use(
      http.get(`${BASE}/health`, ({ request }) => {
        sent = request.headers.get('x-request-id');
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    const health = await makeGrid().health({ headers: { 'x-request-id': 'trace-42' } });
    expect(sent).toBe('trace-42');
    expect(health._request_id).toBe('trace-42');
  });

  it('puts the request id on errors', async () => {
    server.use(
      http.get(`${BASE}/health`, () =>
        HttpResponse.json({ detail: 'nope' }, { status: 404, headers: { 'x-request-id': 'req_err_9' } }),
      ),
    );
    await expect(makeGrid().health()).rejects.toMatchObject({ requestId: 'req_err_9', status: 404 });
  });
});

describe('bodies that are not JSON', () => {
  const page =
    '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
  const html = (status: number) => () =>
    new HttpResponse(page, { status, headers: { 'content-type': 'text/html', 'x-request-id': 'req_proxy' } });

  it('an HTML error page from a proxy → the status class, the page as text', async () => {
    server.use(http.get(`${BASE}/health`, html(502)));
    const error = await makeGrid({ maxRetries: 0 })
      .health()
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.body).toBe(page);
    expect(error.message).toBe(`502 ${page}`);
    expect(error.requestId).toBe('req_proxy');
  });

  it('an HTML page answered with 200 → APIError naming the content type, not a SyntaxError', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/health`, () => {
        calls++;
        return html(200)();
      }),
    );
    const error = await makeGrid()
      .health()
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req_proxy');
    expect(error.message).toMatch(/^200 response body is not valid JSON \(text\/html\): /);
    expect(calls).toBe(1); // not a transient failure: never retried
  });
});

describe('logging', () => {
  it('never hands the key to the logger', async () => {
    server.use(
      http.get(`${BASE}/health`, () =>
        HttpResponse.json(
          { status: 'ok' },
          { headers: { 'set-cookie': 'session=grid_test_key_0123456789' } },
        ),
      ),
    );
    const { lines, logger } = recordingLogger();
    await makeGrid({ logger, logLevel: 'debug' }).health();
    expect(lines.length).toBeGreaterThan(0);
    const everything = JSON.stringify(lines);
    expect(everything).toContain('***');
    expect(everything).not.toContain('grid_test_key_0123456789');
    expect(everything).toContain('client-agent');
  });

  it('logs nothing below the level (default warn, AIPG_LOG overrides)', async () => {
    captureHeaders();
    const quiet = recordingLogger();
    await makeGrid({ logger: quiet.logger, logLevel: undefined }).health();
    expect(quiet.lines).toEqual([]);
    vi.stubEnv('AIPG_LOG', 'debug');
    const loud = recordingLogger();
    await makeGrid({ logger: loud.logger, logLevel: undefined }).health();
    expect(loud.lines.some((l) => l.level === 'debug')).toBe(true);
    vi.unstubAllEnvs();
  });
});

describe('withResponse()', () => {
  it('gives the parsed data with the raw response and request id', async () => {
    server.use(
      http.get(`${BASE}/v1/models`, () =>
        HttpResponse.json(
          { object: 'list', data: [] },
          { headers: { 'x-request-id': 'req_wr', 'x-ratelimit-remaining': '29' } },
        ),
      ),
    );
    const { data, response, request_id } = await makeGrid().models.list().withResponse();
    expect(data).toEqual({ object: 'list', data: [] });
    expect(data._request_id).toBe('req_wr');
    expect(request_id).toBe('req_wr');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('29');
  });

  it('rejects withResponse() with the typed error, and awaiting still works alongside', async () => {
    server.use(
      http.get(`${BASE}/v1/models`, () => HttpResponse.json({ detail: 'Invalid API key' }, { status: 401 })),
    );
    const call = makeGrid().models.list();
    await expect(call.withResponse()).rejects.toMatchObject({ name: 'AuthenticationError' });
    await expect(call).rejects.toMatchObject({ status: 401, message: '401 Invalid API key' });
  });

  it('then() on the call gives a plain Promise', async () => {
    captureHeaders();
    const chained = makeGrid()
      .health()
      .then((h) => h.status);
    expect(chained.constructor).toBe(Promise);
    expect(await chained).toBe('ok');
  });
});
