import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { type FakeWsGrid, startFakeWsGrid } from '../helpers/fake-ws-grid.js';
import { spawnCli } from '../helpers/spawn-cli.js';

let grid: FakeWsGrid | undefined;
afterEach(async () => {
  await grid?.close();
  grid = undefined;
});

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aipg-worker-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'bridgeData.yaml');
  await writeFile(file, text);
  return file;
}

const demoConfig = (url: string, tokensPerSecond: number | string = 0) => `
grid_url: ${url}
api_key: grid_cli_test_key
endpoints:
  - type: demo
    tokens_per_second: ${tokensPerSecond}
    models:
      - name: cli-worker
        max_length: 200
`;

describe('aipg-worker CLI', () => {
  it('refuses an invalid config with the path of the bad field (exit 2)', async () => {
    const file = await configFile(
      'api_key: k\nendpoints: [{type: demo, models: [{name: w, max_length: abc}]}]\n',
    );
    const cli = spawnCli(['--config', file]);
    expect(await cli.exit).toBe(2);
    expect(cli.output()).toContain('endpoints[0].models[0].max_length: must be an integer ≥ 16, got "abc"');
  });

  it('drains on SIGTERM mid-job (a doubled signal counts once): the job completes and the process exits 0', async () => {
    grid = await startFakeWsGrid();
    const cli = spawnCli(['--config', await configFile(demoConfig(grid.url, 40)), '--metrics-port', '0']);
    const conn = await grid.nextConnection();
    expect(await conn.accept()).toMatchObject({ name: 'cli-worker', models: ['grid/demo'], max_length: 200 });
    const metricsUrl = (await cli.waitFor(/http:\/\/127\.0\.0\.1:\d+\/metrics/)) as string;
    conn.send({
      type: 'job',
      id: 'sigterm-job',
      model: 'grid/demo',
      payload: {
        request: { model: 'grid/demo', messages: [{ role: 'user', content: 'go' }] },
        api_format: 'openai-chat',
        prompt: 'go',
        max_length: 200,
        temperature: 1,
        top_p: 1,
      },
    });
    await conn.type('token');
    // Twice at once, as a terminal plus a parent passing it on (pnpm, an init) deliver one Ctrl-C: still one drain.
    cli.child.kill('SIGTERM');
    cli.child.kill('SIGTERM');
    const done = await conn.type('done');
    expect(done.id).toBe('sigterm-job');
    expect(done.full_text).toMatch(/^Demo( \w+)+\.$/);
    expect(done.cancelled).toBeUndefined();
    conn.send({ type: 'ack', id: 'sigterm-job', den: 2 });
    expect((await conn.closed).code).toBe(1000);
    expect(await cli.exit).toBe(0);
    expect(cli.output()).toContain('SIGTERM: draining');
    expect(cli.output()).not.toContain('handing in-flight jobs back');
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  });

  it('serves Prometheus metrics and exits 1 with a clear message on close 4001', async () => {
    grid = await startFakeWsGrid();
    const cli = spawnCli([
      '--config',
      await configFile(demoConfig(grid.url)),
      '--metrics-port',
      '0',
      '--verbose',
    ]);
    const conn = await grid.nextConnection();
    await conn.accept();
    const metricsUrl = (await cli.waitFor(/http:\/\/127\.0\.0\.1:\d+\/metrics/)) as string;
    conn.send({
      type: 'job',
      id: 'm1',
      model: 'grid/demo',
      payload: {
        request: { model: 'grid/demo', messages: [{ role: 'user', content: 'x' }] },
        api_format: 'openai-chat',
        prompt: 'x',
        max_length: 5,
        temperature: 1,
        top_p: 1,
      },
    });
    await conn.type('done');
    conn.send({ type: 'ack', id: 'm1', den: 3 });
    await cli.waitFor('ack for job m1: 3 den');
    const body = await (await fetch(metricsUrl)).text();
    expect(body).toContain('aipg_worker_den_total 3');
    expect(body).toContain('aipg_worker_jobs_total{result="done"} 1');
    expect(body).toContain('aipg_worker_tokens_total 5');
    expect(body).toContain('aipg_worker_connected 1');
    expect(body).toContain('# TYPE aipg_worker_in_flight gauge');
    conn.close(4001, 'Invalid API key');
    expect(await cli.exit).toBe(1);
    // Once: the worker rejects with it and the CLI prints it, the worker does not log it as well.
    expect(cli.output().split('grid refused worker "cli-worker" (close 4001: Invalid API key)')).toHaveLength(
      2,
    );
  });
});
