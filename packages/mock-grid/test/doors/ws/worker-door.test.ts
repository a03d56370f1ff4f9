import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chatBody, MODEL, nextJob, startTestGrid, type TestGrid, WORKER_KEY } from '../../helpers/grid.js';
import { TestWsWorker } from '../../helpers/ws-worker.js';

let t: TestGrid;
const extra: TestWsWorker[] = [];
afterEach(async () => {
  for (const w of extra.splice(0)) w.close();
  await t?.close();
});

async function open(register?: Record<string, unknown>, path?: string) {
  const w = await TestWsWorker.open(t.url, register, t.check, path);
  extra.push(w);
  return w;
}

describe('worker WebSocket registration', () => {
  it('answers a register frame with ready {worker_id}, also on a doubled-slash path', async () => {
    t = await startTestGrid();
    const w = await open({ apikey: WORKER_KEY, name: 'reg-1', models: [MODEL] }, '//v1//workers/ws');
    const ready = await w.next('ready');
    expect(typeof ready.worker_id).toBe('string');
    expect(t.grid.core.worker('reg-1')?.id).toBe(ready.worker_id);
  });

  it('closes 4001 for a missing name or key, naming the field', async () => {
    t = await startTestGrid();
    const noName = await open({ apikey: WORKER_KEY, models: [MODEL] });
    expect((await noName.next('error')).message).toMatch(/name: field required/);
    expect((await noName.closed).code).toBe(4001);
    const noKey = await open({ name: 'keyless', models: [MODEL] });
    expect((await noKey.next('error')).message).toMatch(/apikey: field required/);
    expect((await noKey.closed).code).toBe(4001);
  });

  it('closes 4001 for a first frame that is not a register frame or not JSON', async () => {
    t = await startTestGrid();
    const typed = await open({ type: 'pong' });
    expect((await typed.closed).code).toBe(4001);
    const garbage = await open();
    garbage.send('not json at all');
    expect((await garbage.next('error')).message).toMatch(/malformed frame/);
    expect((await garbage.closed).code).toBe(4001);
  });

  it('closes 4001 for an unknown key and 4003 for a key without worker.connect (strict auth)', async () => {
    t = await startTestGrid({
      auth: 'strict',
      keys: [
        { key: WORKER_KEY, scopes: ['worker.connect'] },
        { key: 'grid_client_only_key_01', scopes: ['inference.submit'] },
      ],
    });
    const unknown = await open({ apikey: 'grid_who_is_this_key_0', name: 'w1', models: [MODEL] });
    expect((await unknown.closed).code).toBe(4001);
    const scope = await open({ apikey: 'grid_client_only_key_01', name: 'w2', models: [MODEL] });
    expect((await scope.next('error')).message).toMatch(/worker\.connect/);
    expect((await scope.closed).code).toBe(4003);
  });

  it('closes 4003 when the name belongs to another account', async () => {
    t = await startTestGrid();
    await t.wsWorker('taken-name');
    const other = await open({ apikey: 'grid_some_other_account_key', name: 'taken-name', models: [MODEL] });
    expect((await other.closed).code).toBe(4003);
  });

  it('closes the older socket with 1012 when the same worker reconnects', async () => {
    t = await startTestGrid();
    const first = await t.wsWorker('twin');
    const second = await open({ apikey: WORKER_KEY, name: 'twin', models: [MODEL] });
    await second.next('ready');
    expect((await first.closed).code).toBe(1012);
    expect(second.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes 4001 when no register frame arrives within 30 s (driven clock)', async () => {
    t = await startTestGrid();
    const silent = await open();
    t.clock.advance(29_999);
    expect(silent.ws.readyState).toBe(WebSocket.OPEN);
    t.clock.advance(1);
    expect((await silent.closed).code).toBe(4001);
  });

  it('refuses an unknown upgrade path', async () => {
    t = await startTestGrid();
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/other/ws`);
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(404);
  });
});

describe('worker WebSocket session', () => {
  it('pings every 10 s while idle and accepts pongs', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    t.clock.advance(10_000);
    expect(await w.next('ping')).toEqual({ type: 'ping' });
    w.send({ type: 'pong' });
    t.clock.advance(10_000);
    expect(await w.next('ping')).toEqual({ type: 'ping' });
    expect(w.buffered.filter((f) => f.type === 'error')).toEqual([]);
  });

  it('reports malformed frames by field and keeps the socket', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker();
    w.send('{oops');
    expect((await w.next('error')).message).toMatch(/malformed frame/);
    w.send({ type: 'token' });
    expect((await w.next('error')).message).toMatch(/id: field required/);
    w.send({ type: 'teleport' });
    expect((await w.next('error')).message).toMatch(/type: unknown frame type 'teleport'/);
    w.send({ id: 'x' });
    expect((await w.next('error')).message).toMatch(/type: field required/);
    w.send({ type: 'done', id: 'x', full_text: 5 });
    expect((await w.next('error')).message).toMatch(/full_text: must be string/);
    // Still serving.
    const pending = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(w);
    await w.serve(job.id, ['still here']);
    expect((await (await pending).json()).choices[0].message.content).toBe('still here');
  });

  it('re-queues the job in flight when its worker disconnects', async () => {
    t = await startTestGrid();
    const a = await t.wsWorker('worker-a');
    const pending = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(a);
    a.close();
    await a.closed;
    const b = await t.wsWorker('worker-b');
    const again = await nextJob(b);
    expect(again.payload).toEqual(job.payload);
    await b.serve(again.id, ['from b']);
    expect((await (await pending).json()).grid.worker).toBe('worker-b');
  });

  it('evicts a worker after 6 strikes (4003) and refuses it during the cooldown (4003)', async () => {
    t = await startTestGrid();
    const w = await t.wsWorker('striker');
    // Some clients get no answer here (their jobs outlive the worker): they hang up at the end.
    const clients = new AbortController();
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i++) {
      const body = JSON.stringify(chatBody());
      const headers = { 'content-type': 'application/json', apikey: 'grid_test_client_key_0001' };
      requests.push(
        t
          .fetch(`${t.url}/v1/chat/completions`, { method: 'POST', headers, body, signal: clients.signal })
          .catch((e) => e),
      );
      const job = await nextJob(w);
      w.send({ type: 'error', id: job.id, message: 'backend crashed' });
    }
    expect((await w.closed).code).toBe(4003);
    const back = await open({ apikey: WORKER_KEY, name: 'striker', models: [MODEL] });
    expect((await back.closed).code).toBe(4003);
    clients.abort();
    // Each settles: a 502 once its job faulted after 3 failed attempts, or the abort.
    for (const r of await Promise.all(requests)) {
      if (r instanceof Response) expect(r.status).toBe(502);
      else expect((r as Error).name).toBe('AbortError');
    }
  });
});
