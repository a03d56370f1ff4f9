// The worker's signing key (docs/worker.md, "Signed results"): made once, kept in a 0600 file and reused; its
// results, on both protocols, pass a grid that requires signatures, and requesters can check them offline.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { Grid } from '@aipg/sdk';
import { signResult, verifyResult } from '@aipg/sdk/verify';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Protocol } from '../src/config/types.js';
import { FatalError } from '../src/errors.js';
import { defaultKeyFile, loadOrCreateWorkerKey, WORKER_KEY_FILE } from '../src/signing.js';
import { createWorker, type Worker } from '../src/worker.js';
import { startFakeWsGrid } from './helpers/fake-ws-grid.js';
import { spawnCli } from './helpers/spawn-cli.js';
import { testConfig } from './helpers/worker-config.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aipg-worker-key-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('the worker key file', () => {
  it('is made on first run with mode 0600 and reused afterwards', async () => {
    const file = join(await tempDir(), WORKER_KEY_FILE);
    const first = await loadOrCreateWorkerKey(file);
    expect(first).toMatchObject({ created: true, file });
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const before = await readFile(file, 'utf8');

    const second = await loadOrCreateWorkerKey(file);
    expect(second).toMatchObject({ created: false, publicKey: first.publicKey });
    expect(await readFile(file, 'utf8')).toBe(before);
    // The reloaded private key signs for the same public key.
    const signed_at = 1_764_640_000_000;
    const text = 'reused';
    const { worker_sig, sha256 } = await signResult(second.privateKey, {
      generation_id: 'g1',
      text,
      signed_at,
      worker: 'w',
    });
    const signature = {
      generation_id: 'g1',
      sha256,
      signed_at,
      worker: 'w',
      worker_sig,
      public_key: first.publicKey,
    };
    expect(await verifyResult({ text, signature })).toBe(true);
  });

  it('lives beside the config file, else in the working directory', () => {
    expect(defaultKeyFile('/etc/aipg/bridgeData.yaml', '/home/me')).toBe(join('/etc/aipg', WORKER_KEY_FILE));
    expect(defaultKeyFile(undefined, '/home/me')).toBe(join('/home/me', WORKER_KEY_FILE));
  });

  it('names the file when it cannot be read or holds no Ed25519 key', async () => {
    const dir = await tempDir();
    const garbage = join(dir, 'garbage.key');
    await writeFile(garbage, 'not a key');
    await expect(loadOrCreateWorkerKey(garbage)).rejects.toThrow(FatalError);
    await expect(loadOrCreateWorkerKey(garbage)).rejects.toThrow(`the worker key ${garbage} is not usable`);
    const rsa = join(dir, 'rsa.key');
    await writeFile(rsa, JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB', d: 'y' }));
    await expect(loadOrCreateWorkerKey(rsa)).rejects.toThrow(/not an Ed25519 private key/);
    const folder = join(dir, 'a-folder.key');
    await mkdir(folder);
    await expect(loadOrCreateWorkerKey(folder)).rejects.toThrow(
      `cannot read the worker key ${folder} (EISDIR)`,
    );
  });
});

describe('signed results against a grid that requires them', () => {
  let grid: MockGrid | undefined;
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await grid?.close();
    grid = undefined;
  });

  it.each<Protocol>(['websocket', 'horde'])(
    '%s: the result is paid and verifies offline',
    async (protocol) => {
      grid = await startMockGrid({ grid: { allowUnsignedResults: false } });
      const key = await loadOrCreateWorkerKey(join(await tempDir(), WORKER_KEY_FILE));
      const worker = createWorker({
        config: testConfig({ protocol, url: grid.url }),
        key,
        idleBackoff: { initialMs: 20, maxMs: 20 },
      });
      workers.push(worker);
      const online = new Promise<void>((resolve) => {
        const off = grid!.core.onEvent((event) => {
          if (event.type !== 'worker.online') return;
          off();
          resolve();
        });
      });
      void worker.run();
      await online;
      const client = new Grid({ baseURL: grid.url, apiKey: 'grid_signed_client_01', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'grid/demo',
        messages: [{ role: 'user', content: 'sign this' }],
        max_tokens: 16,
      });
      expect(completion.grid?.signature).toMatchObject({ worker: 'test-worker', public_key: key.publicKey });
      expect(await verifyResult(completion)).toBe(true);
      expect(grid.core.worker('test-worker')).toMatchObject({ strikes: 0, requestsFulfilled: 1 });
      expect(grid.core.account('grid_test_key_0001').earned).toBeGreaterThan(0);
    },
  );
});

describe('aipg-worker CLI', () => {
  it('makes its key beside the config on first run, registers its public key, and reuses it', async () => {
    const fake = await startFakeWsGrid();
    onTestFinished(() => fake.close());
    const dir = await tempDir();
    const config = join(dir, 'bridgeData.yaml');
    await writeFile(
      config,
      `grid_url: ${fake.url}\napi_key: grid_cli_test_key\nendpoints: [{type: demo, models: [{name: key-worker}]}]\n`,
    );
    const keyFile = join(dir, WORKER_KEY_FILE);
    const run = async () => {
      const cli = spawnCli(['--config', config]);
      const register = await (await fake.nextConnection()).accept();
      // Its log line after `ready`: everything it printed before has been read too (one pipe, in order).
      await cli.waitFor('registered');
      cli.child.kill('SIGKILL');
      await cli.exit;
      return { publicKey: register.public_key, output: cli.output() };
    };
    const first = await run();
    expect(first.output).toContain(`made a new signing key: ${keyFile}`);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const key = JSON.parse(await readFile(keyFile, 'utf8'));
    expect(first.publicKey).toBe(key.x);
    const second = await run();
    expect(second.output).not.toContain('made a new signing key');
    expect(second.publicKey).toBe(first.publicKey);
  });

  it('exits 2 naming the key file when it is not a key', async () => {
    const dir = await tempDir();
    const config = join(dir, 'bridgeData.yaml');
    await writeFile(config, 'api_key: k\nendpoints: [{type: demo, models: [{name: w}]}]\n');
    const bad = join(dir, 'broken.key');
    await writeFile(bad, '{}');
    const cli = spawnCli(['--config', config, '--key', bad]);
    expect(await cli.exit).toBe(2);
    expect(cli.output()).toContain(`the worker key ${bad} is not usable`);
  });
});
