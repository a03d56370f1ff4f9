import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AIPGError,
  APITimeoutError,
  APIUserAbortError,
  BadRequestError,
  JobFaultedError,
  NotFoundError,
  type TextJobStatus,
} from '../../src/index';
import { backoffMs, pollHintMs } from '../../src/resources/text';
import { BASE, makeGrid, useFakeClock, useServer } from '../helpers';

const server = useServer();
const JOB = '0b7e5c1a-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const ASYNC = `${BASE}/api/v2/generate/text/async`;
const STATUS = `${BASE}/api/v2/generate/text/status/:id`;

function status(overrides: Partial<TextJobStatus> = {}): TextJobStatus {
  return {
    finished: 0,
    processing: 0,
    restarted: 0,
    waiting: 1,
    done: false,
    faulted: false,
    wait_time: 12,
    queue_position: 3,
    kudos: 0,
    is_possible: true,
    generations: [],
    ...overrides,
  };
}

const generation = {
  text: ' Hello!',
  seed: 42,
  worker_id: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
  worker_name: 'rig-01',
  model: 'koboldcpp/llama-3.1-8b-instruct',
  state: 'ok' as const,
};
const done = status({
  finished: 1,
  waiting: 0,
  done: true,
  kudos: 3,
  queue_position: 0,
  wait_time: 0,
  generations: [generation],
});

/**
 * A Horde: the job stays queued for `pending` polls, then reports `finalStatus`. Records each request
 * with the fake clock so the poll schedule can be read back.
 */
function horde(options: {
  pending: number;
  finalStatus?: TextJobStatus;
  pollHeaders?: Record<string, string>[];
}) {
  const log: Array<{ method: string; at: number; body?: unknown; apikey?: string | null }> = [];
  let polls = 0;
  server.use(
    http.post(ASYNC, async ({ request }) => {
      log.push({
        method: 'POST',
        at: Date.now(),
        body: await request.json(),
        apikey: request.headers.get('apikey'),
      });
      return HttpResponse.json({ id: JOB, kudos: 3 }, { status: 202 });
    }),
    http.get(STATUS, ({ params }) => {
      expect(params.id).toBe(JOB);
      log.push({ method: 'GET', at: Date.now() });
      polls++;
      const headers = { 'x-request-id': `req_poll_${polls}`, ...options.pollHeaders?.[polls - 1] };
      const body =
        polls <= options.pending
          ? status({ queue_position: options.pending - polls + 1 })
          : (options.finalStatus ?? done);
      return HttpResponse.json(body, { headers });
    }),
    http.delete(STATUS, () => {
      log.push({ method: 'DELETE', at: Date.now() });
      return HttpResponse.json(status({ waiting: 0, done: true }));
    }),
  );
  return log;
}

const gapsOf = (log: Array<{ at: number }>) => log.slice(1).map((e, i) => e.at - log[i]!.at);

async function run<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const settled = Promise.allSettled([promise]).then(([r]) => r!);
  await vi.runAllTimersAsync();
  return settled;
}

describe('text.generate', () => {
  it('submits, polls 1 s then ×1.5 (capped at 10 s), reads the status once more when done', async () => {
    useFakeClock();
    const log = horde({ pending: 7 });
    const progress: number[] = [];
    const result = await run(
      makeGrid().text.generate(
        {
          prompt: 'User: hi\nAssistant:',
          params: { max_length: 80 },
          models: ['koboldcpp/llama-3.1-8b-instruct'],
        },
        { onProgress: (s) => progress.push(s.queue_position) },
      ),
    );
    expect(result).toEqual({ status: 'fulfilled', value: { ...done, id: JOB } });
    expect(log.map((e) => e.method)).toEqual(['POST', ...Array(9).fill('GET')]);
    expect(log[0]?.body).toEqual({
      prompt: 'User: hi\nAssistant:',
      params: { max_length: 80 },
      models: ['koboldcpp/llama-3.1-8b-instruct'],
    });
    expect(log[0]?.apikey).toBe('grid_test_key_0123456789');
    // 8 polls (7 pending + the one that says done), then the final read with no wait.
    expect(gapsOf(log)).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000, 0]);
    expect(progress).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    // The request id of the final status read, non-enumerable as on every result.
    expect((result as PromiseFulfilledResult<{ _request_id?: string }>).value._request_id).toBe('req_poll_9');
  });

  it('uses a fixed pollIntervalMs when given', async () => {
    useFakeClock();
    const log = horde({ pending: 3 });
    await run(makeGrid().text.generate({ prompt: 'x' }, { pollIntervalMs: 2500 }));
    expect(gapsOf(log)).toEqual([2500, 2500, 2500, 2500, 0]);
  });

  it('follows the server poll-after hints (x-poll-after-ms, retry-after), clamped to 60 s', async () => {
    useFakeClock();
    const log = horde({
      pending: 4,
      pollHeaders: [{ 'x-poll-after-ms': '4000' }, { 'retry-after': '2' }, { 'retry-after': '600' }, {}],
    });
    await run(makeGrid().text.generate({ prompt: 'x' }));
    // First wait 1 s; then the three hints; after the unhinted 4th poll, the backoff resumes (1 s · 1.5⁴).
    expect(gapsOf(log)).toEqual([1000, 4000, 2000, 60_000, 5063, 0]);
  });

  it('keeps polling through a rate limit on the status endpoint', async () => {
    useFakeClock();
    let gets = 0;
    server.use(
      http.post(ASYNC, () => HttpResponse.json({ id: JOB, kudos: 1 }, { status: 202 })),
      http.get(STATUS, () => {
        gets++;
        if (gets === 1)
          return HttpResponse.json(
            { message: '60 per 1 minute' },
            { status: 429, headers: { 'retry-after': '5' } },
          );
        return HttpResponse.json(done);
      }),
    );
    const result = await run(makeGrid({ maxRetries: 0 }).text.generate({ prompt: 'x' }));
    expect(result.status).toBe('fulfilled');
    expect(gets).toBe(3);
  });

  it.each([
    ['a 502 from a proxy', () => new HttpResponse('<html>502</html>', { status: 502 })],
    ['a dropped connection', () => HttpResponse.error()],
  ])('keeps polling through %s on the status endpoint (no cancel)', async (_, failure) => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const log: string[] = [];
    server.use(
      http.post(ASYNC, () => HttpResponse.json({ id: JOB, kudos: 1 }, { status: 202 })),
      http.get(STATUS, () => {
        log.push('GET');
        return log.length <= 2 ? failure() : HttpResponse.json(done);
      }),
      http.delete(STATUS, () => {
        log.push('DELETE');
        return HttpResponse.json(done);
      }),
    );
    const result = await run(makeGrid({ maxRetries: 0 }).text.generate({ prompt: 'x' }));
    expect(result).toMatchObject({ status: 'fulfilled', value: { id: JOB, generations: [generation] } });
    expect(log).toEqual(['GET', 'GET', 'GET', 'GET']);
  });

  it('an expired job (404 on a poll) still ends the wait', async () => {
    useFakeClock();
    server.use(
      http.post(ASYNC, () => HttpResponse.json({ id: JOB, kudos: 1 }, { status: 202 })),
      http.get(STATUS, () =>
        HttpResponse.json({ message: 'Request not found', rc: 'RequestNotFound' }, { status: 404 }),
      ),
      http.delete(STATUS, () => HttpResponse.json({ message: 'gone' }, { status: 404 })),
    );
    const result = await run(makeGrid().text.generate({ prompt: 'x' }));
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
  });

  it('faulted → JobFaultedError holding the status, and no cancel', async () => {
    useFakeClock();
    const faulted = status({ done: true, faulted: true, restarted: 3 });
    const log = horde({ pending: 1, finalStatus: faulted });
    const result = await run(makeGrid().text.generate({ prompt: 'x' }));
    const error = (result as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(JobFaultedError);
    expect(error.id).toBe(JOB);
    expect(error.status).toEqual(faulted);
    expect(log.filter((e) => e.method === 'DELETE')).toHaveLength(0);
  });

  it('abort while waiting → exactly one DELETE, then APIUserAbortError', async () => {
    useFakeClock();
    const log = horde({ pending: 100 });
    const controller = new AbortController();
    const settled = Promise.allSettled([
      makeGrid().text.generate({ prompt: 'x' }, { signal: controller.signal }),
    ]);
    await vi.advanceTimersByTimeAsync(3000);
    controller.abort();
    const [result] = await settled;
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APIUserAbortError);
    await vi.runAllTimersAsync();
    expect(log.filter((e) => e.method === 'DELETE')).toHaveLength(1);
    expect(log.map((e) => e.method)).toEqual(['POST', 'GET', 'GET', 'DELETE']);
  });

  it('abort while the submit is in flight → rejects at once; the job is cancelled when its id arrives', async () => {
    let answerSubmit!: () => void;
    const submitHeld = new Promise<void>((resolve) => {
      answerSubmit = resolve;
    });
    let cancelled!: () => void;
    const cancelSeen = new Promise<void>((resolve) => {
      cancelled = resolve;
    });
    const log: string[] = [];
    server.use(
      http.post(ASYNC, async () => {
        log.push('POST');
        await submitHeld;
        return HttpResponse.json({ id: JOB, kudos: 3 }, { status: 202 });
      }),
      http.get(STATUS, () => {
        log.push('GET');
        return HttpResponse.json(status());
      }),
      http.delete(STATUS, ({ params }) => {
        log.push(`DELETE ${params.id}`);
        cancelled();
        return HttpResponse.json(status({ waiting: 0, done: true }));
      }),
    );
    const controller = new AbortController();
    const call = makeGrid().text.generate({ prompt: 'x' }, { signal: controller.signal });
    await vi.waitFor(() => expect(log).toEqual(['POST']));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    answerSubmit();
    await cancelSeen;
    expect(log).toEqual(['POST', `DELETE ${JOB}`]);
  });

  it('an aborted submit that never answers is dropped after 10 s, cancelling nothing', async () => {
    useFakeClock();
    const signals: AbortSignal[] = [];
    const grid = makeGrid({
      maxRetries: 0,
      fetch: (_url, init) => {
        signals.push(init.signal!);
        return new Promise<Response>(() => {});
      },
    });
    const controller = new AbortController();
    const settled = Promise.allSettled([grid.text.generate({ prompt: 'x' }, { signal: controller.signal })]);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals).toHaveLength(1);
    controller.abort();
    const [result] = await settled;
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APIUserAbortError);
    expect(signals[0]!.aborted).toBe(false); // still waiting for the id
    await vi.advanceTimersByTimeAsync(10_000);
    expect(signals[0]!.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(signals).toHaveLength(1); // no DELETE: there is no id to cancel
  });

  it('a failing cancel is sent once and does not hide the abort', async () => {
    useFakeClock();
    let deletes = 0;
    server.use(
      http.post(ASYNC, () => HttpResponse.json({ id: JOB, kudos: 1 }, { status: 202 })),
      http.get(STATUS, () => HttpResponse.json(status())),
      http.delete(STATUS, () => {
        deletes++;
        return HttpResponse.json({ message: 'oops' }, { status: 500 });
      }),
    );
    const controller = new AbortController();
    const settled = Promise.allSettled([
      makeGrid().text.generate({ prompt: 'x' }, { signal: controller.signal }),
    ]);
    await vi.advanceTimersByTimeAsync(1500);
    controller.abort();
    const [result] = await settled;
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APIUserAbortError);
    expect(deletes).toBe(1);
  });

  it('an already-aborted signal submits nothing', async () => {
    const log = horde({ pending: 0 });
    const error = await makeGrid()
      .text.generate({ prompt: 'x' }, { signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(log).toEqual([]);
  });

  it('the overall timeout cancels the job and throws APITimeoutError', async () => {
    useFakeClock();
    const log = horde({ pending: 100 });
    const started = Date.now();
    const result = await run(makeGrid().text.generate({ prompt: 'x' }, { timeout: 20_000 }));
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(APITimeoutError);
    expect(log.at(-1)?.method).toBe('DELETE');
    expect(log.at(-1)!.at - started).toBe(20_000);
    expect(log.filter((e) => e.method === 'DELETE')).toHaveLength(1);
  });

  it('a throwing onProgress cancels the job and surfaces its error', async () => {
    useFakeClock();
    const log = horde({ pending: 5 });
    const result = await run(
      makeGrid().text.generate(
        { prompt: 'x' },
        {
          onProgress: () => {
            throw new Error('ui gone');
          },
        },
      ),
    );
    expect((result as PromiseRejectedResult).reason.message).toBe('ui gone');
    expect(log.map((e) => e.method)).toEqual(['POST', 'GET', 'DELETE']);
  });

  it('a rejected submit throws its typed error and polls nothing', async () => {
    server.use(
      http.post(ASYNC, () =>
        HttpResponse.json({ message: 'Prompt cannot be empty', rc: 'MissingPrompt' }, { status: 400 }),
      ),
    );
    const error = await makeGrid()
      .text.generate({ prompt: '' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.rc).toBe('MissingPrompt');
  });

  it('rejects bad options, naming the field', async () => {
    await expect(makeGrid().text.generate({ prompt: 'x' }, { timeout: 0 })).rejects.toThrow(
      /timeout must be/,
    );
    await expect(makeGrid().text.generate({ prompt: 'x' }, { pollIntervalMs: -1 })).rejects.toThrow(
      AIPGError,
    );
  });
});

describe('text low-level calls', () => {
  it('submit / status / cancel hit the Horde paths', async () => {
    const log = horde({ pending: 1 });
    const grid = makeGrid();
    expect(await grid.text.submit({ prompt: 'x' })).toEqual({ id: JOB, kudos: 3 });
    expect((await grid.text.status(JOB)).done).toBe(false);
    expect((await grid.text.cancel(JOB)).waiting).toBe(0);
    expect(log.map((e) => e.method)).toEqual(['POST', 'GET', 'DELETE']);
  });

  it('status of an unknown job → NotFoundError with the Horde rc', async () => {
    server.use(
      http.get(STATUS, () =>
        HttpResponse.json({ message: 'Request not found', rc: 'RequestNotFound' }, { status: 404 }),
      ),
    );
    const error = await makeGrid()
      .text.status(JOB)
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.rc).toBe('RequestNotFound');
  });
});

describe('poll timing helpers', () => {
  it('backoffMs grows ×1.5 from 1 s to a 10 s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([
      1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000,
    ]);
  });

  it('pollHintMs reads x-poll-after-ms, then retry-after, clamped to 0–60 s', () => {
    const now = Date.parse('2026-11-27T06:00:00Z');
    const hint = (h: Record<string, string>) => pollHintMs(new Headers(h), now);
    expect(hint({ 'x-poll-after-ms': '750', 'retry-after': '9' })).toBe(750);
    expect(hint({ 'retry-after': '9' })).toBe(9000);
    expect(hint({ 'retry-after': 'Fri, 27 Nov 2026 06:00:04 GMT' })).toBe(4000);
    expect(hint({ 'retry-after': '3600' })).toBe(60_000);
    expect(hint({ 'x-poll-after-ms': '-5' })).toBe(0);
    expect(hint({})).toBeUndefined();
  });
});
