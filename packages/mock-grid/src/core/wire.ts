/**
 * Wire shapes the core reads (job inputs) and produces (views, worker payloads).
 *
 * Local interfaces until the `spec` branch lands `packages/sdk/src/generated/openapi.d.ts`; then each is
 * swapped for `components['schemas'][name]` under the same name (the names follow openapi/README.md).
 * Wire names stay snake_case.
 */

// ---- /v1 chat ----------------------------------------------------------------------------------------
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | 'developer' | (string & {});
  content: string | Array<{ type: string; text?: string; [k: string]: unknown }> | null;
  [k: string]: unknown;
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  n?: number | null;
  stream?: boolean | null;
  [k: string]: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface GridMetadata {
  worker: string;
  gen_time: number;
  ttft: number;
  tokens_per_s: number;
  seed: number;
  routing?: string;
}

export interface ModelStatus {
  name: string;
  count: number;
  type: string;
  max_context_length: number;
  samples: number;
  tokens_per_s: number;
  avg_ttft_s: number;
  avg_latency_s: number;
}

export interface WorkerSummary {
  id: string;
  name: string;
  models: string[];
  job_types: string[];
  online: boolean;
}

export interface WorkerList {
  count: number;
  workers: WorkerSummary[];
}

// ---- worker WebSocket ----------------------------------------------------------------------------------
export interface WsJobPayload {
  request: ChatCompletionRequest;
  api_format: 'openai-chat';
  prompt: string;
  max_length: number;
  temperature?: number;
  top_p?: number;
}

export interface WsTokenDelta {
  content?: string;
  reasoning_content?: string;
  tool_calls?: unknown[];
}

// ---- Horde v2 ------------------------------------------------------------------------------------------
export interface HordeTextParams {
  n?: number;
  max_length?: number;
  max_context_length?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequence?: string[];
  [k: string]: unknown;
}

export interface HordeTextAsyncRequest {
  prompt: string;
  params?: HordeTextParams;
  models?: string[];
  workers?: string[];
  worker_blacklist?: boolean;
  trusted_workers?: boolean;
  nsfw?: boolean;
  slow_workers?: boolean;
  dry_run?: boolean;
  softprompt?: string | null;
  [k: string]: unknown;
}

export interface HordeTextPopPayload {
  prompt: string;
  n: number;
  max_length: number;
  max_context_length: number;
  temperature?: number;
  top_p?: number;
  stop_sequence?: string[];
  [k: string]: unknown;
}

/** Pop `skipped` counts (only the reasons this mock computes; all present, zero when none). */
export interface HordeNoValidRequestFound {
  models: number;
  max_length: number;
  max_context_length: number;
  nsfw: number;
  untrusted: number;
  worker_id: number;
  blacklist: number;
}

export interface HordeTextGeneration {
  text: string;
  seed: number;
  worker_id: string;
  worker_name: string;
  model: string;
  state: 'ok' | 'censored' | 'faulted' | 'csam';
  gen_metadata: Array<{ type: string; value: string; ref?: string }>;
}

export interface HordeTextStatus {
  finished: number;
  processing: number;
  restarted: number;
  waiting: number;
  done: boolean;
  faulted: boolean;
  wait_time: number;
  queue_position: number;
  kudos: number;
  is_possible: boolean;
  generations: HordeTextGeneration[];
}

export interface HordeActiveModel {
  name: string;
  count: number;
  performance: number;
  queued: number;
  jobs: number;
  eta: number;
  type: 'text' | 'image';
}

export interface HordePerformance {
  queued_requests: number;
  queued_text_requests: number;
  worker_count: number;
  text_worker_count: number;
  thread_count: number;
  text_thread_count: number;
  queued_megapixelsteps: number;
  past_minute_megapixelsteps: number;
  queued_forms: number;
  interrogator_count: number;
  interrogator_thread_count: number;
  queued_tokens: number;
  past_minute_tokens: number;
}

export interface HordeHeartbeat {
  message: 'OK' | 'DOWN' | 'OVERLOADED';
  version: string;
  queue: number;
  threads: number;
  active_count: number;
  db_connection: boolean;
}

export interface HordeWorkerDetails {
  type: 'text';
  name: string;
  id: string;
  online: boolean;
  requests_fulfilled: number;
  kudos_rewards: number;
  kudos_details: { generated: number; uptime: number };
  performance: string;
  threads: number;
  uptime: number;
  maintenance_mode: boolean;
  paused: boolean;
  info: string | null;
  nsfw: boolean;
  owner: string;
  trusted: boolean;
  flagged: boolean;
  uncompleted_jobs: number;
  models: string[];
  forms: string[];
  team: { name: string | null; id: string | null };
  bridge_agent: string;
  max_length: number;
  max_context_length: number;
  tokens_generated: number;
  messages: unknown[];
}

export interface HordeUserDetails {
  username: string;
  id: number;
  kudos: number;
  evaluating_kudos: number;
  concurrency: number;
  worker_invited: number;
  moderator: boolean;
  kudos_details: {
    accumulated: number;
    gifted: number;
    donated: number;
    admin: number;
    received: number;
    recurring: number;
    awarded: number;
    styled: number;
  };
  worker_count: number;
  worker_ids: string[];
  sharedkey_ids: string[];
  active_generations: { text: string[]; image: string[]; alchemy: string[] };
  monthly_kudos: { amount: number; last_received: string | null };
  trusted: boolean;
  flagged: boolean;
  vpn: boolean;
  service: boolean;
  education: boolean;
  customizer: boolean;
  special: boolean;
  suspicious: number;
  pseudonymous: boolean;
  account_age: number;
  usage: { tokens: number; requests: number };
  contributions: { tokens: number; fulfillments: number };
  records: {
    usage: { tokens: number; megapixelsteps: number };
    contribution: { tokens: number; megapixelsteps: number };
    fulfillment: { text: number; image: number; interrogation: number };
    request: { text: number; image: number; interrogation: number };
  };
}
