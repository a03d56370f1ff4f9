// The one-job-handler promise: a third party's backend, written against the public entry only, in ~20 lines,
// served over both protocols by the real mock grid to the official openai client. Mirrors docs/worker.md.
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, BackendError, createWorker, parseConfig, type Worker } from '../../src/index.js';

// ---- the custom backend, as a newcomer would write it ----
const echo: Backend = {
  label: 'echo',
  async handle(job, { signal, emit }) {
    const text = job.messages.at(-1)?.content ?? '';
    if (!text.trim()) throw new BackendError('nothing to echo', { clientError: true });
    const words = text.split(/(?<= )/).slice(0, job.params.max_length);
    for (const word of words) {
      signal.throwIfAborted(); // cancel / hand-back / timeout: the worker reports the partial output
      emit({ content: word });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { text: words.join(''), finish_reason: 'stop' };
  },
};
// ----

const KEY = 'grid_custom_backend_key';
let grid: MockGrid | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await grid?.close();
  worker = grid = undefined;
});

describe.each(['websocket', 'horde'] as const)('a custom echo backend over %s', (protocol) => {
  it('streams its output to the openai client through the mock grid', async () => {
    grid = await startMockGrid({ port: 0 });
    const { config } = parseConfig({
      protocol,
      grid_url: grid.url,
      api_key: KEY,
      endpoints: [{ type: 'demo', models: [{ name: 'echo-worker', grid_model: 'grid/echo' }] }],
    });
    let online!: () => void;
    const isOnline = new Promise<void>((resolve) => {
      online = resolve;
    });
    worker = createWorker({
      config,
      backend: echo,
      log: (_level, message) => {
        if (/: (registered|checked in)/.test(message)) online();
      },
      idleBackoff: { initialMs: 10, maxMs: 20 },
    });
    void worker.run();
    await isOnline;
    const client = new OpenAI({ baseURL: `${grid.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'grid/echo',
      messages: [{ role: 'user', content: 'echo these four words' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    // The WebSocket job carries the client's messages; a Horde job one user message holding the flattened prompt.
    if (protocol === 'websocket') expect(text).toBe('echo these four words');
    else expect(text).toContain('echo these four words');
    expect(worker.stats().jobs.done).toBe(1);
  });
});
