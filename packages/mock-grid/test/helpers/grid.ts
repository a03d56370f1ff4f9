import { ManualClock } from '../../src/core/index.js';
import { type MockGrid, type MockGridOptions, startMockGrid } from '../../src/server.js';
import { createSpecCheck, type SpecCheck } from './spec-validator.js';
import { type ServerFrame, TestWsWorker } from './ws-worker.js';

export const CLIENT_KEY = 'grid_test_client_key_0001';
export const WORKER_KEY = 'grid_test_worker_key_0001';
export const MODEL = 'grid/test-model';

export interface TestGrid {
  grid: MockGrid;
  url: string;
  clock: ManualClock;
  check: SpecCheck;
  /** Spec-checked fetch. */
  fetch: typeof fetch;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** A registered WS worker serving `models` (default [MODEL]). */
  wsWorker(name?: string, extra?: Record<string, unknown>): Promise<TestWsWorker & { workerId: string }>;
  close(): Promise<void>;
}

/** A mock grid on 127.0.0.1:0 with a driven clock, no rate limits (unless given), and spec-checked fetch. */
export async function startTestGrid(options: MockGridOptions = {}): Promise<TestGrid> {
  const clock = new ManualClock();
  const grid = await startMockGrid({ clock, rateLimits: false, ...options });
  const check = createSpecCheck();
  const workers: TestWsWorker[] = [];
  const f = check.fetch;
  return {
    grid,
    url: grid.url,
    clock,
    check,
    fetch: f,
    post: (path, body, headers = {}) =>
      f(`${grid.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', apikey: CLIENT_KEY, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => f(`${grid.url}${path}`, { headers }),
    async wsWorker(name = 'ws-worker-1', extra = {}) {
      const w = await TestWsWorker.ready(
        grid.url,
        { apikey: WORKER_KEY, name, models: [MODEL], ...extra },
        check,
      );
      workers.push(w);
      return w;
    },
    async close() {
      for (const w of workers) w.close();
      await grid.close();
      await check.assertClean();
    },
  };
}

/** Reads a whole SSE response into its `data:` payloads (`[DONE]` kept as the string). */
export async function readSse(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((e) => e.length > 0)
    .map((e) => {
      if (!e.startsWith('data: ')) throw new Error(`not an SSE data event: ${e}`);
      return e.slice(6);
    });
}

export function chatBody(extra: Record<string, unknown> = {}) {
  return { model: MODEL, messages: [{ role: 'user', content: 'Say hello' }], ...extra };
}

/** Waits for the worker's next `job` frame. */
export async function nextJob(worker: TestWsWorker): Promise<ServerFrame & { id: string }> {
  return (await worker.next('job')) as ServerFrame & { id: string };
}

export const IMAGE_MODEL = 'FLUX.2 [klein]';

/** Registers a WS media worker (`job_types: [image]`) serving `models` (default [IMAGE_MODEL]). */
export async function mediaWorker(t: TestGrid, name: string, extra: Record<string, unknown> = {}) {
  return t.wsWorker(name, { models: [IMAGE_MODEL], job_types: ['image'], ...extra });
}

/** PUTs `bytes` to a signed upload URL with `contentType` (none when undefined). */
export function put(url: string, bytes: Uint8Array, contentType?: string): Promise<Response> {
  return fetch(url, {
    method: 'PUT',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: contentType ? { 'content-type': contentType } : {},
  });
}
