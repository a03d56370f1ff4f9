import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { jpeg, png, sha256 } from '../helpers/png.js';
import { createSpecCheck } from '../helpers/spec-validator.js';

// Spec-driven fuzzing (docs/mock-grid.md "Spec-driven fuzzing"): schemathesis reads the bundled spec and sends
// every operation generated data — the spec's examples, boundary and negative values (coverage), random valid
// and invalid bodies, headers, paths and queries (fuzzing), and request chains along the spec's `links` (the
// Horde job: async → status / cancel, pop → submit) — to the built CLI on a free port. Every answer must be
// declared by the spec: its status, content type, headers and body (each SSE event of a stream too), and none
// may be a 5xx. Deterministic generation makes a run the same requests every time; the number of examples
// bounds the work, not a clock (about 2,000 requests, 30–40 s on a 2-core machine). A media worker serves the
// image examples with real files of each slot's type.
const execFileAsync = promisify(execFile);
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SPEC = fileURLToPath(new URL('../../src/generated/openapi.json', import.meta.url));
const FIND_SCHEMATHESIS = fileURLToPath(new URL('../../../../scripts/schemathesis.mjs', import.meta.url));

const MAX_EXAMPLES = '30';
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
].join(',');
/** The model a connected worker serves: the one the spec's chat examples ask for, so they reach a worker. */
const MODEL = 'llama-3.1-8b-instruct';
/** The image model the spec's image examples ask for, served by a media worker. */
const IMAGE_MODEL = 'FLUX.2 [klein]';

const isMethod = (key: string) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(key);

interface RunReport {
  operations: { selected: number; tested: number; errored: number };
  phases: Record<string, { status: string }>;
  test_cases: { generated: number; with_failures: number; errored: number };
  failures: unknown[];
  errors: unknown[];
}
interface Har {
  log: { entries: { request: { method: string; url: string }; response: { status: number } }[] };
}

let python: string;
let grid: ChildProcess | undefined;
let url: string;
let worker: WebSocket | undefined;
let imageWorker: WebSocket | undefined;
let dir: string;
const check = createSpecCheck();

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (\`pnpm build\`, or \`pnpm test\`)`);
  // Installs schemathesis into node_modules/.cache on first use; fails with the reason (no Python, no PyPI).
  try {
    python = (await execFileAsync(process.execPath, [FIND_SCHEMATHESIS], { timeout: 600_000 })).stdout.trim();
  } catch (err) {
    throw new Error(`the fuzz test needs schemathesis:\n${(err as { stderr?: string }).stderr ?? err}`);
  }
  dir = await mkdtemp(join(tmpdir(), 'aipg-fuzz-'));
  // No grace period at the end: jobs the fuzzer popped and never submitted would hold the exit for 10 s.
  grid = spawn(process.execPath, [CLI, '--port', '0', '--no-rate-limits', '--grace', '0'], {
    // Its log is not read: a full pipe would block the grid (writes to a pipe are synchronous on Linux).
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    grid!.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    grid!.on('exit', (code) => reject(new Error(`the mock grid exited (${code}) before listening`)));
  });
  worker = await echoWorker(url);
  imageWorker = await pngWorker(url);
}, 660_000);

afterAll(async () => {
  worker?.close();
  imageWorker?.close();
  if (grid && grid.exitCode === null) {
    const exited = new Promise((resolve) => grid!.once('exit', resolve));
    grid.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

/** A WS worker that answers every job at once with two tokens, so chats (JSON and SSE) complete. */
async function echoWorker(base: string): Promise<WebSocket> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/workers/ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: string };
      check.checkServerFrame(frame);
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (frame.type === 'job') {
        for (const content of ['Hello', '!'])
          ws.send(JSON.stringify({ type: 'token', id: frame.id, delta: { content } }));
        ws.send(JSON.stringify({ type: 'done', id: frame.id, full_text: 'Hello!', finish_reason: 'stop' }));
      }
    });
  });
  ws.send(JSON.stringify({ apikey: 'fuzz_worker_key_0001', name: 'fuzz-worker', models: [MODEL] }));
  await ready;
  return ws;
}

/** A WS media worker that answers every image job at once: a real PNG PUT to each slot, then `done`. */
async function pngWorker(base: string): Promise<WebSocket> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/workers/ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  // Bytes of each slot's type, by their magic numbers (the grid checks those, not the header).
  const files: Record<string, Uint8Array> = {
    'image/png': png(8, 8),
    'image/jpeg': jpeg(),
    'image/webp': new Uint8Array([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBP')]),
  };
  const ready = new Promise<void>((resolve) => {
    ws.on('message', async (data) => {
      const frame = JSON.parse(data.toString()) as {
        type: string;
        id?: string;
        payload?: { seeds: number[] };
        upload?: { put_url: string; content_type: string }[];
      };
      check.checkServerFrame(frame);
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (frame.type === 'job' && frame.upload) {
        const results = [];
        for (const [index, slot] of frame.upload.entries()) {
          const bytes = files[slot.content_type] ?? files['image/png']!;
          await fetch(slot.put_url, {
            method: 'PUT',
            body: bytes as Uint8Array<ArrayBuffer>,
            headers: { 'content-type': slot.content_type },
          });
          results.push({ index, seed: frame.payload!.seeds[index]!, sha256: sha256(bytes) });
        }
        ws.send(JSON.stringify({ type: 'done', id: frame.id, results }));
      }
    });
  });
  ws.send(
    JSON.stringify({
      apikey: 'fuzz_worker_key_0002',
      name: 'fuzz-image-worker',
      models: [IMAGE_MODEL],
      job_types: ['image'],
      max_pixels: 3072 * 3072,
      allow_lora: true,
      allow_controlnet: true,
    }),
  );
  await ready;
  return ws;
}

interface Run {
  /** Names the report files. */
  name: string;
  /** The operations, by path. */
  paths: string;
  phases: string;
  /** The client key: each run its own account, so one run's queued jobs do not use up another's in-flight cap. */
  key: string;
}

/** One schemathesis run; returns its JSON report and the HAR of every request it sent. */
async function fuzz(run: Run): Promise<{ run: Run; report: RunReport; har: Har; output: string }> {
  const { name, paths, phases, key } = run;
  const json = join(dir, `${name}.json`);
  const har = join(dir, `${name}.har`);
  const args = [
    ...['-m', 'schemathesis.cli', 'run', SPEC, '--url', url],
    ...['--include-path-regex', paths],
    ...['--checks', CHECKS, '--mode', 'all', '--phases', phases],
    // Deterministic generation (hypothesis's derandomize): the same cases, in the same order, on every run.
    ...['--generation-deterministic'],
    ...['--max-examples', MAX_EXAMPLES, '--workers', '1', '--request-timeout', '60'],
    // Hypothesis's health checks judge the generator's speed and filtering, not the API: off, so a busy
    // machine cannot fail the run.
    ...['--suppress-health-check', 'all', '--no-shrink'],
    ...['--header', `apikey: ${key}`, '--no-color'],
    ...['--report', 'json,har', '--report-json-path', json, '--report-har-path', har],
  ];
  let output: string;
  try {
    // Run in the temp folder: schemathesis keeps its caches (.schemathesis/, .hypothesis/) in the working directory.
    const options = { cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 };
    output = (await execFileAsync(python, args, options)).stdout;
  } catch (err) {
    // Exit 1 means failures were found: they are in the report (and the output, for the message).
    const e = err as { stdout?: string; code?: number };
    if (e.code !== 1 || e.stdout === undefined) throw err;
    output = e.stdout;
  }
  const read = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
  return { run, report: (await read(json)) as RunReport, har: (await read(har)) as Har, output };
}

describe('spec-driven fuzzing (schemathesis)', () => {
  it('every operation, positive and negative data, the job lifecycle: no 5xx, nothing outside the spec', async () => {
    // The /v1 surface first, with the worker serving; then the Horde surface, whose pop workers would otherwise
    // be candidates for /v1's `auto` routing. The Horde's request chains get an account of their own: the jobs
    // the other phases leave queued (for models nobody serves) would fill the in-flight cap, and every
    // `async` would be a 429 with no `id` for the links to follow.
    const all = 'examples,coverage,fuzzing,stateful';
    const runs = [
      await fuzz({ name: 'v1', paths: '^/(v1|health)', phases: all, key: 'fuzz_v1_key_0001' }),
      await fuzz({
        name: 'horde',
        paths: '^/api/v2',
        phases: 'examples,coverage,fuzzing',
        key: 'fuzz_horde_key_01',
      }),
      // Text and image chains each on their own, so neither's links crowd out the other's in the examples run.
      await fuzz({
        name: 'horde-chains',
        paths: '^/api/v2/generate/text/',
        phases: 'stateful',
        key: 'fuzz_chains_key_01',
      }),
      await fuzz({
        name: 'image-chains',
        paths: '^/api/v2/generate/(async|check|status|pop|progress|submit)',
        phases: 'stateful',
        key: 'fuzz_images_key_01',
      }),
    ];
    let requests = 0;
    let cases = 0;
    for (const { run, report, har, output } of runs) {
      const summary = output.slice(output.lastIndexOf('= FAILURES ='));
      expect(report.failures, summary).toEqual([]);
      expect(report.errors, summary).toEqual([]);
      // Fuzzing reaches every selected operation; request chains only those their links join.
      if (run.phases.includes('fuzzing')) expect(report.operations.tested).toBe(report.operations.selected);
      // Each phase the run asked for succeeded (the others are skipped).
      for (const [phase, { status }] of Object.entries(report.phases))
        expect([phase, status]).toEqual([phase, run.phases.includes(phase) ? 'success' : 'skip']);
      // The HAR is every request sent: an independent count, and a second look for a 5xx.
      const serverErrors = har.log.entries.filter((e) => e.response.status >= 500);
      expect(serverErrors.map((e) => `${e.request.method} ${e.request.url} → ${e.response.status}`)).toEqual(
        [],
      );
      requests += har.log.entries.length;
      cases += report.test_cases.generated;
    }
    // Between them the first two runs cover every operation of the spec.
    const spec = JSON.parse(await readFile(SPEC, 'utf8')) as { paths: Record<string, object> };
    const operations = Object.values(spec.paths).flatMap((item) => Object.keys(item).filter(isMethod));
    expect(runs[0]!.report.operations.selected + runs[1]!.report.operations.selected).toBe(operations.length);
    // The job's lifecycle was walked: requests queued (202), then polled and cancelled by the id they returned.
    const chains = runs[2]!.har.log.entries.map(
      (e) =>
        `${e.request.method} ${new URL(e.request.url).pathname.replace(/status\/.*/, 'status/{id}')} → ${e.response.status}`,
    );
    expect(chains).toContain('POST /api/v2/generate/text/async → 202');
    expect(chains).toContain('GET /api/v2/generate/text/status/{id} → 200');
    expect(chains).toContain('DELETE /api/v2/generate/text/status/{id} → 200');
    const imageChains = runs[3]!.har.log.entries.map(
      (e) =>
        `${e.request.method} ${new URL(e.request.url).pathname.replace(/\/[^/]+-[^/]+$/, '/{id}')} → ${e.response.status}`,
    );
    // …and the image request's: queued, checked, fetched and cancelled by its id.
    for (const step of [
      'POST /api/v2/generate/async → 202',
      'GET /api/v2/generate/check/{id} → 200',
      'GET /api/v2/generate/status/{id} → 200',
      'DELETE /api/v2/generate/status/{id} → 200',
    ])
      expect(imageChains).toContain(step);
    expect(requests).toBeGreaterThanOrEqual(2000);
    await check.assertClean();
    console.log(`schemathesis: ${requests} requests (${cases} test cases), no 5xx, nothing outside the spec`);
  }, 900_000);
});
