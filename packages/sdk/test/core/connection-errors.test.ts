// A failure without an HTTP answer says where it was going and why it failed: the method and URL, the
// cause's code and message (docs/sdk/errors-and-retries.md § Connection errors and timeouts).
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIConnectionError, APITimeoutError, Grid } from '../../src/index';
import { rawClient } from '../../src/raw';
import { BASE, bodyOf, makeGrid, useFakeClock } from '../helpers';

const params = { model: 'auto', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** A port nothing listens on: bound once by us, then released. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read fields of whichever error class arrived
async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e) => e,
  );
}

/** A fetch that fails the way undici does: TypeError('fetch failed') whose cause is the socket error. */
function failingFetch(cause: unknown) {
  return async () => {
    throw new TypeError('fetch failed', { cause });
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('connection errors', () => {
  it('name the method, the URL and the cause code of a refused connection (real socket)', async () => {
    const port = await refusedPort();
    const grid = new Grid({
      baseURL: `http://127.0.0.1:${port}`,
      apiKey: 'grid_secret_key_0123456789',
      maxRetries: 0,
      logLevel: 'off',
    });
    const error = await failure(grid.chat.completions.create(params));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      `Connection error: POST http://127.0.0.1:${port}/v1/chat/completions failed ` +
        `(ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port})`,
    );
    expect(error.code).toBe('ECONNREFUSED');
    // The runtime's error stays reachable, as before.
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.cause.cause.code).toBe('ECONNREFUSED');
    expect(error.message).not.toContain('grid_secret_key');
  });

  it('read the code from an AggregateError (localhost tried over IPv6 and IPv4)', async () => {
    const v6 = Object.assign(new Error('connect ECONNREFUSED ::1:7001'), { code: 'ECONNREFUSED' });
    const v4 = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7001'), { code: 'ECONNREFUSED' });
    const both = Object.assign(new AggregateError([v6, v4], ''), { code: 'ECONNREFUSED' });
    const grid = makeGrid({ maxRetries: 0, fetch: failingFetch(both) });
    const error = await failure(grid.health());
    expect(error.message).toBe(
      `Connection error: GET ${BASE}/health failed (ECONNREFUSED: connect ECONNREFUSED ::1:7001)`,
    );
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('name the code once when the message already starts with it (Bun)', async () => {
    const bun = Object.assign(
      new Error('ECONNREFUSED: Unable to connect. Is the computer able to access the url?'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const grid = makeGrid({ maxRetries: 0, fetch: failingFetch(bun) });
    const error = await failure(grid.health());
    expect(error.message).toBe(
      `Connection error: GET ${BASE}/health failed (ECONNREFUSED: Unable to connect. Is the computer able to access the url?)`,
    );
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('give the message alone when the runtime names no code (a browser, Deno)', async () => {
    const grid = makeGrid({
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const error = await failure(grid.health());
    expect(error.message).toBe(`Connection error: GET ${BASE}/health failed (Failed to fetch)`);
    expect(error.code).toBeUndefined();
  });

  it('leave the query string out of the URL they name (it can carry credentials)', async () => {
    const refused = Object.assign(new Error('getaddrinfo ENOTFOUND grid.test'), { code: 'ENOTFOUND' });
    const grid = makeGrid({ maxRetries: 0, fetch: failingFetch(refused) });
    const raw = rawClient(grid);
    const error = await failure(raw.GET('/api/v2/workers', { params: { query: { type: 'text' } } }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      `Connection error: GET ${BASE}/api/v2/workers failed (ENOTFOUND: getaddrinfo ENOTFOUND grid.test)`,
    );
  });

  it('say when the body broke off after the headers', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(
          new TypeError('terminated', {
            cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
          }),
        );
      },
    });
    const grid = makeGrid({ maxRetries: 0, fetch: async () => new Response(broken) });
    const error = await failure(grid.health());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      `Connection error: GET ${BASE}/health broke off while reading the response body (UND_ERR_SOCKET: other side closed)`,
    );
    expect(error.code).toBe('UND_ERR_SOCKET');
  });
});

describe('timeouts', () => {
  it('name the URL and the limit when no response came', async () => {
    useFakeClock();
    const grid = makeGrid({ maxRetries: 0, timeout: 5_000, fetch: () => new Promise<Response>(() => {}) });
    const settled = failure(grid.health());
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await settled;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toBe(
      `Request timed out: GET ${BASE}/health sent no response within 5 s (timeout: 5000 ms)`,
    );
  });

  it('say when it was the body that did not finish in time', async () => {
    useFakeClock();
    const grid = makeGrid({
      maxRetries: 0,
      timeout: 2_500,
      fetch: async () => new Response(bodyOf(['{"status":'], { stall: true })),
    });
    const settled = failure(grid.health());
    await vi.advanceTimersByTimeAsync(2_500);
    expect((await settled).message).toBe(
      `Request timed out: GET ${BASE}/health did not finish its response body within 2.5 s (timeout: 2500 ms)`,
    );
  });
});
