// The one job-handler interface every backend implements. A job is normalised from either protocol
// (the live WebSocket `job` frame or a Horde v2 pop) into a GridJob before any backend sees it.

/** One chat message as the backend receives it (OpenAI shape; content is plain text). */
export interface JobMessage {
  role: string;
  content: string;
}

/** Generation parameters, already clamped to the limits this worker advertised. */
export interface JobParams {
  /** Largest number of tokens to generate. */
  max_length: number;
  /** Largest prompt + output context, in tokens. */
  max_context_length: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  rep_pen?: number;
  stop?: string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
}

export interface GridJob {
  /** The grid's job id (WS `job.id` / Horde procgen id). */
  id: string;
  /** Which protocol delivered the job. */
  protocol: 'websocket' | 'horde';
  /** The model the grid asked for (as advertised; Horde returns it lower-cased). */
  model: string;
  /** Chat messages: the client's messages (WS) or one user message holding the prompt (Horde). */
  messages: JobMessage[];
  /** The flattened prompt (WS `payload.prompt`, Horde `payload.prompt`). */
  prompt: string;
  params: JobParams;
  /** The raw payload the grid sent (WS `payload`, Horde `payload`), params NOT clamped; for backends that want it. */
  raw: Record<string, unknown>;
}

/** A streamed piece of output. */
// A type alias (not an interface) so it is assignable to the wire's open-ended delta/usage objects.
export type JobDelta = {
  content?: string;
  reasoning_content?: string;
};

export type JobUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
};

export type FinishReason = 'stop' | 'length' | 'cancelled' | (string & {});

export interface JobResult {
  /** The full output text (what was streamed as `content`). */
  text: string;
  /** The full reasoning, when the backend produced any. */
  reasoning?: string;
  finish_reason: FinishReason;
  usage?: JobUsage;
}

export interface JobContext {
  /** Aborted when the client cancels, the worker hands the job back, or the job times out. */
  signal: AbortSignal;
  /** Stream a piece of output to the grid as soon as the backend produces it. */
  emit(delta: JobDelta): void;
}

/**
 * Runs one job. Stream deltas through `ctx.emit`, return the final result, throw a BackendError on failure.
 * When `ctx.signal` aborts, stop promptly (throwing is fine): the protocol sends the partial output it saw.
 */
export type JobHandler = (job: GridJob, ctx: JobContext) => Promise<JobResult>;

export interface Backend {
  /** A short label for logs, e.g. `openai http://127.0.0.1:11434/v1`. */
  readonly label: string;
  readonly handle: JobHandler;
  /**
   * Optional health check. The worker takes no jobs until it resolves, and checks again after a failed job;
   * while it throws, the worker stays off the grid. May name the model the backend has loaded.
   */
  readonly probe?: (signal: AbortSignal) => Promise<BackendInfo | undefined>;
}

export interface BackendInfo {
  /** The model the backend serves (used when the config names none, e.g. a KoboldCpp endpoint). */
  model?: string;
}

/** The statuses that mean "the request itself is invalid": the client's fault, not the worker's. */
export function isClientErrorStatus(status: number): boolean {
  return status === 400 || status === 413 || status === 422;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
