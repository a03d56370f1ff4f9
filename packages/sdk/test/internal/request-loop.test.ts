import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
} from '../../src/index';
import { rawClient } from '../../src/raw';
import { BASE, bodyOf, brokenBodyOf, makeGrid, useFakeClock, useServer } from '../helpers';

const server = useServer();

/**
 * Answers GET /health with `replies` in order (the last one repeats) and records, for every attempt,
 * the fake clock and the retry-count header: the gaps between attempts are exactly the waits.
 */
function scripted(replies: Array<() => Response>) {
  const attempts: Array<{ at: number; retryCount: string | null; requestId: string | null }> = [];
  server.use(
    http.get(`${BASE}/health`, ({ request }) => {
      attempts.push({
        at: Date.now(),
        retryCount: request.headers.get('x-aipg-retry-count'),
        requestId: request.headers.get('x-request-id'),
      });
      const reply = replies[Math.min(attempts.length - 1, replies.length - 1)]!;
      return reply();
    }),
  );
  return attempts;
}

const ok = () => HttpResponse.json({ status: 'ok' });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ detail: `failed with ${code}` }, { status: code, headers });

/** Runs `promise` to completion while moving the fake clock as far as needed. */
async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const result = Promise.allSettled([promise]).then(([r]) => r!);
  await vi.runAllTimersAsync();
  return result;
}

function gaps(attempts: Array<{ at: number }>): number[] {
  return attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
}

describe('retries', () => {
  it.each([
    ['408', status(408)],
    ['409', status(409)],
    ['429', status(429)],
    ['500', status(500)],
    ['503', status(503)],
    ['a connection error', () => HttpResponse.error()],
    ['400 with x-should-retry: true', status(400, { 'x-should-retry': 'true' })],
  ])('retries %s, then succeeds', async (_, failure) => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const attempts = scripted([failure, failure, ok]);
    const result = await settle(makeGrid().health());
    expect(result).toMatchObject({ status: 'fulfilled', value: { status: 'ok' } });
    expect(attempts.map((a) => a.retryCount)).toEqual(['0', '1', '2']);
    expect(gaps(attempts)).toEqual([500, 1000]);
    // One logical call: the same request id on every attempt.
    expect(new Set(attempts.map((a) => a.requestId)).size).toBe(1);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
  ])('does not retry %i', async (code, Cls) => {
    const attempts = scripted([status(code)]);
    await expect(makeGrid().health()).rejects.toBeInstanceOf(Cls);
    expect(attempts).toHaveLength(1);
  });

  it('does not retry when x-should-retry: false, even on 503', async () => {
    const attempts = scripted([status(503, { 'x-should-retry': 'false' })]);
    await expect(makeGrid().health()).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(attempts).toHaveLength(1);
  });

  it.each([
    [409, ConflictError],
    [429, RateLimitError],
    [500, InternalServerError],
  ])('gives up after maxRetries with the last %i as a typed error', async (code, Cls) => {
    useFakeClock();
    const attempts = scripted([status(code)]);
    const result = await settle(makeGrid().health());
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(Cls);
    expect((result as PromiseRejectedResult).reason.message).toBe(`${code} failed with ${code}`);
    expect(attempts).toHaveLength(3);
  });

  it('makes one attempt with maxRetries 0 (client or call)', async () => {
    const attempts = scripted([status(500)]);
    await expect(makeGrid({ maxRetries: 0 }).health()).rejects.toBeInstanceOf(InternalServerError);
    await expect(makeGrid().health({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(attempts).toHaveLength(2);
  });

  it('honours a per-call maxRetries above the default', async () => {
    useFakeClock();
    const attempts = scripted([status(502)]);
    await settle(makeGrid().health({ maxRetries: 4 }));
    expect(attempts).toHaveLength(5);
  });

  it('retries a JSON body that breaks off after the headers', async () => {
    useFakeClock();
    let calls = 0;
    const grid = makeGrid({
      fetch: async () => {
        calls++;
        if (calls === 1)
          return new Response(brokenBodyOf(['{"sta']), { headers: { 'content-type': 'application/json' } });
        return Response.json({ status: 'ok' });
      },
    });
    const result = await settle(grid.health());
    expect(result).toMatchObject({ status: 'fulfilled', value: { status: 'ok' } });
    expect(calls).toBe(2);
  });

  it('turns a persistent connection failure into APIConnectionError', async () => {
    useFakeClock();
    const attempts = scripted([() => HttpResponse.error()]);
    const result = await settle(makeGrid().health());
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APIConnectionError);
    expect((result as PromiseRejectedResult).reason).not.toBeInstanceOf(APITimeoutError);
    expect(attempts).toHaveLength(3);
  });
});

describe('the loop sits beneath the middleware', () => {
  it('runs middleware once per logical call, with a fresh AbortSignal per attempt', async () => {
    useFakeClock();
    const signals: AbortSignal[] = [];
    let attempts = 0;
    const grid = makeGrid({
      fetch: async (_url, init) => {
        signals.push(init.signal!);
        attempts++;
        return attempts < 3
          ? Response.json({ detail: 'busy' }, { status: 503 })
          : Response.json({ status: 'ok' });
      },
    });
    let onRequest = 0;
    let onResponse = 0;
    grid.use({
      onRequest: () => {
        onRequest++;
      },
      onResponse: () => {
        onResponse++;
      },
    });
    const result = await settle(grid.health());
    expect(result.status).toBe('fulfilled');
    expect(attempts).toBe(3);
    expect([onRequest, onResponse]).toEqual([1, 1]);
    expect(new Set(signals).size).toBe(3);
  });

  it('hands middleware a real Request, whose body is still the one sent', async () => {
    const sent: unknown[] = [];
    const seen: unknown[] = [];
    const grid = makeGrid({
      fetch: async (_url, init) => {
        sent.push(await new Response(init.body).json());
        return Response.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [],
        });
      },
    });
    const params = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
    await grid.chat.completions.create(params);
    grid.use({
      onRequest: async ({ request }) => {
        expect(request).toBeInstanceOf(Request);
        seen.push(await request.clone().json());
      },
    });
    await grid.chat.completions.create(params);
    expect(seen).toEqual([params]);
    expect(sent).toEqual([params, params]);
  });

  it('@aipg/sdk/raw calls get the pipeline too, and return { data, error, response }', async () => {
    useFakeClock();
    const attempts = scripted([status(500), ok]);
    const result = await settle(rawClient(makeGrid({ maxRetries: 1 })).GET('/health'));
    if (result.status !== 'fulfilled') throw result.reason;
    const { data, error, response } = result.value;
    expect(attempts).toHaveLength(2);
    expect(error).toBeUndefined();
    expect(data).toEqual({ status: 'ok' });
    expect(response.status).toBe(200);
  });
});

describe('retry-after', () => {
  it.each([
    ['retry-after-ms', { 'retry-after-ms': '1234' }, 1234],
    ['retry-after seconds', { 'retry-after': '3' }, 3000],
    ['retry-after zero', { 'retry-after': '0' }, 0],
  ])('waits %s', async (_, headers, wait) => {
    useFakeClock();
    const attempts = scripted([status(429, headers), ok]);
    await settle(makeGrid().health());
    expect(gaps(attempts)).toEqual([wait]);
  });

  it('waits until a retry-after HTTP date', async () => {
    useFakeClock();
    vi.setSystemTime(Date.parse('2026-11-27T06:00:00.000Z'));
    const attempts = scripted([status(503, { 'retry-after': 'Fri, 27 Nov 2026 06:00:07 GMT' }), ok]);
    await settle(makeGrid().health());
    expect(gaps(attempts)).toEqual([7000]);
  });

  it('ignores out-of-range hints (over 60 s) and uses the backoff', async () => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const attempts = scripted([
      status(429, { 'retry-after': '3600' }),
      status(429, { 'retry-after-ms': '-1' }),
      ok,
    ]);
    await settle(makeGrid().health());
    expect(gaps(attempts)).toEqual([500, 1000]);
  });

  it('applies jitter of at most 25 %', async () => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0.4);
    const attempts = scripted([status(500), ok]);
    await settle(makeGrid().health());
    expect(gaps(attempts)).toEqual([450]);
  });
});

describe('timeout', () => {
  it('fails an attempt whose headers never come, retries it, then throws APITimeoutError', async () => {
    useFakeClock();
    let calls = 0;
    server.use(
      http.get(`${BASE}/health`, () => {
        calls++;
        return new Promise<Response>(() => {});
      }),
    );
    const result = await settle(makeGrid({ timeout: 5000, maxRetries: 1 }).health());
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APITimeoutError);
    expect(calls).toBe(2);
  });

  it('covers a body that stalls after the headers (and retries it)', async () => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let calls = 0;
    server.use(
      http.get(`${BASE}/health`, () => {
        calls++;
        return new HttpResponse(bodyOf(['{"status":'], { stall: true }), { status: 200 });
      }),
    );
    const started = Date.now();
    const result = await settle(makeGrid({ timeout: 5000, maxRetries: 1 }).health());
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APITimeoutError);
    expect(calls).toBe(2);
    // Two attempts of 5 s each and the 0.5 s backoff between them.
    expect(Date.now() - started).toBe(10_500);
  });

  it('times out even a custom fetch that ignores its signal', async () => {
    useFakeClock();
    const grid = makeGrid({ timeout: 1000, maxRetries: 0, fetch: () => new Promise<Response>(() => {}) });
    const result = await settle(grid.health());
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APITimeoutError);
  });

  it('uses the per-call timeout over the client one', async () => {
    useFakeClock();
    server.use(http.get(`${BASE}/health`, () => new Promise<Response>(() => {})));
    const started = Date.now();
    const result = await settle(makeGrid({ timeout: 60_000, maxRetries: 0 }).health({ timeout: 250 }));
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APITimeoutError);
    expect(Date.now() - started).toBe(250);
  });
});

describe('abort', () => {
  it('rejects at once for an already-aborted signal, sending nothing', async () => {
    const attempts = scripted([ok]);
    const controller = new AbortController();
    controller.abort();
    await expect(makeGrid().health({ signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(attempts).toHaveLength(0);
  });

  it('aborts a request in flight and does not retry it', async () => {
    const controller = new AbortController();
    let calls = 0;
    server.use(
      http.get(`${BASE}/health`, () => {
        calls++;
        controller.abort();
        return new Promise<Response>(() => {});
      }),
    );
    await expect(makeGrid().health({ signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toBe(1);
  });

  it('aborts while the body is being read', async () => {
    const controller = new AbortController();
    server.use(
      http.get(`${BASE}/health`, () => {
        setTimeout(() => controller.abort(), 5);
        return new HttpResponse(bodyOf(['{"status":'], { stall: true }));
      }),
    );
    await expect(makeGrid().health({ signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('aborts during the backoff wait without another attempt', async () => {
    useFakeClock();
    const controller = new AbortController();
    const attempts = scripted([status(500)]);
    const call = makeGrid().health({ signal: controller.signal });
    const settled = Promise.allSettled([call]);
    await vi.advanceTimersByTimeAsync(100);
    expect(attempts).toHaveLength(1);
    controller.abort();
    const [result] = await settled;
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APIUserAbortError);
    await vi.runAllTimersAsync();
    expect(attempts).toHaveLength(1);
  });
});
