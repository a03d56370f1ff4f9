// A mock grid with simulated workers (`startMockGrid({ simulate })`, docs/mock-grid.md "Simulated workers"),
// tuned for a benchmark: the fleet answers at once (no time to first token, a million tokens/s), so what is
// measured is the grid's own cost per request, not the speed a simulated worker pretends to have.
import { type MockGrid, type MockGridOptions, startMockGrid } from '@aipg/mock-grid';

/** A text model of the default simulated fleet, served here by every bench worker. */
export const SIMULATED_MODEL = 'llama-3.1-8b-instruct';

/** Workers × their concurrency: more slots than the load generator has clients, so none waits for a slot. */
const WORKERS = 8;
const CONCURRENCY = 4;

export async function startSimulatedGrid(options: MockGridOptions = {}): Promise<MockGrid> {
  return startMockGrid({
    ...options,
    simulate: {
      workers: Array.from({ length: WORKERS }, (_, i) => ({
        name: `bench-sim-${i + 1}`,
        models: [SIMULATED_MODEL],
        tokens_per_second: 1_000_000,
        ttft_ms: 0,
        concurrency: CONCURRENCY,
      })),
    },
  });
}
