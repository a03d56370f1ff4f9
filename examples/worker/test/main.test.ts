// Runs the example as a real process against a mock grid, and checks its bridgeData.yaml is valid.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockGrid } from '@aipg/mock-grid';
import { loadConfig } from '@aipg/worker';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('..', import.meta.url));
const KEY = 'grid_example_test_key';

describe('examples/worker', () => {
  it('serves a chat completion from a mock grid with the demo backend, then drains on SIGTERM', async () => {
    const grid = await startMockGrid({ port: 0 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: DIR,
      env: { PATH: process.env.PATH ?? '', GRID_API_URL: grid.url, GRID_API_KEY: KEY },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const registered = new Promise<void>((resolve) =>
      child.stderr.on('data', (d) => {
        log += d.toString();
        if (log.includes('registered')) resolve();
      }),
    );
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await registered;
      const response = await fetch(`${grid.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'grid/demo',
          messages: [{ role: 'user', content: 'Hello' }],
          max_tokens: 8,
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        choices: { message: { content: string } }[];
        grid: { worker: string };
      };
      expect(body.choices[0]!.message.content).toMatch(/^Demo( \w+){7}$/);
      expect(body.grid.worker).toBe('example-worker');
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(log).toMatch(/served 1 job\(s\), earned \d+\.\d\d den\n/);
    } finally {
      child.kill('SIGKILL');
      await grid.close();
    }
  });

  it('ships a valid bridgeData.yaml (demo endpoint, 127.0.0.1:7001)', async () => {
    const { config, warnings } = await loadConfig({ file: `${DIR}/bridgeData.yaml`, env: {} });
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ protocol: 'websocket', url: 'http://127.0.0.1:7001' });
    expect(config.endpoints[0]).toMatchObject({ type: 'demo', tokensPerSecond: 25 });
    expect(config.endpoints[0]!.models[0]).toMatchObject({
      name: 'example-worker',
      gridModel: 'grid/demo',
      maxThreads: 2,
    });
  });
});
