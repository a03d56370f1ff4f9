// `@aipg/mock-grid/vitest` (docs/mock-grid.md "In CI"): the global setup starts a grid that answers a chat,
// tells tests where it is (environment, provide), and its teardown closes it and puts the environment back.
// Once called as a function (as jest calls it), once as vitest runs it: a vitest of its own over a fixture
// project (test/fixtures/global-setup) that uses the built entry.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Grid } from '@aipg/sdk';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGlobalSetup, GRID_URL_KEY, setup, teardown } from '../src/vitest.js';

/** A text model of the default simulated fleet. */
const SIMULATED_MODEL = 'llama-3.1-8b-instruct';

const VARIABLES = ['AIPG_BASE_URL', 'OPENAI_BASE_URL', 'AIPG_API_KEY', 'OPENAI_API_KEY'] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
// Each test starts without them: in `pnpm test` another project's global setup (docs/examples) has set them
// for the whole run.
beforeEach(() => {
  for (const name of VARIABLES) delete process.env[name];
});
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** Whether anything answers on `url` (a closed grid refuses the connection). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health`);
    return true;
  } catch {
    return false;
  }
}

describe('the global setup, called directly', () => {
  it('starts a grid that answers a chat, provides its URL and sets the environment; teardown closes it', async () => {
    const provided = new Map<string, string>();
    const close = await setup({ provide: (key, value) => provided.set(key, value) });
    const url = provided.get(GRID_URL_KEY)!;
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(process.env.AIPG_BASE_URL).toBe(url);
      expect(process.env.OPENAI_BASE_URL).toBe(`${url}/v1`);
      expect(process.env.AIPG_API_KEY).toBe('grid_test_key');
      expect(process.env.OPENAI_API_KEY).toBe('grid_test_key');
      const completion = await new Grid({ maxRetries: 0 }).chat.completions.create({
        model: SIMULATED_MODEL,
        messages: [{ role: 'user', content: 'Say hello.' }],
      });
      expect(completion.choices[0]?.message.content).toBeTruthy();
      expect(completion.choices[0]?.finish_reason).toBe('stop');
    } finally {
      await close();
    }
    expect(await answers(url)).toBe(false);
    for (const name of VARIABLES) expect(process.env[name], name).toBeUndefined();
  });

  it('keeps keys that are already set, and puts the URLs back as they were', async () => {
    process.env.OPENAI_API_KEY = 'sk-mine';
    process.env.AIPG_BASE_URL = 'https://example.test';
    const close = await createGlobalSetup({ apiKey: 'grid_other_key' })();
    const url = process.env.AIPG_BASE_URL!;
    expect(url).not.toBe('https://example.test');
    expect(process.env.OPENAI_API_KEY).toBe('sk-mine');
    expect(process.env.AIPG_API_KEY).toBe('grid_other_key');
    await close();
    expect(process.env.AIPG_BASE_URL).toBe('https://example.test');
    expect(process.env.OPENAI_API_KEY).toBe('sk-mine');
  });

  it('passes its options to the grid (strict auth refuses a key it does not list)', async () => {
    const close = await createGlobalSetup({
      auth: 'strict',
      keys: [{ key: 'grid_listed_key', scopes: ['inference.submit'] }],
      apiKey: 'grid_listed_key',
    })();
    try {
      const chat = (key: string) =>
        fetch(`${process.env.OPENAI_BASE_URL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: SIMULATED_MODEL, messages: [{ role: 'user', content: 'hi' }], n: 9 }),
        });
      // Both bodies break the spec's `n` ≤ 4, so only the key decides between 401 and the 422 naming `n`.
      expect((await chat('grid_unlisted_key')).status).toBe(401);
      const listed = await chat(process.env.AIPG_API_KEY!);
      expect(listed.status).toBe(422);
      expect(await listed.json()).toMatchObject({ detail: [{ loc: ['body', 'n'] }] });
    } finally {
      await close();
    }
  });

  it('teardown() (jest’s globalTeardown) closes the grid the last setup started, once', async () => {
    await setup();
    const url = process.env.AIPG_BASE_URL!;
    expect(await answers(url)).toBe(true);
    await teardown();
    expect(await answers(url)).toBe(false);
    await teardown(); // nothing open: a no-op
  });
});

describe('the global setup, as vitest runs it', () => {
  const root = fileURLToPath(new URL('./fixtures/global-setup/', import.meta.url));
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const built = fileURLToPath(new URL('../dist/vitest.js', import.meta.url));
  beforeAll(() => {
    if (!existsSync(built))
      throw new Error(`${built} is missing: build first (\`pnpm --filter @aipg/mock-grid build\`)`);
  });

  it('gives every test the grid (inject and environment) and answers its chat', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aipg-vitest-setup-'));
    const out = join(dir, 'out.json');
    // The child is a vitest of its own: none of this run's VITEST_* variables, none of the grid's.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !name.startsWith('VITEST') && !(VARIABLES as readonly string[]).includes(name),
      ),
    );
    const child = spawn(process.execPath, [vitest, 'run', '--root', root, '--config', 'vitest.config.ts'], {
      cwd: root,
      env: { ...env, FIXTURE_OUT: out, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => {
      output += d;
    });
    child.stderr!.on('data', (d) => {
      output += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      expect(code, output).toBe(0);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as {
        url: string;
        env: Record<string, string>;
        completion: { model: string; choices: Array<{ message: { content: string } }> };
      };
      expect(seen.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(seen.env).toEqual({ AIPG_BASE_URL: seen.url, OPENAI_BASE_URL: `${seen.url}/v1` });
      expect(seen.completion.choices[0]?.message.content).toBeTruthy();
      // The run is over: its teardown closed the grid.
      expect(await answers(seen.url)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
