// The smallest WebSocket media worker (openapi/components/ws.yaml, the media session): register with
// `job_types: ["image"]`, answer every `job` by PUTting the same fixed picture to each upload slot and
// reporting `done` with its sha256. No backend: what is measured is the grid's side of an image job.
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { API_KEY } from './fixtures.js';

interface Slot {
  put_url: string;
  content_type: string;
}
interface MediaJob {
  type: string;
  id: string;
  payload: { seeds: number[] };
  upload: Slot[];
}

const agent = new Agent({ keepAlive: true });

/** PUTs `bytes` with node:http (the lean client: the benchmark's own CPU is not what it measures). */
export function putBytes(url: string, bytes: Uint8Array, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', agent, headers: { 'content-type': contentType, 'content-length': bytes.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

export async function startTinyImageWorker(options: { gridUrl: string; model: string; image: Uint8Array }) {
  const sha256 = createHash('sha256').update(options.image).digest('hex');
  const ws = new WebSocket(`${options.gridUrl.replace(/^http/, 'ws')}/v1/workers/ws`, {
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          apikey: API_KEY,
          name: 'bench-image',
          models: [options.model],
          job_types: ['image'],
          max_pixels: 1024 * 1024,
          amount: 1,
          bridge_agent: 'aipg-bench:0:tiny-image',
        }),
      ),
    );
    ws.on('message', async (raw) => {
      const frame = JSON.parse(raw.toString()) as MediaJob & { message?: string };
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'ping') ws.send('{"type":"pong"}');
      else if (frame.type === 'error') reject(new Error(`grid refused the image worker: ${frame.message}`));
      else if (frame.type === 'job') {
        const results = [];
        for (const [index, slot] of frame.upload.entries()) {
          const status = await putBytes(slot.put_url, options.image, slot.content_type);
          if (status !== 200) throw new Error(`upload refused: HTTP ${status}`);
          results.push({ index, seed: frame.payload.seeds[index], sha256 });
        }
        ws.send(JSON.stringify({ type: 'done', id: frame.id, results }));
      }
    });
  });
  return { close: () => ws.terminate() };
}
