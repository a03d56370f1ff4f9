import { afterEach, describe, expect, it } from 'vitest';
import { createKoboldBackend } from '../../src/backends/kobold.js';
import { BackendError } from '../../src/index.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { deferred, makeJob, recorder } from '../helpers/jobs.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const noSleep = async () => {};

describe('koboldai backend', () => {
  it('posts the Horde payload (clamped limits, quiet) and returns results[0].text', async () => {
    server = await startServer((_req, res) => json(res, 200, { results: [{ text: ' the end.' }] }));
    const job = makeJob({
      protocol: 'horde',
      prompt: 'Once upon a time',
      params: { max_length: 100, max_context_length: 2048, temperature: 0.7 },
      raw: {
        prompt: 'Once upon a time',
        n: 1,
        max_length: 4000,
        max_context_length: 9000,
        rep_pen: 1.1,
        temperature: 0.7,
        top_k: 40,
      },
    });
    const { ctx, deltas } = recorder();
    const result = await createKoboldBackend({ url: `${server.url}/` }).handle(job, ctx);
    expect(result).toEqual({ text: ' the end.', finish_reason: 'stop' });
    expect(deltas).toEqual([{ content: ' the end.' }]);
    expect(server.requests[0]!.url).toBe('/api/latest/generate');
    expect(server.requests[0]!.body).toEqual({
      prompt: 'Once upon a time',
      n: 1,
      max_length: 100,
      max_context_length: 2048,
      rep_pen: 1.1,
      temperature: 0.7,
      top_k: 40,
      quiet: true,
    });
  });

  it('maps a WebSocket job to Kobold names', async () => {
    server = await startServer((_req, res) => json(res, 200, { results: [{ text: 'x' }] }));
    const job = makeJob({
      params: {
        max_length: 50,
        max_context_length: 1000,
        temperature: 0.3,
        top_p: 0.5,
        stop: ['User:'],
        seed: 3,
      },
    });
    await createKoboldBackend({ url: server.url }).handle(job, recorder().ctx);
    expect(server.requests[0]!.body).toEqual({
      prompt: 'User: Hello there\nAssistant:',
      temperature: 0.3,
      top_p: 0.5,
      stop_sequence: ['User:'],
      sampler_seed: 3,
      max_length: 50,
      max_context_length: 1000,
      quiet: true,
    });
  });

  it('retries 503 (busy) up to 5 times', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      if (calls <= 5) return json(res, 503, { detail: 'busy' });
      json(res, 200, { results: [{ text: 'finally' }] });
    });
    const result = await createKoboldBackend({ url: server.url, sleep: noSleep }).handle(
      makeJob(),
      recorder().ctx,
    );
    expect(result.text).toBe('finally');
    expect(calls).toBe(6);

    calls = -100; // always busy now
    const error = await createKoboldBackend({ url: server.url, sleep: noSleep })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ status: 503, clientError: false });
  });

  it('422 is a client error; 500 is a backend error', async () => {
    server = await startServer((req, res) =>
      (req.body as { prompt: string }).prompt === 'bad'
        ? json(res, 422, { detail: [{ msg: 'max_length too large' }] })
        : json(res, 500, {}),
    );
    const bad = await createKoboldBackend({ url: server.url })
      .handle(makeJob({ prompt: 'bad' }), recorder().ctx)
      .catch((e) => e);
    expect(bad).toMatchObject({ status: 422, clientError: true });
    const broken = await createKoboldBackend({ url: server.url })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(broken).toMatchObject({ status: 500, clientError: false });
  });

  it('a response cut off mid-body is an error', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"results": [{"text": "half');
      setImmediate(() => res.socket?.destroy());
    });
    const error = await createKoboldBackend({ url: server.url })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toMatch(/^backend response unreadable \(cut off or not JSON\)/);
  });

  it('a response without results[0].text is an error', async () => {
    server = await startServer((_req, res) => json(res, 200, { results: [] }));
    const error = await createKoboldBackend({ url: server.url })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(error.message).toBe('backend response has no results[0].text');
  });

  it('abort cancels the request and asks KoboldCpp to stop generating', async () => {
    const abortSeen = deferred();
    const generateSeen = deferred();
    server = await startServer((req, res) => {
      if (req.url === '/api/extra/abort') {
        json(res, 200, { success: true });
        abortSeen.resolve();
      } else generateSeen.resolve(); // generate never answers
    });
    const controller = new AbortController();
    const pending = createKoboldBackend({ url: server.url }).handle(
      makeJob(),
      recorder(controller.signal).ctx,
    );
    await generateSeen.promise;
    controller.abort();
    expect((await pending.catch((e) => e)).name).toBe('AbortError');
    await abortSeen.promise;
    await server.requests[0]!.aborted;
  });

  it('probe: GET /api/v1/model names the loaded model', async () => {
    server = await startServer((req, res) =>
      req.url === '/api/v1/model'
        ? json(res, 200, { result: 'koboldcpp/Tiefighter-13B' })
        : json(res, 404, {}),
    );
    const backend = createKoboldBackend({ url: server.url });
    expect(await backend.probe!(new AbortController().signal)).toEqual({ model: 'koboldcpp/Tiefighter-13B' });
  });
});
