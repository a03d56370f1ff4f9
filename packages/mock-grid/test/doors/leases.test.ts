import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, MODEL, nextJob, startTestGrid, type TestGrid, WORKER_KEY } from '../helpers/grid.js';

// The lease, fault and in-flight rules as a client and a worker see them on the wire (real sockets, driven clock).
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

const popBody = (name = 'pop-1') => ({ name, models: [MODEL], max_length: 512, max_context_length: 4096 });
const asyncBody = () => ({ prompt: 'Once', models: [MODEL], params: { max_length: 32 } });
const workerHeaders = { apikey: WORKER_KEY };

describe('leases, faults and the in-flight cap on the wire', () => {
  it('a pop not submitted within 150 s goes back to the queue; the late submit is 400 AbortedGen', async () => {
    t = await startTestGrid();
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody())).json();
    const first = await (await t.post('/api/v2/generate/text/pop', popBody(), workerHeaders)).json();
    expect(first.id).toBeTruthy();
    t.clock.advance(150_001);
    const late = await t.post(
      '/api/v2/generate/text/submit',
      { id: first.id, generation: 'too late' },
      workerHeaders,
    );
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ rc: 'AbortedGen' });
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(status).toMatchObject({ waiting: 1, processing: 0, restarted: 1, done: false });
    const again = await (await t.post('/api/v2/generate/text/pop', popBody('pop-2'), workerHeaders)).json();
    expect(again.id).toBeTruthy();
    expect(again.id).not.toBe(first.id);
  });

  it('a WS worker silent for 300 s gets cancel and the job moves to another worker', async () => {
    t = await startTestGrid();
    const slow = await t.wsWorker('slow');
    const pending = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(slow);
    const fast = await t.wsWorker('fast');
    t.clock.advance(300_001);
    expect(await slow.next('cancel')).toEqual({ type: 'cancel', id: job.id });
    const retry = await nextJob(fast);
    expect(retry.id).not.toBe(job.id);
    await fast.serve(retry.id, ['second try']);
    const res = await pending;
    expect(res.status).toBe(200);
    expect((await res.json()).grid.worker).toBe('fast');
  });

  it('a job failing 3 times is faulted: a /v1 client gets 502, a Horde status shows faulted', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const chat = t.post('/v1/chat/completions', chatBody());
    for (let i = 0; i < 3; i++) {
      const job = await nextJob(worker);
      worker.send({ type: 'error', id: job.id, message: `backend returned HTTP 500 (${i})` });
    }
    const res = await chat;
    expect(res.status).toBe(502);
    expect(typeof (await res.json()).detail).toBe('string');
    worker.close(); // from here on only the pop worker serves
    await worker.closed;

    const { id } = await (
      await t.post('/api/v2/generate/text/async', asyncBody(), { apikey: 'grid_other_client' })
    ).json();
    for (let i = 0; i < 3; i++) {
      const pop = await (await t.post('/api/v2/generate/text/pop', popBody(), workerHeaders)).json();
      await t.post(
        '/api/v2/generate/text/submit',
        { id: pop.id, generation: '', state: 'faulted' },
        workerHeaders,
      );
    }
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
    expect(status).toMatchObject({ faulted: true, done: true, restarted: 3, finished: 0 });
  });

  it('the per-account in-flight cap is a 429 in each door’s shape', async () => {
    t = await startTestGrid({ grid: { maxInFlight: 1 } });
    const worker = await t.wsWorker();
    const first = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(worker);
    const v1 = await t.post('/v1/chat/completions', chatBody());
    expect(v1.status).toBe(429);
    expect(typeof (await v1.json()).detail).toBe('string');
    const horde = await t.post('/api/v2/generate/text/async', asyncBody());
    expect(horde.status).toBe(429);
    expect(await horde.json()).toMatchObject({ rc: 'TooManyPrompts' });
    await worker.serve(job.id, ['done']);
    expect((await first).status).toBe(200);
    expect((await t.post('/api/v2/generate/text/async', asyncBody())).status).toBe(202);
  });
});
