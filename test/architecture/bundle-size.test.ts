// The SDK's main entry as a browser app gets it, held to a budget: bundled for the browser, minified, gzipped.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../packaging/scratch.js';

/**
 * min+gzip, in bytes (14.75 kB: 12 kB, plus for issue 13 0.5 kB for job events — `jobs.watch` and the push wait —,
 * 0.25 kB for the client WebSocket's hooks — `grid.realtime()`, `transport: 'websocket'`,
 * `RealtimeDisconnectedError` —, 0.5 kB for `grid.files` / `grid.batches` and 1.3 kB for `grid.batch()`, which as
 * a method of `Grid` cannot be split off). The client WebSocket itself is the lazily loaded chunk below.
 */
const BUDGET = 14_750;
/** The client WebSocket (`@aipg/sdk/realtime`), which `grid.realtime()` loads on first use: min+gzip, bytes. */
const REALTIME_BUDGET = 4_000;

/** The part of esbuild's API used here; esbuild is the workspace's own, the one tsup builds with. */
interface Esbuild {
  version: string;
  build(
    options: Record<string, unknown>,
  ): Promise<{ outputFiles: Array<{ path: string; contents: Uint8Array }> }>;
}
const tsup = createRequire(import.meta.url).resolve('tsup');
const esbuild = createRequire(tsup)('esbuild') as Esbuild;

describe('@aipg/sdk main entry in a browser bundle', () => {
  it(`is at most ${BUDGET / 1000} kB min+gzip, and the lazily loaded client WebSocket at most ${REALTIME_BUDGET / 1000} kB`, async () => {
    // Split as a browser app's bundler splits it: `grid.realtime()`'s dynamic import becomes its own chunk,
    // fetched on first use, so the entry chunk is what every app downloads.
    const { outputFiles } = await esbuild.build({
      entryPoints: [join(ROOT, 'packages/sdk/src/index.ts')],
      bundle: true,
      splitting: true,
      outdir: join(ROOT, 'node_modules/.cache/bundle-size'),
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const entry = outputFiles.find((f) => f.path.endsWith('index.js'))!;
    const lazy = outputFiles.filter((f) => f !== entry && f.path.endsWith('.js'));
    const code = entry.contents;
    const size = gzipSync(code).length;
    const lazySize = lazy.reduce((n, f) => n + gzipSync(f.contents).length, 0);
    console.log(
      `@aipg/sdk main entry: ${(size / 1000).toFixed(2)} kB min+gzip (${(code.length / 1000).toFixed(1)} kB ` +
        `minified; esbuild ${esbuild.version}, budget ${BUDGET / 1000} kB); loaded on first use: ` +
        `${(lazySize / 1000).toFixed(2)} kB in ${lazy.length} chunk(s)`,
    );
    // Guards the measurement: the bundle holds the client, not an empty module, and the lazy chunk the socket.
    expect(new TextDecoder().decode(code)).toContain('ChatCompletionStream');
    expect(lazy.map((f) => new TextDecoder().decode(f.contents)).join('')).toContain('/v1/ws');
    expect(
      size,
      `the SDK's main entry is ${size} bytes min+gzip, over its ${BUDGET}-byte budget`,
    ).toBeLessThanOrEqual(BUDGET);
    expect(lazySize, `the client WebSocket chunk is ${lazySize} bytes min+gzip`).toBeLessThanOrEqual(
      REALTIME_BUDGET,
    );
  });
});
