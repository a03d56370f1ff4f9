// A mock grid with a demo worker serving two text models and one image model: what the chat tests talk to.
import type { GridEvent } from '@aipg/mock-grid';
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { createWorker, parseConfig } from '@aipg/worker';

export const MODEL_A = 'demo/alpha';
export const MODEL_B = 'demo/beta';
export const IMAGE_MODEL = 'grid/demo-image';

export type EventOf<T extends GridEvent['type']> = Extract<GridEvent, { type: T }>;

export interface TestGrid {
  grid: MockGrid;
  /** Every grid event so far, in order. */
  events: GridEvent[];
  /** Resolves with the first event of that type (already seen, or still to come) that matches. */
  waitFor<T extends GridEvent['type']>(type: T, match?: (event: EventOf<T>) => boolean): Promise<EventOf<T>>;
  close(): Promise<void>;
}

/** `tokensPerSecond` sets how long an answer streams (12–43 tokens each). */
export async function startTestGrid(tokensPerSecond: number): Promise<TestGrid> {
  const grid = await startMockGrid({ port: 0, rateLimits: false });
  const events: GridEvent[] = [];
  const waiters = new Set<{ match: (e: GridEvent) => boolean; resolve: (e: GridEvent) => void }>();
  grid.core.onEvent((event) => {
    events.push(event);
    for (const w of waiters) {
      if (w.match(event)) {
        waiters.delete(w);
        w.resolve(event);
      }
    }
  });
  const worker = createWorker({
    config: parseConfig({
      protocol: 'websocket',
      grid_url: grid.url,
      api_key: 'demo-operator-key',
      endpoints: [
        {
          type: 'demo',
          name: 'demo',
          tokens_per_second: tokensPerSecond,
          models: [
            { name: 'alpha-worker', grid_model: MODEL_A },
            { name: 'beta-worker', grid_model: MODEL_B },
          ],
        },
        {
          type: 'demo-image',
          steps_per_second: 0,
          models: [{ name: 'painter-worker', grid_model: IMAGE_MODEL }],
        },
      ],
    }).config,
  });
  const running = worker.run();
  const online = new Set<string>();
  await new Promise<void>((resolve) => {
    const off = grid.core.onEvent((event) => {
      if (event.type === 'worker.online') online.add(event.name);
      if (online.size === 3) {
        off();
        resolve();
      }
    });
  });
  return {
    grid,
    events,
    waitFor: <T extends GridEvent['type']>(type: T, match?: (event: EventOf<T>) => boolean) => {
      const matches = (e: GridEvent): e is EventOf<T> =>
        e.type === type && (match?.(e as EventOf<T>) ?? true);
      const seen = events.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise<EventOf<T>>((resolve) =>
        waiters.add({ match: matches, resolve: (e) => resolve(e as EventOf<T>) }),
      );
    },
    async close() {
      await worker.stop();
      await running.catch(() => {});
      await grid.close();
    },
  };
}
