/**
 * The description of a simulated fleet (docs/mock-grid.md "Simulated workers"): which workers the grid runs
 * inside its own process, what they serve and how fast. `parseFleet` checks a parsed YAML/JSON value into a
 * `FleetSpec` with every default filled in, and refuses anything else with a `FleetError` naming the field
 * path and the limit.
 */

/** An image worker's capabilities: the largest `width × height` it renders, and images per job. */
export interface SimImageSpec {
  max_pixels: number;
  /** Images it takes of one request at once (the core's `amount`). Default 1. */
  amount?: number;
}

/** One simulated worker as written in a fleet file (everything but `name` and `models` optional). */
export interface SimWorkerInput {
  name: string;
  models: string[];
  tokens_per_second?: number;
  ttft_ms?: number;
  max_length?: number;
  max_context_length?: number;
  trusted?: boolean;
  failure_rate?: number;
  concurrency?: number;
  image?: false | SimImageSpec;
  mode?: SimMode;
  region?: string;
}

/** `generate`: seeded words; `echo`: the last user message's text back. */
export type SimMode = 'generate' | 'echo';

/** One simulated worker with its defaults filled in. */
export interface SimWorkerSpec {
  name: string;
  models: string[];
  /** Decode speed, > 0. Default 40. */
  tokens_per_second: number;
  /** Time to the first token (an image worker: the time a job takes), 0..60 000. Default 150 ms. */
  ttft_ms: number;
  /** Completion cap it registers. Default 512. */
  max_length: number;
  /** Context it registers. Default 8192. */
  max_context_length: number;
  /** Its owner key is trusted, so it may serve `trusted_workers` jobs. Default false. */
  trusted: boolean;
  /** Share (0..1) of its jobs that end in a worker error, chosen from the job's seed. Default 0. */
  failure_rate: number;
  /** Parallel jobs, one connection each (1..4). Default 2. */
  concurrency: number;
  /** An image worker (serves image models only), or false for a text worker. Default false. */
  image: false | Required<SimImageSpec>;
  mode: SimMode;
  /** Where it says it runs (matched against `routing.region`), or null. Default null. */
  region: string | null;
}

export interface FleetSpec {
  workers: SimWorkerSpec[];
  /**
   * Whether the fleet signs its text results (`ResultSignature`, docs/mock-grid.md "Signed results"). Default
   * false, as on the live grid, where text results arrive unsigned; a grid that refuses unsigned results
   * (`allowUnsignedResults: false`) has its fleet sign whatever this says.
   */
  sign: boolean;
}

/** What `parseFleet` reads: the file's shape, defaults optional. */
export interface FleetInput {
  workers: SimWorkerInput[];
  sign?: boolean;
}

export const SIM_WORKER_DEFAULTS = {
  tokens_per_second: 40,
  ttft_ms: 150,
  max_length: 512,
  max_context_length: 8192,
  trusted: false,
  failure_rate: 0,
  concurrency: 2,
  image: false,
  mode: 'generate',
} as const;

/** The longest `ttft_ms`: a minute, well inside the core's WS lease (5 min) and media lease (15 min). */
export const MAX_TTFT_MS = 60_000;

/** The most connections one simulated worker opens (each a real registration in the core). */
export const MAX_SIM_CONCURRENCY = 4;

/**
 * A fleet that is not valid: `field` is the path in the fleet (`workers[1].failure_rate`; empty for the file as a
 * whole), `reason` names the limit, `source` the file when it came from one.
 */
export class FleetError extends Error {
  override readonly name = 'FleetError';
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly source?: string,
  ) {
    super([source, field, reason].filter((part) => part).join(': '));
  }
}

const WORKER_FIELDS = [
  'name',
  'models',
  'tokens_per_second',
  'ttft_ms',
  'max_length',
  'max_context_length',
  'trusted',
  'failure_rate',
  'concurrency',
  'image',
  'mode',
  'region',
] as const;

/** Checks a parsed fleet file (`{workers: [...]}`) and fills in the defaults. Throws `FleetError`. */
export function parseFleet(value: unknown): FleetSpec {
  const top = object(value, 'fleet');
  unknownFields(top, ['workers', 'sign'], 'fleet');
  if (!Array.isArray(top.workers) || top.workers.length === 0) {
    throw new FleetError('workers', 'expected a non-empty list of workers');
  }
  const workers = top.workers.map((w, i) => parseWorker(w, `workers[${i}]`));
  const seen = new Set<string>();
  for (const [i, w] of workers.entries()) {
    if (seen.has(w.name)) throw new FleetError(`workers[${i}].name`, `'${w.name}' is used twice`);
    seen.add(w.name);
  }
  return { workers, sign: boolean(top.sign, false, 'sign') };
}

function parseWorker(raw: unknown, at: string): SimWorkerSpec {
  const w = object(raw, at);
  unknownFields(w, WORKER_FIELDS, at);
  if (typeof w.name !== 'string' || w.name.trim() === '' || w.name.length > 100) {
    throw new FleetError(`${at}.name`, `expected a non-empty string of at most 100 characters`);
  }
  if (!Array.isArray(w.models) || w.models.length === 0) {
    throw new FleetError(`${at}.models`, 'expected a non-empty list of model names');
  }
  for (const [j, m] of w.models.entries()) {
    if (typeof m !== 'string' || m.trim() === '') {
      throw new FleetError(`${at}.models[${j}]`, `expected a non-empty string, got ${show(m)}`);
    }
  }
  const d = SIM_WORKER_DEFAULTS;
  const spec: SimWorkerSpec = {
    name: w.name,
    models: [...(w.models as string[])],
    tokens_per_second: number(w.tokens_per_second, d.tokens_per_second, `${at}.tokens_per_second`, {
      min: 0,
      exclusive: true,
      max: 1_000_000,
    }),
    ttft_ms: number(w.ttft_ms, d.ttft_ms, `${at}.ttft_ms`, { min: 0, max: MAX_TTFT_MS }),
    max_length: integer(w.max_length, d.max_length, `${at}.max_length`, 1, 1_000_000),
    max_context_length: integer(
      w.max_context_length,
      d.max_context_length,
      `${at}.max_context_length`,
      1,
      10_000_000,
    ),
    trusted: boolean(w.trusted, d.trusted, `${at}.trusted`),
    failure_rate: number(w.failure_rate, d.failure_rate, `${at}.failure_rate`, { min: 0, max: 1 }),
    concurrency: integer(w.concurrency, d.concurrency, `${at}.concurrency`, 1, MAX_SIM_CONCURRENCY),
    image: image(w.image, `${at}.image`),
    mode: mode(w.mode, `${at}.mode`),
    region: region(w.region, `${at}.region`),
  };
  if (spec.image && spec.mode === 'echo') {
    throw new FleetError(`${at}.mode`, 'echo is for text workers (an image worker has no text to echo)');
  }
  return spec;
}

function image(raw: unknown, at: string): SimWorkerSpec['image'] {
  if (raw === undefined || raw === false) return false;
  const o = object(raw, at);
  unknownFields(o, ['max_pixels', 'amount'], at);
  if (o.max_pixels === undefined) throw new FleetError(`${at}.max_pixels`, 'required (e.g. 1048576)');
  return {
    max_pixels: integer(o.max_pixels, 0, `${at}.max_pixels`, 65_536, 16_777_216),
    amount: integer(o.amount, 1, `${at}.amount`, 1, 20),
  };
}

function region(raw: unknown, at: string): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.length >= 1 && raw.length <= 64) return raw;
  throw new FleetError(at, `expected a region name of 1..64 characters (e.g. eu-west), got ${show(raw)}`);
}

function mode(raw: unknown, at: string): SimMode {
  if (raw === undefined) return SIM_WORKER_DEFAULTS.mode;
  if (raw === 'generate' || raw === 'echo') return raw;
  throw new FleetError(at, `expected generate or echo, got ${show(raw)}`);
}

function object(raw: unknown, at: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new FleetError(at, `expected an object, got ${show(raw)}`);
  }
  return raw as Record<string, unknown>;
}

function unknownFields(o: Record<string, unknown>, allowed: readonly string[], at: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      throw new FleetError(`${at}.${key}`, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }
}

function number(
  raw: unknown,
  fallback: number,
  at: string,
  range: { min: number; max: number; exclusive?: boolean },
): number {
  if (raw === undefined) return fallback;
  const low = range.exclusive ? `> ${range.min}` : `${range.min}`;
  const limit = range.exclusive
    ? `expected a number ${low} and <= ${range.max}`
    : `expected ${low}..${range.max}`;
  if (typeof raw !== 'number' || !Number.isFinite(raw))
    throw new FleetError(at, `${limit}, got ${show(raw)}`);
  const tooLow = range.exclusive ? raw <= range.min : raw < range.min;
  if (tooLow || raw > range.max) throw new FleetError(at, `${limit}, got ${show(raw)}`);
  return raw;
}

function integer(raw: unknown, fallback: number, at: string, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    throw new FleetError(at, `expected an integer ${min}..${max}, got ${show(raw)}`);
  }
  return raw;
}

function boolean(raw: unknown, fallback: boolean, at: string): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'boolean') throw new FleetError(at, `expected true or false, got ${show(raw)}`);
  return raw;
}

function show(raw: unknown): string {
  if (raw === undefined) return 'nothing';
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The default fleet (`simulate: true`, `--simulate`): three text models under the grid's names, one of them
 * served by two workers so load sharing shows, and the /v1 default image model (openapi createImage `model`).
 */
export const DEFAULT_FLEET: FleetSpec = parseFleet({
  workers: [
    { name: 'sim-llama-a', models: ['llama-3.1-8b-instruct'], tokens_per_second: 60, ttft_ms: 120 },
    { name: 'sim-llama-b', models: ['llama-3.1-8b-instruct'], tokens_per_second: 45, ttft_ms: 180 },
    { name: 'sim-qwen', models: ['qwen2.5-7b-instruct'], tokens_per_second: 50 },
    { name: 'sim-mistral', models: ['mistral-7b-instruct-v0.3'], tokens_per_second: 35, ttft_ms: 200 },
    {
      name: 'sim-flux',
      models: ['FLUX.2 [klein]'],
      ttft_ms: 400,
      concurrency: 1,
      image: { max_pixels: 1536 * 1536, amount: 2 },
    },
  ],
});
