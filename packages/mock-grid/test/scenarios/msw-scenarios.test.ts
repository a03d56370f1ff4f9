// The same scenarios through the msw handlers (docs/mock-grid.md "Scenarios and faults"): in-process, where a
// connection reset is a failed fetch and a slow body a stream read slice by slice.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGridHandlers } from '../../src/msw.js';

const BASE = 'http://grid.scenarios.test';
const handlers = createGridHandlers({ baseURL: BASE });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  handlers.core.dispose();
});

it('connection-reset is a network error; faults.next and scenario work on the handlers; reset clears them', async () => {
  await expect(
    fetch(`${BASE}/v1/models`, { headers: { prefer: 'scenario=connection-reset' } }),
  ).rejects.toThrow(TypeError);
  handlers.faults.next('server-error', { params: { status: 504 } });
  expect((await fetch(`${BASE}/v1/models`)).status).toBe(504);
  handlers.scenario('rate-limited');
  expect((await fetch(`${BASE}/v1/models`)).status).toBe(429);
  handlers.reset();
  expect(handlers.requests).toEqual([]);
  expect((await fetch(`${BASE}/v1/models`)).status).toBe(200);
});

it('slow-body gives the same answer in slices', async () => {
  const plain = await (await fetch(`${BASE}/v1/workers`)).text();
  const res = await fetch(`${BASE}/v1/workers`, {
    headers: { prefer: 'scenario=slow-body; bytes=5; every_ms=1' },
  });
  const reader = res.body!.getReader();
  const slices: number[] = [];
  let text = '';
  for (let step = await reader.read(); !step.done; step = await reader.read()) {
    slices.push(step.value.length);
    text += new TextDecoder().decode(step.value);
  }
  expect(text).toBe(plain);
  expect(slices.length).toBe(Math.ceil(plain.length / 5));
  expect(Math.max(...slices)).toBe(5);
});
