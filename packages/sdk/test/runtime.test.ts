import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The SDK bundled for browsers (IIFE, dependencies inlined) and run in a bare V8 context that has only
 * web-platform globals — no `process`, `require`, `Buffer`, `global` or `Deno` — the way a browser or an
 * edge worker sees it. Both the sources and the shipped `dist/index.js` (what a bundler picks up from
 * npm; the root `pnpm test` builds before testing) are bundled and run.
 */
const outDir = mkdtempSync(join(tmpdir(), 'aipg-sdk-runtime-'));
const entries = { src: '../src/index.ts', dist: '../dist/index.js' } as const;
const bundles: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, entry] of Object.entries(entries)) {
    await build({
      config: false,
      entry: { [name]: new URL(entry, import.meta.url).pathname },
      format: ['iife'],
      globalName: 'AIPG',
      platform: 'browser',
      noExternal: [/.*/],
      outDir,
      dts: false,
      sourcemap: false,
      silent: true,
    });
    bundles[name] = readFileSync(join(outDir, `${name}.global.js`), 'utf8');
  }
}, 30_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function webContext(fetch: (input: string, init: RequestInit) => Promise<Response>) {
  return createContext({
    fetch,
    Request,
    Response,
    Headers,
    FormData,
    ReadableStream,
    TextDecoder,
    TextEncoder,
    AbortController,
    AbortSignal,
    URL,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    console,
    crypto: { randomUUID: () => crypto.randomUUID() },
  });
}

describe.each(Object.keys(entries))('%s, in a browser-like runtime (no Node globals)', (name) => {
  const code = () => bundles[name]!;
  it('loads where there is no process, require, Buffer or global', () => {
    const context = webContext(async () => Response.json({}));
    const sdk = runInContext(`${code()};AIPG`, context);
    expect(runInContext('typeof process + typeof require + typeof Buffer + typeof global', context)).toBe(
      'undefinedundefinedundefinedundefined',
    );
    expect(typeof sdk.Grid).toBe('function');
  });

  it('makes a call with auth headers, retries, and streams a chat completion', async () => {
    const seen: Array<{ url: string; apikey: string | null; retry: string | null }> = [];
    let healthCalls = 0;
    const context = webContext(async (url, init) => {
      const headers = new Headers(init.headers);
      seen.push({ url, apikey: headers.get('apikey'), retry: headers.get('x-aipg-retry-count') });
      if (url.endsWith('/health')) {
        healthCalls++;
        return healthCalls === 1
          ? Response.json({ detail: 'busy' }, { status: 503, headers: { 'retry-after-ms': '1' } })
          : Response.json({ status: 'ok' });
      }
      const sse = [
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n',
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
        'data: [DONE]\n\n',
      ].join('');
      return new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
    });
    const sdk = runInContext(`${code()};AIPG`, context);
    const grid = new sdk.Grid({ apiKey: 'grid_browser_key_0001', baseURL: 'https://grid.example/v1' });
    expect(grid.baseURL).toBe('https://grid.example');
    expect((await grid.health()).status).toBe('ok');
    const stream = await grid.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    expect(await stream.finalText()).toBe('Hi');
    expect(seen).toEqual([
      { url: 'https://grid.example/health', apikey: 'grid_browser_key_0001', retry: '0' },
      { url: 'https://grid.example/health', apikey: 'grid_browser_key_0001', retry: '1' },
      { url: 'https://grid.example/v1/chat/completions', apikey: 'grid_browser_key_0001', retry: '0' },
    ]);
  });

  it('without process.env, a missing key means no auth header (and the default base URL)', async () => {
    const context = webContext(async () => Response.json({}));
    const sdk = runInContext(`${code()};AIPG`, context);
    const grid = new sdk.Grid();
    expect(grid.apiKey).toBeUndefined();
    expect(grid.baseURL).toBe('https://api.aipowergrid.io');
  });
});
