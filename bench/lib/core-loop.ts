// The grid core alone, in-process: submit → assign (pushed to an idle worker inside submit) → token
// progress → complete → done event. No HTTP, no WebSocket, no JSON: the ceiling the doors work under.
import { Grid, type WorkerSink, type WsJobOffer } from '@aipg/mock-grid';
import { API_KEY } from './fixtures.js';

export interface CoreLoopResult {
  lifecycles: number;
  seconds: number;
  perSec: number;
}

export async function coreLifecycles(options: {
  workers: number;
  tokens: number;
  warmupMs: number;
  durationMs: number;
}): Promise<CoreLoopResult> {
  const model = 'bench/core';
  const core = new Grid({ rateLimits: false, maxInFlight: 1_000_000 });
  const offers: { offer: WsJobOffer; connectionId: string }[] = [];
  for (let i = 0; i < options.workers; i++) {
    let connectionId = '';
    // Sinks only record: the core asks that nothing calls back into it synchronously.
    const sink: WorkerSink = {
      ready: () => undefined,
      job: (offer) => offers.push({ offer, connectionId }),
      cancel: () => undefined,
      close: () => undefined,
    };
    connectionId = core.register(
      { apikey: API_KEY, name: `core-${i}`, models: [model], max_length: 512, max_context_length: 4096 },
      sink,
    ).connectionId;
  }
  const deltas = Array.from({ length: options.tokens }, (_, i) => `tok${i} `);
  const text = deltas.join('');
  const request = {
    model,
    messages: [{ role: 'user' as const, content: 'Say hello to the benchmark.' }],
    max_tokens: 64,
  };
  let done = 0;
  const listener = (event: { type: string }) => {
    if (event.type === 'done') done += 1;
  };

  const run = async (ms: number): Promise<number> => {
    const start = done;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      for (let i = 0; i < options.workers; i++)
        core.submit({ source: 'v1', apiKey: API_KEY, request, listener });
      for (const { offer, connectionId } of offers.splice(0)) {
        for (const content of deltas)
          core.progress({ generationId: offer.id, by: { connectionId }, delta: { content } });
        core.complete({ generationId: offer.id, by: { connectionId }, text, finish_reason: 'stop' });
      }
      // Let timers and other callbacks run, as a live process would.
      if (done % 512 < options.workers) await new Promise((resolve) => setImmediate(resolve));
    }
    return done - start;
  };

  await run(options.warmupMs);
  const started = performance.now();
  const lifecycles = await run(options.durationMs);
  const seconds = (performance.now() - started) / 1000;
  core.dispose();
  if (lifecycles === 0) throw new Error('the core completed no job');
  return { lifecycles, seconds, perSec: lifecycles / seconds };
}
