import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  CLIENT_KEY,
  chatBody,
  MODEL,
  nextJob,
  readSse,
  startTestGrid,
  type TestGrid,
  WORKER_KEY,
} from '../helpers/grid.js';

// The door's limits (docs/mock-grid.md "Limits"): rate limits per caller, failed-auth throttling per IP,
// socket caps, timeouts and the bound on what a slow reader may cost. Every assertion counts answers or
// bytes; waits are generous and nothing is timed.

let t: TestGrid;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await t?.close();
});

const popBody = (name: string) => ({ name, models: [MODEL], max_length: 64, max_context_length: 1024 });
const asyncBody = () => ({ prompt: 'Hello', models: [MODEL], params: { max_length: 16 } });

/** A raw TCP connection to the grid (kept for the test's clean-up), with everything it receives. */
async function rawSocket(
  url: string,
): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => text, ended };
}

/** Waits (polling, generous) until `done()`. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 3000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('strict auth', () => {
  it('refuses the anonymous key on both doors unless the grid allows it', async () => {
    t = await startTestGrid({ auth: 'strict', keys: [{ key: CLIENT_KEY }] });
    const anon = { apikey: '0000000000' };
    const horde = await t.post('/api/v2/generate/text/async', asyncBody(), anon);
    expect(horde.status).toBe(401);
    expect(await horde.json()).toMatchObject({ rc: 'InvalidAPIKey' });
    expect((await t.post('/v1/chat/completions', chatBody(), anon)).status).toBe(401);
    expect((await t.post('/api/v2/generate/text/async', asyncBody())).status).toBe(202);
    await t.close();

    t = await startTestGrid({ auth: 'strict', keys: [{ key: CLIENT_KEY }], grid: { allowAnonymous: true } });
    expect((await t.post('/api/v2/generate/text/async', asyncBody(), anon)).status).toBe(202);
  });
});

describe('no key or prompt in an error message', () => {
  it('a malformed body or register frame is refused without quoting it', async () => {
    t = await startTestGrid();
    const leaky = '{"prompt": "my private prompt", "apikey": grid_secret_key_0001 ';
    for (const path of ['/api/v2/generate/text/async', '/v1/chat/completions']) {
      const res = await t.post(path, leaky);
      expect([400, 422]).toContain(res.status);
      const text = await res.text();
      expect(text).toMatch(/malformed JSON/);
      expect(text).not.toMatch(/grid_secret|private prompt/);
    }
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/workers/ws`);
    const said: string[] = [];
    ws.on('message', (data) => said.push(data.toString()));
    ws.on('open', () => ws.send(leaky));
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      ws.on('close', (c, r) => resolve([c, r.toString()])),
    );
    expect(code).toBe(4001);
    expect([reason, ...said].join('\n')).toMatch(/malformed frame/);
    expect([reason, ...said].join('\n')).not.toMatch(/grid_secret|private prompt/);
  });
});

describe('rate limits on pops, status polls and find_user', () => {
  it('a pop flood from one key gets 429s with Retry-After; another key pops as before', async () => {
    t = await startTestGrid({ limits: { popRate: { limit: 5, windowMs: 1_000 } } });
    const flood = await Promise.all(
      Array.from({ length: 40 }, () =>
        t.post('/api/v2/generate/text/pop', popBody('flooder'), { apikey: 'grid_flood_key_0001' }),
      ),
    );
    const statuses = flood.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const refused = flood.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ message: expect.stringContaining('pop') });

    for (let i = 0; i < 5; i++) {
      const other = await t.post('/api/v2/generate/text/pop', popBody('steady'), { apikey: WORKER_KEY });
      expect(other.status).toBe(200);
    }
    // The flooder's window ends and it pops again.
    t.clock.advance(1_000);
    const again = await t.post('/api/v2/generate/text/pop', popBody('flooder'), {
      apikey: 'grid_flood_key_0001',
    });
    expect(again.status).toBe(200);
  });

  it('status polls and find_user are limited per key, or per IP without one', async () => {
    t = await startTestGrid({
      limits: { statusRate: { limit: 3, windowMs: 1_000 }, findUserRate: { limit: 2, windowMs: 1_000 } },
    });
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody())).json();
    const polls = [];
    for (let i = 0; i < 5; i++) polls.push((await t.get(`/api/v2/generate/text/status/${id}`)).status);
    expect(polls).toEqual([200, 200, 200, 429, 429]);
    // A key is its own caller.
    const keyed = await t.get(`/api/v2/generate/text/status/${id}`, { apikey: CLIENT_KEY });
    expect(keyed.status).toBe(200);

    const users = [];
    for (let i = 0; i < 3; i++) users.push(await t.get('/api/v2/find_user', { apikey: CLIENT_KEY }));
    expect(users.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(users[2]!.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('failed authentication', () => {
  it('many refused keys from one IP turn into 429s (Retry-After) for keyed requests, until the window ends', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [{ key: CLIENT_KEY }, { key: WORKER_KEY }],
      limits: { authFailureRate: { limit: 5, windowMs: 60_000 } },
    });
    const guesses = [];
    for (let i = 0; i < 8; i++) {
      guesses.push(await t.post('/api/v2/generate/text/async', asyncBody(), { apikey: `grid_guess_${i}` }));
    }
    expect(guesses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(Number(guesses[5]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    for (const r of guesses) expect(JSON.stringify(await r.json())).not.toContain('grid_guess_');
    // Keyed requests from that IP are refused (/v1 in its own 429 shape), the worker socket too; keyless ones are not.
    const v1 = await t.post('/v1/chat/completions', chatBody(), { apikey: CLIENT_KEY });
    expect(v1.status).toBe(429);
    expect(v1.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await t.get('/health')).status).toBe(200);
    const refusedUpgrade = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/workers/ws`);
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('error', () => {});
    });
    expect(refusedUpgrade).toBe(429);

    t.clock.advance(60_000);
    expect((await t.post('/api/v2/generate/text/async', asyncBody())).status).toBe(202);
  });

  it('worker registers refused for their key count as failed attempts of the IP', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [{ key: WORKER_KEY }],
      limits: { authFailureRate: { limit: 3, windowMs: 60_000 } },
    });
    const url = `${t.url.replace('http', 'ws')}/v1/workers/ws`;
    const attempt = (apikey: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => ws.send(JSON.stringify({ apikey, name: 'guesser', models: [MODEL] })));
        ws.on('close', (code) => resolve(`close ${code}`));
        ws.on('unexpected-response', (_req, res) => {
          resolve(`http ${res.statusCode}`);
          ws.terminate();
        });
        ws.on('error', () => {});
      });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await attempt(`grid_guess_${i}`));
    expect(results).toEqual(['close 4001', 'close 4001', 'close 4001', 'http 429']);
  });
});

describe('the in-flight cap', () => {
  it('answers its 429 with Retry-After on both doors', async () => {
    t = await startTestGrid({ grid: { maxInFlight: 1 } });
    const worker = await t.wsWorker();
    const first = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(worker);
    const v1 = await t.post('/v1/chat/completions', chatBody());
    expect(v1.status).toBe(429);
    expect(v1.headers.get('retry-after')).toBe('2');
    const horde = await t.post('/api/v2/generate/text/async', asyncBody());
    expect(horde.status).toBe(429);
    expect(horde.headers.get('retry-after')).toBe('2');
    await worker.serve(job.id, ['done']);
    expect((await first).status).toBe(200);
  });
});

describe('timeouts', () => {
  it('cuts a body that stops arriving with 408 and closes the connection, on both surfaces', async () => {
    t = await startTestGrid({ limits: { bodyTimeoutMs: 200 } });
    for (const [path, shape] of [
      ['/v1/chat/completions', /"detail":"request body not received within 200 ms"/],
      ['/api/v2/generate/text/async', /"message":"request body not received within 200 ms"/],
    ] as const) {
      const raw = await rawSocket(t.url);
      raw.socket.write(
        `POST ${path} HTTP/1.1\r\nHost: grid\r\nContent-Type: application/json\r\napikey: ${CLIENT_KEY}\r\n` +
          'Content-Length: 1000\r\n\r\n{"model": "grid/te',
      );
      await raw.ended;
      expect(raw.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(raw.received()).toMatch(shape);
    }
    // The grid still answers.
    expect((await t.get('/health')).status).toBe(200);
  });

  it('closes a connection whose headers never finish, and an idle keep-alive connection', async () => {
    t = await startTestGrid({ limits: { headersTimeoutMs: 300, keepAliveTimeoutMs: 300 } });
    const stalled = await rawSocket(t.url);
    stalled.socket.write('GET /health HTTP/1.1\r\nHost: grid\r\n');
    await stalled.ended;
    expect(stalled.received()).toMatch(/^HTTP\/1\.1 408 /);

    const idle = await rawSocket(t.url);
    idle.socket.write('GET /health HTTP/1.1\r\nHost: grid\r\n\r\n');
    await idle.ended;
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(idle.received()).toMatch(/keep-alive/i);
  });
});

describe('connection caps', () => {
  it('closes a connection after its last request also when that answer is an SSE stream', async () => {
    t = await startTestGrid({ limits: { maxRequestsPerConnection: 2 } });
    const worker = await t.wsWorker();
    const raw = await rawSocket(t.url);
    const body = JSON.stringify(chatBody({ stream: true }));
    const request =
      `POST /v1/chat/completions HTTP/1.1\r\nHost: grid\r\nContent-Type: application/json\r\n` +
      `apikey: ${CLIENT_KEY}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const streams = () => raw.received().split('data: [DONE]').length - 1;
    for (let n = 1; n <= 2; n++) {
      raw.socket.write(request);
      const job = await nextJob(worker);
      await worker.serve(job.id, [`answer ${n}`]);
      await until(() => streams() === n, `stream ${n} ended`);
    }
    // The second answer says the connection ends (it is the last one), so no third request is sent on it.
    await raw.ended;
    const heads = raw.received().match(/^HTTP\/1\.1 .*$/gm) ?? [];
    expect(heads).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    const second = raw.received().slice(raw.received().lastIndexOf('HTTP/1.1 200'));
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('refuses connections past the per-IP cap with 429 and Retry-After; a closed one frees its slot', async () => {
    t = await startTestGrid({ limits: { maxConnectionsPerIp: 3 } });
    const open = [await rawSocket(t.url), await rawSocket(t.url), await rawSocket(t.url)];
    await until(() => t.grid.stats().connections === 3, 'three connections counted');
    const refused = await rawSocket(t.url);
    await refused.ended;
    expect(refused.received()).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\nRetry-After: \d+\r\n/);
    expect(t.grid.stats().connectionsRefused).toBe(1);

    open[0]!.socket.destroy();
    await until(() => t.grid.stats().connections === 2, 'the closed slot freed');
    const next = await rawSocket(t.url);
    next.socket.write('GET /health HTTP/1.1\r\nHost: grid\r\nConnection: close\r\n\r\n');
    await next.ended;
    expect(next.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses worker sockets past the per-IP cap with 429', async () => {
    t = await startTestGrid({ maxSocketsPerIp: 2 });
    await t.wsWorker('w-1');
    await t.wsWorker('w-2');
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/workers/ws`);
      ws.on('unexpected-response', (_req, res) => {
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('a third worker socket was accepted')));
      ws.on('error', () => {});
    });
    expect(status).toBe(429);
  });
});

describe('a slow reader costs its own socket, not the grid', () => {
  it('an SSE client that never reads while a worker streams a lot: buffered bytes stay bounded, the job ends', async () => {
    const cap = 256 * 1024;
    // The stream must outgrow the kernel's socket buffers, far past any job's token cap: the cap is off here.
    t = await startTestGrid({ limits: { maxStreamBufferBytes: cap }, grid: { streamCapFactor: Infinity } });
    const worker = await t.wsWorker();
    const reader = await rawSocket(t.url);
    const body = JSON.stringify(chatBody({ stream: true }));
    reader.socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: grid\r\nContent-Type: application/json\r\n` +
        `apikey: ${CLIENT_KEY}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const job = await nextJob(worker);
    // The reader takes nothing more from its socket.
    reader.socket.pause();

    // 600 tokens of 64 KiB: about 40 MB, far more than the kernel buffers between the two sockets.
    const piece = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 600; i++) worker.send({ type: 'token', id: job.id, delta: { content: piece } });
    const cancel = await worker.next('cancel');
    expect(cancel.id).toBe(job.id);

    const stats = t.grid.stats();
    expect(stats.streamsCut).toBe(1);
    // At most the cap plus the one frame that crossed it.
    expect(stats.peakStreamBufferedBytes).toBeGreaterThan(cap);
    expect(stats.peakStreamBufferedBytes).toBeLessThan(cap + piece.length + 4096);
    // The request was cancelled: nothing of it is in flight for its account any more.
    expect(t.grid.core.account(CLIENT_KEY).inFlight).toBe(0);
    // Its connection is closed: once the reader reads again it gets what the kernel held, then the end.
    reader.socket.resume();
    await reader.ended;

    // The grid stays healthy: the worker answers the cancel and serves the next stream to a client that reads.
    worker.send({ type: 'done', id: job.id, full_text: '', cancelled: true });
    await worker.next('ack');
    const pending = t.post('/v1/chat/completions', chatBody({ stream: true }));
    const next = await nextJob(worker);
    await worker.serve(next.id, ['fine']);
    const events = await readSse(await pending);
    expect(events.at(-1)).toBe('[DONE]');
  });
});
