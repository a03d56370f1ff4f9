// Image worker test pieces: a config with one image endpoint, an object store that records every PUT (bytes and
// Content-Type) and can be told to fail, and image backends the test controls.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ImageEndpointConfig, WorkerConfig } from '../../src/config/types.js';
import {
  createDemoImageBackend,
  type ImageBackend,
  type ImageContext,
  type ImageJob,
} from '../../src/index.js';
import { type RecordedRequest, startServer, type TestServer } from './http-server.js';
import { testConfig } from './worker-config.js';

export function imageConfig(
  url: string,
  protocol: WorkerConfig['protocol'],
  endpoint: Partial<ImageEndpointConfig> = {},
): WorkerConfig {
  return testConfig({
    protocol,
    url,
    endpoints: [],
    imageEndpoints: [
      {
        type: 'demo-image',
        name: 'demo-image',
        url: '',
        maxPixels: 1024 * 1024,
        capabilities: {
          img2img: true,
          painting: false,
          postProcessing: false,
          lora: true,
          controlnet: false,
        },
        workflowDir: '',
        stepsPerSecond: 0,
        amount: 4,
        models: [
          {
            name: 'painter',
            model: 'demo-image',
            gridModel: 'demo-image',
            family: 'sd15',
            workflowFile: '',
            maxThreads: 1,
          },
        ],
        ...endpoint,
      },
    ],
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the store answers a PUT: a status (200 stores it). */
export type PutReply = (req: RecordedRequest, attempt: number) => number;

export interface ObjectStore {
  server: TestServer;
  url: string;
  /** The PUTs received, in order (stored or not). */
  puts(): RecordedRequest[];
  /** Serves `bytes` on GET `path` (a source picture). */
  serve(path: string, bytes: Uint8Array, type: string): void;
}

export async function startObjectStore(reply: PutReply = () => 200): Promise<ObjectStore> {
  const files = new Map<string, { bytes: Uint8Array; type: string }>();
  let attempts = 0;
  const server = await startServer((req, res: ServerResponse) => {
    if (req.method === 'PUT') {
      const status = reply(req, attempts++);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? '' : 'store says no');
      return;
    }
    const file = files.get(req.url);
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file.type });
      res.end(Buffer.from(file.bytes));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return {
    server,
    url: server.url,
    puts: () => server.requests.filter((r) => r.method === 'PUT'),
    serve: (path, bytes, type) => void files.set(path, { bytes, type }),
  };
}

/**
 * The demo image backend behind a recorder: every job it gets, and a clock the test moves — each progress
 * report first advances `clock` by `msPerStep` — so the worker's progress pacing is checked without real time.
 */
export function recordingImageBackend(msPerStep: number) {
  const demo = createDemoImageBackend({ stepsPerSecond: 0 });
  const clock = { now: 0 };
  const jobs: ImageJob[] = [];
  const steps: number[] = [];
  const backend: ImageBackend = {
    label: 'recording demo-image',
    generate(job: ImageJob, ctx: ImageContext) {
      jobs.push(job);
      return demo.generate(job, {
        signal: ctx.signal,
        onProgress: (progress) => {
          clock.now += msPerStep;
          steps.push(progress.step);
          ctx.onProgress?.(progress);
        },
      });
    },
  };
  return { backend, clock, jobs, steps };
}

/** An image backend that reports one step and then waits for its signal, recording the abort. */
export function hangingImageBackend() {
  const seen = { aborted: false, started: false };
  const backend: ImageBackend = {
    label: 'hanging',
    generate: (job, ctx) =>
      new Promise((_resolve, reject) => {
        seen.started = true;
        ctx.onProgress?.({ step: 1, steps: job.steps * job.seeds.length });
        ctx.signal.addEventListener('abort', () => {
          seen.aborted = true;
          const error = new Error('aborted');
          error.name = 'AbortError';
          reject(error);
        });
      }),
  };
  return { backend, seen };
}
