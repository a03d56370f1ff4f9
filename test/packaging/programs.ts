// What a user's program does with each package entry: one per `exports` subpath, run in every format.
// A body is JavaScript that is also valid strict TypeScript (no annotations), so the same code runs as .mjs,
// as .cjs and compiled by tsc; the entry's namespace is `m`, the `uses` modules are loaded the same way.
// Each body exercises the code paths that touch its dependencies (a CJS interop bug only shows when the
// imported function is called, not when the file loads) and returns what it saw.
import { expect } from 'vitest';

export const KEY = 'grid_packed_check_key';
export const PROMPT = 'Say something about packed tarballs.';
export const SEED = 7;

/** What every program is told (environment variables). */
export interface ProgramEnv {
  /** The packed mock grid's CLI, with the packed worker's CLI serving MODEL. */
  GRID_URL: string;
  MODEL: string;
  /** A name unique to this format, for what the program registers on the shared grid. */
  FORMAT: string;
}

/** What the test knows independently of the packages' JS under test. */
export interface Oracle {
  /** The completion the CLI worker gives for PROMPT + SEED, read as plain JSON with fetch. */
  text: string;
}

export interface Program {
  /** The import specifier of the entry, e.g. `@aipg/mock-grid/msw`. */
  entry: string;
  uses?: Record<string, string>;
  body: string;
  verify(result: unknown, oracle: Oracle): void;
}

const auth = `{ authorization: 'Bearer ${KEY}', 'content-type': 'application/json' }`;

/** A served /v1 grid at `base` answers a model list, and refuses a bad body with a 4xx naming the field. */
const probeGrid = (base: string) => `
  const models = await fetch(${base} + '/v1/models');
  const invalid = await fetch(${base} + '/v1/chat/completions', {
    method: 'POST',
    headers: ${auth},
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], temperature: 99 }),
  });
  return { models: models.status, invalid: invalid.status, says: await invalid.text() };`;

function verifyProbe(result: unknown): void {
  const probe = result as { models: number; invalid: number; says: string };
  expect(probe.models).toBe(200);
  expect(probe.invalid).toBeGreaterThanOrEqual(400);
  expect(probe.invalid).toBeLessThan(500);
  expect(probe.says).toContain('temperature');
}

export const PROGRAMS: Program[] = [
  {
    entry: '@aipg/sdk',
    body: `
  const grid = new m.Grid({ baseURL: process.env.GRID_URL, apiKey: '${KEY}', maxRetries: 0 });
  const stream = await grid.chat.completions.create({
    model: String(process.env.MODEL),
    messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }],
    seed: ${SEED},
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  const final = await stream.finalChatCompletion();
  let missing = 'no error';
  try {
    await grid.models.retrieve('grid/nobody-serves-this');
  } catch (error) {
    missing = error instanceof m.APIError ? error.constructor.name + ' ' + error.status : String(error);
  }
  let lines = '';
  const run = grid.batch(
    [{ model: String(process.env.MODEL), messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }], seed: ${SEED} }],
    { output: (line) => (lines += line) },
  );
  const batched = [];
  for await (const r of run) batched.push(r.type === 'succeeded' ? r.data.choices[0]?.message?.content : r.type);
  const status = JSON.parse(lines).response.status_code;
  return { text, final: final.choices[0]?.message?.content, missing, batched, status, run: run.constructor.name };`,
    verify(result, oracle) {
      expect(oracle.text).toMatch(/^Demo .+\.$/);
      expect(result).toEqual({
        text: oracle.text,
        final: oracle.text,
        missing: 'NotFoundError 404',
        batched: [oracle.text],
        status: 200,
        run: 'BatchRun',
      });
    },
  },
  {
    entry: '@aipg/sdk/wire',
    body: `
  const parts = [{ type: 'text', text: 'Look: ' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'a cat' }];
  return { maxTokens: m.limits.ChatCompletionRequest.max_tokens.maximum, n: m.limits.ChatCompletionRequest.n, text: m.contentText(parts) };`,
    verify(result) {
      expect(result).toEqual({
        maxTokens: 32768,
        n: { minimum: 1, maximum: 4, default: 1 },
        text: 'Look: a cat',
      });
    },
  },
  {
    entry: '@aipg/sdk/verify',
    // The spec's example signature (openapi/components/v1.yaml, ResultSignature), checked with Web Crypto.
    body: `
  const signature = {
    generation_id: '6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11',
    sha256: '334d016f755cd6dc58c53a86e183882f8ec14f52fb05345887c8a5edd42c87b7',
    signed_at: 1764640000000,
    worker: 'rig-01',
    worker_sig: 'qtHAuJVPk9fCEIWm8N5rcGk9YSP1tmS3cbVAYhyEqRxew81f2bylVg2wfxdYY9LOOxcsmNc95uF7nprTtCT3Ag',
    public_key: '7jB0vF2GwJYDO7cZ--kPBV34QClKBk60_n-YTM-T5kQ',
  };
  return { signed: await m.verifyResult({ text: 'Hello!', signature }), edited: await m.verifyResult({ text: 'Hello?', signature }) };`,
    verify(result) {
      expect(result).toEqual({ signed: true, edited: false });
    },
  },
  {
    entry: '@aipg/sdk/raw',
    uses: { sdk: '@aipg/sdk' },
    // The typed openapi-fetch client over a packed Grid: a listed model, and a 404 returned, not thrown.
    body: `
  const grid = new sdk.Grid({ baseURL: process.env.GRID_URL, apiKey: '${KEY}', maxRetries: 0 });
  const raw = m.rawClient(grid);
  const list = await raw.GET('/v1/models');
  const missing = await raw.GET('/v1/models/{model_id}', { params: { path: { model_id: 'grid/nobody-serves-this' } } });
  return {
    listed: list.data?.data.some((model) => model.id === process.env.MODEL),
    missing: [missing.response.status, missing.data === undefined, typeof missing.error],
  };`,
    verify(result) {
      expect(result).toEqual({ listed: true, missing: [404, true, 'object'] });
    },
  },
  {
    entry: '@aipg/sdk/realtime',
    uses: { sdk: '@aipg/sdk', node: '@aipg/sdk/node' },
    // The client WebSocket, loaded by grid.realtime() (its own entry) over `ws` (nodeWebSocket): the same
    // stream class and text as over SSE, and a typed error after close.
    body: `
  const grid = new sdk.Grid({ baseURL: process.env.GRID_URL, apiKey: '${KEY}', maxRetries: 0, webSocket: node.nodeWebSocket });
  const rt = await grid.realtime();
  const stream = await rt.chat.completions.create({
    model: String(process.env.MODEL),
    messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }],
    seed: ${SEED},
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  rt.close();
  let after = 'no error';
  try {
    await rt.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] });
  } catch (error) {
    after = error instanceof sdk.RealtimeDisconnectedError ? 'RealtimeDisconnectedError' : String(error);
  }
  return { text, isStream: stream instanceof sdk.ChatCompletionStream, exported: typeof m.RealtimeConnection, after };`,
    verify(result, oracle) {
      expect(result).toEqual({
        text: oracle.text,
        isStream: true,
        exported: 'function',
        after: 'RealtimeDisconnectedError',
      });
    },
  },
  {
    entry: '@aipg/sdk/node',
    uses: { fs: 'node:fs', os: 'node:os', path: 'node:path' },
    // Writes an image with its extension from the type, and reads it back as a source image.
    body: `
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aipg-sdk-node-' + process.env.FORMAT + '-'));
  try {
    const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);
    const paths = await m.saveImages({ images: [{ bytes, mime: 'image/webp' }] }, path.join(dir, 'out'), { prefix: 'packed' });
    const back = await m.readImageFile(String(paths[0]));
    const file = await m.batchOutputFile(path.join(dir, 'out.jsonl'));
    await file.output('{"custom_id":"0"}\\n');
    const again = await m.batchOutputFile(path.join(dir, 'out.jsonl'));
    return {
      names: paths.map((p) => path.relative(dir, p).split(path.sep).join('/')),
      back: Array.from(back),
      resume: [file.resume, again.resume],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }`,
    verify(result) {
      expect(result).toEqual({
        names: ['out/packed-0.webp'],
        back: [0x52, 0x49, 0x46, 0x46, 1, 2, 3],
        resume: ['', '{"custom_id":"0"}\n'],
      });
    },
  },
  {
    entry: '@aipg/mock-grid',
    body: `
  const grid = await m.startMockGrid({ port: 0 });
  try {${probeGrid('grid.url')}
  } finally {
    await grid.close();
  }`,
    verify: verifyProbe,
  },
  {
    entry: '@aipg/mock-grid/msw',
    uses: { mswNode: 'msw/node' },
    body: `
  const server = mswNode.setupServer(...m.createGridHandlers({ baseURL: 'http://grid.test' }));
  server.listen({ onUnhandledRequest: 'error' });
  try {${probeGrid("'http://grid.test'")}
  } finally {
    server.close();
  }`,
    verify: verifyProbe,
  },
  {
    entry: '@aipg/mock-grid/vitest',
    // The global setup as a test runner calls it (vitest with its `provide`; jest's globalSetup / globalTeardown
    // the same function and `teardown`): a served grid, its URL in the environment, closed by the teardown.
    body: `
  let provided = '';
  const close = await m.setup({ provide: (key, value) => { provided = key + ' ' + value; } });
  const url = String(process.env.AIPG_BASE_URL);
  const seen = {
    provided: provided === 'aipgGridUrl ' + url,
    openai: process.env.OPENAI_BASE_URL === url + '/v1',
    isDefault: m.default === m.setup,
    health: (await fetch(url + '/health')).status,
  };
  await close();
  let closed = false;
  try {
    await fetch(url + '/health');
  } catch {
    closed = true;
  }
  const again = await m.createGlobalSetup({ rateLimits: false })();
  const second = String(process.env.AIPG_BASE_URL);
  await m.teardown();
  let closedByTeardown = false;
  try {
    await fetch(second + '/health');
  } catch {
    closedByTeardown = true;
  }
  await again();
  return { ...seen, closed, closedByTeardown };`,
    verify(result) {
      expect(result).toEqual({
        provided: true,
        openai: true,
        isDefault: true,
        health: 200,
        closed: true,
        closedByTeardown: true,
      });
    },
  },
  {
    entry: '@aipg/worker',
    body: `
  const url = String(process.env.GRID_URL);
  const model = 'grid/packed-' + process.env.FORMAT;
  const { config } = m.parseConfigText(JSON.stringify({
    grid_url: url,
    api_key: '${KEY}',
    endpoints: [{ type: 'demo', name: 'demo', tokens_per_second: 0, models: [{ name: 'packed-' + process.env.FORMAT, grid_model: model }] }],
  }));
  const worker = m.createWorker({ config });
  const running = worker.run();
  try {
    // Until the grid lists the model this worker registered (the bound only stops a hung run).
    for (let polls = 0; ; polls++) {
      const list = await (await fetch(url + '/v1/models')).json();
      let listed = false;
      for (const entry of list.data) listed ||= entry.id === model;
      if (listed) break;
      if (polls > 1200) throw new Error(model + ' never appeared in /v1/models');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const reply = await fetch(url + '/v1/chat/completions', {
      method: 'POST',
      headers: ${auth},
      body: JSON.stringify({ model, messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }], seed: ${SEED} }),
    });
    const completion = await reply.json();
    return { status: reply.status, text: completion.choices?.[0]?.message?.content, version: m.WORKER_VERSION };
  } finally {
    await worker.stop();
    await running;
  }`,
    verify(result, oracle) {
      // The same demo backend, prompt and seed as the CLI worker: the same text, served by this build.
      expect(result).toMatchObject({ status: 200, text: oracle.text });
    },
  },
];
