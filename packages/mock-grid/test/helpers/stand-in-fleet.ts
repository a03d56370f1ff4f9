// A stand-in for the simulated fleet (issue 14, `startMockGrid({ simulate: true })`) until that option is in
// the grid: a vitest global setup, listed after `@aipg/mock-grid/vitest`, that connects one WebSocket worker
// (openapi/components/ws.yaml) to the grid at AIPG_BASE_URL, serving SIMULATED_MODEL and answering each job
// at once. When the grid already lists that model (the real fleet), it does nothing — then it can go.
import WebSocket from 'ws';

/** A text model of the default simulated fleet. */
export const SIMULATED_MODEL = 'llama-3.1-8b-instruct';
/** What the stand-in answers every job with. */
export const STAND_IN_TEXT = 'Hello from the stand-in fleet.';

export default async function standInFleet(): Promise<() => void> {
  const url = process.env.AIPG_BASE_URL;
  if (!url) throw new Error('AIPG_BASE_URL is unset: list @aipg/mock-grid/vitest before the stand-in');
  const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
  if (models.data.some((model) => model.id === SIMULATED_MODEL)) return () => undefined;

  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/workers/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      ws.send(
        JSON.stringify({
          apikey: 'grid_stand_in_worker',
          name: 'stand-in-fleet',
          models: [SIMULATED_MODEL],
          max_length: 512,
          max_context_length: 8192,
        }),
      ),
    );
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string; id?: string; message?: string };
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'error') reject(new Error(`the grid refused the stand-in: ${frame.message}`));
      else if (frame.type === 'ping') ws.send('{"type":"pong"}');
      else if (frame.type === 'job') {
        ws.send(JSON.stringify({ type: 'token', id: frame.id, delta: { content: STAND_IN_TEXT } }));
        ws.send(
          JSON.stringify({ type: 'done', id: frame.id, full_text: STAND_IN_TEXT, finish_reason: 'stop' }),
        );
      }
    });
  });
  return () => ws.terminate();
}
