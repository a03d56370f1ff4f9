import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleBackend } from '../../src/backends/openai-compatible.js';
import { BackendError } from '../../src/index.js';
import { json, sseChunk, startServer, type TestServer } from '../helpers/http-server.js';
import { makeJob, recorder } from '../helpers/jobs.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noSleep = async () => {};

function sse(res: import('node:http').ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

describe('openai-compatible backend', () => {
  it('streams deltas and returns text, finish_reason and usage; forwards the request fields', async () => {
    server = await startServer((_req, res) => {
      sse(res);
      res.write(sseChunk({ role: 'assistant' }));
      res.write(sseChunk({ content: 'Hel' }));
      res.write(sseChunk({ content: 'lo' }));
      res.write(sseChunk({}, 'stop'));
      res.write(
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
    const backend = createOpenAICompatibleBackend({
      url: `${server.url}/v1/`,
      model: 'llama3',
      apiKey: 'sk-test',
    });
    const { ctx, deltas } = recorder();
    const job = makeJob({
      params: {
        max_length: 32,
        max_context_length: 512,
        temperature: 0.2,
        top_p: 0.8,
        stop: ['\n\n'],
        seed: 7,
      },
    });
    const result = await backend.handle(job, ctx);
    expect(deltas).toEqual([{ content: 'Hel' }, { content: 'lo' }]);
    expect(result).toEqual({
      text: 'Hello',
      finish_reason: 'stop',
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    });
    const [req] = server.requests;
    expect(req!.url).toBe('/v1/chat/completions');
    expect(req!.headers.authorization).toBe('Bearer sk-test');
    expect(req!.body).toEqual({
      model: 'llama3',
      messages: [{ role: 'user', content: 'Hello there' }],
      max_tokens: 32,
      temperature: 0.2,
      top_p: 0.8,
      stop: ['\n\n'],
      seed: 7,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('parses events split mid-line across TCP chunks and ignores keep-alive comments', async () => {
    const payload =
      ': keep-alive\n\n' +
      sseChunk({ content: 'αβ' }) +
      ': ping\n\n' +
      sseChunk({ content: ' γ' }, 'length') +
      'data: [DONE]\n\n';
    server = await startServer(async (_req, res) => {
      sse(res);
      // 7-byte slices cut lines, JSON and even multi-byte characters apart.
      const bytes = Buffer.from(payload, 'utf8');
      for (let i = 0; i < bytes.length; i += 7) {
        res.write(bytes.subarray(i, i + 7));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    });
    const { ctx, deltas } = recorder();
    const result = await createOpenAICompatibleBackend({ url: server.url, model: 'm' }).handle(
      makeJob(),
      ctx,
    );
    expect(result.text).toBe('αβ γ');
    expect(result.finish_reason).toBe('length');
    expect(deltas.map((d) => d.content).join('')).toBe('αβ γ');
  });

  it('maps <think> blocks (even split across chunks) and reasoning fields to reasoning_content', async () => {
    server = await startServer((_req, res) => {
      sse(res);
      res.write(sseChunk({ content: '<thi' }));
      res.write(sseChunk({ content: 'nk>plan it</th' }));
      res.write(sseChunk({ content: 'ink>\n\nAnswer' }));
      res.write(sseChunk({ reasoning: ' (vllm)' }));
      res.write(sseChunk({ content: ' 42' }, 'stop'));
      res.end('data: [DONE]\n\n');
    });
    const { ctx, deltas } = recorder();
    const result = await createOpenAICompatibleBackend({ url: server.url, model: 'm' }).handle(
      makeJob(),
      ctx,
    );
    expect(result.text).toBe('Answer 42');
    expect(result.reasoning).toBe('plan it (vllm)');
    expect(deltas).toEqual([
      { reasoning_content: 'plan it' },
      { content: 'Answer' },
      { reasoning_content: ' (vllm)' },
      { content: ' 42' },
    ]);
  });

  it.each([
    [401, false],
    [400, true],
    [422, true],
    [500, false],
  ])('HTTP %i → BackendError (clientError %s), no retry', async (status, clientError) => {
    server = await startServer((_req, res) => json(res, status, { error: { message: `status ${status}` } }));
    const backend = createOpenAICompatibleBackend({ url: server.url, model: 'm', sleep: noSleep });
    const error = await backend.handle(makeJob(), recorder().ctx).catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ status, clientError });
    expect(error.message).toContain(`status ${status}`);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 503 before any output, then streams', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      if (calls < 3) return json(res, 503, { error: { message: 'loading model' } });
      sse(res);
      res.end(`${sseChunk({ content: 'ok' }, 'stop')}data: [DONE]\n\n`);
    });
    const sleeps: number[] = [];
    const backend = createOpenAICompatibleBackend({
      url: server.url,
      model: 'm',
      retryBaseMs: 100,
      random: () => 1,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect((await backend.handle(makeJob(), recorder().ctx)).text).toBe('ok');
    expect(sleeps).toEqual([100, 200]);
  });

  it('a connection closed mid-stream is an error, not a short result', async () => {
    server = await startServer((_req, res) => {
      sse(res);
      res.write(sseChunk({ content: 'partial' }));
      setImmediate(() => res.socket?.destroy());
    });
    const { ctx, deltas } = recorder();
    const error = await createOpenAICompatibleBackend({ url: server.url, model: 'm' })
      .handle(makeJob(), ctx)
      .catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toMatch(/interrupted|ended before completion/);
    expect(deltas).toEqual([{ content: 'partial' }]);
  });

  it('a stream that ends cleanly without finish_reason or [DONE] is an error', async () => {
    server = await startServer((_req, res) => {
      sse(res);
      res.end(sseChunk({ content: 'partial' }));
    });
    const error = await createOpenAICompatibleBackend({ url: server.url, model: 'm' })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toBe('backend stream ended before completion (no finish_reason, no [DONE])');
  });

  it('an error event mid-stream is an error', async () => {
    server = await startServer((_req, res) => {
      sse(res);
      res.end(`${sseChunk({ content: 'a' })}data: {"error":{"message":"CUDA out of memory"}}\n\n`);
    });
    const error = await createOpenAICompatibleBackend({ url: server.url, model: 'm' })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(error.message).toBe('backend error mid-stream: CUDA out of memory');
  });

  it('abort mid-stream stops the call and closes the backend request', async () => {
    server = await startServer((_req, res) => {
      sse(res);
      res.write(sseChunk({ content: 'first' }));
      // …and never finishes.
    });
    const controller = new AbortController();
    const deltas: unknown[] = [];
    const pending = createOpenAICompatibleBackend({ url: server.url, model: 'm' }).handle(makeJob(), {
      signal: controller.signal,
      emit: (d) => {
        deltas.push(d);
        controller.abort();
      },
    });
    const error = await pending.catch((e) => e);
    expect(error.name).toBe('AbortError');
    expect(deltas).toEqual([{ content: 'first' }]);
    await server.requests[0]!.aborted; // the backend saw its request go away
  });

  it('an unreachable backend is a BackendError after retries', async () => {
    const dead = await startServer(() => {});
    const url = dead.url;
    await dead.close();
    const error = await createOpenAICompatibleBackend({ url, model: 'm', sleep: noSleep })
      .handle(makeJob(), recorder().ctx)
      .catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toMatch(/^backend unreachable at http:\/\/127\.0\.0\.1:\d+\/chat\/completions/);
  });

  it('probe: GET {url}/models with the key; up unless unreachable, 5xx or 401/403', async () => {
    let status = 200;
    server = await startServer((_req, res) => json(res, status, { object: 'list', data: [] }));
    const backend = createOpenAICompatibleBackend({
      url: `${server.url}/v1`,
      model: 'm',
      apiKey: 'sk-local',
    });
    const signal = new AbortController().signal;
    await expect(backend.probe!(signal)).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-local');
    status = 404; // a server without a model list is still a live server
    await expect(backend.probe!(signal)).resolves.toBeUndefined();
    for (status of [401, 503]) {
      await expect(backend.probe!(signal)).rejects.toThrow(`answered HTTP ${status}`);
    }
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(createOpenAICompatibleBackend({ url, model: 'm' }).probe!(signal)).rejects.toThrow(
      /^unreachable at http:\/\/127\.0\.0\.1:\d+\/models/,
    );
  });
});
