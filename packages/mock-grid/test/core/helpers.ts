import {
  type CloseReason,
  Grid,
  type GridEvent,
  type GridJobEvent,
  type GridOptions,
  ManualClock,
  type WorkerSink,
  type WsJobOffer,
  type WsRegisterInput,
  type WsRegistration,
} from '../../src/core/index.js';

/** A grid on a ManualClock with rate limits off unless a test turns them on. */
export function makeGrid(options: GridOptions = {}): { grid: Grid; clock: ManualClock; events: GridEvent[] } {
  const clock = new ManualClock();
  const grid = new Grid({ clock, rateLimits: false, ...options });
  const events: GridEvent[] = [];
  grid.onEvent((e) => events.push(e));
  return { grid, clock, events };
}

/** Records what the core pushes to one WS connection. */
export class FakeSink implements WorkerSink {
  registration: WsRegistration | null = null;
  jobs: WsJobOffer[] = [];
  cancels: string[] = [];
  closed: { reason: CloseReason; message: string } | null = null;
  /** Frame order, to check `ready` comes first. */
  log: string[] = [];

  ready(registration: WsRegistration): void {
    this.registration = registration;
    this.log.push('ready');
  }
  job(offer: WsJobOffer): void {
    this.jobs.push(offer);
    this.log.push(`job:${offer.id}`);
  }
  cancel(generationId: string): void {
    this.cancels.push(generationId);
    this.log.push(`cancel:${generationId}`);
  }
  close(reason: CloseReason, message: string): void {
    this.closed = { reason, message };
    this.log.push(`close:${reason}`);
  }
  get last(): WsJobOffer {
    const offer = this.jobs.at(-1);
    if (!offer) throw new Error('no job was pushed');
    return offer;
  }
}

export function wsWorker(
  grid: Grid,
  overrides: Partial<WsRegisterInput> = {},
): { sink: FakeSink; reg: WsRegistration; by: { connectionId: string } } {
  const sink = new FakeSink();
  const reg = grid.register({ apikey: 'worker-key', name: 'ws-1', models: ['m1'], ...overrides }, sink);
  return { sink, reg, by: { connectionId: reg.connectionId } };
}

export function chat(grid: Grid, overrides: Record<string, unknown> = {}, apiKey = 'client-key') {
  const events: GridJobEvent[] = [];
  const sub = grid.submit({
    source: 'v1',
    apiKey,
    request: { model: 'm1', messages: [{ role: 'user', content: 'Hello there' }], ...overrides },
    listener: (e) => events.push(e),
  });
  return { sub, events };
}

export function horde(grid: Grid, overrides: Record<string, unknown> = {}, apiKey = 'client-key') {
  const events: GridJobEvent[] = [];
  const sub = grid.submit({
    source: 'horde',
    apiKey,
    request: { prompt: 'Once upon a time', params: { max_length: 64 }, models: ['m1'], ...overrides },
    listener: (e) => events.push(e),
  });
  return { sub, events };
}

export const popBody = (overrides: Record<string, unknown> = {}) => ({
  apikey: 'pop-key',
  name: 'pop-1',
  models: ['m1'],
  max_length: 512,
  max_context_length: 4096,
  ...overrides,
});

export const types = (events: { type: string }[]) => events.map((e) => e.type);
