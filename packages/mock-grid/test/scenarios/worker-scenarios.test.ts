// The worker scenarios, played by simulated workers on a driven clock (docs/mock-grid.md "Scenarios and faults",
// "Simulated workers"): a scenario's job goes to a simulated worker only, for its first attempt.
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, startTestGrid, type TestGrid } from '../helpers/grid.js';
import { until } from '../simulate/helpers.js';

const MODEL = 'sim-model';
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

/** A grid with one simulated worker of `MODEL` (10 tokens/s, first token after 100 ms) on a manual clock. */
async function simulatedGrid() {
  t = await startTestGrid({
    simulate: {
      workers: [{ name: 'sim-1', models: [MODEL], tokens_per_second: 10, ttft_ms: 100, concurrency: 1 }],
    },
  });
  return t;
}

async function submit(prefer: string, params: Record<string, unknown> = { max_length: 16 }): Promise<string> {
  const res = await fetch(`${t.url}/api/v2/generate/text/async`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', apikey: CLIENT_KEY, prefer },
    body: JSON.stringify({ prompt: 'Tell me a story.', models: [MODEL], params }),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.id;
}

const status = async (id: string) => (await fetch(`${t.url}/api/v2/generate/text/status/${id}`)).json();

describe('worker scenarios on simulated workers', () => {
  it('slow-first-token: no token before `ms`, then the usual pace', async () => {
    await simulatedGrid();
    const id = await submit('scenario=slow-first-token; ms=2000');
    const job = t.grid.core.status(id);
    expect(job.processing).toBe(1);
    const tokens: number[] = [];
    const off = t.grid.core.onEvent((e) => {
      if (e.type === 'token') tokens.push(t.clock.now());
    });
    const start = t.clock.now();
    t.clock.advance(1999);
    expect(tokens).toEqual([]);
    t.clock.advance(1);
    expect(tokens).toEqual([start + 2000]);
    t.clock.advance(100);
    expect(tokens).toEqual([start + 2000, start + 2100]);
    off();
  });

  it('worker-disconnect: the job goes back to the queue, the slot reconnects and it is answered', async () => {
    await simulatedGrid();
    const events: string[] = [];
    t.grid.core.onEvent((e) => {
      if (e.type === 'requeued' || e.type === 'worker.online' || e.type === 'worker.offline')
        events.push(e.type);
    });
    const id = await submit('scenario=worker-disconnect; after=2');
    t.clock.advance(100 + 100); // the first token, then the second: the drop
    expect(events).toEqual(['requeued', 'worker.offline']);
    expect(await status(id)).toMatchObject({ waiting: 1, processing: 0 });
    t.clock.advance(1000); // the reconnect: the same worker takes the job again, as an ordinary one
    expect(events.at(-1)).toBe('worker.online');
    t.clock.advance(100 + 16 * 100);
    await until(() => t.grid.core.status(id).done, 'the job to be done');
    const done = await status(id);
    expect(done.generations[0].text.length).toBeGreaterThan(0);
    expect(t.grid.core.worker('sim-1')?.strikes).toBe(0);
  });

  it('empty-completion: delivered as an empty text, not retried, no strike', async () => {
    await simulatedGrid();
    const id = await submit('scenario=empty-completion');
    t.clock.advance(100);
    await until(() => t.grid.core.status(id).done, 'the job to be done');
    expect((await status(id)).generations[0]).toMatchObject({ text: '', state: 'ok' });
    expect(t.grid.core.worker('sim-1')?.strikes).toBe(0);
    // Only text requests can be empty.
    const image = await fetch(`${t.url}/v1/images/generations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        apikey: CLIENT_KEY,
        prefer: 'scenario=empty-completion',
      },
      body: JSON.stringify({ prompt: 'a cat' }),
    });
    expect(image.status).toBe(400);
    expect((await image.json()).detail).toContain('text requests');
  });

  it('a scenario job goes to the simulated worker, never to a real one; its retry may', async () => {
    await simulatedGrid();
    const real = await t.wsWorker('real-1', { models: [MODEL] });
    // Both idle: the scenario's job is offered to the simulated worker only.
    const id = await submit('scenario=worker-disconnect; after=0');
    expect(real.buffered.filter((f) => f.type === 'job')).toEqual([]);
    // The simulated worker drops it before any token: the retry is an ordinary job, and the real worker is idle.
    t.clock.advance(100);
    const job = await real.next('job');
    await real.serve(String(job.id), ['Once', ' upon']);
    expect(await status(id)).toMatchObject({ done: true });
    expect((await status(id)).generations[0].worker_name).toBe('real-1');
  });
});
