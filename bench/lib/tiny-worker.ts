// The smallest WebSocket worker that speaks the grid's frames (openapi/components/ws.yaml): register → ready,
// answer every job at once (or after `holdMs()`, a job that takes time) with `tokens` token frames and a done
// frame, pong every ping. It costs the benchmark next to nothing, so what is measured is the grid.
import WebSocket from 'ws';
import { API_KEY } from './fixtures.js';

export interface TinyWorkers {
  /** Jobs answered so far, all connections. */
  jobs(): number;
  close(): void;
}

export async function startTinyWorkers(options: {
  gridUrl: string;
  count: number;
  model: string;
  tokens: number;
  /** How long each job takes before it is answered, in ms (default: answered at once). */
  holdMs?: () => number;
}): Promise<TinyWorkers> {
  const wsUrl = `${options.gridUrl.replace(/^http/, 'ws')}/v1/workers/ws`;
  const deltas = Array.from({ length: options.tokens }, (_, i) => `tok${i} `);
  const fullText = deltas.join('');
  let jobs = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: options.count },
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
          ws.on('error', reject);
          ws.on('open', () =>
            ws.send(
              JSON.stringify({
                apikey: API_KEY,
                name: `bench-tiny-${i}`,
                models: [options.model],
                max_length: 512,
                max_context_length: 4096,
                bridge_agent: 'aipg-bench:0:tiny',
              }),
            ),
          );
          ws.on('message', (raw) => {
            const frame = JSON.parse(raw.toString()) as { type: string; id?: string; message?: string };
            if (frame.type === 'ready') resolve(ws);
            else if (frame.type === 'ping') ws.send('{"type":"pong"}');
            else if (frame.type === 'error') reject(new Error(`grid refused the worker: ${frame.message}`));
            else if (frame.type === 'job') {
              jobs += 1;
              const id = frame.id!;
              const answer = () => {
                // One socket write for the whole answer (as the grid corks its own frames), not one per frame.
                const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
                socket.cork();
                for (const content of deltas)
                  ws.send(JSON.stringify({ type: 'token', id, delta: { content } }));
                ws.send(JSON.stringify({ type: 'done', id, full_text: fullText, finish_reason: 'stop' }));
                socket.uncork();
              };
              if (options.holdMs) setTimeout(answer, options.holdMs());
              else answer();
            }
          });
        }),
    ),
  );
  return {
    jobs: () => jobs,
    close: () => {
      for (const ws of sockets) ws.terminate();
    },
  };
}
