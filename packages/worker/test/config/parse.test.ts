import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError, configFromEnv, loadConfig, parseConfigText } from '../../src/index.js';

const BRIDGE_DATA = `
horde_url: "https://api.aipowergrid.io/"
api_key: "grid_abcdefghijklmnop"
queue_size: 0
endpoints:
  - type: openai
    name: ollama-box
    url: http://127.0.0.1:11434/v1/
    api_key: ""
    models:
      - name: my-worker
        model: llama3.1:8b
        max_threads: 2
        max_length: 512
        max_context_length: 4096
      - name: my-worker-2
        model: qwen3:latest
  - type: koboldai
    name: kcpp
    url: http://127.0.0.1:5001
    models:
      - name: kobold-worker
        grid_model: koboldcpp/Tiefighter
`;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('bridgeData.yaml', () => {
  it('parses the multi-bridge endpoints format into one config', () => {
    const { config } = parseConfigText(BRIDGE_DATA);
    expect(config.protocol).toBe('horde'); // horde_url given, no protocol key
    expect(config.url).toBe('https://api.aipowergrid.io');
    expect(config.apiKey).toBe('grid_abcdefghijklmnop');
    expect(config.endpoints).toHaveLength(2);
    const [ollama, kcpp] = config.endpoints;
    expect(ollama).toMatchObject({
      type: 'openai',
      name: 'ollama-box',
      url: 'http://127.0.0.1:11434/v1',
      apiKey: '',
    });
    expect(ollama!.models[0]).toEqual({
      name: 'my-worker',
      model: 'llama3.1:8b',
      gridModel: 'grid/llama3.1:8b',
      maxThreads: 2,
      maxLength: 512,
      maxContextLength: 4096,
    });
    // defaults, and Ollama's :latest dropped from the advertised name
    expect(ollama!.models[1]).toMatchObject({
      gridModel: 'grid/qwen3',
      maxThreads: 1,
      maxLength: 512,
      maxContextLength: 4096,
    });
    expect(kcpp!.models[0]).toMatchObject({ gridModel: 'koboldcpp/Tiefighter', model: '' });
  });

  it('defaults to the websocket protocol without horde_url, and honours an explicit protocol key', () => {
    const ws = parseConfigText(
      'grid_url: http://127.0.0.1:7001\napi_key: k\nendpoints: [{type: demo, models: [{name: w}]}]',
    );
    expect(ws.config.protocol).toBe('websocket');
    expect(ws.config.endpoints[0]!.models[0]!.gridModel).toBe('grid/demo');
    const horde = parseConfigText(
      'protocol: websocket\nhorde_url: http://x.test\napi_key: k\nendpoints: [{type: demo, models: [{name: w}]}]',
    );
    expect(horde.config.protocol).toBe('websocket');
  });

  it('accepts a koboldai endpoint without a model, as multi-bridge files have it (the backend names it)', () => {
    const { config } = parseConfigText(`
horde_url: "http://127.0.0.1:7001/"
api_key: "grid_key"
queue_size: 0
endpoints:
  - type: koboldai
    name: kobold-box
    url: http://127.0.0.1:5001
    models:
      - name: owner-kobold
        max_threads: 1
        max_length: 80
        max_context_length: 1024
`);
    expect(config.endpoints[0]!.models[0]).toEqual({
      name: 'owner-kobold',
      model: '',
      gridModel: '',
      maxThreads: 1,
      maxLength: 80,
      maxContextLength: 1024,
    });
  });

  it('reads job_timeout in seconds (unset = the protocol default, 0 = never) and GRID_JOB_TIMEOUT', () => {
    const doc = (extra: string) =>
      parseConfigText(`api_key: k\n${extra}endpoints: [{type: demo, models: [{name: w}]}]`).config;
    expect(doc('').jobTimeoutMs).toBeUndefined();
    expect(doc('job_timeout: 90\n').jobTimeoutMs).toBe(90_000);
    expect(doc('job_timeout: 0\n').jobTimeoutMs).toBe(0);
    expect(issuesOf(() => doc('job_timeout: soon\n'))).toEqual([
      'job_timeout: must be an integer ≥ 0, got "soon"',
    ]);
    const env = { GRID_API_KEY: 'k', BACKEND_TYPE: 'demo' };
    expect(configFromEnv({ ...env, GRID_JOB_TIMEOUT: '45' }).config.jobTimeoutMs).toBe(45_000);
    expect(issuesOf(() => configFromEnv({ ...env, GRID_JOB_TIMEOUT: '-1' }))).toEqual([
      'GRID_JOB_TIMEOUT: must be an integer ≥ 0, got "-1"',
    ]);
  });

  it('names the path of every bad field', () => {
    const issues = issuesOf(() =>
      parseConfigText(`
api_key: k
protocol: carrier-pigeon
endpoints:
  - type: openai
    url: not a url
    models:
      - name: a
        model: m
      - name: b
        model: m
        max_length: abc
        max_threads: 99
`),
    );
    expect(issues).toEqual([
      'protocol: must be one of websocket, horde, got "carrier-pigeon"',
      'endpoints[0].url: must be an http/https URL, got "not a url"',
      'endpoints[0].models[1].max_threads: must be an integer from 1 to 50, got 99',
      'endpoints[0].models[1].max_length: must be an integer ≥ 16, got "abc"',
    ]);
  });

  it('requires the api key, endpoints, worker names and openai model ids', () => {
    expect(issuesOf(() => parseConfigText('queue_size: 0'))).toEqual([
      'api_key: required: your grid API key',
      'endpoints: required: a non-empty list of backend endpoints',
    ]);
    expect(
      issuesOf(() =>
        parseConfigText(
          'api_key: k\nendpoints:\n  - type: openai\n    url: http://h\n    models: [{max_length: 20}]',
        ),
      ),
    ).toEqual([
      'endpoints[0].models[0].name: required: the worker name on the grid',
      'endpoints[0].models[0].model: required: the backend model id for an openai endpoint',
    ]);
    expect(issuesOf(() => parseConfigText('api_key: k\nendpoints: []'))).toEqual([
      'endpoints: must be a non-empty list, got an empty list',
    ]);
  });

  it('refuses duplicate worker names and invalid YAML', () => {
    expect(
      issuesOf(() =>
        parseConfigText('api_key: k\nendpoints: [{type: demo, models: [{name: w}, {name: w}]}]'),
      ),
    ).toEqual(['endpoints[0].models[1].name: duplicate worker name "w" (also endpoints[0].models[0].name)']);
    expect(issuesOf(() => parseConfigText('api_key: [unclosed', {}, 'bridgeData.yaml'))[0]).toMatch(
      /^bridgeData\.yaml:1: not valid YAML/,
    );
  });

  it('accepts the legacy workers list and flat keys', () => {
    const listed = parseConfigText(`
horde_url: https://api.aipowergrid.io/
api_key: k
workers:
  - api_type: openai
    worker_name: legacy-a
    openai_url: https://api.openai.com/v1
    openai_api_key: sk-1
    openai_model: gpt-4o-mini
    max_length: 80
  - api_type: koboldai
    name: legacy-b
    kai_url: http://127.0.0.1:5000
    model: tiefighter
`);
    expect(
      listed.config.endpoints.map((e) => [
        e.type,
        e.url,
        e.apiKey,
        e.models[0]!.name,
        e.models[0]!.gridModel,
      ]),
    ).toEqual([
      ['openai', 'https://api.openai.com/v1', 'sk-1', 'legacy-a', 'grid/gpt-4o-mini'],
      ['koboldai', 'http://127.0.0.1:5000', '', 'legacy-b', 'grid/tiefighter'],
    ]);
    expect(listed.config.endpoints[0]!.models[0]!.maxLength).toBe(80);

    const flat = parseConfigText(
      'api_key: k\napi_type: openai\nscribe_name: flat\nopenai_url: http://h/v1\nopenai_model: m\nmax_threads: 2',
    );
    expect(flat.config.endpoints[0]).toMatchObject({ type: 'openai', url: 'http://h/v1' });
    expect(flat.config.endpoints[0]!.models[0]).toMatchObject({ name: 'flat', model: 'm', maxThreads: 2 });
    expect(
      issuesOf(() =>
        parseConfigText('api_key: k\napi_type: openai\nscribe_name: flat\nopenai_model: m\nmax_threads: 0'),
      ),
    ).toEqual([
      "openai_url: required: the openai backend's base URL",
      'max_threads: must be an integer from 1 to 50, got 0',
    ]);
  });

  it('reports unknown keys as warnings, not errors', () => {
    const { warnings } = parseConfigText(
      'api_key: k\npriority_usernames: []\nendpoints: [{type: demo, models: [{name: w}]}]',
    );
    expect(warnings).toEqual(['priority_usernames: not used by this worker (ignored)']);
  });
});

describe('GRID_* environment variables', () => {
  it('describe a grid-text-worker style worker', () => {
    const { config } = configFromEnv(
      {
        GRID_API_KEY: 'grid_key',
        GRID_WORKER_NAME: 'box-1',
        GRID_API_URL: 'http://127.0.0.1:7001',
        GRID_MAX_THREADS: '3',
        GRID_MAX_LENGTH: '1024',
        GRID_MAX_CONTEXT_LENGTH: '8192',
        BACKEND_TYPE: 'ollama',
        OLLAMA_URL: 'http://127.0.0.1:11434/',
        MODEL_NAME: 'llama3.1:latest',
      },
      'host',
    );
    expect(config).toMatchObject({ protocol: 'websocket', url: 'http://127.0.0.1:7001', apiKey: 'grid_key' });
    expect(config.endpoints[0]).toMatchObject({ type: 'openai', url: 'http://127.0.0.1:11434/v1' });
    expect(config.endpoints[0]!.models[0]).toEqual({
      name: 'box-1',
      model: 'llama3.1:latest',
      gridModel: 'grid/llama3.1',
      maxThreads: 3,
      maxLength: 1024,
      maxContextLength: 8192,
    });
  });

  it('uses OPENAI_URL / OPENAI_API_KEY / GRID_MODEL_NAME and defaults the worker name from the host', () => {
    const { config } = configFromEnv(
      {
        GRID_API_KEY: 'k',
        BACKEND_TYPE: 'openai',
        OPENAI_URL: 'https://api.openai.com/v1',
        OPENAI_API_KEY: 'sk',
        MODEL_NAME: 'gpt-4o',
        GRID_MODEL_NAME: 'openai/gpt-4o',
      },
      'myhost',
    );
    expect(config.endpoints[0]).toMatchObject({
      type: 'openai',
      url: 'https://api.openai.com/v1',
      apiKey: 'sk',
    });
    expect(config.endpoints[0]!.models[0]).toMatchObject({
      name: 'Text-Inference-Worker-myhost',
      gridModel: 'openai/gpt-4o',
    });
  });

  it('serves every backend of GRID_BACKENDS (grid-text-worker multi-backend JSON) as its own worker', () => {
    const { config } = configFromEnv(
      {
        GRID_API_KEY: 'k',
        GRID_WORKER_NAME: 'rig',
        GRID_MAX_LENGTH: '1024',
        OLLAMA_URL: 'http://127.0.0.1:11434/',
        GRID_BACKENDS: JSON.stringify([
          {
            type: 'openai',
            url: 'http://10.0.0.5:8000/v1',
            model: 'gpt-oss-120b',
            grid_model: 'gpt-oss-120b',
            concurrency: 2,
          },
          { type: 'ollama', model: 'qwen3:8b', name: 'rig-qwen' },
        ]),
      },
      'host',
    );
    expect(config.endpoints.map((e) => [e.type, e.url])).toEqual([
      ['openai', 'http://10.0.0.5:8000/v1'],
      ['openai', 'http://127.0.0.1:11434/v1'],
    ]);
    expect(config.endpoints.map((e) => e.models[0])).toEqual([
      {
        name: 'rig-gpt-oss-120b',
        model: 'gpt-oss-120b',
        gridModel: 'gpt-oss-120b',
        maxThreads: 2,
        maxLength: 1024,
        maxContextLength: 4096,
      },
      {
        name: 'rig-qwen',
        model: 'qwen3:8b',
        gridModel: 'grid/qwen3:8b',
        maxThreads: 1,
        maxLength: 1024,
        maxContextLength: 4096,
      },
    ]);
    const twins = JSON.stringify([
      { type: 'openai', url: 'http://x.test/v1', model: 'a', grid_model: 'grid/qwen3:0.6b' },
      { type: 'openai', url: 'http://x.test/v1', model: 'b', grid_model: 'grid/qwen3-0.6b' },
    ]);
    expect(
      issuesOf(() => configFromEnv({ GRID_API_KEY: 'k', GRID_WORKER_NAME: 'rig', GRID_BACKENDS: twins })),
    ).toEqual([
      'GRID_BACKENDS[1].name: duplicate worker name "rig-grid-qwen3-0-6b" (also GRID_BACKENDS[0].name)',
    ]);
    expect(
      issuesOf(() => configFromEnv({ GRID_API_KEY: 'k', GRID_BACKENDS: '[{"type":"openai"' }))[0],
    ).toMatch(/^GRID_BACKENDS: not valid JSON/);
    expect(
      issuesOf(() =>
        configFromEnv({
          GRID_API_KEY: 'k',
          GRID_BACKENDS: JSON.stringify([
            { url: 'http://x.test/v1', model: 'm', concurrency: 'lots' },
            { type: 'openai', url: 'http://x.test/v1' },
          ]),
        }),
      ),
    ).toEqual([
      'GRID_BACKENDS[0].concurrency: must be an integer from 1 to 50, got "lots"',
      'GRID_BACKENDS[1].model: required: the backend model id for an openai endpoint',
    ]);
  });

  it('names the env var in errors', () => {
    expect(
      issuesOf(() =>
        configFromEnv({
          GRID_MAX_LENGTH: 'abc',
          BACKEND_TYPE: 'openai',
          MODEL_NAME: 'm',
          GRID_PROTOCOL: 'x',
        }),
      ),
    ).toEqual([
      'GRID_PROTOCOL: must be one of websocket, horde, got "x"',
      'GRID_API_KEY: required: your grid API key',
      "OPENAI_URL: required: the openai backend's base URL",
      'GRID_MAX_LENGTH: must be an integer ≥ 16, got "abc"',
    ]);
  });
});

describe('loadConfig', () => {
  it('reads a file, fills the key from GRID_API_KEY and applies CLI overrides', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'worker-config-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'bridgeData.yaml');
    await writeFile(file, 'horde_url: http://127.0.0.1:1\nendpoints: [{type: demo, models: [{name: w}]}]\n');
    const { config } = await loadConfig({
      file,
      env: { GRID_API_KEY: 'from-env' },
      overrides: { protocol: 'websocket', url: 'http://127.0.0.1:2' },
    });
    expect(config).toMatchObject({ apiKey: 'from-env', protocol: 'websocket', url: 'http://127.0.0.1:2' });
    await expect(
      loadConfig({ file, env: { GRID_API_KEY: 'k' }, overrides: { protocol: 'smoke' } }),
    ).rejects.toThrow('--protocol: must be one of websocket, horde, got "smoke"');
    await expect(loadConfig({ file: join(dir, 'missing.yaml') })).rejects.toThrow(
      /cannot read the config file \(ENOENT\)/,
    );
  });
});
