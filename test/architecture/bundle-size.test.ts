// The SDK's main entry as a browser app gets it, held to a budget: bundled for the browser, minified, gzipped.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../packaging/scratch.js';

/** min+gzip, in bytes (12.5 kB: 12 kB, plus 0.5 kB for job events — `jobs.watch` and the push wait, issue 13). */
const BUDGET = 12_500;

/** The part of esbuild's API used here; esbuild is the workspace's own, the one tsup builds with. */
interface Esbuild {
  version: string;
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ contents: Uint8Array }> }>;
}
const tsup = createRequire(import.meta.url).resolve('tsup');
const esbuild = createRequire(tsup)('esbuild') as Esbuild;

describe('@aipg/sdk main entry in a browser bundle', () => {
  it(`is at most ${BUDGET / 1000} kB min+gzip`, async () => {
    const { outputFiles } = await esbuild.build({
      entryPoints: [join(ROOT, 'packages/sdk/src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = outputFiles[0]!.contents;
    const size = gzipSync(code).length;
    console.log(
      `@aipg/sdk main entry: ${(size / 1000).toFixed(2)} kB min+gzip (${(code.length / 1000).toFixed(1)} kB ` +
        `minified; esbuild ${esbuild.version}, budget ${BUDGET / 1000} kB)`,
    );
    // Guards the measurement: the bundle holds the client, not an empty module.
    expect(new TextDecoder().decode(code)).toContain('ChatCompletionStream');
    expect(
      size,
      `the SDK's main entry is ${size} bytes min+gzip, over its ${BUDGET}-byte budget`,
    ).toBeLessThanOrEqual(BUDGET);
  });
});
