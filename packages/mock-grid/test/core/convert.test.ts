import { describe, expect, it } from 'vitest';
import { isGridError } from '../../src/core/index.js';
import { chat, horde, makeGrid, popBody, types, wsWorker } from './helpers.js';

describe('either worker kind serves a job from either door', () => {
  it('a /v1 chat job popped by a Horde worker gets a flattened prompt and mapped params', () => {
    const { grid } = makeGrid();
    // Something must be online for /v1 to accept the model.
    grid.checkIn(popBody({ max_length: 300 }));
    const { events } = chat(grid, {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      max_tokens: 1000,
      temperature: 0.5,
      top_p: 0.8,
      stop: '\nUser:',
      seed: 42,
    });
    const { job } = grid.pop(popBody({ max_length: 300 }));
    expect(job!.payload).toEqual({
      // The live grid's flattening: system text on its own line, no "System:" label.
      prompt: 'Be brief.\nUser: Hi\nAssistant:',
      n: 1,
      // max_tokens 1000 clamped to the worker's 300
      max_length: 300,
      max_context_length: 4096,
      temperature: 0.5,
      top_p: 0.8,
      stop_sequence: ['\nUser:'],
    });
    grid.complete({ generationId: job!.id, by: { apiKey: 'pop-key' }, text: 'Hello.' });
    expect(types(events)).toEqual(['queued', 'assigned', 'done']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.grid.seed).toBe(42);
  });

  it('a Horde job pushed to a WS worker carries a chat body with one user message', () => {
    const { grid } = makeGrid();
    const { sink, by } = wsWorker(grid, { max_length: 1024 });
    const { sub } = horde(grid, {
      params: { max_length: 120, temperature: 0.7, top_p: 0.9, stop_sequence: ['END'] },
    });
    const offer = sink.last;
    expect(offer.payload).toMatchObject({
      api_format: 'openai-chat',
      prompt: 'Once upon a time',
      max_length: 120,
      temperature: 0.7,
      top_p: 0.9,
    });
    expect(offer.payload.request).toMatchObject({
      model: 'm1',
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 120,
      temperature: 0.7,
      top_p: 0.9,
      stop: ['END'],
    });
    grid.complete({ generationId: offer.id, by, text: 'there was a grid.' });
    expect(grid.status(sub.id)).toMatchObject({ finished: 1, done: true });
    expect(grid.status(sub.id).generations[0]!.worker_name).toBe('ws-1');
  });

  it('the WS chat body drops n and stream and names the concrete model', () => {
    const { grid } = makeGrid();
    const { sink } = wsWorker(grid);
    chat(grid, { model: 'auto', stream: true, n: 1, max_tokens: 50 });
    expect(sink.last.payload.request).not.toHaveProperty('stream');
    expect(sink.last.payload.request).not.toHaveProperty('n');
    expect(sink.last.payload.request.model).toBe('m1');
  });

  it('Horde params.n > 1 becomes n independent jobs of one request', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid, { params: { n: 3, max_length: 32 } });
    expect(sub.jobIds).toHaveLength(3);
    expect(grid.status(sub.id)).toMatchObject({ waiting: 3 });
    // A pop worker with the default amount=1 still gets them one at a time (no atomic batching).
    const first = grid.pop(popBody()).job!;
    const second = grid.pop(popBody({ name: 'pop-2' })).job!;
    expect(first.jobId).not.toBe(second.jobId);
    grid.complete({ generationId: first.id, by: { apiKey: 'pop-key' }, text: 'one' });
    expect(grid.status(sub.id)).toMatchObject({ finished: 1, processing: 1, waiting: 1, done: false });
  });

  it('/v1 refuses offline models and resolves auto', () => {
    const { grid } = makeGrid();
    const attempt = (model: string) => {
      try {
        chat(grid, { model });
        return 'ok';
      } catch (error) {
        return isGridError(error) ? `${error.code}:${error.message}` : 'other';
      }
    };
    expect(attempt('m1')).toBe('NoModelOnline:No compatible text workers are currently online.');
    wsWorker(grid, { models: ['Llama-3'] });
    expect(attempt('llama-3')).toBe(
      "ModelNotOnline:Model 'llama-3' is not available. Online models: [Llama-3]",
    );
    expect(chat(grid, { model: 'auto' }).sub.model).toBe('Llama-3');
  });

  it('validates bodies with the field and the limit', () => {
    const { grid } = makeGrid();
    wsWorker(grid);
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (isGridError(error)) return { code: error.code, field: error.field, limit: error.limit };
      }
      return null;
    };
    expect(err(() => chat(grid, { max_tokens: 40000 }))).toEqual({
      code: 'InvalidField',
      field: 'max_tokens',
      limit: '1..32768',
    });
    expect(err(() => chat(grid, { messages: [] }))).toMatchObject({
      code: 'InvalidField',
      field: 'messages',
    });
    expect(err(() => horde(grid, { prompt: '' }))).toMatchObject({ code: 'MissingPrompt', field: 'prompt' });
    expect(err(() => horde(grid, { params: { n: 21 } }))).toEqual({
      code: 'InvalidField',
      field: 'params.n',
      limit: '1..20',
    });
    expect(err(() => horde(grid, { params: { max_length: 512, max_context_length: 256 } }))).toEqual({
      code: 'TokenOverflow',
      field: 'params.max_context_length',
      limit: 512,
    });
    expect(err(() => horde(grid, { workers: ['nope'] }))).toMatchObject({ code: 'WorkerNotFound' });
  });

  it('a Horde dry_run prices the request without queuing it', () => {
    const { grid } = makeGrid();
    const { sub } = horde(grid, { dry_run: true, params: { n: 2, max_length: 100 } });
    // (100 tokens × 0.1 + 1 tax) × 2
    expect(sub).toMatchObject({ id: '', jobIds: [], kudos: 22 });
    expect(grid.counters().queued).toBe(0);
  });
});
