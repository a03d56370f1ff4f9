// @aipg/worker configurations for the benchmarks: the demo backend at unlimited speed, or the
// openai-compatible backend pointed at a local fake. Written in the bridgeData.yaml shape and read by the
// package's own `parseConfig`, so defaults stay the package's and the benchmark configures it as a user would.
import { parseConfig, type WorkerConfig } from '@aipg/worker';
import { API_KEY } from './fixtures.js';

export const DEMO_MODEL = 'bench/demo';
export const FAKE_MODEL = 'bench/fake';

function config(gridUrl: string, endpoint: Record<string, unknown>): WorkerConfig {
  return parseConfig({ grid_url: gridUrl, api_key: API_KEY, drain_timeout: 5, endpoints: [endpoint] }).config;
}

export function demoWorkerConfig(gridUrl: string, threads: number): WorkerConfig {
  return config(gridUrl, {
    type: 'demo',
    name: 'demo',
    tokens_per_second: 0, // unlimited
    models: [{ name: 'bench-demo', grid_model: DEMO_MODEL, max_threads: threads, max_length: 64 }],
  });
}

export function openaiWorkerConfig(gridUrl: string, backendUrl: string): WorkerConfig {
  return config(gridUrl, {
    type: 'openai',
    name: 'fake-openai',
    url: `${backendUrl}/v1`,
    models: [
      {
        name: 'bench-openai',
        model: 'fake-model',
        grid_model: FAKE_MODEL,
        max_length: 512,
        max_context_length: 4096,
      },
    ],
  });
}
