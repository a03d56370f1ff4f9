// Every built entry of every publishable package, run from its packed tarball in a project outside the
// workspace: each `exports` subpath in ESM, CommonJS and TypeScript compiled to both (node16 and bundler
// resolution), and each `bin`. @aipg/sdk streams a real chat from a packed mock grid's CLI served by a packed
// worker's CLI. Packing, installing and compiling happen once, in beforeAll (docs/architecture.md, Packaging).
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Compiled, FORMATS, writeAndCompile } from './formats.js';
import { run, type Service, start } from './processes.js';
import { KEY, type Oracle, PROGRAMS, PROMPT, type ProgramEnv, SEED } from './programs.js';
import { createScratch, publishable, ROOT, type Scratch } from './scratch.js';

const REPOSITORY = 'https://github.com/AIPowerGrid/aipg-grid-sdk';
const CLI_MODEL = 'grid/packed-cli-worker';
const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

let scratch: Scratch | undefined;
let compiled: Compiled;
let oracle: Oracle;
let gridUrl: string;
const services: Service[] = [];

const bin = (name: string) => join(scratch!.dir, 'node_modules', '.bin', name);

async function waitForModel(url: string, model: string, service: Service): Promise<void> {
  // Bounded only to end a hung run: polls stop as soon as the grid lists the model.
  for (let polls = 0; polls < 2400; polls++) {
    const list = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    if (list.data.some((entry) => entry.id === model)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${model} never appeared in ${url}/v1/models; the worker printed:\n${service.output()}`);
}

/** The packed CLIs as a user runs them: a mock grid, and a worker (demo backend) serving CLI_MODEL. */
async function startGrid(dir: string): Promise<string> {
  const grid = await start(bin('aipg-mock-grid'), ['--port', '0', '--no-rate-limits'], {
    cwd: dir,
    ready: /listening on (http:\/\/\S+)/,
  });
  services.push(grid.service);
  const url = grid.match![1]!;
  const config = join(dir, 'bridgeData.yaml');
  const endpoint = {
    type: 'demo',
    name: 'demo',
    tokens_per_second: 0,
    models: [{ name: 'packed', grid_model: CLI_MODEL }],
  };
  await writeFile(config, JSON.stringify({ grid_url: url, api_key: KEY, endpoints: [endpoint] }));
  const worker = await start(bin('aipg-worker'), ['--config', config], { cwd: dir });
  services.push(worker.service);
  await waitForModel(url, CLI_MODEL, worker.service);
  return url;
}

beforeAll(async () => {
  const devDependencies = rootManifest.devDependencies as Record<string, string>;
  scratch = await createScratch({
    msw: devDependencies.msw!,
    '@types/node': devDependencies['@types/node']!,
  });
  const programs = join(scratch.dir, 'programs');
  [compiled, gridUrl] = await Promise.all([writeAndCompile(programs, PROGRAMS), startGrid(scratch.dir)]);
  // The expected text, asked with plain fetch (no package JS involved): the demo backend is deterministic.
  const reply = await fetch(`${gridUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: CLI_MODEL, messages: [{ role: 'user', content: PROMPT }], seed: SEED }),
  });
  const completion = (await reply.json()) as { choices: Array<{ message: { content: string } }> };
  oracle = { text: completion.choices[0]!.message.content };
}, 600_000);

afterAll(async () => {
  for (const service of services.splice(0).reverse()) await service.stop();
  if (scratch) await rm(dirname(scratch.dir), { recursive: true, force: true });
}, 60_000);

describe.each(publishable())('$manifest.name', ({ dir, manifest }) => {
  const packed = () => scratch!.packages.find((p) => p.name === manifest.name)!;

  it('has a program for every exports subpath (so every entry below is run)', () => {
    const subpaths = Object.keys(packed().manifest.exports ?? {}).filter((key) => key !== './package.json');
    const entries = subpaths.map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
    const covered = PROGRAMS.map((p) => p.entry).filter((entry) => entries.includes(entry));
    expect(covered.sort()).toEqual(entries.sort());
  });

  it('package.json names its repository (with directory), homepage and bugs', () => {
    const { repository, homepage, bugs } = packed().manifest;
    expect(repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: dir });
    expect(homepage).toBe(`${REPOSITORY}/tree/main/${dir}#readme`);
    expect(bugs).toEqual({ url: `${REPOSITORY}/issues` });
  });

  it('README links resolve inside the tarball (or are absolute URLs)', () => {
    const { files } = packed();
    expect(files).toContain('README.md');
    const readme = readFileSync(join(scratch!.dir, 'node_modules', manifest.name, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(0);
    const dead = targets.filter((target) => {
      if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('#')) return false;
      const path = normalize(target.split('#')[0]!).replace(/\/$/, '');
      return !files.some((file) => file === path || file.startsWith(`${path}/`));
    });
    expect(dead, 'relative links with no file in the tarball').toEqual([]);
    // Links into this repository on GitHub name files that exist here.
    const ours = targets.flatMap((target) => {
      const path = /^https:\/\/github\.com\/AIPowerGrid\/aipg-grid-sdk\/(?:blob|tree)\/main\/([^#]+)/.exec(
        target,
      );
      return path ? [path[1]!] : [];
    });
    expect(
      ours.filter((path) => !existsSync(join(ROOT, path))),
      'repository links to missing files',
    ).toEqual([]);
  });

  for (const [name] of Object.entries(manifest.bin ?? {})) {
    it(`bin ${name} --help (and --version where offered)`, async () => {
      const help = await run(bin(name), ['--help'], { cwd: scratch!.dir });
      expect(help.stderr).toBe('');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(name);
      if (help.stdout.includes('--version')) {
        const version = await run(bin(name), ['--version'], { cwd: scratch!.dir });
        expect(version.code).toBe(0);
        expect(version.stdout.trim()).toBe(packed().manifest.version);
      }
    });
  }
});

describe.each(PROGRAMS)('$entry', (program) => {
  it.each(FORMATS)('runs as $label', async (format) => {
    expect(compiled.diagnostics(format, program.entry), 'tsc errors').toEqual([]);
    const env: ProgramEnv = { GRID_URL: gridUrl, MODEL: CLI_MODEL, FORMAT: format.id };
    const done = await run(process.execPath, [compiled.file(format, program.entry)], {
      cwd: scratch!.dir,
      env: { ...process.env, ...env },
    });
    expect(done.code, `${program.entry} as ${format.label} failed:\n${done.stderr}`).toBe(0);
    const out = JSON.parse(done.stdout.trim().split('\n').at(-1)!) as { misnamed: string[]; result: unknown };
    expect(out.misnamed, 'exported classes whose name differs from their export').toEqual([]);
    program.verify(out.result, oracle);
  });
});
