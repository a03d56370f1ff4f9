import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { TestWsWorker } from './helpers/ws-worker.js';

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

  it('--verify: the simulated fleet passes its probes, shown on GET /v1/workers', async () => {
    const cli = run(['--port', '0', '--verify', '--simulate']);
    const url = await cli.listening;
    // Real time on a saturated machine: poll with a long limit.
    const end = Date.now() + 30_000;
    let states: string[] = [];
    while (Date.now() < end) {
      const list = await (await fetch(`${url}/v1/workers`)).json();
      states = list.workers.map(
        (w: { verification: { state: string } | null }) => w.verification?.state ?? 'none',
      );
      if (states.length > 0 && states.every((s) => s === 'verified' || s === 'none')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states).toContain('verified');
    expect(states.every((s) => s === 'verified' || s === 'none')).toBe(true);
    expect(cli.output().stdout).toContain('verifying workers: a probe before');
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

  describe('SIGTERM while a chat streams and a worker is connected (graceful shutdown)', () => {
    const CLIENT = 'grid_cli_shutdown_client_key';
    const WORKER = 'grid_cli_shutdown_worker_key';
    const PROMPT = 'cli-private-prompt';
    const model = 'grid/cli-model';

    /** A grid with a registered worker and a chat stream whose job that worker holds (one token sent). */
    async function streaming(args: string[]) {
      const cli = run(['--port', '0', '--no-rate-limits', '--log-json', '--log-level', 'debug', ...args]);
      const url = await cli.listening;
      const worker = await TestWsWorker.ready(url, { apikey: WORKER, name: 'cli-rig', models: [model] });
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT}` },
        body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: PROMPT }] }),
      });
      expect(res.status).toBe(200);
      const job = await worker.next('job');
      worker.send({ type: 'token', id: job.id, delta: { content: 'Hello ' } });
      const body = res.text();
      return { cli, url, worker, job, body };
    }

    /** Resolves once stderr holds a log line of `event`. */
    async function logged(cli: ReturnType<typeof run>, event: string): Promise<void> {
      while (!cli.output().stderr.includes(`"event":"${event}"`)) {
        if (cli.child.exitCode !== null) throw new Error(`exited before logging ${event}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    function logLines(cli: ReturnType<typeof run>): Record<string, unknown>[] {
      return cli
        .output()
        .stderr.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    }

    it('refuses new requests with 503, lets the stream finish, closes the worker with 1012, exits 0', async () => {
      const { cli, url, worker, job, body } = await streaming(['--grace', '600']);
      cli.child.kill('SIGTERM');
      await logged(cli, 'shutdown.begin');
      const late = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT}` },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'late' }] }),
      });
      expect(late.status).toBe(503);
      expect(late.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await late.json()).toEqual({ detail: expect.stringContaining('shutting down') });

      // The job in flight finishes within the grace period: the client gets the rest of its stream.
      await worker.serve(String(job.id), ['world']);
      const text = await body;
      expect(text).toContain('"content":"world"');
      expect(text).not.toContain('"error"');
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
      expect(await worker.closed).toMatchObject({
        code: 1012,
        reason: expect.stringMatching(/^service restart/),
      });
      expect(await cli.exited).toBe(0);

      const lines = logLines(cli);
      const events = lines.map((l) => l.event);
      expect(events).toEqual(
        expect.arrayContaining([
          'ws.registered',
          'worker.online',
          'payment.credited',
          'payment.charged',
          'shutdown.begin',
          'shutdown.drained',
          'ws.disconnected',
          'shutdown.done',
        ]),
      );
      expect(lines.find((l) => l.event === 'http.request' && l.status === 503)).toMatchObject({
        request_id: late.headers.get('x-request-id'),
      });
      const stderr = cli.output().stderr;
      for (const secret of [CLIENT, WORKER, PROMPT, 'world']) expect(stderr).not.toContain(secret);
    });

    it('a second signal hands back at once: the stream ends with an error event and [DONE], the worker gets 1012', async () => {
      const { cli, worker, body } = await streaming(['--grace', '600']);
      cli.child.kill('SIGTERM');
      await logged(cli, 'shutdown.begin');
      // A repeat within 1 s is the same press (see cli.ts); this one comes later.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      cli.child.kill('SIGTERM');
      const text = await body;
      expect(text).toMatch(
        /"content":"Hello "[\s\S]*data: \{"error":\{"message":"[^"]*shutting down[^"]*","type":"service_unavailable"\}\}\n\ndata: \[DONE\]\n\n$/,
      );
      expect(await worker.closed).toMatchObject({ code: 1012 });
      expect(await cli.exited).toBe(0);
      expect(logLines(cli).map((l) => l.event)).toContain('shutdown.deadline');
      for (const secret of [CLIENT, WORKER, PROMPT]) expect(cli.output().stderr).not.toContain(secret);
    });
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
