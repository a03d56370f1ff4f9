// The GRID_* environment variables of grid-text-worker (plus a few of our own) → the same raw shape as a
// bridgeData.yaml document, with errors naming the variable.
import { ConfigError } from '../errors.js';
import { isRecord, type Raw } from './fields.js';
import { type ParseResult, parseConfig } from './parse.js';
import { IMAGE_ENDPOINT_TYPES } from './parse-image.js';

export type Env = Record<string, string | undefined>;

/** Which env var fills which raw key (for error paths). */
const TOP_ENV: Record<string, string> = {
  protocol: 'GRID_PROTOCOL',
  grid_url: 'GRID_API_URL',
  api_key: 'GRID_API_KEY',
  nsfw: 'GRID_NSFW',
  drain_timeout: 'GRID_DRAIN_TIMEOUT',
  job_timeout: 'GRID_JOB_TIMEOUT',
};
const MODEL_ENV: Record<string, string> = {
  name: 'GRID_WORKER_NAME',
  model: 'MODEL_NAME',
  grid_model: 'GRID_MODEL_NAME',
  max_threads: 'GRID_MAX_THREADS',
  max_length: 'GRID_MAX_LENGTH',
  max_context_length: 'GRID_MAX_CONTEXT_LENGTH',
};

/**
 * Builds a config from env vars alone: one endpoint, one model.
 * BACKEND_TYPE = ollama (default, OLLAMA_URL default http://localhost:11434, served at …/v1) | openai (OPENAI_URL,
 * OPENAI_API_KEY) | koboldai (KOBOLD_URL) | demo (GRID_DEMO_TOKENS_PER_SECOND); or an image backend,
 * comfyui | automatic1111 | demo-image (see imageConfigFromEnv).
 */
export function configFromEnv(env: Env, hostname = 'local'): ParseResult {
  if (env.GRID_BACKENDS?.trim()) return configFromBackendsJson(env, hostname);
  const backend = (env.BACKEND_TYPE ?? (env.COMFYUI_URL ? 'comfyui' : 'ollama')).trim().toLowerCase();
  if ((IMAGE_ENDPOINT_TYPES as readonly string[]).includes(backend))
    return imageConfigFromEnv(env, hostname, backend);
  const endpoint: Raw = { name: backend, tokens_per_second: env.GRID_DEMO_TOKENS_PER_SECOND };
  const endpointEnv: Record<string, string> = {
    type: 'BACKEND_TYPE',
    tokens_per_second: 'GRID_DEMO_TOKENS_PER_SECOND',
  };
  if (backend === 'ollama') {
    endpoint.type = 'openai';
    endpoint.url = `${(env.OLLAMA_URL ?? 'http://localhost:11434').replace(/\/+$/, '')}/v1`;
    endpointEnv.url = 'OLLAMA_URL';
  } else {
    endpoint.type = backend;
    endpoint.url = backend === 'koboldai' ? env.KOBOLD_URL : env.OPENAI_URL;
    endpoint.api_key = env.OPENAI_API_KEY;
    endpointEnv.url = backend === 'koboldai' ? 'KOBOLD_URL' : 'OPENAI_URL';
    endpointEnv.api_key = 'OPENAI_API_KEY';
  }
  const model: Raw = {
    name: env.GRID_WORKER_NAME ?? `Text-Inference-Worker-${hostname}`,
    model: env.MODEL_NAME,
    grid_model: env.GRID_MODEL_NAME,
    max_threads: env.GRID_MAX_THREADS,
    max_length: env.GRID_MAX_LENGTH,
    max_context_length: env.GRID_MAX_CONTEXT_LENGTH,
  };
  endpoint.models = [model];
  const raw: Raw = { endpoints: [endpoint] };
  for (const [key, name] of Object.entries(TOP_ENV)) if (env[name] !== undefined) raw[key] = env[name];
  return parseConfig(raw, (path) => envPath(path, endpointEnv));
}

/** Image endpoint keys → the env var that fills them (comfy-bridge's names where it has one). */
const IMAGE_ENV: Record<string, string> = {
  type: 'BACKEND_TYPE',
  max_pixels: 'GRID_MAX_PIXELS',
  workflow_dir: 'WORKFLOW_DIR',
  steps_per_second: 'GRID_DEMO_STEPS_PER_SECOND',
  max_batch: 'GRID_BATCH_SIZE',
  allow_img2img: 'GRID_ALLOW_IMG2IMG',
  allow_lora: 'GRID_ALLOW_LORA',
  allow_painting: 'GRID_ALLOW_PAINTING',
  allow_post_processing: 'GRID_ALLOW_POST_PROCESSING',
  allow_controlnet: 'GRID_ALLOW_CONTROLNET',
};
const IMAGE_URL_ENV: Record<string, string> = { comfyui: 'COMFYUI_URL', automatic1111: 'A1111_URL' };

/**
 * An image worker from env vars, as comfy-bridge reads them: BACKEND_TYPE = comfyui (the default when
 * COMFYUI_URL is set) | automatic1111 (A1111_URL) | demo-image; GRID_MODEL = the grid model names, comma
 * separated (one worker each); MODEL_NAME = the checkpoint file (default: the grid model name); GRID_MAX_PIXELS,
 * GRID_THREADS (or GRID_MAX_THREADS), GRID_BATCH_SIZE, WORKFLOW_DIR, WORKFLOW_FILE, GRID_MODEL_FAMILY, GRID_ALLOW_*.
 */
function imageConfigFromEnv(env: Env, hostname: string, type: string): ParseResult {
  const endpoint: Raw = {
    type,
    name: type,
    url: IMAGE_URL_ENV[type] ? env[IMAGE_URL_ENV[type]!] : undefined,
  };
  for (const [key, name] of Object.entries(IMAGE_ENV)) if (key !== 'type') endpoint[key] = env[name];
  const threadsVar = env.GRID_MAX_THREADS !== undefined ? 'GRID_MAX_THREADS' : 'GRID_THREADS';
  const gridModels = (env.GRID_MODEL ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const workerName = env.GRID_WORKER_NAME ?? `Image-Worker-${hostname}`;
  endpoint.models = (gridModels.length > 0 ? gridModels : [undefined]).map((gridModel) => ({
    name: gridModels.length > 1 ? `${workerName}-${slug(gridModel!)}` : workerName,
    model: env.MODEL_NAME,
    grid_model: gridModel,
    family: env.GRID_MODEL_FAMILY,
    workflow_file: env.WORKFLOW_FILE,
    max_threads: env[threadsVar],
  }));
  const modelEnv: Record<string, string> = {
    name: 'GRID_WORKER_NAME',
    model: 'MODEL_NAME',
    grid_model: 'GRID_MODEL',
    family: 'GRID_MODEL_FAMILY',
    workflow_file: 'WORKFLOW_FILE',
    max_threads: threadsVar,
  };
  const raw: Raw = { endpoints: [endpoint] };
  for (const [key, name] of Object.entries(TOP_ENV)) if (env[name] !== undefined) raw[key] = env[name];
  return parseConfig(raw, (path) => {
    const top = TOP_ENV[path];
    if (top) return top;
    const modelKey = /^endpoints\[0\]\.models\[\d+\]\.(\w+)$/.exec(path)?.[1];
    if (modelKey) return modelEnv[modelKey] ?? path;
    const key = /^endpoints\[0\]\.(\w+)$/.exec(path)?.[1];
    if (key === 'url') return IMAGE_URL_ENV[type] ?? path;
    return (key && IMAGE_ENV[key]) || path;
  });
}

/** The JSON keys of one GRID_BACKENDS entry, by the config key they fill (for error paths). */
const BACKENDS_KEYS: Record<string, string> = { max_threads: 'concurrency' };

/**
 * grid-text-worker's GRID_BACKENDS: a JSON list of `{type (openai | ollama), url, api_key, model, grid_model,
 * concurrency, name}`, each served as its own grid worker named `name` or `<GRID_WORKER_NAME>-<grid model slug>`.
 * The other GRID_* vars (key, URL, limits, protocol) apply to all of them.
 */
function configFromBackendsJson(env: Env, hostname: string): ParseResult {
  let list: unknown;
  try {
    list = JSON.parse(env.GRID_BACKENDS!);
  } catch (error) {
    throw new ConfigError([
      { path: 'GRID_BACKENDS', message: `not valid JSON (${(error as Error).message})` },
    ]);
  }
  if (!Array.isArray(list)) {
    throw new ConfigError([{ path: 'GRID_BACKENDS', message: 'must be a JSON list of backends' }]);
  }
  const workerName = env.GRID_WORKER_NAME ?? `Text-Inference-Worker-${hostname}`;
  const endpoints = list.map((entry, i): unknown => {
    if (!isRecord(entry)) return entry; // parseConfig names it
    const type = typeof entry.type === 'string' ? entry.type.trim().toLowerCase() : 'openai';
    const model = entry.model ?? entry.model_name;
    const gridModel = entry.grid_model ?? entry.grid_model_name;
    const ollama = type === 'ollama';
    const base = entry.url ?? (ollama ? (env.OLLAMA_URL ?? 'http://localhost:11434') : env.OPENAI_URL);
    const slugSource =
      typeof gridModel === 'string' ? gridModel : typeof model === 'string' ? `grid/${model}` : '';
    return {
      type: ollama ? 'openai' : entry.type,
      name: `backend-${i}`,
      url: ollama && typeof base === 'string' ? `${base.replace(/\/+$/, '')}/v1` : base,
      api_key: entry.api_key,
      models: [
        {
          name: entry.name ?? `${workerName}-${slug(slugSource)}`,
          model,
          grid_model: gridModel,
          max_threads: entry.concurrency,
          max_length: env.GRID_MAX_LENGTH,
          max_context_length: env.GRID_MAX_CONTEXT_LENGTH,
        },
      ],
    };
  });
  const raw: Raw = { endpoints };
  for (const [key, name] of Object.entries(TOP_ENV)) if (env[name] !== undefined) raw[key] = env[name];
  return parseConfig(raw, (path) => {
    const top = TOP_ENV[path];
    if (top) return top;
    const field = /^endpoints\[(\d+)\](?:\.models\[0\])?(?:\.(\w+))?$/.exec(path);
    if (!field) return path.replace(/^endpoints/, 'GRID_BACKENDS');
    const key = field[2];
    if (key === 'max_length' || key === 'max_context_length') return MODEL_ENV[key]!;
    return `GRID_BACKENDS[${field[1]}]${key ? `.${BACKENDS_KEYS[key] ?? key}` : ''}`;
  });
}

/** grid-text-worker's name slug: non-alphanumerics → "-", at most 24 characters. */
function slug(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24) || 'model'
  );
}

function envPath(path: string, endpointEnv: Record<string, string>): string {
  const top = Object.entries(TOP_ENV).find(([key]) => key === path);
  if (top) return top[1];
  const modelKey = /^endpoints\[0\]\.models\[0\]\.(\w+)$/.exec(path)?.[1];
  if (modelKey) return MODEL_ENV[modelKey] ?? path;
  const endpointKey = /^endpoints\[0\]\.(\w+)$/.exec(path)?.[1];
  if (endpointKey) return endpointEnv[endpointKey] ?? path;
  return path;
}
