// Frames of the live worker WebSocket (`/v1/workers/ws`, grid-protocol.md §3.3). Wire names stay snake_case.
// TODO(spec): these mirror components['schemas'] Ws* from @aipg/sdk's generated types until the spec lands.

export interface WsRegister {
  apikey: string;
  name: string;
  models: string[];
  max_length: number;
  max_context_length: number;
  bridge_agent: string;
  api_formats: string[];
  job_types: string[];
}

export interface WsChatMessage {
  role: string;
  content?: string | Array<{ type: string; text?: string }> | null;
}

export interface WsJobPayload {
  request?: {
    messages?: WsChatMessage[];
    max_tokens?: number | null;
    temperature?: number | null;
    top_p?: number | null;
    stop?: string | string[] | null;
    seed?: number | null;
    frequency_penalty?: number | null;
    presence_penalty?: number | null;
    [key: string]: unknown;
  };
  api_format?: string;
  prompt?: string;
  max_length?: number;
  temperature?: number;
  top_p?: number;
}

export interface WsJob {
  type: 'job';
  id: string;
  model: string;
  payload: WsJobPayload;
}

export type WsServerFrame =
  | { type: 'ready'; worker_id: string }
  | { type: 'error'; message: string }
  | { type: 'ping' }
  | WsJob
  | { type: 'cancel'; id: string }
  | { type: 'ack'; id: string; den: number };

export type WsWorkerFrame =
  | { type: 'pong' }
  | { type: 'token'; id: string; delta: { content?: string; reasoning_content?: string } }
  | {
      type: 'done';
      id: string;
      full_text: string;
      full_reasoning?: string;
      finish_reason?: string;
      usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      cancelled?: boolean;
    }
  | { type: 'error'; id: string; message: string; client_error: boolean };
