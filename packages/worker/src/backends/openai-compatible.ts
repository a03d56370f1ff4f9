// OpenAI-compatible chat backend: Ollama (/v1), vLLM, Aphrodite, LM Studio, OpenAI. Streams with SSE.
import { createParser } from 'eventsource-parser';
import { BackendError } from '../errors.js';
import {
  type Backend,
  type GridJob,
  isAbortError,
  type JobContext,
  type JobDelta,
  type JobResult,
  type JobUsage,
} from '../job.js';
import { causeText } from '../util/errors.js';
import { type FetchLike, postJson, probeGet, type RetryOptions, throwIfAborted } from './http.js';
import { ThinkSplitter } from './think.js';

export interface OpenAICompatibleOptions extends RetryOptions {
  /** Base URL including the version segment, e.g. `http://127.0.0.1:11434/v1`. */
  url: string;
  /** The backend's model id, sent as `model`. */
  model: string;
  /** Sent as `Authorization: Bearer` when set. */
  apiKey?: string;
  fetch?: FetchLike;
}

/** Statuses worth another try before any output was produced (busy / overloaded / restarting backend). */
const RETRY_STATUSES = [429, 502, 503, 504] as const;

export function createOpenAICompatibleBackend(options: OpenAICompatibleOptions): Backend {
  const base = options.url.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retry = { retries: 2, retryBaseMs: 1000, ...options };
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  return {
    label: `openai ${base} (${options.model})`,
    // Every OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenAI) lists its models at /models.
    async probe(signal) {
      const response = await probeGet(fetchImpl, `${base}/models`, { headers, signal });
      await response.body?.cancel().catch(() => {});
      return undefined;
    },
    async handle(job: GridJob, ctx: JobContext): Promise<JobResult> {
      const response = await postJson(
        fetchImpl,
        `${base}/chat/completions`,
        requestBody(job, options.model),
        {
          headers,
          signal: ctx.signal,
          retryOn: RETRY_STATUSES,
        },
        retry,
      );
      return readStream(response, ctx);
    },
  };
}

/** The chat request: the job's messages and sampling params, with the job's (clamped) max_length as max_tokens. */
export function requestBody(job: GridJob, model: string): Record<string, unknown> {
  const { params } = job;
  const body: Record<string, unknown> = {
    model,
    messages: job.messages,
    max_tokens: params.max_length,
    temperature: params.temperature,
    top_p: params.top_p,
    stop: params.stop && params.stop.length > 0 ? params.stop : undefined,
    seed: params.seed,
    frequency_penalty: params.frequency_penalty,
    presence_penalty: params.presence_penalty,
    stream: true,
    stream_options: { include_usage: true },
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

interface ChunkChoice {
  delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
  finish_reason?: string | null;
}

async function readStream(response: Response, ctx: JobContext): Promise<JobResult> {
  if (!response.body) throw new BackendError('backend returned no response body');
  let text = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let usage: JobUsage | undefined;
  let sawDone = false;
  let streamError: BackendError | undefined;
  const think = new ThinkSplitter();

  const forward = (deltas: JobDelta[]) => {
    for (const delta of deltas) {
      if (delta.content) text += delta.content;
      if (delta.reasoning_content) reasoning += delta.reasoning_content;
      ctx.emit(delta);
    }
  };

  const parser = createParser({
    onEvent(event) {
      if (sawDone || streamError) return;
      if (event.data.trim() === '[DONE]') {
        sawDone = true;
        return;
      }
      let chunk: { choices?: ChunkChoice[]; usage?: JobUsage | null; error?: { message?: string } };
      try {
        chunk = JSON.parse(event.data);
      } catch {
        streamError = new BackendError(`backend sent a malformed stream event: ${event.data.slice(0, 200)}`);
        return;
      }
      if (chunk.error) {
        streamError = new BackendError(`backend error mid-stream: ${chunk.error.message ?? 'unknown error'}`);
        return;
      }
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) return;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      // vLLM's reasoning parsers name the field `reasoning`, others `reasoning_content`.
      const thought = choice.delta?.reasoning_content ?? choice.delta?.reasoning;
      if (thought) forward([{ reasoning_content: thought }]);
      if (choice.delta?.content) forward(think.push(choice.delta.content));
    },
  });

  // Decoded here rather than through a TextDecoderStream: one stream fewer to build per job and to pass
  // every chunk through on the way to the first token.
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      throwIfAborted(ctx.signal);
      const { value, done } = await reader.read();
      parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      if (streamError) throw streamError;
      if (done || sawDone) break;
    }
  } catch (error) {
    if (ctx.signal.aborted || isAbortError(error)) {
      throwIfAborted(ctx.signal);
      throw error;
    }
    if (error instanceof BackendError) throw error;
    throw new BackendError(`backend stream interrupted: ${causeText(error)}`, { cause: error });
  } finally {
    reader.cancel().catch(() => {});
  }
  // A stream that ends without [DONE] or a finish_reason was cut off: fail rather than return a short result.
  if (!sawDone && !finishReason) {
    throw new BackendError('backend stream ended before completion (no finish_reason, no [DONE])');
  }
  forward(think.flush());
  return {
    text,
    ...(reasoning ? { reasoning } : {}),
    finish_reason: finishReason ?? 'stop',
    ...(usage ? { usage } : {}),
  };
}
