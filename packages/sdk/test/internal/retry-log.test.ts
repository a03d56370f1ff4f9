// What the SDK says while it waits to retry: a wait of seconds is a warning at the default level, naming
// the status, the server's message, the wait and its source, and which retry of how many; short backoffs
// stay at info (docs/sdk/errors-and-retries.md § Logging).
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { BASE, makeGrid, recordingLogger, useFakeClock, useServer } from '../helpers';

const server = useServer();
const CHAT = `${BASE}/v1/chat/completions`;
const params = { model: 'auto', messages: [{ role: 'user' as const, content: 'Hi' }] };
const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1764222000,
  model: 'llama-3.1-8b-instruct',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
};

/** Answers the chat route with `replies` in order (the last repeats); records when each attempt came. */
function chatReplies(replies: Array<() => Response>) {
  const at: number[] = [];
  server.use(
    http.post(CHAT, () => {
      at.push(Date.now());
      return replies[Math.min(at.length - 1, replies.length - 1)]!();
    }),
  );
  return at;
}

const rateLimited =
  (retryAfter: string, message = 'Rate limit exceeded. Please slow down.') =>
  () =>
    HttpResponse.json(
      { error: { message, type: 'rate_limit_error' } },
      { status: 429, headers: { 'retry-after': retryAfter } },
    );

/** The lines a logger got, as `level: message`. */
function said(lines: Array<{ level: string; args: unknown[] }>): string[] {
  return lines.map((l) => `${l.level}: ${String(l.args[0])}`);
}

describe('waiting to retry', () => {
  it('warns at the default level before a 30 s Retry-After wait, saying how long, why and which retry', async () => {
    useFakeClock();
    const attempts = chatReplies([rateLimited('30'), () => HttpResponse.json(completion)]);
    const { lines, logger } = recordingLogger();
    const call = makeGrid({ logger, logLevel: undefined }).chat.completions.create(params);
    await vi.advanceTimersByTimeAsync(0);
    // Said when the wait begins, not after it.
    expect(said(lines)).toEqual([
      'warn: [aipg] 429 rate limited on POST /v1/chat/completions ("Rate limit exceeded. Please slow down."): waiting 30 s (Retry-After) before retry 1 of 2',
    ]);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await call).choices[0]!.message.content).toBe('Hello');
    expect(attempts[1]! - attempts[0]!).toBe(30_000);
    expect(lines).toHaveLength(1);
  });

  it('leaves out a server message too long for one line', async () => {
    useFakeClock();
    chatReplies([rateLimited('10', 'x'.repeat(500)), () => HttpResponse.json(completion)]);
    const { lines, logger } = recordingLogger();
    const call = makeGrid({ logger, logLevel: undefined }).chat.completions.create(params, { maxRetries: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    await call;
    expect(said(lines)).toEqual([
      'warn: [aipg] 429 rate limited on POST /v1/chat/completions: waiting 10 s (Retry-After) before retry 1 of 1',
    ]);
  });

  it('keeps a short backoff at info: silent at the default level, said at info', async () => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const failing = () => HttpResponse.json({ detail: 'upstream down' }, { status: 502 });
    chatReplies([failing, () => HttpResponse.json(completion)]);
    const quiet = recordingLogger();
    const first = makeGrid({ logger: quiet.logger, logLevel: undefined }).chat.completions.create(params);
    await vi.advanceTimersByTimeAsync(500);
    await first;
    expect(quiet.lines).toEqual([]);

    chatReplies([failing, () => HttpResponse.json(completion)]);
    const info = recordingLogger();
    const second = makeGrid({ logger: info.logger, logLevel: 'info' }).chat.completions.create(params);
    await vi.advanceTimersByTimeAsync(500);
    await second;
    expect(said(info.lines)).toEqual([
      'info: [aipg] 502 bad gateway on POST /v1/chat/completions: waiting 0.5 s (backoff) before retry 1 of 2',
    ]);
  });

  it('warns once the backoff itself grows to seconds (connection errors, 5 retries)', async () => {
    useFakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7001'), { code: 'ECONNREFUSED' });
    const { lines, logger } = recordingLogger();
    const grid = makeGrid({
      logger,
      logLevel: 'info',
      maxRetries: 5,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: refused });
      },
    });
    const call = grid.health().catch((e) => e);
    await vi.advanceTimersByTimeAsync(0.5e3 + 1e3 + 2e3 + 4e3 + 8e3);
    await call;
    expect(said(lines)).toEqual(
      [
        ['info', '0.5 s', 1],
        ['info', '1 s', 2],
        ['info', '2 s', 3],
        ['warn', '4 s', 4],
        ['warn', '8 s', 5],
      ].map(
        ([level, wait, n]) =>
          `${level}: [aipg] connection error on GET /health (ECONNREFUSED): waiting ${wait} (backoff) before retry ${n} of 5`,
      ),
    );
  });
});
