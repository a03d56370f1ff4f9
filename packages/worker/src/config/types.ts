// The ONE validated worker configuration. Both bridgeData.yaml and the GRID_* environment variables are turned
// into this shape (camelCase); nothing downstream reads YAML keys or env vars.
import { DEFAULT_BASE_URL } from '@aipg/sdk';
import { limits } from '@aipg/sdk/wire';

export type Protocol = 'websocket' | 'horde';
export type EndpointType = 'openai' | 'koboldai' | 'demo';

/** One model entry = one grid worker identity (its own name, limits and `maxThreads` parallel slots). */
export interface ModelConfig {
  /** The worker name on the grid (extra WebSocket slots register as `name#2` … `name#N`). */
  name: string;
  /** The model id sent to the backend (`model` in the OpenAI request). */
  model: string;
  /**
   * The model name advertised to the grid: `grid_model` if given, else `grid/<model>`. Empty for a koboldai
   * endpoint that names neither: the worker asks the backend (`GET /api/v1/model`) before it registers.
   */
  gridModel: string;
  /** Jobs served in parallel (WebSocket connections, or Horde pop loops). */
  maxThreads: number;
  /** Largest output length (tokens) accepted; jobs asking for more are clamped. */
  maxLength: number;
  /** Largest context (tokens) accepted; jobs asking for more are clamped. */
  maxContextLength: number;
}

export interface EndpointConfig {
  type: EndpointType;
  /** A label for logs. */
  name: string;
  /** Backend base URL: OpenAI-style base (…/v1) or KoboldAI base (http://host:5001); empty for demo. */
  url: string;
  /** Backend key (sent as `Authorization: Bearer`), empty when none. */
  apiKey: string;
  /** Demo backend speed; 0 or Infinity = unlimited. */
  tokensPerSecond: number;
  models: ModelConfig[];
}

export interface WorkerConfig {
  protocol: Protocol;
  /** Grid base URL (http(s)://host[:port]); the WebSocket URL is derived from it. */
  url: string;
  apiKey: string;
  nsfw: boolean;
  /** Accepted for bridgeData compatibility; this worker never pre-fetches jobs (see docs/worker.md). */
  queueSize: number;
  /** How long `drain()` waits for in-flight jobs before handing them back. */
  drainTimeoutMs: number;
  /**
   * When a job is abandoned and reported failed, so the grid re-queues it at once instead of after its lease.
   * WebSocket: this long without output; Horde: this long in total. 0 = never; unset = the protocol's default
   * (DEFAULTS.jobTimeoutSeconds), just under the grid's own limit.
   */
  jobTimeoutMs?: number;
  /** Consecutive backend failures before a pause, and the pause length. */
  circuitBreaker: { failures: number; pauseMs: number };
  endpoints: EndpointConfig[];
}

export const DEFAULTS = {
  /** The grid the SDK talks to by default: one address for the whole repository. */
  url: DEFAULT_BASE_URL,
  maxThreads: 1,
  maxLength: 512,
  maxContextLength: 4096,
  nsfw: false,
  queueSize: 0,
  drainTimeoutSeconds: 60,
  /** Under the live grid's 300 s per-frame timeout (WebSocket) and the Horde's 150 s text job ttl. */
  jobTimeoutSeconds: { websocket: 270, horde: 140 },
  breakerFailures: 5,
  breakerPauseSeconds: 30,
  tokensPerSecond: 50,
} as const;

const pop = limits.HordeTextPopRequest;

/**
 * The limits a config value must respect (used by validation and in error messages). The ones the grid sets
 * come from the spec (openapi/components/horde.yaml, `HordeTextPopRequest`); the rest are this worker's.
 */
export const LIMITS = {
  maxLength: { min: 16 },
  maxContextLength: { min: 16 },
  maxThreads: { min: pop.threads.minimum, max: pop.threads.maximum },
  queueSize: { min: 0, max: 100 },
  /** An advertised model name (`grid_model`). */
  gridModel: { min: pop.models.items.minLength, max: pop.models.items.maxLength },
} as const;
