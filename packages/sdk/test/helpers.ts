import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { type ClientOptions, Grid } from '../src/index';

export const BASE = 'http://grid.test';

/**
 * One msw server per test file; unhandled requests fail the test. Like the AI Horde, it has no job events
 * (`GET /v1/jobs/{id}/events` is a 404), so the Horde helpers poll unless a test serves the events itself.
 */
export function useServer() {
  const server = setupServer(
    http.get(`${BASE}/v1/jobs/:id/events`, () => HttpResponse.json({ detail: 'Not Found' }, { status: 404 })),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  afterAll(() => server.close());
  return server;
}

/** A client aimed at the mock host; its fetch looks up globalThis.fetch per call (msw patches it). */
export function makeGrid(options: ClientOptions = {}): Grid {
  return new Grid({
    apiKey: 'grid_test_key_0123456789',
    baseURL: BASE,
    logLevel: 'off',
    fetch: (input, init) => globalThis.fetch(input, init),
    ...options,
  });
}

/** Fake only the clock functions: msw and stream plumbing keep their real microtasks. */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
}

/** A logger that records every call, for assertions. */
export function recordingLogger() {
  const lines: Array<{ level: string; args: unknown[] }> = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push({ level, args });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

export const encoder = new TextEncoder();

/** A body that delivers `parts` as separate chunks and then (unless `stall`) ends. */
export function bodyOf(parts: Array<string | Uint8Array>, options: { stall?: boolean } = {}) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      if (!options.stall) controller.close();
    },
  });
}

/** A body that delivers `parts` (one per read), then fails like a dropped connection. */
export function brokenBodyOf(parts: string[]) {
  const queue = [...parts];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = queue.shift();
      if (part === undefined) controller.error(new TypeError('terminated'));
      else controller.enqueue(encoder.encode(part));
    },
  });
}

export function sseHeaders(extra: Record<string, string> = {}) {
  return { 'Content-Type': 'text/event-stream', ...extra };
}
