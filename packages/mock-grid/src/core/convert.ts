/**
 * Conversions between the two job shapes, so either kind of worker can serve a job from either door.
 *
 * - chat → Horde pop payload: the messages flattened to "System: …\nUser: …\nAssistant:" (like the live
 *   grid's `payload.prompt`), `max_length` ← `max_tokens` clamped to the worker's max_length,
 *   `temperature`, `top_p`, `stop_sequence` ← `stop`.
 * - Horde → WS job payload: `request` is a chat body with one user message holding the prompt, plus
 *   `prompt`, `max_length`, `temperature`, `top_p`.
 */

import type { ChatCompletionRequest, ChatMessage, HordeTextPopPayload, WsJobPayload } from '@aipg/sdk';
import { contentText, limits } from '@aipg/sdk/wire';
import type { Job, Worker } from './entities.js';

/** The Horde parser's defaults (openapi/components/horde.yaml, `HordeTextParams`). */
export const HORDE_DEFAULT_MAX_LENGTH = limits.HordeTextParams.max_length.default;
export const HORDE_DEFAULT_MAX_CONTEXT = limits.HordeTextParams.max_context_length.default;

const ROLE_PREFIX: Record<string, string> = {
  system: '',
  developer: '',
  user: 'User: ',
  assistant: 'Assistant: ',
  tool: 'Tool: ',
};

/**
 * The live grid's legacy prompt (the `WsJobPayload.prompt` contract): system/developer text on its own
 * line, then `User: …`, `Assistant: …`, `Tool: …` lines, ending with `Assistant:`. Other roles are dropped.
 */
export function flattenMessages(messages: ChatMessage[]): string {
  let prompt = '';
  for (const m of messages) {
    const prefix = ROLE_PREFIX[String(m.role)];
    if (prefix !== undefined) prompt += `${prefix}${contentText(m.content)}\n`;
  }
  return `${prompt}Assistant:`;
}

/**
 * Characters of message text: what the 200 000-character limit counts and the token estimate reads. A
 * message's text is `contentText` of its content, the rule the door and the worker use too.
 */
export function promptChars(messages: ChatMessage[]): number {
  let n = 0;
  for (const m of messages) n += contentText(m.content).length;
  return n;
}

function stopList(stop: ChatCompletionRequest['stop']): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  return Array.isArray(stop) ? stop : [stop];
}

/** The tokens this worker will be asked for. */
export function servedMaxLength(job: Job, worker: Worker): number {
  return Math.max(1, Math.min(job.wantTokens ?? worker.maxLength, worker.maxLength));
}

export function popPayload(job: Job, worker: Worker): HordeTextPopPayload {
  const maxLength = servedMaxLength(job, worker);
  const horde = job.req.horde;
  if (horde) {
    const { n: _n, ...params } = horde.params ?? {};
    return {
      ...params,
      prompt: horde.prompt,
      n: 1,
      max_length: maxLength,
      max_context_length: horde.params?.max_context_length ?? HORDE_DEFAULT_MAX_CONTEXT,
    };
  }
  const chat = job.req.chat!;
  const payload: HordeTextPopPayload = {
    prompt: flattenMessages(chat.messages),
    n: 1,
    max_length: maxLength,
    max_context_length: worker.maxContextLength,
  };
  if (typeof chat.temperature === 'number') payload.temperature = chat.temperature;
  if (typeof chat.top_p === 'number') payload.top_p = chat.top_p;
  const stop = stopList(chat.stop);
  if (stop) payload.stop_sequence = stop;
  return payload;
}

/** The /v1 defaults (openapi/components/v1.yaml, `ChatCompletionRequest`), also for Horde jobs that send none. */
export const CHAT_DEFAULT_TEMPERATURE = limits.ChatCompletionRequest.temperature.default;
export const CHAT_DEFAULT_TOP_P = limits.ChatCompletionRequest.top_p.default;

export function wsPayload(job: Job, worker: Worker, model: string): WsJobPayload {
  const maxLength = servedMaxLength(job, worker);
  const horde = job.req.horde;
  if (horde) {
    const params = horde.params ?? {};
    const temperature = params.temperature ?? CHAT_DEFAULT_TEMPERATURE;
    const top_p = params.top_p ?? CHAT_DEFAULT_TOP_P;
    const request: ChatCompletionRequest = {
      model,
      messages: [{ role: 'user', content: horde.prompt }],
      max_tokens: maxLength,
      // The Horde's 0–5 range is wider than a chat request's (openapi/components/ws.yaml, `WsJobPayload.request`).
      temperature: Math.min(temperature, limits.ChatCompletionRequest.temperature.maximum),
      top_p,
      seed: job.seed,
    };
    if (params.stop_sequence?.length) request.stop = params.stop_sequence;
    return {
      request,
      api_format: 'openai-chat',
      prompt: horde.prompt,
      max_length: maxLength,
      temperature,
      top_p,
    };
  }
  const chat = job.req.chat!;
  // The worker gets one completion of the concrete model, with `seed` and `max_tokens` always set;
  // streaming, `n` and routing (`models`, `route`, `routing`) are the grid's business.
  const {
    n: _n,
    stream: _stream,
    stream_options: _so,
    models: _models,
    route: _route,
    routing: _routing,
    ...rest
  } = chat;
  const request: ChatCompletionRequest = { ...rest, model, max_tokens: maxLength, seed: job.seed };
  return {
    request,
    api_format: 'openai-chat',
    prompt: flattenMessages(chat.messages),
    max_length: maxLength,
    temperature: chat.temperature ?? CHAT_DEFAULT_TEMPERATURE,
    top_p: chat.top_p ?? CHAT_DEFAULT_TOP_P,
  };
}

/** The model a worker serves a job with: the first of the job's models the worker has (the lanes already
 *  ensured there is one), or the worker's first model for a job that names none. */
export function chooseModel(job: Job, worker: Worker): string {
  for (const model of job.models) if (worker.modelSet.has(model)) return model;
  return worker.models[0]!;
}

/**
 * The `ChatCompletion` choice one finished text generation answers with: the /v1 door's reply and a batch output
 * line's body are built from it (spec `ChatCompletionChoice`).
 */
export function completionChoice(done: {
  index: number;
  text: string;
  reasoning?: string | undefined;
  finish_reason: string;
}): { index: number; message: Record<string, unknown>; logprobs: null; finish_reason: string } {
  const message: Record<string, unknown> = { role: 'assistant', content: done.text };
  if (done.reasoning) message.reasoning_content = done.reasoning;
  return { index: done.index, message, logprobs: null, finish_reason: done.finish_reason };
}
