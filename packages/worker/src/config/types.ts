// The ONE validated worker configuration. Both bridgeData.yaml and the GRID_* environment variables are turned
// into this shape (camelCase); nothing downstream reads YAML keys or env vars.
import { DEFAULT_BASE_URL } from '@aipg/sdk';
import { limits } from '@aipg/sdk/wire';

export type Protocol = 'websocket' | 'horde';
export type EndpointType = 'openai' | 'koboldai' | 'demo';
/** The image backends: an endpoint of one of these types goes to `imageEndpoints`. */
export type ImageEndpointType = 'comfyui' | 'automatic1111' | 'demo-image';
/** ComfyUI's built-in workflow pairs (backends/images/comfyui/templates.ts). */
export type ImageModelFamily = 'sd15' | 'sdxl' | 'flux';

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

/** What kinds of image job an endpoint accepts (the Horde image pop's `allow_*` flags). */
export interface ImageCapabilities {
  img2img: boolean;
  painting: boolean;
  postProcessing: boolean;
  lora: boolean;
  controlnet: boolean;
}

/** One image model entry = one grid image worker identity. */
export interface ImageModelConfig {
  /** The worker name on the grid. */
  name: string;
  /** What the backend loads: the checkpoint file (ComfyUI `ckpt_name`, A1111 `sd_model_checkpoint`). */
  model: string;
  /** The model name advertised to the grid: `grid_model`, else `model` without its file extension. */
  gridModel: string;
  /** Which built-in ComfyUI workflow pair runs it: `family`, else guessed from the model name. */
  family: ImageModelFamily;
  /** A ComfyUI workflow file of the user's own (resolved against the endpoint's `workflowDir`); empty = built-in. */
  workflowFile: string;
  /** Jobs served in parallel. */
  maxThreads: number;
}

export interface ImageEndpointConfig {
  type: ImageEndpointType;
  /** A label for logs. */
  name: string;
  /** Backend base URL (ComfyUI http://host:8188, A1111 http://host:7860); empty for demo-image. */
  url: string;
  /** The largest picture accepted, width × height (the Horde pop's `max_pixels`). */
  maxPixels: number;
  capabilities: ImageCapabilities;
  /** Where relative `workflow_file` names are looked up; empty = the working directory. */
  workflowDir: string;
  /** Demo image backend speed; 0 or Infinity = unlimited. */
  stepsPerSecond: number;
  /** Most images one job may ask for (`max_batch`; the Horde pop's and WsRegister's `amount`). */
  amount: number;
  models: ImageModelConfig[];
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
  /** The text endpoints. */
  endpoints: EndpointConfig[];
  /** The image endpoints (`type: comfyui | automatic1111 | demo-image` in the same `endpoints:` list). */
  imageEndpoints?: ImageEndpointConfig[];
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
  /**
   * Image jobs: under the live grid's 600 s per-frame timeout of a media job (WebSocket, without progress) and
   * AIPG's 600 s image `ttl` (Horde, in total).
   */
  imageJobTimeoutSeconds: { websocket: 570, horde: 570 },
  breakerFailures: 5,
  breakerPauseSeconds: 30,
  tokensPerSecond: 50,
  /** 1024 × 1024, as comfy-bridge's example config sets it. */
  maxPixels: 1024 * 1024,
  stepsPerSecond: 20,
  /** Images per job, as comfy-bridge's GRID_BATCH_SIZE and the WsRegister default. */
  amount: 4,
  /** What an image endpoint accepts unless the config says otherwise. */
  capabilities: { img2img: true, painting: false, postProcessing: false, lora: true, controlnet: false },
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
  /** From one 64 × 64 picture to the largest a job may ask for, 3072 × 3072 (docs/worker.md, "Image backends"). */
  maxPixels: { min: 64 * 64, max: 3072 * 3072 },
  /** Images per job (openapi/components/horde.yaml, `HordeImagePopRequest.amount`). */
  amount: { min: 1, max: 20 },
} as const;
