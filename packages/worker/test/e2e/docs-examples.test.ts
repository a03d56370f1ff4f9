// The library examples in docs/worker.md and the package README, run as written (only the package import is
// pointed at the built entry) against a mock grid, and stopped with Ctrl-C as a user stops them.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const DIST = pathToFileURL(join(ROOT, 'packages/worker/dist/index.js')).href;
const TSX = import.meta.resolve('tsx');

let grid: MockGrid | undefined;
afterEach(async () => {
  await grid?.close();
  grid = undefined;
});

/** The first ```ts block after `heading` in a markdown file. */
async function snippet(file: string, heading: string): Promise<string> {
  const text = await readFile(join(ROOT, file), 'utf8');
  const section = text.slice(text.indexOf(heading));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error(`${file}: no ts block after ${heading}`);
  return code.replaceAll("from '@aipg/worker'", `from '${DIST}'`);
}

describe.each([
  ['docs/worker.md', '## Writing your own backend'],
  ['packages/worker/README.md', '## Library'],
])('the example in %s (%s)', (file, heading) => {
  it('serves a chat, then drains and exits 0 on Ctrl-C (SIGINT)', async () => {
    grid = await startMockGrid({ port: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'aipg-docs-example-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'example.mts'), await snippet(file, heading));
    await writeFile(
      join(dir, 'bridgeData.yaml'),
      `grid_url: ${grid.url}\napi_key: grid_docs_example_key\nendpoints:\n  - type: demo\n    tokens_per_second: 0\n` +
        '    models:\n      - name: docs-example\n        grid_model: grid/echo\n',
    );
    const child = spawn(process.execPath, ['--import', TSX, 'example.mts'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const registered = new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('registered')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => reject(new Error(`exited before registering:\n${output}`)));
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await registered;
      const response = await fetch(`${grid.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer grid_docs_example_key', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'grid/echo', messages: [{ role: 'user', content: 'echo me' }] }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices[0]!.message.content).not.toBe('');
      child.kill('SIGINT');
      expect(await exit, output).toEqual({ code: 0, signal: null });
      expect(output).toContain('stopped');
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
