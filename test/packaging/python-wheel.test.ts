// The Python SDK as a user gets it: `uv build` makes the wheel, a clean virtual environment installs it (with its
// runtime dependencies only), and a five-line program streams a chat from the built mock grid's CLI, served by
// the built worker's CLI with the demo backend (docs/python.md).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the repo's scripts, without types
import { findUv } from '../../scripts/uv.mjs';
import { run, runOrThrow, type Service, start } from './processes.js';
import { ROOT } from './scratch.js';

const KEY = 'grid_python_wheel_key';
const MODEL = 'grid/python-wheel';
const PROJECT = join(ROOT, 'packages/python');
const uv = findUv() as string;

let dir: string;
let wheel: string;
let python: string;
let gridUrl: string;
const services: Service[] = [];

const FIVE_LINES = `from aipg import Grid
grid = Grid()  # AIPG_API_KEY and AIPG_BASE_URL from the environment
with grid.chat.completions.create(model="${MODEL}", messages=[{"role": "user", "content": "Hi!"}], seed=7, stream=True) as stream:
    for chunk in stream:
        print(chunk.choices[0].delta.content or "" if chunk.choices else "", end="")
`;

async function startGrid(): Promise<string> {
  const grid = await start(
    process.execPath,
    [join(ROOT, 'packages/mock-grid/dist/cli.js'), '--port', '0', '--no-rate-limits'],
    { cwd: dir, ready: /listening on (http:\/\/\S+)/ },
  );
  services.push(grid.service);
  const url = grid.match![1]!;
  const config = join(dir, 'bridgeData.yaml');
  const endpoint = {
    type: 'demo',
    name: 'demo',
    tokens_per_second: 0,
    models: [{ name: 'w', grid_model: MODEL }],
  };
  await writeFile(config, JSON.stringify({ grid_url: url, api_key: KEY, endpoints: [endpoint] }));
  const worker = await start(
    process.execPath,
    [join(ROOT, 'packages/worker/dist/cli.js'), '--config', config],
    {
      cwd: dir,
    },
  );
  services.push(worker.service);
  // Bounded only to end a hung run: polls stop as soon as the grid lists the model.
  for (let polls = 0; polls < 2400; polls++) {
    const list = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    if (list.data.some((entry) => entry.id === MODEL)) return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${MODEL} never appeared; the worker printed:\n${worker.service.output()}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aipg-wheel-'));
  await runOrThrow(uv, ['build', '--wheel', '--quiet', '--out-dir', join(dir, 'dist')], { cwd: PROJECT });
  const built = (await readdir(join(dir, 'dist'))).filter((file) => file.endsWith('.whl'));
  expect(built).toHaveLength(1);
  wheel = join(dir, 'dist', built[0]!);
  const venv = join(dir, 'venv');
  await runOrThrow(uv, ['venv', '--quiet', venv], { cwd: dir });
  python = join(venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  await runOrThrow(uv, ['pip', 'install', '--quiet', '--python', python, wheel], { cwd: dir });
  gridUrl = await startGrid();
}, 600_000);

afterAll(async () => {
  for (const service of services.splice(0).reverse()) await service.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('the aipg wheel', () => {
  it('is named for the pyproject version and installs only the runtime dependencies', async () => {
    const version = /^version = "([^"]+)"/m.exec(await readFile(join(PROJECT, 'pyproject.toml'), 'utf8'))![1];
    expect(wheel).toMatch(new RegExp(`aipg-${version!.replace(/\./g, '\\.')}-py3-none-any\\.whl$`));
    const probe = await run(
      python,
      [
        '-c',
        'import importlib.util as u, aipg; print(aipg.__version__, ' +
          '[m for m in ("pydantic", "httpx2", "pytest", "datamodel_code_generator") if u.find_spec(m)])',
      ],
      { cwd: dir },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe(`${version} ['pydantic', 'httpx2']`);
  });

  it('carries its type information (py.typed) and the generated models', async () => {
    const listing = await run(
      python,
      ['-c', 'import zipfile, sys; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', wheel],
      { cwd: dir },
    );
    const files = listing.stdout.split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'aipg/py.typed',
        'aipg/_generated/models.py',
        'aipg/_generated/params.py',
        'aipg/__init__.py',
      ]),
    );
    expect(files.filter((file) => file.startsWith('tests/') || file.includes('/tests/'))).toEqual([]);
  });

  it('streams a chat from the mock grid in five lines of user code', async () => {
    expect(FIVE_LINES.trim().split('\n')).toHaveLength(5);
    const program = join(dir, 'five_lines.py');
    await writeFile(program, FIVE_LINES);
    // The expected text, asked with plain fetch: the demo backend is deterministic for a seed.
    const reply = await fetch(`${gridUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'Hi!' }], seed: 7 }),
    });
    const expected = ((await reply.json()) as { choices: Array<{ message: { content: string } }> })
      .choices[0]!.message.content;
    expect(expected.length).toBeGreaterThan(0);
    const streamed = await run(python, [program], {
      cwd: dir,
      env: { ...process.env, AIPG_API_KEY: KEY, AIPG_BASE_URL: gridUrl },
    });
    expect(streamed.stderr).toBe('');
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toBe(expected);
  });
});
