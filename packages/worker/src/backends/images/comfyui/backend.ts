// ComfyUI backend: one workflow per image (each with its own seed) → `POST /prompt` with our client id;
// progress from ComfyUI's WebSocket (`/ws?clientId=…`); the finished prompt's outputs from
// `GET /history/{prompt_id}`, fetched with `GET /view`. img2img uploads the source with `POST /upload/image`.
// An abort sends `POST /interrupt` and deletes the prompt from the queue (`POST /queue {delete}`).
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ImageModelFamily } from '../../../config/types.js';
import { BackendError } from '../../../errors.js';
import type { GeneratedImage, ImageBackend, ImageContext, ImageJob } from '../../../image-job.js';
import { isClientErrorStatus } from '../../../job.js';
import { causeText } from '../../../util/errors.js';
import { realSleep, type Sleep } from '../../../util/timing.js';
import { type FetchLike, postJson, probeGet, throwIfAborted } from '../../http.js';
import { requireImage } from '../image-info.js';
import { comfySampler } from '../samplers.js';
import { BUILT_IN_WORKFLOWS, type ComfyWorkflow, type WorkflowPair } from './templates.js';
import { addLoras, fillWorkflow, loadWorkflowFile } from './workflow.js';

export interface ComfyUIOptions {
  /** ComfyUI base URL, e.g. `http://127.0.0.1:8188`. */
  url: string;
  /** The checkpoint file the workflow loads (`{{model}}`), e.g. `v1-5-pruned-emaonly.safetensors`. */
  model: string;
  /** Which built-in workflow pair to use (default sd15). */
  family?: ImageModelFamily;
  /** A workflow file of your own instead of the built-in pair (see loadWorkflowFile). */
  workflowFile?: string;
  /** How often to look at `/history` while waiting, in ms (a safety net for missed WebSocket messages). */
  pollMs?: number;
  fetch?: FetchLike;
  sleep?: Sleep;
}

type ComfyMessage = { type?: unknown; data?: Record<string, unknown> };

export function createComfyUIBackend(options: ComfyUIOptions): ImageBackend {
  const base = options.url.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const pollMs = options.pollMs ?? 1000;
  const clientId = randomUUID();
  let workflows: Promise<Partial<WorkflowPair>> | undefined;
  const loadWorkflows = () => {
    workflows ??= options.workflowFile
      ? loadWorkflowFile(options.workflowFile)
      : Promise.resolve(BUILT_IN_WORKFLOWS[options.family ?? 'sd15']);
    // A file that failed to load is read again next time (the user may fix it without a restart).
    workflows.catch(() => {
      workflows = undefined;
    });
    return workflows;
  };

  async function getOk(path: string, signal: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { method: 'GET', signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new BackendError(`ComfyUI unreachable at ${base}: ${causeText(error)}`, { cause: error });
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      throw new BackendError(
        `ComfyUI GET ${path.split('?')[0]} answered HTTP ${response.status}: ${detail}`,
        {
          status: response.status,
          clientError: isClientErrorStatus(response.status),
        },
      );
    }
    return response;
  }

  /** Stops a prompt whether it is running (`/interrupt`) or still queued (`/queue` delete). Best effort. */
  async function cancel(promptId: string): Promise<void> {
    const post = (path: string, body: unknown) =>
      fetchImpl(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      }).then(
        (r) => r.body?.cancel(),
        () => {},
      );
    await Promise.all([post('/interrupt', { prompt_id: promptId }), post('/queue', { delete: [promptId] })]);
  }

  async function upload(job: ImageJob, signal: AbortSignal): Promise<string> {
    const source = job.source_image!;
    const form = new FormData();
    const ext = source.mime.split('/')[1];
    form.append('image', new Blob([source.bytes.slice()], { type: source.mime }), `grid_${job.id}.${ext}`);
    form.append('type', 'input');
    form.append('overwrite', 'true');
    let response: Response;
    try {
      response = await fetchImpl(`${base}/upload/image`, { method: 'POST', body: form, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new BackendError(`ComfyUI unreachable at ${base}: ${causeText(error)}`, { cause: error });
    }
    const body = (await response.json().catch(() => undefined)) as
      | { name?: unknown; subfolder?: unknown }
      | undefined;
    if (!response.ok || typeof body?.name !== 'string') {
      throw new BackendError(
        `ComfyUI POST /upload/image answered HTTP ${response.status} without a file name`,
        {
          status: response.ok ? undefined : response.status,
        },
      );
    }
    return typeof body.subfolder === 'string' && body.subfolder
      ? `${body.subfolder}/${body.name}`
      : body.name;
  }

  return {
    label: `comfyui ${base}`,
    async probe(signal) {
      await probeGet(fetchImpl, `${base}/system_stats`, { signal });
      return undefined;
    },
    async generate(job: ImageJob, ctx: ImageContext): Promise<GeneratedImage[]> {
      const { signal } = ctx;
      const pair = await loadWorkflows();
      const graph = job.source_image ? pair.img2img : pair.txt2img;
      if (!graph) {
        const kind = job.source_image ? 'img2img' : 'txt2img';
        throw new BackendError(`the ComfyUI workflow ${options.workflowFile ?? ''} has no ${kind} graph`);
      }
      const sourceName = job.source_image ? await upload(job, signal) : '';
      const events = new ComfyEvents(base, clientId);
      const steps = Math.max(1, job.steps);
      const total = steps * job.seeds.length;
      let reported = 0;
      const report = (step: number) => {
        if (step <= reported) return;
        reported = step;
        ctx.onProgress?.({ step, steps: total });
      };
      try {
        await events.ready;
        const images: GeneratedImage[] = [];
        for (const [index, seed] of job.seeds.entries()) {
          throwIfAborted(signal);
          const workflow = addLoras(
            fillWorkflow(graph, {
              prompt: job.prompt,
              negative_prompt: job.negative_prompt,
              seed,
              steps: job.steps,
              cfg_scale: job.cfg_scale,
              sampler_name: comfySampler(job.sampler_name),
              scheduler: job.karras ? 'karras' : 'normal',
              width: job.width,
              height: job.height,
              denoise: job.denoising_strength ?? 1,
              model: options.model,
              source_image: sourceName,
              clip_layer: -Math.max(1, job.clip_skip),
              job_id: job.id,
            }),
            job.loras,
          );
          const promptId = await queuePrompt(workflow, signal);
          events.watch(promptId, (value, max) => report(index * steps + Math.round((value / max) * steps)));
          try {
            const entry = await waitForHistory(promptId, events, signal);
            images.push({ ...(await fetchOutput(promptId, entry, signal)), seed });
          } catch (error) {
            if (signal.aborted) await cancel(promptId);
            throw error;
          }
          report((index + 1) * steps);
        }
        return images;
      } finally {
        events.close();
      }
    },
  };

  async function queuePrompt(workflow: ComfyWorkflow, signal: AbortSignal): Promise<string> {
    const response = await postJson(
      fetchImpl,
      `${base}/prompt`,
      { prompt: workflow, client_id: clientId },
      { signal, retryOn: [] },
      { retries: 2, retryBaseMs: 500, sleep },
    ).catch((error: unknown) => {
      throw error instanceof BackendError ? explainPromptError(error) : error;
    });
    const body = (await response.json().catch(() => undefined)) as { prompt_id?: unknown } | undefined;
    if (typeof body?.prompt_id !== 'string')
      throw new BackendError('ComfyUI POST /prompt answered without a prompt_id');
    return body.prompt_id;
  }

  /** Waits until the prompt is in `/history` (it lands there when it finished, well or badly). */
  async function waitForHistory(
    promptId: string,
    events: ComfyEvents,
    signal: AbortSignal,
  ): Promise<HistoryEntry> {
    for (;;) {
      throwIfAborted(signal);
      if (events.error) throw events.error;
      const response = await getOk(`/history/${encodeURIComponent(promptId)}`, signal);
      const history = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
      const entry = history?.[promptId] as HistoryEntry | undefined;
      if (entry && typeof entry === 'object') {
        const status = entry.status;
        if (status?.status_str === 'error') throw new BackendError(`ComfyUI failed: ${historyError(entry)}`);
        if (status === undefined || status.completed !== false) return entry;
      }
      await events.wait(pollMs, signal, sleep);
    }
  }

  async function fetchOutput(
    promptId: string,
    entry: HistoryEntry,
    signal: AbortSignal,
  ): Promise<Omit<GeneratedImage, 'seed'>> {
    const outputs = entry.outputs && typeof entry.outputs === 'object' ? Object.values(entry.outputs) : [];
    const file = outputs
      .flatMap((output) => (Array.isArray(output?.images) ? output.images : []))
      .find((image) => image && typeof image.filename === 'string' && (image.type ?? 'output') === 'output');
    if (!file)
      throw new BackendError(`ComfyUI finished prompt ${promptId} without an output image (SaveImage)`);
    const query = new URLSearchParams({
      filename: String(file.filename),
      subfolder: typeof file.subfolder === 'string' ? file.subfolder : '',
      type: 'output',
    });
    const response = await getOk(`/view?${query}`, signal);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const info = requireImage(bytes, `ComfyUI output ${file.filename}`);
    return { bytes, ...info };
  }
}

interface HistoryEntry {
  outputs?: Record<string, { images?: { filename?: unknown; subfolder?: unknown; type?: unknown }[] }>;
  status?: { status_str?: string; completed?: boolean; messages?: [string, Record<string, unknown>][] };
}

function historyError(entry: HistoryEntry): string {
  const error = entry.status?.messages?.find(([type]) => type === 'execution_error')?.[1];
  return error ? comfyExecutionError(error) : 'status "error" in /history';
}

function comfyExecutionError(data: Record<string, unknown>): string {
  return `${String(data.node_type ?? 'node')} ${String(data.node_id ?? '')}: ${String(data.exception_message ?? 'error').trim()}`;
}

/** ComfyUI's 400 names the bad node inputs in `node_errors`; keep the first few in the message. */
function explainPromptError(error: BackendError): BackendError {
  const json = error.message.replace(/^backend HTTP \d+: /, '');
  let detail = json;
  try {
    const body = JSON.parse(json) as {
      error?: { message?: string };
      node_errors?: Record<
        string,
        { class_type?: string; errors?: { message?: string; details?: string }[] }
      >;
    };
    const nodes = Object.entries(body.node_errors ?? {}).flatMap(([id, node]) =>
      (node.errors ?? []).map((e) =>
        `${node.class_type ?? 'node'} ${id}: ${e.message ?? ''} ${e.details ?? ''}`.trim(),
      ),
    );
    detail = [body.error?.message, ...nodes.slice(0, 3)].filter(Boolean).join('; ');
  } catch {}
  return new BackendError(`ComfyUI refused the workflow (HTTP ${error.status}): ${detail}`, {
    status: error.status,
    clientError: error.clientError,
  });
}

/**
 * ComfyUI's WebSocket for our client id: `progress` {value, max, prompt_id} for the watched prompt,
 * `executing` {node: null} / `execution_success` wake the waiter, `execution_error` fails it. A socket that
 * cannot connect is not an error: the job still finishes through `/history`, only without progress.
 */
class ComfyEvents {
  readonly ready: Promise<void>;
  error: BackendError | undefined;
  private socket: WebSocket | undefined;
  private promptId = '';
  private onProgress: ((value: number, max: number) => void) | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(base: string, clientId: string) {
    const url = `${base.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`;
    this.ready = new Promise<void>((resolve) => {
      const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
      this.socket = socket;
      socket.on('open', () => resolve());
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
      socket.on('message', (data, isBinary) => {
        if (!isBinary) this.handle(String(data)); // binary frames are previews
      });
    });
  }

  watch(promptId: string, onProgress: (value: number, max: number) => void): void {
    this.promptId = promptId;
    this.onProgress = onProgress;
  }

  /** Resolves on the next completion message for the watched prompt, after `ms`, or on abort. */
  wait(ms: number, signal: AbortSignal, sleep: Sleep): Promise<void> {
    const timer = new AbortController();
    const stop = () => timer.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.wakeUp = stop;
    return sleep(ms, timer.signal).finally(() => {
      signal.removeEventListener('abort', stop);
      this.wakeUp = undefined;
    });
  }

  close(): void {
    this.socket?.removeAllListeners('message');
    this.socket?.on('error', () => {});
    this.socket?.terminate();
  }

  private handle(text: string): void {
    let message: ComfyMessage;
    try {
      message = JSON.parse(text) as ComfyMessage;
    } catch {
      return;
    }
    const data = message.data;
    if (!data || !this.promptId || data.prompt_id !== this.promptId) return;
    if (message.type === 'progress' && typeof data.value === 'number' && typeof data.max === 'number') {
      if (data.max > 0) this.onProgress?.(Math.min(data.value, data.max), data.max);
    } else if (message.type === 'execution_error') {
      this.error = new BackendError(`ComfyUI failed: ${comfyExecutionError(data)}`);
      this.wakeUp?.();
    } else if (
      message.type === 'execution_success' ||
      message.type === 'execution_interrupted' ||
      (message.type === 'executing' && data.node === null)
    ) {
      this.wakeUp?.();
    }
  }
}
