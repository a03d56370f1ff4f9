import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/index.js';
import { startMockGrid } from '../src/index.js';
import { CLIENT_KEY, chatBody, MODEL, WORKER_KEY } from './helpers/grid.js';
import { TestWsWorker } from './helpers/ws-worker.js';

describe('startMockGrid', () => {
  it('serves HTTP and the worker WebSocket on one port, and close() hands back streams and sockets, ends timers', async () => {
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
    // Issue 9 finding 8: no more 1001 and a cut socket. The worker hears "service restart" (reconnect later) …
    expect(await worker.closed).toMatchObject({
      code: 1012,
      reason: expect.stringMatching(/^service restart/),
    });
    // … and the open stream ends with the spec's error event and [DONE].
    const text = await body;
    expect(text).not.toBeInstanceOf(Error);
    expect(String(text)).toMatch(
      /data: \{"error":\{"message":"[^"]+","type":"service_unavailable"\}\}\n\ndata: \[DONE\]\n\n$/,
    );
    expect(clock.pendingTimers).toBe(0);
    await expect(grid.close()).resolves.toBeUndefined();
    // The port is free again.
    const again = await startMockGrid({ port: grid.port });
    expect(again.port).toBe(grid.port);
    await again.close();
  });

  it('lets a browser page on another origin call it: preflight answered, CORS headers on every answer', async () => {
    const grid = await startMockGrid({ port: 0, rateLimits: false });
    try {
      const preflight = await fetch(`${grid.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'apikey, authorization, client-agent, content-type, x-request-id',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

      const models = await fetch(`${grid.url}/v1/models`, { headers: { origin: 'http://localhost:5173' } });
      expect(models.status).toBe(200);
      expect(models.headers.get('access-control-allow-origin')).toBe('*');
      expect(models.headers.get('access-control-expose-headers')).toContain('retry-after');

      // A plain OPTIONS (no preflight headers) is still an unsupported method for the API.
      expect((await fetch(`${grid.url}/v1/models`, { method: 'OPTIONS' })).status).toBe(405);
    } finally {
      await grid.close();
    }
  });
});
