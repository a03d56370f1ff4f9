import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, MODEL, nextJob, startTestGrid, type TestGrid, WORKER_KEY } from '../helpers/grid.js';

// Done-when check: the official `openai` npm client works against the mock grid unchanged.
let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

function client() {
  return new OpenAI({ baseURL: `${t.url}/v1`, apiKey: CLIENT_KEY, fetch: t.fetch, maxRetries: 0 });
}

describe('openai npm client against the mock grid', () => {
  it('lists models and streams a chat completion served by a WS worker', async () => {
    t = await startTestGrid();
    const worker = await t.wsWorker();
    const openai = client();
    const models = [];
    for await (const m of openai.models.list()) models.push(m.id);
    expect(models).toEqual(['auto', MODEL]);

    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Count to three' }],
      stream: true,
    });
    const job = await nextJob(worker);
    await worker.serve(job.id, ['one', ' two', ' three']);
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('one two three');
    expect(finish).toBe('stop');
  });

  it('streams a chat completion served by a Horde pop worker as one delta', async () => {
    t = await startTestGrid();
    const openai = client();
    // A pop worker has to have checked in for the model to be online.
    const idle = await t.post(
      '/api/v2/generate/text/pop',
      { name: 'pop-1', models: [MODEL] },
      { apikey: WORKER_KEY },
    );
    expect((await idle.json()).id).toBeNull();

    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
    });
    const popped = await (
      await t.post('/api/v2/generate/text/pop', { name: 'pop-1', models: [MODEL] }, { apikey: WORKER_KEY })
    ).json();
    expect(popped.id).not.toBeNull();
    const submitted = await t.post(
      '/api/v2/generate/text/submit',
      { id: popped.id, generation: 'Hi there!' },
      { apikey: WORKER_KEY },
    );
    expect(submitted.status).toBe(200);
    const deltas: string[] = [];
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) deltas.push(content);
    }
    expect(deltas).toEqual(['Hi there!']);
  });

  it('surfaces grid errors as the client’s typed errors', async () => {
    t = await startTestGrid();
    const err = await client()
      .chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(503);
  });
});
