// End to end: the official openai client → @aipg/mock-grid → this worker (both protocols) → an OpenAI-compatible
// backend (a local fake streaming SSE) → tokens back to the client.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import OpenAI from 'openai';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Protocol, WorkerConfig } from '../../src/config/types.js';
import { createWorker, type JobEndEvent, type Worker } from '../../src/worker.js';
import {
  json,
  type RecordedRequest,
  sseChunk,
  startServer,
  type TestServer,
} from '../helpers/http-server.js';
import { deferred } from '../helpers/jobs.js';
import { type CliProcess, spawnCli } from '../helpers/spawn-cli.js';

const KEY = 'grid_e2e_test_key_0001';
let grid: MockGrid | undefined;
let backend: TestServer | undefined;
const workers: Worker[] = [];
const children: CliProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.child.kill('SIGKILL');
    await child.exit;
  }
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await backend?.close();
  await grid?.close();
  grid = undefined;
  backend = undefined;
});

const WORDS = ['The', ' grid', ' streams', ' tokens', '.'];

/** An OpenAI-compatible backend streaming WORDS, one SSE event each. */
function streamWords(_req: RecordedRequest, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(sseChunk({ role: 'assistant' }));
  for (const word of WORDS) res.write(sseChunk({ content: word }));
  res.write(sseChunk({}, 'stop'));
  res.end('data: [DONE]\n\n');
}

/** An OpenAI-compatible backend: `GET /v1/models` (the worker's probe) answered, chat requests to `chat`. */
function openaiBackend(chat: (req: RecordedRequest, res: ServerResponse) => void) {
  return startServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      return json(res, 200, { object: 'list', data: [{ id: 'fake-llm', object: 'model' }] });
    }
    chat(req, res);
  });
}

function config(protocol: Protocol, name = 'e2e-worker'): WorkerConfig {
  return {
    protocol,
    url: grid!.url,
    apiKey: KEY,
    nsfw: false,
    queueSize: 0,
    drainTimeoutMs: 30_000,
    circuitBreaker: { failures: 5, pauseMs: 30_000 },
    endpoints: [
      {
        type: 'openai',
        name: 'fake-backend',
        url: `${backend!.url}/v1`,
        apiKey: 'backend-key',
        tokensPerSecond: 0,
        models: [
          {
            name,
            model: 'fake-llm',
            gridModel: 'grid/fake-llm',
            maxThreads: 1,
            maxLength: 256,
            maxContextLength: 4096,
          },
        ],
      },
    ],
  };
}

/** Starts a worker; `online` resolves once it registered (WebSocket) or checked in with a pop (Horde). */
function startWorker(protocol: Protocol, name?: string, onJob?: (event: JobEndEvent) => void) {
  const online = deferred();
  const worker = createWorker({
    config: config(protocol, name),
    onJob,
    log: (_level, message) => {
      if (message.includes(': registered') || message.includes(': checked in')) online.resolve();
    },
    // Horde: pop again quickly so the test does not wait on idle back-off.
    idleBackoff: { initialMs: 20, maxMs: 50 },
  });
  workers.push(worker);
  void worker.run();
  return { worker, online: online.promise };
}

const client = () => new OpenAI({ baseURL: `${grid!.url}/v1`, apiKey: KEY, maxRetries: 0 });

describe.each(['websocket', 'horde'] as const)(
  'openai client → mock grid → worker (%s) → backend',
  (protocol) => {
    it('streams the backend tokens back to the client', async () => {
      grid = await startMockGrid({ port: 0 });
      backend = await openaiBackend(streamWords);
      const { worker, online } = startWorker(protocol);
      await online;
      const stream = await client().chat.completions.create({
        model: 'grid/fake-llm',
        messages: [{ role: 'user', content: 'Say something' }],
        max_tokens: 50,
        stream: true,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      expect(text).toBe(WORDS.join(''));
      // The worker probed the backend before taking jobs, then sent the job.
      expect(backend.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /v1/models',
        'POST /v1/chat/completions',
      ]);
      const [probe, req] = backend.requests;
      expect(probe!.headers.authorization).toBe('Bearer backend-key');
      expect(req!.headers.authorization).toBe('Bearer backend-key');
      expect(req!.body).toMatchObject({ model: 'fake-llm', max_tokens: 50, stream: true });
      const { messages } = req!.body as { messages: { role: string; content: string }[] };
      // WebSocket jobs carry the client's messages; a Horde job carries the flattened prompt as one user message.
      if (protocol === 'websocket')
        expect(messages).toContainEqual({ role: 'user', content: 'Say something' });
      else expect(messages).toEqual([{ role: 'user', content: expect.stringContaining('Say something') }]);
      expect(worker.stats().jobs.done).toBe(1);
    });
  },
);

describe('end to end over the live WebSocket protocol', () => {
  it('a client cancel reaches the backend: its request is aborted', async () => {
    grid = await startMockGrid({ port: 0 });
    const backendHit = deferred<RecordedRequest>();
    backend = await openaiBackend((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseChunk({ content: 'first' }));
      backendHit.resolve(req); // …then never finishes
    });
    const ended = deferred<JobEndEvent>();
    const { worker, online } = startWorker('websocket', undefined, ended.resolve);
    await online;
    const stream = await client().chat.completions.create({
      model: 'grid/fake-llm',
      messages: [{ role: 'user', content: 'long story' }],
      stream: true,
    });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) break; // leaving the loop aborts the HTTP request
    }
    const req = await backendHit.promise;
    await req.aborted;
    expect((await ended.promise).end).toBe('cancelled');
    expect(worker.stats().jobs).toMatchObject({ cancelled: 1, failed: 0 });
  });

  it('a worker killed mid-job loses nothing: another worker serves the job', async () => {
    grid = await startMockGrid({ port: 0 });
    const firstHit = deferred();
    let calls = 0;
    backend = await openaiBackend((req, res) => {
      calls += 1;
      if (calls === 1) {
        // The first worker's call hangs until that worker is killed.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sseChunk({ content: 'lost ' }));
        firstHit.resolve();
        return;
      }
      streamWords(req, res);
    });
    const dir = await mkdtemp(join(tmpdir(), 'aipg-e2e-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'bridgeData.yaml');
    await writeFile(
      file,
      `grid_url: ${grid.url}\napi_key: ${KEY}\nendpoints:\n  - type: openai\n    url: ${backend.url}/v1\n    models:\n      - name: doomed-worker\n        model: fake-llm\n        max_length: 256\n`,
    );
    const doomed = spawnCli(['--config', file]);
    children.push(doomed);
    await doomed.waitFor('registered');
    const answer = client().chat.completions.create({
      model: 'grid/fake-llm',
      messages: [{ role: 'user', content: 'survive' }],
      max_tokens: 50,
    });
    await firstHit.promise;
    const { worker: survivor } = startWorker('websocket', 'survivor-worker');
    doomed.child.kill('SIGKILL');
    const completion = await answer;
    expect(completion.choices[0]!.message.content).toBe(WORDS.join(''));
    expect(survivor.stats().jobs.done).toBe(1);
  });

  it('drain on SIGTERM: the CLI finishes the in-flight job and exits 0', async () => {
    grid = await startMockGrid({ port: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'aipg-e2e-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'bridgeData.yaml');
    await writeFile(
      file,
      `grid_url: ${grid.url}\napi_key: ${KEY}\nendpoints:\n  - type: demo\n    tokens_per_second: 40\n    models:\n      - name: draining-worker\n        grid_model: grid/fake-llm\n        max_length: 256\n`,
    );
    const cli = spawnCli(['--config', file]);
    children.push(cli);
    await cli.waitFor('registered');
    const stream = await client().chat.completions.create({
      model: 'grid/fake-llm',
      messages: [{ role: 'user', content: 'drain me' }],
      stream: true,
    });
    let text = '';
    let signalled = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (text && !signalled) {
        signalled = true;
        cli.child.kill('SIGTERM');
      }
    }
    expect(text).toMatch(/^Demo( \w+)+\.$/);
    expect(await cli.exit).toBe(0);
    expect(cli.output()).toContain('SIGTERM: draining');
  });
});
