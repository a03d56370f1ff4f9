import { describe, expect, it } from 'vitest';
import { createGridLog } from '../src/log/grid-log.js';
import { CLIENT_KEY, chatBody, startTestGrid, WORKER_KEY } from './helpers/grid.js';

const PROMPT = 'my-private-prompt-text';
const COMPLETION = 'the-private-completion';
const WRONG_KEY = 'grid_wrong_secret_key_0009';

function capture() {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (text: string) => lines.push({ level, text });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('the audit log', () => {
  it('logs auth failures, rate limits, strikes and payments as JSON lines with request ids; never a key or text', async () => {
    const log = capture();
    const t = await startTestGrid({
      auth: 'strict',
      keys: [
        { key: CLIENT_KEY, scopes: ['inference.submit'] },
        { key: WORKER_KEY, scopes: ['worker.connect', 'inference.submit'] },
      ],
      rateLimits: { chat: { limit: 1, windowMs: 60_000 } },
      logger: log.logger,
      logLevel: 'debug',
      logJson: true,
    });
    const denied = await t.post('/v1/chat/completions', chatBody(), { apikey: WRONG_KEY });
    expect(denied.status).toBe(401);
    const deniedBearer = await t.post('/v1/chat/completions', chatBody(), {
      apikey: '',
      authorization: `Bearer ${WRONG_KEY}`,
    });
    expect(deniedBearer.status).toBe(401);

    const worker = await t.wsWorker('audited');
    const messages = [{ role: 'user', content: PROMPT }];
    // The first job fails with a worker error that quotes the prompt: a strike, and the job is retried.
    const answer = t.post('/v1/chat/completions', chatBody({ messages }));
    const failing = await worker.next('job');
    worker.send({ type: 'error', id: failing.id, message: `backend choked on ${PROMPT}` });
    const retry = await worker.next('job');
    await worker.serve(String(retry.id), [COMPLETION]);
    const res = await answer;
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^req_/);
    // Over the chat limit of 1 per minute.
    expect((await t.post('/v1/chat/completions', chatBody())).status).toBe(429);
    await t.close();

    const lines = log.lines.map(
      (l): Record<string, unknown> => ({
        level: l.level,
        ...(JSON.parse(l.text) as Record<string, unknown>),
      }),
    );
    for (const line of lines)
      expect(line).toMatchObject({ time: expect.any(String), event: expect.any(String) });
    const find = (event: string) => lines.filter((l) => l.event === event);
    expect(find('auth.failed')).toHaveLength(2);
    expect(find('auth.failed')[0]).toMatchObject({ level: 'warn', status: 401, ip: '127.0.0.1' });
    expect(find('worker.strike')[0]).toMatchObject({ level: 'warn', worker: 'audited', strikes: 1 });
    expect(find('rate_limited')[0]).toMatchObject({
      level: 'warn',
      status: 429,
      retry_after_s: expect.any(Number),
    });
    // Every line of the chat request carries its id, also the ones a worker's frame caused.
    for (const event of ['job.queued', 'job.requeued', 'payment.credited', 'payment.charged']) {
      expect(find(event)[0], event).toMatchObject({ request_id: requestId });
    }
    expect(find('payment.credited')[0]).toMatchObject({ worker: 'audited', den: expect.any(Number) });
    expect(find('ws.registered')[0]).toMatchObject({ worker: 'audited' });
    expect(find('ws.disconnected')).not.toHaveLength(0);

    const all = log.lines.map((l) => l.text).join('\n');
    for (const secret of [CLIENT_KEY, WORKER_KEY, WRONG_KEY, PROMPT, COMPLETION])
      expect(all).not.toContain(secret);
  });

  it('writes `event key=value` lines by default, filters by level, and scrubs the credentials it was given', () => {
    const log = capture();
    const grid = createGridLog({ logger: log.logger, level: 'info' });
    const request = grid.child({ request_id: 'req_1' }, ['grid_key_to_hide']);
    request.line('debug', 'http.request', { status: 200 });
    request.line('warn', 'auth.failed', { ip: '127.0.0.1', reason: 'a b', note: 'grid_key_to_hide leaked' });
    expect(log.lines).toEqual([
      { level: 'warn', text: 'auth.failed request_id=req_1 ip=127.0.0.1 reason="a b" note="*** leaked"' },
    ]);
    expect(createGridLog().enabled('error')).toBe(false);
  });

  it("logs a failed probe as worker.checked, without the worker's message or the prompt", async () => {
    const log = capture();
    const t = await startTestGrid({
      grid: { verification: { probe: true } },
      logger: log.logger,
      logJson: true,
    });
    const worker = await t.wsWorker('probed');
    const probe = await worker.next('job');
    worker.send({ type: 'error', id: probe.id, message: `cannot answer ${PROMPT}` });
    const end = Date.now() + 20_000;
    while (!log.lines.some((l) => l.text.includes('worker.checked')) && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await t.close();
    const line = log.lines.find((l) => l.text.includes('worker.checked'))!;
    expect(line.level).toBe('warn');
    expect(JSON.parse(line.text)).toMatchObject({
      worker: 'probed',
      check: 'probe',
      passed: false,
      reason: 'the worker reported an error',
    });
    for (const l of log.lines) {
      expect(l.text).not.toContain(PROMPT);
      expect(l.text).not.toContain('Reply with exactly');
    }
  });
});
