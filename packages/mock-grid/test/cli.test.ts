import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

// The CLI as a user runs it: the built bin (dist/cli.js, what `aipg-mock-grid` points at) as a real
// process on a free port, stopped by a signal. The built file, not src through tsx: tsx compiles on
// every start, which took 3–4 s per process on a busy machine. `pnpm test` builds before it tests.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
beforeAll(() => {
  if (!existsSync(CLI)) {
    throw new Error(
      `${CLI} is missing: build first (\`pnpm --filter @aipg/mock-grid build\`, or \`pnpm test\`)`,
    );
  }
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /AIPG mock grid listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  // Runs that are expected to fail never await `listening`.
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('aipg-mock-grid CLI', () => {
  it('listens on a free port with --port 0, serves, and exits 0 on SIGTERM', async () => {
    const cli = run(['--port', '0', '--no-rate-limits']);
    const url = await cli.listening;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('loads a keys file for strict auth and exits 0 on SIGINT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-grid-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const keys = join(dir, 'keys.yaml');
    await writeFile(keys, '- key: grid_cli_client_key\n  scopes: [inference.submit]\n');
    const cli = run(['--port', '0', '--auth', 'strict', '--keys', keys]);
    const url = await cli.listening;
    const known = await fetch(`${url}/api/v2/find_user`, { headers: { apikey: 'grid_cli_client_key' } });
    expect(known.status).toBe(200);
    const unknown = await fetch(`${url}/api/v2/find_user`, { headers: { apikey: 'grid_stranger_key' } });
    expect(unknown.status).toBe(401);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('strict auth refuses the anonymous key unless --allow-anonymous is given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-grid-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const keys = join(dir, 'keys.yaml');
    await writeFile(keys, '- key: grid_cli_client_key\n  scopes: [inference.submit]\n');
    const anonymous = { apikey: '0000000000' };
    for (const [extra, status] of [
      [[], 401],
      [['--allow-anonymous'], 200],
    ] as const) {
      const cli = run(['--port', '0', '--auth', 'strict', '--keys', keys, ...extra]);
      const url = await cli.listening;
      expect((await fetch(`${url}/api/v2/find_user`, { headers: anonymous })).status).toBe(status);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    }
  });

  it('exits 2 with a message on a bad flag or keys file', async () => {
    const bad = run(['--auth', 'sometimes']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toMatch(/--auth: expected open or strict/);
    const missing = run(['--keys', '/nonexistent/keys.yaml']);
    expect(await missing.exited).toBe(2);
    expect(missing.output().stderr).toMatch(/cannot read \(ENOENT\)/);
  });
});
