// A mock grid with simulated workers (issue 14: `startMockGrid({ simulate: true })`, a default fleet of text
// models and one image model registered inside the grid before it listens). Until that option is in
// @aipg/mock-grid, a grid that lists no simulated model gets a stand-in: a few in-process workers on its core
// (the `WorkerSink` contract, docs/mock-grid-core.md) that answer every job at once. Once the option lands,
// the stand-in is never used and can go: this function then is `startMockGrid({ ...options, simulate: true })`.
import { type MockGrid, type MockGridOptions, startMockGrid, type WorkerSink } from '@aipg/mock-grid';
import { API_KEY } from './fixtures.js';

/** A text model of the default simulated fleet. */
export const SIMULATED_MODEL = 'llama-3.1-8b-instruct';

/** What the stand-in answers: a few words, one progress call each, then the completion. */
const WORDS = ['Hello ', 'from ', 'the ', 'simulated ', 'grid.'];
const STAND_IN_SLOTS = 8;

export async function startSimulatedGrid(options: MockGridOptions = {}): Promise<MockGrid> {
  // `simulate` is not in MockGridOptions yet (see above): passed through, typed as the option will be.
  const grid = await startMockGrid({ ...options, simulate: true } as MockGridOptions & { simulate: true });
  if (!grid.core.onlineModels().includes(SIMULATED_MODEL)) registerStandIn(grid);
  return grid;
}

function registerStandIn(grid: MockGrid): void {
  const { core } = grid;
  const text = WORDS.join('');
  for (let slot = 0; slot < STAND_IN_SLOTS; slot++) {
    let connectionId = '';
    // Each job is answered in the microtask after `job()`: at unlimited speed, yet after the door that
    // submitted it holds its answer (answered inside `job()`, the submit's own job is gone before it returns).
    const answer = (generationId: string) => {
      const by = { connectionId };
      for (const content of WORDS) core.progress({ generationId, by, delta: { content } });
      core.complete({ generationId, by, text, finish_reason: 'stop' });
    };
    const sink: WorkerSink = {
      ready: () => undefined,
      job: (offer) => queueMicrotask(() => answer(offer.id)),
      cancel: () => undefined,
      close: () => undefined,
    };
    connectionId = core.register(
      {
        apikey: API_KEY,
        name: `simulated-stand-in-${slot}`,
        models: [SIMULATED_MODEL],
        max_length: 512,
        max_context_length: 8192,
        bridge_agent: 'aipg-bench:0:stand-in',
      },
      sink,
    ).connectionId;
  }
}
