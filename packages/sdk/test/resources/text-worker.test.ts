import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  type HordeTextPopRequest,
  type HordeTextSubmitRequest,
  InternalServerError,
  NotFoundError,
} from '../../src/index';
import { BASE, makeGrid, useFakeClock, useServer } from '../helpers';

const server = useServer();
const POP = `${BASE}/api/v2/generate/text/pop`;
const SUBMIT = `${BASE}/api/v2/generate/text/submit`;
const JOB = '0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e';
const AGENT = 'rig-worker:1.2.3:https://example.test/rig';

const popBody: HordeTextPopRequest = {
  name: 'rig-01',
  models: ['koboldcpp/llama-3.1-8b-instruct'],
  max_length: 512,
  max_context_length: 4096,
  threads: 1,
  amount: 1,
  bridge_agent: AGENT,
};
const submitBody: HordeTextSubmitRequest = { id: JOB, generation: ' Hello!', state: 'ok' };

interface Seen {
  body: unknown;
  apikey: string | null;
  clientAgent: string | null;
  retryCount: string | null;
}

/** Answers `replies` in order (the last one repeats) and records what every attempt sent. */
function route(url: string, replies: Array<() => Response>) {
  const seen: Seen[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      seen.push({
        body: await request.json(),
        apikey: request.headers.get('apikey'),
        clientAgent: request.headers.get('client-agent'),
        retryCount: request.headers.get('x-aipg-retry-count'),
      });
      return replies[Math.min(seen.length, replies.length) - 1]!();
    }),
  );
  return seen;
}

// `retry-after: 0` makes the pipeline's wait between attempts zero, so no clock is involved.
const busy = () => HttpResponse.json({ message: 'busy' }, { status: 503, headers: { 'retry-after': '0' } });

describe('text.worker.pop', () => {
  it('POSTs the pop with the apikey and Client-Agent headers and resolves to the job', async () => {
    const job = {
      id: JOB,
      ids: [JOB],
      model: 'koboldcpp/llama-3.1-8b-instruct',
      payload: { prompt: 'User: Say hello.\nAssistant:', n: 1, max_length: 80 },
      skipped: {},
    };
    const seen = route(POP, [() => HttpResponse.json(job, { headers: { 'x-request-id': 'req_pop' } })]);
    const popped = await makeGrid({ clientAgent: AGENT }).text.worker.pop(popBody);
    expect(popped).toEqual(job);
    expect(popped._request_id).toBe('req_pop');
    expect(seen).toEqual([
      { body: popBody, apikey: 'grid_test_key_0123456789', clientAgent: AGENT, retryCount: '0' },
    ]);
  });

  it('an empty pop is a 200 with id null, not an error', async () => {
    route(POP, [() => HttpResponse.json({ id: null, ids: [], skipped: { models: 2 } })]);
    const popped = await makeGrid().text.worker.pop(popBody);
    expect(popped.id).toBeNull();
    expect(popped.skipped).toEqual({ models: 2 });
  });

  it('a refused key is an AuthenticationError carrying the Horde rc, not retried', async () => {
    const seen = route(POP, [
      () =>
        HttpResponse.json(
          { message: 'No user matching sent API Key.', rc: 'InvalidAPIKey' },
          { status: 401 },
        ),
    ]);
    const error = await makeGrid()
      .text.worker.pop(popBody)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, rc: 'InvalidAPIKey' });
    expect((error as Error).message).toBe('401 No user matching sent API Key.');
    expect(seen).toHaveLength(1);
  });
});

describe('text.worker.submit', () => {
  it('POSTs the generation and resolves to the reward', async () => {
    const seen = route(SUBMIT, [() => HttpResponse.json({ reward: 2.7 })]);
    const result = await makeGrid({ clientAgent: AGENT }).text.worker.submit(submitBody);
    expect(result.reward).toBe(2.7);
    expect(seen).toEqual([
      { body: submitBody, apikey: 'grid_test_key_0123456789', clientAgent: AGENT, retryCount: '0' },
    ]);
  });

  it('retries a 503 with the same body (safe: a repeat is answered DuplicateGen), then resolves', async () => {
    const seen = route(SUBMIT, [busy, busy, () => HttpResponse.json({ reward: 1.5 })]);
    const result = await makeGrid().text.worker.submit(submitBody, { maxRetries: 3 });
    expect(result.reward).toBe(1.5);
    expect(seen.map((s) => s.retryCount)).toEqual(['0', '1', '2']);
    expect(seen.every((s) => JSON.stringify(s.body) === JSON.stringify(submitBody))).toBe(true);
  });

  it('past its retries, a 5xx is an InternalServerError', async () => {
    const seen = route(SUBMIT, [busy]);
    await expect(makeGrid().text.worker.submit(submitBody, { maxRetries: 1 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['DuplicateGen', 400, BadRequestError],
    ['AbortedGen', 400, BadRequestError],
    ['InvalidJobID', 404, NotFoundError],
  ] as const)('a %s refusal is a typed %s error with the rc, sent once', async (rc, status, Class) => {
    const seen = route(SUBMIT, [() => HttpResponse.json({ message: `refused: ${rc}`, rc }, { status })]);
    const error = await makeGrid()
      .text.worker.submit(submitBody)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ status, rc, message: `${status} refused: ${rc}` });
    expect(seen).toHaveLength(1);
  });

  it('a dropped connection is retried after the back-off; the resend lands', async () => {
    useFakeClock();
    let attempts = 0;
    server.use(
      http.post(SUBMIT, () => {
        attempts++;
        return attempts === 1 ? HttpResponse.error() : HttpResponse.json({ reward: 3 });
      }),
    );
    const submitting = makeGrid().text.worker.submit(submitBody);
    // The first back-off step is at most 0.5 s (docs/sdk/errors-and-retries.md).
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await submitting).reward).toBe(3);
    expect(attempts).toBe(2);
  });

  it('a connection that never comes up is an APIConnectionError once the retries are spent', async () => {
    server.use(http.post(SUBMIT, () => HttpResponse.error()));
    const error = await makeGrid()
      .text.worker.submit(submitBody, { maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(
      /^Connection error: POST http:\/\/grid.test\/api\/v2\/generate\/text\/submit/,
    );
  });
});
