import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chatBody, MODEL, nextJob, startTestGrid, type TestGrid, WORKER_KEY } from '../helpers/grid.js';
import type { TestWsWorker } from '../helpers/ws-worker.js';

// Hostile input never gets a 5xx and never takes the server down: after each attack a WS worker that was
// connected all along still serves a chat.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

/** `{"a":{"a":…}}` nested `depth` times around `leaf`, built as text (no recursion anywhere). */
const deep = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

async function stillServes(worker: TestWsWorker): Promise<void> {
  const pending = t.post('/v1/chat/completions', chatBody());
  const job = await nextJob(worker);
  await worker.serve(job.id, ['still up']);
  expect((await (await pending).json()).choices[0].message.content).toBe('still up');
}

describe('hostile input', () => {
  it('a body nested 20,000 levels deep is a 4xx naming where (it used to crash the WS job push)', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const tools = `[{"type":"function","function":{"name":"f","parameters":${deep(20_000)}}}]`;
    const v1 = await t.post(
      '/v1/chat/completions',
      `{"model":"${MODEL}","messages":[{"role":"user","content":"hi"}],"tools":${tools}}`,
    );
    expect(v1.status).toBe(422);
    expect((await v1.json()).detail[0]).toMatchObject({
      loc: ['body', 'tools', 0, 'function', 'parameters', 'a', 'a'],
      msg: 'nested deeper than 64 levels (max 64)',
    });
    const horde = await t.post('/api/v2/generate/text/async', `{"prompt":"x","params":${deep(100)}}`);
    expect(horde.status).toBe(400);
    expect(Object.values((await horde.json()).errors)).toEqual(['nested deeper than 64 levels (max 64)']);
    await stillServes(worker);
  });

  it('a WS frame nested too deep is reported by field; the socket stays', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    worker.send(`{"type":"token","id":"x","delta":{"tool_calls":[${deep(20_000)}]}}`);
    expect(await worker.next('error')).toEqual({
      type: 'error',
      message: 'delta.tool_calls[0].a.a.a: nested deeper than 64 levels (max 64)',
    });
    await stillServes(worker);
  });

  it('a 10 MB WS frame closes that socket with 1009 only', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const big = await t.wsWorker('big-frame');
    big.send(`{"type":"pong","pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect((await big.closed).code).toBe(1009);
    await stillServes(worker);
  });

  it('a 100 kB header gets 431 from node; non-UTF-8 text is a 400 naming the byte; bad %-escapes are ordinary input', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const huge = await fetch(`${t.url}/v1/models`, { headers: { 'x-big': 'x'.repeat(100_000) } });
    expect(huge.status).toBe(431);
    const prefix = `{"model":"${MODEL}","messages":[{"role":"user","content":"`;
    const latin1 = Buffer.concat([Buffer.from(prefix), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}]}')]);
    // Not repaired into U+FFFD and served (what the client sent is not what a worker would get): refused.
    const refused = await t.fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: 'grid_latin1_key' },
      body: latin1,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      detail: `There was an error parsing the body: request body is not valid UTF-8 (byte 0xff at offset ${prefix.length})`,
    });
    expect((await t.get('/api/v2/generate/text/status/%ZZ')).status).toBe(404);
    await stillServes(worker);
  });

  it('500 sockets that register and drop at once leave no worker online and no leak in the views', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const url = `${t.url.replace('http', 'ws')}/v1/workers/ws`;
    await Promise.all(
      Array.from(
        { length: 500 },
        (_, i) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(url);
            ws.on('open', () =>
              ws.send(JSON.stringify({ apikey: WORKER_KEY, name: `churn-${i}`, models: [MODEL] })),
            );
            ws.on('message', () => ws.terminate());
            ws.on('close', () => resolve());
            ws.on('error', reject);
          }),
      ),
    );
    const list = await (await t.get('/v1/workers')).json();
    expect(list.workers.map((w: { name: string }) => w.name)).toEqual(['ws-worker-1']);
    await stillServes(worker);
  });
});
