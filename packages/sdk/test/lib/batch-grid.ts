// The mock grid the batch tests run against, in this process: the real node server (HTTP doors, spec
// validation, the in-flight cap) with in-process workers registered on its core, each answering its job
// on the next turn of the event loop. The grid's own events count what it saw: jobs in flight at once,
// and how often each item's prompt reached a worker.
import type { GridCore, GridEvent, MockGrid, MockGridOptions } from '@aipg/mock-grid';
import { startMockGrid } from '@aipg/mock-grid';
import { type ClientOptions, Grid } from '../../src/index';

export const MODEL = 'batch/test';
export const KEY = 'grid_batch_test_key_0001';

const ENDED = new Set<GridEvent['type']>(['done', 'failed', 'faulted', 'cancelled']);

/** What the grid saw, counted from its own events and its workers. */
export interface GridCounts {
  /** Jobs queued and not yet ended, at most, over the grid's life. */
  peakInFlight(): number;
  /** How many times a worker got a job whose prompt named `item-<i>`, by that name. */
  served: Map<string, number>;
}

/**
 * Registers `workers` in-process workers of {@link MODEL} on `core` (default 32: a free one for every job
 * the tests keep in flight), each answering its job with the item's name on the next turn of the event loop.
 */
export function serveBatchJobs(core: GridCore, workers = 32): GridCounts {
  let inFlight = 0;
  let peak = 0;
  core.onEvent((event) => {
    if (event.type === 'queued') peak = Math.max(peak, ++inFlight);
    else if (ENDED.has(event.type)) inFlight--;
  });
  const served = new Map<string, number>();
  for (let i = 0; i < workers; i++) {
    let connectionId = '';
    connectionId = core.register(
      { apikey: 'grid_batch_worker_key', name: `batch-worker-${i}`, models: [MODEL] },
      {
        ready: () => undefined,
        job: (offer) => {
          const prompt = JSON.stringify(offer.payload);
          const text = /item-\d+/.exec(prompt)?.[0] ?? prompt;
          served.set(text, (served.get(text) ?? 0) + 1);
          setImmediate(() => {
            core.complete({ generationId: offer.id, by: { connectionId }, text, finish_reason: 'stop' });
          });
        },
        cancel: () => undefined,
        close: () => undefined,
      },
    ).connectionId;
  }
  return { peakInFlight: () => peak, served };
}

export interface BatchGrid extends GridCounts {
  grid: MockGrid;
  /** A client of it (no logging). */
  client(options?: ClientOptions): Grid;
  close(): Promise<void>;
}

/** The node server on a free port, rate limits off, an in-flight cap of 1 000 unless `grid` says otherwise. */
export async function startBatchGrid(options: { grid?: MockGridOptions['grid'] } = {}): Promise<BatchGrid> {
  const grid = await startMockGrid({
    port: 0,
    rateLimits: false,
    grid: { maxInFlight: 1_000, ...options.grid },
  });
  return {
    grid,
    ...serveBatchJobs(grid.core),
    client: (clientOptions) =>
      new Grid({ apiKey: KEY, baseURL: grid.url, logLevel: 'off', ...clientOptions }),
    close: () => grid.close(),
  };
}

/** Item `i`'s chat params: its prompt names it (`item-<i>`), so the workers can count it. */
export function chatItem(i: number) {
  return { model: MODEL, messages: [{ role: 'user' as const, content: `Say item-${i}` }] };
}
