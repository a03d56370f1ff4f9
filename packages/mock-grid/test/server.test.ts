import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/index.js';
import { startMockGrid } from '../src/index.js';
import { CLIENT_KEY, chatBody, MODEL, WORKER_KEY } from './helpers/grid.js';
import { TestWsWorker } from './helpers/ws-worker.js';

describe('startMockGrid', () => {
  it('serves HTTP and the worker WebSocket on one port, and close() ends sockets, streams and timers', async () => {
    const clock = new ManualClock();
    const grid = await startMockGrid({ port: 0, host: '127.0.0.1', clock, rateLimits: false });
    expect(grid.url).toBe(`http://127.0.0.1:${grid.port}`);
    const worker = await TestWsWorker.ready(grid.url, {
      apikey: WORKER_KEY,
      name: 'closing',
      models: [MODEL],
    });
    const res = await fetch(`${grid.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: CLIENT_KEY },
      body: JSON.stringify(chatBody({ stream: true })),
    });
    await worker.next('job');
    const body = res.text().catch((e: Error) => e);

    await grid.close();
    expect((await worker.closed).code).toBe(1001);
    // The open stream is cut with the server.
    expect(await body).toBeInstanceOf(Error);
    expect(clock.pendingTimers).toBe(0);
    await expect(grid.close()).resolves.toBeUndefined();
    // The port is free again.
    const again = await startMockGrid({ port: grid.port });
    expect(again.port).toBe(grid.port);
    await again.close();
  });
});
