// @aipg/worker configurations for the benchmarks: the demo backend at unlimited speed, or the
// openai-compatible backend pointed at a local fake. Built in code (no bridgeData.yaml, no env).
import type { EndpointConfig, WorkerConfig } from '@aipg/worker';
import { API_KEY } from './fixtures.js';

export const DEMO_MODEL = 'bench/demo';
export const FAKE_MODEL = 'bench/fake';

function config(url: string, endpoint: EndpointConfig): WorkerConfig {
  return {
    protocol: 'websocket',
    url,
    apiKey: API_KEY,
    nsfw: false,
    queueSize: 0,
    drainTimeoutMs: 5_000,
    circuitBreaker: { failures: 5, pauseMs: 30_000 },
    endpoints: [endpoint],
  };
}

export function demoWorkerConfig(gridUrl: string, threads: number): WorkerConfig {
  return config(gridUrl, {
    type: 'demo',
    name: 'demo',
    url: '',
    apiKey: '',
    tokensPerSecond: 0,
    models: [
      {
        name: 'bench-demo',
        model: 'demo',
        gridModel: DEMO_MODEL,
        maxThreads: threads,
        maxLength: 64,
        maxContextLength: 2048,
      },
    ],
  });
}

export function openaiWorkerConfig(gridUrl: string, backendUrl: string): WorkerConfig {
  return config(gridUrl, {
    type: 'openai',
    name: 'fake-openai',
    url: `${backendUrl}/v1`,
    apiKey: '',
    tokensPerSecond: 0,
    models: [
      {
        name: 'bench-openai',
        model: 'fake-model',
        gridModel: FAKE_MODEL,
        maxThreads: 1,
        maxLength: 512,
        maxContextLength: 4096,
      },
    ],
  });
}
