/**
 * The views and worker payloads the core produces are what the doors serialize straight onto the wire:
 * check them against the bundled OpenAPI document, schema by schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import document from '../../src/generated/openapi.json' with { type: 'json' };
import { chat, horde, makeGrid, popBody, wsWorker } from './helpers.js';

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document as object, 'aipg');

function expectSchema(name: string, value: unknown): void {
  const validate = ajv.getSchema(`aipg#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  const ok = validate(JSON.parse(JSON.stringify(value)));
  expect(ok ? [] : validate.errors, name).toEqual([]);
}

describe('core output matches the OpenAPI schemas', () => {
  it('views after some traffic', () => {
    const { grid, clock } = makeGrid();
    const ws = wsWorker(grid, { models: ['m1', 'm2'] });
    const { sub } = horde(grid, { params: { n: 2, max_length: 64 } });
    expectSchema('WsJobPayload', ws.sink.last.payload);
    clock.advance(1500);
    grid.progress({ generationId: ws.sink.last.id, by: ws.by, delta: { content: 'a' } });
    clock.advance(500);
    grid.complete({ generationId: ws.sink.last.id, by: ws.by, text: 'a story' });
    horde(grid, { models: [] });
    const popped = grid.pop(popBody());
    expectSchema('HordeTextPopPayload', popped.job!.payload);
    expectSchema('HordeNoValidRequestFound', popped.skipped);
    expectSchema('HordeTextStatus', grid.status(sub.id));
    chat(grid, {
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'hi' },
      ],
    });
    expectSchema('WsJobPayload', ws.sink.last.payload);
    expectSchema('ChatCompletionRequest', ws.sink.last.payload.request);
    for (const m of grid.modelStatus()) expectSchema('ModelStatus', m);
    expectSchema('WorkerList', grid.workerList());
    for (const m of grid.hordeModels()) expectSchema('HordeActiveModel', m);
    expectSchema('HordePerformance', grid.hordePerformance());
    expectSchema('HordeHeartbeat', grid.heartbeat());
    for (const w of grid.hordeWorkers()) expectSchema('HordeWorkerDetails', w);
    expectSchema('HordeUserDetails', grid.findUser('client-key'));
    expectSchema('HordeUserDetails', grid.findUser('0000000000'));
  });

  it('done events carry Usage and GridMetadata', () => {
    const { grid } = makeGrid();
    const ws = wsWorker(grid);
    const { events } = chat(grid);
    grid.complete({ generationId: ws.sink.last.id, by: ws.by, text: 'hello' });
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('expected done');
    expectSchema('CompletionUsage', done.usage);
    expectSchema('GridMetadata', done.grid);
  });
});
