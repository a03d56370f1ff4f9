// The readiness rule a CI script waits on (docs/mock-grid.md "In CI"): `aipg-mock-grid --simulate` registers its
// simulated workers before it listens, so the first `/health` that answers means the fleet is there. The script
// is the documented one: start the built CLI in the background, wait with curl's connection-refused retries.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SIMULATED_MODEL = 'llama-3.1-8b-instruct';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A port nothing listens on now: the script waits on a port it names before the grid is up. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('aipg-mock-grid --simulate in a CI script', () => {
  it('the first /health that answers comes with the simulated models listed', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The wait starts first, so it also sees the time before the grid listens.
    const wait = spawn(
      'curl',
      ['--retry', '120', '--retry-connrefused', '--retry-delay', '1', '-fsS', `${url}/health`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(wait);
    const grid = spawn(process.execPath, [CLI, '--simulate', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(grid);
    expect(await exitOf(wait)).toBe(0);
    const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toContain(SIMULATED_MODEL);
    grid.kill('SIGTERM');
    expect(await exitOf(grid)).toBe(0);
  });
});
