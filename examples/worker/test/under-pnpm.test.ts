// The README's commands with pnpm as the parent, stopped as a user stops them: `kill` of the pnpm process
// (SIGTERM, or SIGINT), and a terminal's Ctrl-C, which signals the whole process group. After a clean stop
// nothing may be left running (or listening) and pnpm must not report a failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { type PnpmRun, runPnpm } from './helpers/pnpm.js';

const KEY = 'grid_under_pnpm_key';
const TIMEOUT = 120_000; // pnpm + tsx start-up on a saturated machine; every wait below polls for output

let runs: PnpmRun[] = [];
let grid: MockGrid | undefined;
afterEach(async () => {
  for (const run of runs) run.kill();
  runs = [];
  await grid?.close();
  grid = undefined;
});

function pnpm(args: string[], env: Record<string, string> = {}): PnpmRun {
  const run = runPnpm(args, env);
  runs.push(run);
  return run;
}

const stoppers = {
  'SIGTERM to pnpm (`kill %1`)': (run: PnpmRun) => run.child.kill('SIGTERM'),
  'SIGINT to pnpm': (run: PnpmRun) => run.child.kill('SIGINT'),
  'Ctrl-C on a terminal (SIGINT to the group)': (run: PnpmRun) => run.interruptGroup(),
};

/** What every clean stop under pnpm must look like. */
async function expectCleanStop(run: PnpmRun): Promise<void> {
  expect(await run.exit, run.output()).toEqual({ code: 0, signal: null });
  expect(await run.groupGone()).toBe(true);
  expect(run.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/);
}

describe.each(Object.entries(stoppers))('under pnpm, %s', (_, stop) => {
  it(
    '`pnpm mock-grid` stops listening, leaves no process and pnpm exits 0',
    async () => {
      const run = pnpm(['mock-grid', '--port', '0', '--no-rate-limits']);
      const [, url] = await run.waitFor(/AIPG mock grid listening on (http:\/\/\S+)\n/);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      stop(run);
      await expectCleanStop(run);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    },
    TIMEOUT,
  );

  it(
    '`pnpm --filter @aipg/example-worker start` drains, prints its summary and exits 0',
    async () => {
      grid = await startMockGrid({ port: 0 });
      const run = pnpm(['--filter', '@aipg/example-worker', 'start'], {
        GRID_API_URL: grid.url,
        GRID_API_KEY: KEY,
      });
      await run.waitFor(/registered/);
      stop(run);
      await expectCleanStop(run);
      expect(run.output()).toContain('served 0 job(s)');
    },
    TIMEOUT,
  );
});

describe('`pnpm worker` under pnpm', () => {
  async function demoConfig(url: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'aipg-under-pnpm-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'bridgeData.yaml');
    await writeFile(
      file,
      `grid_url: ${url}\napi_key: ${KEY}\nendpoints:\n  - type: demo\n    tokens_per_second: 20\n` +
        '    models:\n      - name: pnpm-worker\n',
    );
    return file;
  }

  it(
    'Ctrl-C on a terminal mid-job: the job completes, then pnpm exits 0 without "Command failed"',
    async () => {
      grid = await startMockGrid({ port: 0 });
      const run = pnpm(['worker', '--config', await demoConfig(grid.url)]);
      await run.waitFor(/registered/);
      const reply = fetch(`${grid.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'grid/demo',
          messages: [{ role: 'user', content: 'Hi' }],
          // Below the demo's shortest reply (12 tokens, whatever seed the grid picks), so a job that runs to
          // the end always finishes on `length`: the proof it completed rather than being handed back.
          max_tokens: 11,
        }),
      });
      await run.waitFor(/state busy/);
      run.interruptGroup();
      const response = await reply;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { choices: { finish_reason: string }[] }).choices[0]).toMatchObject({
        finish_reason: 'length',
      });
      await expectCleanStop(run);
      expect(run.output()).toContain('SIGINT: draining');
      expect(run.output()).not.toContain('handing in-flight jobs back');
    },
    TIMEOUT,
  );

  it(
    'SIGTERM to pnpm: the worker drains and exits, pnpm exits 0 and no process is left',
    async () => {
      grid = await startMockGrid({ port: 0 });
      const run = pnpm(['worker', '--config', await demoConfig(grid.url)]);
      await run.waitFor(/registered/);
      run.child.kill('SIGTERM');
      await expectCleanStop(run);
      expect(run.output()).toContain('SIGTERM: draining');
    },
    TIMEOUT,
  );
});
