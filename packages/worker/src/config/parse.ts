// bridgeData.yaml (and the env-var equivalent) → one validated WorkerConfig.
// Accepted shapes: the multi-bridge `endpoints:` list, the legacy `workers:` list, and legacy flat keys.
import { ConfigError } from '../errors.js';
import {
  describe,
  Issues,
  isRecord,
  join,
  listOf,
  type PathOf,
  type Raw,
  readBool,
  readEnum,
  readInt,
  readRate,
  readString,
  readUrl,
} from './fields.js';
import { IMAGE_ENDPOINT_TYPES, isImageEndpoint, parseImageEndpoint } from './parse-image.js';
import {
  DEFAULTS,
  type EndpointConfig,
  type EndpointType,
  type ImageEndpointConfig,
  LIMITS,
  type ModelConfig,
  type Protocol,
  type WorkerConfig,
} from './types.js';

const PROTOCOLS: readonly Protocol[] = ['websocket', 'horde'];
const ENDPOINT_TYPES: readonly EndpointType[] = ['openai', 'koboldai', 'demo'];

const TOP_KEYS = new Set([
  'protocol',
  'horde_url',
  'grid_url',
  'api_key',
  'queue_size',
  'nsfw',
  'drain_timeout',
  'job_timeout',
  'circuit_breaker',
  'endpoints',
  'workers',
]);
const FLAT_KEYS = [
  'api_type',
  'worker_name',
  'scribe_name',
  'kai_url',
  'openai_url',
  'openai_api_key',
  'openai_model',
  'grid_model',
  'max_threads',
  'max_length',
  'max_context_length',
];

export interface ParseResult {
  config: WorkerConfig;
  /** Non-fatal notes, e.g. keys this worker does not use. */
  warnings: string[];
}

/** Validates a parsed bridgeData document. Throws ConfigError listing every bad field. */
export function parseConfig(raw: unknown, pathOf: PathOf = (key) => key): ParseResult {
  const issues = new Issues();
  const warnings: string[] = [];
  if (!isRecord(raw)) {
    throw new ConfigError([
      { path: '(root)', message: 'must be a mapping of keys (bridgeData.yaml format)' },
    ]);
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.has(key) && !FLAT_KEYS.includes(key))
      warnings.push(`${key}: not used by this worker (ignored)`);
  }

  if (raw.grid_url !== undefined && raw.horde_url !== undefined) {
    issues.add(pathOf('grid_url'), 'give either grid_url or horde_url, not both');
  }
  const urlKey = raw.grid_url !== undefined ? 'grid_url' : 'horde_url';
  // A bridgeData file that names a horde_url speaks Horde v2 unless it says otherwise.
  const defaultProtocol: Protocol = raw.horde_url !== undefined ? 'horde' : 'websocket';
  const protocol = readEnum(raw.protocol, pathOf('protocol'), issues, PROTOCOLS, defaultProtocol);
  const url = readUrl(raw[urlKey], pathOf(urlKey), issues, {
    fallback: DEFAULTS.url,
    schemes: ['http:', 'https:', 'ws:', 'wss:'],
  });
  const apiKey = readString(raw.api_key, pathOf('api_key'), issues, { required: 'your grid API key' });
  const queueSize = readInt(
    raw.queue_size,
    pathOf('queue_size'),
    issues,
    LIMITS.queueSize,
    DEFAULTS.queueSize,
  );
  const nsfw = readBool(raw.nsfw, pathOf('nsfw'), issues, DEFAULTS.nsfw);
  const drainSeconds = readInt(
    raw.drain_timeout,
    pathOf('drain_timeout'),
    issues,
    { min: 0 },
    DEFAULTS.drainTimeoutSeconds,
  );
  const jobTimeout = raw.job_timeout === undefined || raw.job_timeout === '' ? undefined : raw.job_timeout;
  const jobTimeoutSeconds =
    jobTimeout === undefined ? undefined : readInt(jobTimeout, pathOf('job_timeout'), issues, { min: 0 }, 0);
  const breaker = parseBreaker(raw.circuit_breaker, pathOf('circuit_breaker'), issues);

  let endpoints: EndpointConfig[] = [];
  const imageEndpoints: ImageEndpointConfig[] = [];
  // Every parsed endpoint with its raw path, for the duplicate-name check.
  const named: { path: string; models: { name: string }[] }[] = [];
  if (raw.endpoints !== undefined) {
    listOf(raw.endpoints, 'endpoints', pathOf, issues).forEach(({ item, path }, i) => {
      const at = (key: string) => pathOf(join(path, key));
      const endpoint = isImageEndpoint(item)
        ? parseImageEndpoint(item, at, i, issues)
        : parseEndpoint(checkType(item, at, issues), at, i, issues);
      if (isImageEndpoint(item)) {
        imageEndpoints.push(endpoint as ImageEndpointConfig);
      } else endpoints.push(endpoint as EndpointConfig);
      named.push({ path, models: endpoint.models });
    });
  } else if (raw.workers !== undefined) {
    endpoints = listOf(raw.workers, 'workers', pathOf, issues).map(({ item, path }, i) =>
      parseLegacyEntry(item, (key) => pathOf(join(path, key)), i, issues),
    );
  } else if (FLAT_KEYS.some((key) => raw[key] !== undefined)) {
    endpoints = [parseLegacyEntry(raw, pathOf, 0, issues)];
  } else {
    issues.add(pathOf('endpoints'), 'required: a non-empty list of backend endpoints');
  }
  if (named.length === 0) {
    for (const [i, e] of endpoints.entries()) named.push({ path: `endpoints[${i}]`, models: e.models });
  }

  checkUniqueNames(named, pathOf, issues);
  if (issues.list.length > 0) throw new ConfigError(issues.list);
  return {
    config: {
      protocol,
      url,
      apiKey,
      nsfw,
      queueSize,
      drainTimeoutMs: drainSeconds * 1000,
      ...(jobTimeoutSeconds === undefined ? {} : { jobTimeoutMs: jobTimeoutSeconds * 1000 }),
      circuitBreaker: breaker,
      endpoints,
      ...(imageEndpoints.length > 0 ? { imageEndpoints } : {}),
    },
    warnings,
  };
}

function parseBreaker(value: unknown, path: string, issues: Issues): WorkerConfig['circuitBreaker'] {
  const raw = value === undefined ? {} : value;
  if (!isRecord(raw)) {
    issues.add(path, 'must be a mapping {failures, pause_seconds}');
    return { failures: DEFAULTS.breakerFailures, pauseMs: DEFAULTS.breakerPauseSeconds * 1000 };
  }
  return {
    failures: readInt(raw.failures, join(path, 'failures'), issues, { min: 1 }, DEFAULTS.breakerFailures),
    pauseMs:
      readInt(
        raw.pause_seconds,
        join(path, 'pause_seconds'),
        issues,
        { min: 0 },
        DEFAULTS.breakerPauseSeconds,
      ) * 1000,
  };
}

/** The `endpoints[i]` entry of multi-bridge's bridgeData.yaml, plus our `type: demo` and `tokens_per_second`. */
export function parseEndpoint(raw: Raw, pathOf: PathOf, index: number, issues: Issues): EndpointConfig {
  const endpoint = parseEndpointFields(raw, pathOf, index, issues);
  const models = listOf(raw.models, 'models', pathOf, issues).map(({ item, path }) =>
    parseModel(item, (key) => pathOf(join(path, key)), endpoint.type, issues),
  );
  return { ...endpoint, models };
}

function parseEndpointFields(
  raw: Raw,
  pathOf: PathOf,
  index: number,
  issues: Issues,
): Omit<EndpointConfig, 'models'> {
  // multi-bridge defaults a missing type to koboldai.
  const type = readEnum(raw.type, pathOf('type'), issues, ENDPOINT_TYPES, 'koboldai');
  const name = readString(raw.name, pathOf('name'), issues, { fallback: `endpoint-${index}` });
  const url =
    type === 'demo'
      ? ''
      : readUrl(raw.url, pathOf('url'), issues, { required: `the ${type} backend's base URL` });
  const apiKey = readString(raw.api_key, pathOf('api_key'), issues);
  const tokensPerSecond = readRate(
    raw.tokens_per_second,
    pathOf('tokens_per_second'),
    issues,
    DEFAULTS.tokensPerSecond,
  );
  return { type, name, url, apiKey, tokensPerSecond };
}

export function parseModel(raw: Raw, pathOf: PathOf, type: EndpointType, issues: Issues): ModelConfig {
  const name = readString(raw.name, pathOf('name'), issues, {
    required: 'the worker name on the grid',
    maxLength: 100,
  });
  const gridModelRaw = readString(raw.grid_model, pathOf('grid_model'), issues, {
    maxLength: LIMITS.gridModel.max,
  });
  let model: string;
  if (type === 'demo') model = readString(raw.model, pathOf('model'), issues, { fallback: 'demo' });
  else if (type === 'openai') {
    model = readString(raw.model, pathOf('model'), issues, {
      required: 'the backend model id for an openai endpoint',
    });
  } else {
    // KoboldAI serves whatever model it loaded; multi-bridge files name none, and the worker asks the backend.
    model = readString(raw.model, pathOf('model'), issues);
  }
  const gridModel = gridModelRaw || advertisedModelName(model);
  if (gridModel.length > 0 && gridModel.length < LIMITS.gridModel.min) {
    const { min, max } = LIMITS.gridModel;
    issues.add(
      pathOf(gridModelRaw ? 'grid_model' : 'model'),
      `the advertised model name must be ${min}–${max} characters, got "${gridModel}"`,
    );
  }
  const maxThreads = readInt(
    raw.max_threads,
    pathOf('max_threads'),
    issues,
    LIMITS.maxThreads,
    DEFAULTS.maxThreads,
  );
  const maxLength = readInt(
    raw.max_length,
    pathOf('max_length'),
    issues,
    LIMITS.maxLength,
    DEFAULTS.maxLength,
  );
  const maxContextLength = readInt(
    raw.max_context_length,
    pathOf('max_context_length'),
    issues,
    LIMITS.maxContextLength,
    DEFAULTS.maxContextLength,
  );
  return { name, model, gridModel, maxThreads, maxLength, maxContextLength };
}

/** The advertised model name when `grid_model` is not given: `grid/<model>` (Ollama's `:latest` tag dropped). */
export function advertisedModelName(model: string): string {
  return model ? `grid/${model.replace(/:latest$/, '')}` : '';
}

/** multi-bridge's legacy `workers:` entries and flat keys: one endpoint with one model. */
function parseLegacyEntry(raw: Raw, pathOf: PathOf, index: number, issues: Issues): EndpointConfig {
  const type = readEnum(
    raw.api_type ?? raw.type,
    pathOf(raw.api_type !== undefined ? 'api_type' : 'type'),
    issues,
    ENDPOINT_TYPES,
    'koboldai',
  );
  const urlKey = type === 'openai' ? 'openai_url' : 'kai_url';
  const nameKey =
    ['name', 'worker_name', 'scribe_name'].find((key) => raw[key] !== undefined) ?? 'worker_name';
  const renamed: Record<string, string> = {
    url: urlKey,
    api_key: 'openai_api_key',
    model: 'openai_model',
    name: nameKey,
  };
  const endpoint = parseEndpointFields(
    {
      type,
      name: `legacy-${index}`,
      url: raw[urlKey],
      api_key: raw.openai_api_key,
      tokens_per_second: raw.tokens_per_second,
    },
    (key) => pathOf(renamed[key] ?? key),
    index,
    issues,
  );
  const model = parseModel(
    { ...raw, name: raw[nameKey], model: raw.openai_model ?? raw.model },
    (key) => pathOf(renamed[key] ?? key),
    type,
    issues,
  );
  return { ...endpoint, models: [model] };
}

function checkUniqueNames(
  endpoints: { path: string; models: { name: string }[] }[],
  pathOf: PathOf,
  issues: Issues,
): void {
  const seen = new Map<string, string>();
  for (const endpoint of endpoints) {
    endpoint.models.forEach((model, j) => {
      if (!model.name) return;
      const where = `${endpoint.path}.models[${j}]`;
      const first = seen.get(model.name);
      if (first) issues.add(pathOf(`${where}.name`), `duplicate worker name "${model.name}" (also ${first})`);
      else seen.set(model.name, pathOf(`${where}.name`));
    });
  }
}

/** An `endpoints:` entry of no known type (text or image) gets an error listing both kinds. */
function checkType(raw: Raw, pathOf: PathOf, issues: Issues): Raw {
  if (raw.type === undefined || raw.type === null || raw.type === '') return raw;
  const text = typeof raw.type === 'string' ? raw.type.trim().toLowerCase() : '';
  if ((ENDPOINT_TYPES as readonly string[]).includes(text)) return raw;
  const all = [...ENDPOINT_TYPES, ...IMAGE_ENDPOINT_TYPES].join(', ');
  issues.add(pathOf('type'), `must be one of ${all}, got ${describe(raw.type)}`);
  return { ...raw, type: undefined };
}
