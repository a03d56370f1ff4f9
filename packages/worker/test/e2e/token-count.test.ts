// The demo worker and the grid agree on how many tokens a job had: the worker's count (its job events, the status
// line, /metrics) and the grid's (`usage` in the reply, what it pays den for).
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorker, type JobEndEvent, parseConfig, type Worker } from '../../src/index.js';

const KEY = 'grid_token_count_key';
let grid: MockGrid | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await grid?.close();
  grid = worker = undefined;
});

describe('token counts, demo backend through the mock grid', () => {
  it("the worker's count of each job is the grid's", async () => {
    grid = await startMockGrid({ port: 0, rateLimits: false });
    const { config } = parseConfig({
      grid_url: grid.url,
      api_key: KEY,
      endpoints: [{ type: 'demo', tokens_per_second: 0, models: [{ name: 'count-worker' }] }],
    });
    const jobs: JobEndEvent[] = [];
    let online!: () => void;
    const isOnline = new Promise<void>((resolve) => {
      online = resolve;
    });
    worker = createWorker({
      config,
      onJob: (e) => jobs.push(e),
      log: (_l, m) => m.includes('registered') && online(),
    });
    void worker.run();
    await isOnline;
    const gridCounts: number[] = [];
    for (const content of ['Hello', 'Tell me a story', 'What is the grid?', 'x']) {
      const response = await fetch(`${grid.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'grid/demo', messages: [{ role: 'user', content }], seed: 7 }),
      });
      const body = (await response.json()) as { usage: { completion_tokens: number } };
      gridCounts.push(body.usage.completion_tokens);
    }
    expect(jobs.map((j) => j.tokens)).toEqual(gridCounts);
    expect(worker.stats().tokens).toBe(gridCounts.reduce((a, b) => a + b, 0));
  });
});
