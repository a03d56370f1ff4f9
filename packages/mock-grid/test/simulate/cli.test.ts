import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../src/cli/args.js';
import { readSse } from '../helpers/grid.js';

// `aipg-mock-grid --simulate` as a user runs it (the built dist/cli.js, as test/cli.test.ts does): a grid that
// answers /v1 with no other process.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build first (\`pnpm --filter @aipg/mock-grid build\`)`);
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const ready = new Promise<string>((resolve, reject) => {
    // The fleet's lines and the rate-limit line follow the listening line.
    child.stdout!.on('data', () => {
      const m = /AIPG mock grid listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*rate limits are \w+/.exec(
        stdout,
      );
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

describe('aipg-mock-grid --simulate', () => {
  it('answers /v1/models and a streamed chat with no other process, and prints the fleet', async () => {
    const cli = run(['--port', '0', '--simulate']);
    const url = await cli.ready;
    const { stdout } = cli.output();
    expect(stdout).toContain(
      'simulated worker sim-llama-a: llama-3.1-8b-instruct (60 tokens/s, 2 connections)',
    );
    expect(stdout).toContain('simulated worker sim-flux: FLUX.2 [klein]');
    expect(stdout).toContain('rate limits are off');
    const models = await (await fetch(`${url}/v1/models`, { headers: { apikey: 'k' } })).json();
    expect((models.data as { id: string }[]).map((m) => m.id)).toContain('qwen2.5-7b-instruct');
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: 'grid_cli_sim_key' },
      body: JSON.stringify({
        model: 'qwen2.5-7b-instruct',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        max_tokens: 8,
      }),
    });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(events.at(-1)).toBe('[DONE]');
    const last = JSON.parse(events.at(-2)!);
    expect(last.choices[0].finish_reason).toBe('length');
    expect(last.grid.worker).toMatch(/^sim-qwen/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('reads a fleet file; a bad one exits 2 naming the field and the limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-grid-sim-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const good = join(dir, 'fleet.yaml');
    await writeFile(
      good,
      'workers:\n  - name: rig\n    models: [tiny-model]\n    mode: echo\n    ttft_ms: 0\n',
    );
    const cli = run(['--simulate', good, '--port', '0', '--rate-limits']);
    const url = await cli.ready;
    expect(cli.output().stdout).toContain('simulated worker rig: tiny-model (40 tokens/s, 2 connections)');
    expect(cli.output().stdout).toContain('rate limits are on');
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: 'grid_cli_sim_key' },
      body: JSON.stringify({ model: 'tiny-model', messages: [{ role: 'user', content: 'ping' }] }),
    });
    expect((await res.json()).choices[0].message.content).toBe('ping');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);

    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'workers:\n  - name: rig\n    models: [m]\n    failure_rate: 2\n');
    const failed = run([`--simulate=${bad}`, '--port', '0']);
    expect(await failed.exited).toBe(2);
    expect(failed.output().stderr).toContain(`${bad}: workers[0].failure_rate: expected 0..1, got 2`);
    const missing = run(['--simulate', join(dir, 'none.yaml'), '--port', '0']);
    expect(await missing.exited).toBe(2);
    expect(missing.output().stderr).toContain('cannot read (ENOENT)');
  });
});

describe('--simulate arguments', () => {
  it('takes an optional file: alone, followed by a file, or with =', () => {
    expect(parseCliArgs(['--simulate']).simulate).toBe(true);
    expect(parseCliArgs(['--simulate', '--port', '0'])).toMatchObject({ simulate: true, port: 0 });
    expect(parseCliArgs(['--simulate', 'f.yaml', '--port', '0'])).toMatchObject({
      simulate: 'f.yaml',
      port: 0,
    });
    expect(parseCliArgs(['--port', '0', '--simulate=f.json']).simulate).toBe('f.json');
    expect(parseCliArgs([]).simulate).toBeUndefined();
    expect(parseCliArgs(['--simulate', '--rate-limits']).forceRateLimits).toBe(true);
    expect(() => parseCliArgs(['--simulate', '--simulate'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['--rate-limits', '--no-rate-limits'])).toThrow('contradict');
    expect(() => parseCliArgs(['--simulate='])).toThrow('--simulate=: expected a file');
  });
});
