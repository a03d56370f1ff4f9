import { AIHorde, APIError, type PopInputKobold } from '@zeldafan0225/ai_horde';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_KEY, MODEL, startTestGrid, type TestGrid, WORKER_KEY } from '../helpers/grid.js';

// Done-when check: the `@zeldafan0225/ai_horde` client runs whole text jobs against the mock grid, as requester
// and as worker. It calls the global `fetch`, so the spec-checked one is stubbed in for these tests.
let t: TestGrid;
afterEach(async () => {
  vi.unstubAllGlobals();
  await t?.close();
});

describe('@zeldafan0225/ai_horde against the mock grid', () => {
  it('runs a text job as requester (async + status) and as worker (pop + submit)', async () => {
    t = await startTestGrid();
    vi.stubGlobal('fetch', t.fetch);
    const horde = new AIHorde({ api_route: `${t.url}/api/v2`, client_agent: 'mock-grid-test:1:none' });

    const request = await horde.postAsyncTextGenerate(
      { prompt: 'The grid is', params: { max_length: 32, max_context_length: 1024 }, models: [MODEL] },
      { token: CLIENT_KEY },
    );
    expect(typeof request.id).toBe('string');

    // The library types the text pop body as its image one (no max_length, a required bridge_version).
    const popBody = { name: 'horde-lib-worker', models: [MODEL], max_length: 512, max_context_length: 4096 };
    const job = await horde.postTextGenerationPop(popBody as unknown as PopInputKobold, {
      token: WORKER_KEY,
    });
    expect(job.id).toBeTruthy();
    expect(job.payload?.prompt).toBe('The grid is');

    const reward = await horde.postTextGenerationSubmit(
      { id: job.id!, generation: ' up and running.', state: 'ok' },
      { token: WORKER_KEY },
    );
    expect(reward.reward).toBeGreaterThan(0);

    const status = await horde.getTextGenerationStatus(request.id!, { force: true });
    expect(status.done).toBe(true);
    expect(status.generations?.[0]?.text).toBe(' up and running.');
    expect(status.generations?.[0]?.worker_name).toBe('horde-lib-worker');
  });

  it('reads the status endpoints and reports Horde errors as APIError', async () => {
    t = await startTestGrid();
    vi.stubGlobal('fetch', t.fetch);
    const horde = new AIHorde({ api_route: `${t.url}/api/v2`, client_agent: 'mock-grid-test:1:none' });
    expect(await horde.getHeartbeat()).toBe(true);
    const perf = await horde.getPerformance({ force: true });
    // Typed as the image performance by the library; the text fields are on the wire.
    expect((perf as unknown as { queued_text_requests: number }).queued_text_requests).toBe(0);
    const err = (await horde
      .getTextGenerationStatus('no-such-request', { force: true })
      .catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(err.status).toBe(404);
    expect(err.error_code).toBe('RequestNotFound');
  });
});
