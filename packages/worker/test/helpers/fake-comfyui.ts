// A local ComfyUI that speaks its real API shapes: POST /prompt {prompt, client_id} → {prompt_id, number,
// node_errors}; the WebSocket at /ws?clientId=… sends `progress` {value, max, prompt_id, node}, then
// `executing` {node: null, prompt_id} and `execution_success`; GET /history/{id}; GET /view; POST /upload/image
// (multipart); POST /interrupt; POST /queue {delete}. "Running" a prompt renders a real PNG of the size the
// graph asks for, one sampling step per progress message.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { renderDemoImage } from '../../src/backends/images/demo.js';

interface Node {
  class_type: string;
  inputs: Record<string, unknown>;
}
export type Graph = Record<string, Node>;

export interface FakeComfyOptions {
  /** Pause after this many steps until `release()` (carry on) or POST /interrupt (stop: interrupted). */
  holdAtStep?: number;
  /** POST /prompt answers 400 with ComfyUI's validation error shape. */
  rejectPrompt?: boolean;
  /** The run fails with an `execution_error` (WebSocket and /history). */
  failExecution?: boolean;
  /** GET /view serves bytes that are no picture. */
  corruptOutput?: boolean;
  /** Send no completion message over the WebSocket (the backend must find the result in /history). */
  silentCompletion?: boolean;
}

export interface Upload {
  filename: string;
  type: string;
  bytes: Buffer;
}

export interface FakeComfyUI {
  url: string;
  prompts: { prompt_id: string; client_id: unknown; prompt: Graph }[];
  uploads: Upload[];
  interrupts: unknown[];
  queueDeletes: unknown[];
  /** Progress messages sent. */
  progressSent: number;
  /** Lets a prompt paused at `holdAtStep` finish. */
  release(): void;
  close(): Promise<void>;
}

export async function startFakeComfyUI(options: FakeComfyOptions = {}): Promise<FakeComfyUI> {
  const sockets = new Map<string, WebSocket>();
  const history = new Map<string, unknown>();
  const files = new Map<string, Buffer>();
  let resumeHeld: ((how: 'release' | 'interrupt') => void) | undefined;
  const fake: FakeComfyUI = {
    url: '',
    prompts: [],
    uploads: [],
    interrupts: [],
    queueDeletes: [],
    progressSent: 0,
    release: () => resumeHeld?.('release'),
    close: async () => {},
  };

  const send = (clientId: unknown, type: string, data: Record<string, unknown>) =>
    sockets.get(String(clientId))?.send(JSON.stringify({ type, data }));

  async function run(promptId: string, clientId: unknown, graph: Graph): Promise<void> {
    const sampler = Object.entries(graph).find(([, n]) => n.class_type === 'KSampler');
    const size = Object.values(graph).find((n) =>
      /EmptyLatentImage|EmptySD3LatentImage|ImageScale/.test(n.class_type),
    );
    const steps = Number(sampler?.[1].inputs.steps ?? 1);
    send(clientId, 'execution_start', { prompt_id: promptId, timestamp: Date.now() });
    for (let value = 1; value <= steps; value++) {
      await new Promise((resolve) => setImmediate(resolve));
      send(clientId, 'progress', { value, max: steps, prompt_id: promptId, node: sampler?.[0] });
      fake.progressSent += 1;
      if (value === options.holdAtStep) {
        const how = await new Promise<'release' | 'interrupt'>((resolve) => {
          resumeHeld = resolve;
        });
        resumeHeld = undefined;
        if (how === 'release') continue;
        const interrupted = {
          prompt_id: promptId,
          node_id: sampler?.[0],
          node_type: 'KSampler',
          executed: [],
        };
        send(clientId, 'execution_interrupted', interrupted);
        history.set(promptId, {
          prompt: [0, promptId, graph, {}, []],
          outputs: {},
          status: {
            status_str: 'error',
            completed: false,
            messages: [['execution_interrupted', interrupted]],
          },
        });
        return;
      }
    }
    if (options.failExecution) {
      const error = {
        prompt_id: promptId,
        node_id: sampler?.[0],
        node_type: 'KSampler',
        executed: [],
        exception_message: 'CUDA out of memory',
        exception_type: 'torch.OutOfMemoryError',
        traceback: [],
        current_inputs: {},
        current_outputs: {},
      };
      send(clientId, 'execution_error', error);
      history.set(promptId, {
        prompt: [0, promptId, graph, {}, []],
        outputs: {},
        status: { status_str: 'error', completed: false, messages: [['execution_error', error]] },
      });
      return;
    }
    const saveId = Object.entries(graph).find(([, n]) => n.class_type === 'SaveImage')?.[0] ?? '9';
    const filename = `${String(graph[saveId]?.inputs.filename_prefix ?? 'ComfyUI')}_00001_.png`;
    const seed = Number(sampler?.[1].inputs.seed ?? 0);
    const picture = renderDemoImage(
      {
        prompt: JSON.stringify(graph),
        negative_prompt: '',
        width: Number(size?.inputs.width ?? 64),
        height: Number(size?.inputs.height ?? 64),
        loras: [],
      },
      seed,
    );
    files.set(filename, options.corruptOutput ? Buffer.from('<html>oops</html>') : Buffer.from(picture));
    history.set(promptId, {
      prompt: [0, promptId, graph, {}, [saveId]],
      outputs: {
        [saveId]: { images: [{ filename, subfolder: '', type: 'output' }] },
        // A preview node's output lands in "temp": never the result.
        '99': { images: [{ filename: 'ComfyUI_temp_preview.png', subfolder: '', type: 'temp' }] },
      },
      status: {
        status_str: 'success',
        completed: true,
        messages: [['execution_success', { prompt_id: promptId }]],
      },
      meta: {},
    });
    if (options.silentCompletion) return;
    send(clientId, 'executed', { node: saveId, display_node: saveId, output: {}, prompt_id: promptId });
    send(clientId, 'executing', { node: null, prompt_id: promptId });
    send(clientId, 'execution_success', { prompt_id: promptId, timestamp: Date.now() });
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/prompt') {
      const body = JSON.parse(raw.toString('utf8')) as { prompt: Graph; client_id: unknown };
      if (options.rejectPrompt) {
        return json(400, {
          error: {
            type: 'prompt_outputs_failed_validation',
            message: 'Prompt outputs failed validation',
            details: '',
          },
          node_errors: {
            '1': {
              errors: [
                {
                  type: 'value_not_in_list',
                  message: 'Value not in list',
                  details: "ckpt_name: 'missing.safetensors' not in []",
                },
              ],
              dependent_outputs: ['8'],
              class_type: 'CheckpointLoaderSimple',
            },
          },
        });
      }
      const promptId = randomUUID();
      fake.prompts.push({ prompt_id: promptId, client_id: body.client_id, prompt: body.prompt });
      json(200, { prompt_id: promptId, number: fake.prompts.length - 1, node_errors: {} });
      void run(promptId, body.client_id, body.prompt);
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/history/')) {
      const id = decodeURIComponent(url.pathname.slice('/history/'.length));
      return json(200, history.has(id) ? { [id]: history.get(id) } : {});
    }
    if (req.method === 'GET' && url.pathname === '/view') {
      const file =
        url.searchParams.get('type') === 'output'
          ? files.get(url.searchParams.get('filename') ?? '')
          : undefined;
      if (!file) return json(404, {});
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(file);
    }
    if (req.method === 'POST' && url.pathname === '/upload/image') {
      const upload = parseMultipart(raw, String(req.headers['content-type']));
      fake.uploads.push(upload);
      return json(200, { name: upload.filename, subfolder: '', type: upload.type });
    }
    if (req.method === 'POST' && url.pathname === '/interrupt') {
      fake.interrupts.push(raw.length ? JSON.parse(raw.toString('utf8')) : undefined);
      resumeHeld?.('interrupt');
      res.writeHead(200);
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/queue') {
      fake.queueDeletes.push(JSON.parse(raw.toString('utf8')));
      res.writeHead(200);
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === '/system_stats')
      return json(200, { system: {}, devices: [] });
    json(404, {});
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const sid = url.searchParams.get('clientId') || randomUUID();
      sockets.set(sid, ws);
      ws.send(
        JSON.stringify({ type: 'status', data: { status: { exec_info: { queue_remaining: 0 } }, sid } }),
      );
      ws.on('close', () => sockets.delete(sid));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      resumeHeld?.('interrupt');
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** The `image` file part and the `type` field of a multipart/form-data body. */
function parseMultipart(raw: Buffer, contentType: string): Upload {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const upload: Upload = { filename: '', type: 'input', bytes: Buffer.alloc(0) };
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(at + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const body = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (name === 'image') {
      upload.filename = /filename="([^"]+)"/.exec(headers)?.[1] ?? '';
      upload.bytes = Buffer.from(body);
    } else if (name === 'type') upload.type = body.toString('utf8');
    at = next;
  }
  return upload;
}
