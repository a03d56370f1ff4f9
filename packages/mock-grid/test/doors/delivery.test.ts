import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, MODEL, startTestGrid, type TestGrid, WORKER_KEY } from '../helpers/grid.js';

// Exactly-once delivery through the doors: what a client receives is one attempt's whole output, and what it
// is charged is what it received (docs/mock-grid-core.md "Leases, requeues, faults").

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

/** The SSE body's `data:` payloads, parsed (the `[DONE]` sentinel kept as a string). */
async function sseEvents(res: Response): Promise<unknown[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .map((block) => block.replace(/^data: /, '').trim())
    .filter(Boolean)
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

function streamedText(events: unknown[]): string {
  let text = '';
  for (const e of events) {
    const choice = (e as { choices?: { delta?: { content?: string } }[] }).choices?.[0];
    text += choice?.delta?.content ?? '';
  }
  return text;
}

const balance = (key: string) => t.grid.core.account(key).balance;

/** Resolves once the grid has taken `n` token frames (so a worker dies after its output, not before). */
function tokensSeen(n: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const off = t.grid.core.onEvent((e) => {
      if (e.type === 'token' && ++seen === n) {
        off();
        resolve();
      }
    });
  });
}

describe('a WS worker that dies mid-stream', () => {
  it('a streaming client gets the first attempt and then an error, never a splice; it is charged nothing', async () => {
    t = await startTestGrid();
    const dying = await t.wsWorker('dying');
    const before = balance(CLIENT_KEY);
    const res = t.post('/v1/chat/completions', {
      model: MODEL,
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
    });
    const job = await dying.next('job');
    const streamed = tokensSeen(2);
    dying.send({ type: 'token', id: job.id, delta: { content: 'Hello ' } });
    dying.send({ type: 'token', id: job.id, delta: { content: 'wor' } });
    // A second worker is waiting: before the fix it was handed the job and its text was appended.
    const other = await t.wsWorker('other');
    await streamed;
    dying.ws.terminate();
    const events = await sseEvents(await res);
    expect(streamedText(events)).toBe('Hello wor');
    const error = events.find((e) => typeof e === 'object' && e !== null && 'error' in e) as {
      error: { message: string };
    };
    expect(error.error.message).toMatch(/not retried/);
    expect(events.at(-1)).toBe('[DONE]');
    expect(other.buffered.filter((f) => f.type === 'job')).toHaveLength(0);
    expect(balance(CLIENT_KEY)).toBe(before);
  });

  it('a non-streaming client gets the retry’s whole text, and is charged for that only', async () => {
    t = await startTestGrid();
    const dying = await t.wsWorker('dying');
    const res = t.post('/v1/chat/completions', { model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    const job = await dying.next('job');
    const streamed = tokensSeen(2);
    dying.send({ type: 'token', id: job.id, delta: { content: 'Hello ' } });
    dying.send({ type: 'token', id: job.id, delta: { content: 'wor' } });
    await streamed;
    const before = balance(CLIENT_KEY);
    dying.ws.terminate();
    // A pop worker serves the retry: its whole text, at once.
    const popped = (await (
      await t.post('/api/v2/generate/text/pop', { name: 'popper', models: [MODEL] }, { apikey: WORKER_KEY })
    ).json()) as { id: string };
    expect(popped.id).toBeTruthy();
    const submitted = await t.post(
      '/api/v2/generate/text/submit',
      { id: popped.id, generation: 'Hello world', state: 'ok' },
      { apikey: WORKER_KEY },
    );
    expect(submitted.status).toBe(200);
    const body = (await (await res).json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content).toBe('Hello world');
    // 11 characters = 3 tokens × 0.1 den, plus the 1 den tax: the dead attempt's tokens cost nothing.
    expect(Math.round((before - balance(CLIENT_KEY)) * 100) / 100).toBe(1.3);
  });
});

describe('billing follows the streamed text', () => {
  it('a done whose full_text is longer than what was streamed bills and delivers the streamed text', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const client = CLIENT_KEY;
    const before = balance(client);
    const workerBefore = balance(WORKER_KEY);
    const res = t.post('/v1/chat/completions', {
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    const job = await worker.next('job');
    worker.send({ type: 'token', id: job.id, delta: { content: 'hi' } });
    worker.send({ type: 'done', id: job.id, full_text: 'x'.repeat(2000), finish_reason: 'stop' });
    const ack = await worker.next('ack');
    const events = await sseEvents(await res);
    expect(streamedText(events)).toBe('hi');
    // 'hi' is 1 token: 0.1 den to the worker, 0.1 + 1 den tax from the client (not 51 and 50).
    expect(ack.den).toBe(0.1);
    expect(Math.round((balance(WORKER_KEY) - workerBefore) * 100) / 100).toBe(0.1);
    expect(Math.round((before - balance(client)) * 100) / 100).toBe(1.1);
  });

  it('a worker streaming far past max_tokens is stopped: its excess is never forwarded', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker('flood');
    const res = t.post('/v1/chat/completions', {
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 10,
      stream: true,
    });
    const job = await worker.next('job');
    worker.send({ type: 'token', id: job.id, delta: { content: 'ok ' } });
    const huge = 'y'.repeat(512 * 1024); // under the door's 1 MiB frame limit
    for (let i = 0; i < 5; i++) worker.send({ type: 'token', id: job.id, delta: { content: huge } });
    const events = await sseEvents(await res);
    expect(streamedText(events)).toBe('ok ');
    expect(JSON.stringify(events)).toMatch(/more than the job's 10 tokens/);
    expect(t.grid.core.worker('flood')?.strikes).toBe(1);
  });
});

describe('no request waits forever', () => {
  it('a chat whose only (pop) worker went offline is answered 503 within the no-worker timeout', async () => {
    t = await startTestGrid();
    const pop = () =>
      t.post('/api/v2/generate/text/pop', { name: 'popper', models: [MODEL] }, { apikey: WORKER_KEY });
    expect((await pop()).status).toBe(200); // the model is online: the chat is accepted
    const res = t.post('/v1/chat/completions', { model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    // Wait until the grid has queued it, then let the worker go quiet: offline after 300 s.
    while (t.grid.core.counters().queued === 0) await new Promise((r) => setTimeout(r, 5));
    t.clock.advance(300_000);
    t.clock.advance(75_000); // the 60 s timeout, checked every 15 s
    const answer = await res;
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { detail: string }).detail).toMatch(
      /No worker serving .* online for 60 s/,
    );
    expect(t.grid.core.account(CLIENT_KEY).inFlight).toBe(0);
  });
});

describe('a worker that keeps letting leases expire', () => {
  it('gets a strike each time and is evicted like any other, and never gets the same job back', async () => {
    // A strike window longer than the six leases, so every expiry still counts.
    t = await startTestGrid({ grid: { maxAttempts: 100, strikeWindowMs: 3_600_000 } });
    const hung = await t.wsWorker('hung');
    const offered = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = t.post('/api/v2/generate/text/async', { prompt: `p${i}`, models: [MODEL] });
      expect((await res).status).toBe(202);
      const job = await hung.next('job');
      offered.add(String(job.id));
      t.clock.advance(300_000); // the WS lease: the worker answered pings but never finished
      await hung.next('cancel');
    }
    expect(offered.size).toBe(6);
    const closed = await hung.closed;
    expect(closed.code).toBe(4003);
    expect(t.grid.core.worker('hung')?.strikes).toBe(0); // the eviction cleared them
    expect(t.grid.core.worker('hung')?.cooldownUntil).not.toBeNull();
  });
});
