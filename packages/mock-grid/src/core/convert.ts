/**
 * Conversions between the two job shapes, so either kind of worker can serve a job from either door.
 *
 * - chat → Horde pop payload: the messages flattened to "System: …\nUser: …\nAssistant:" (like the live
 *   grid's `payload.prompt`), `max_length` ← `max_tokens` clamped to the worker's max_length,
 *   `temperature`, `top_p`, `stop_sequence` ← `stop`.
 * - Horde → WS job payload: `request` is a chat body with one user message holding the prompt, plus
 *   `prompt`, `max_length`, `temperature`, `top_p`.
 */
import type { Job, Worker } from './entities.js';
import type { ChatCompletionRequest, ChatMessage, HordeTextPopPayload, WsJobPayload } from './wire.js';

export const HORDE_DEFAULT_MAX_LENGTH = 80;
export const HORDE_DEFAULT_MAX_CONTEXT = 2048;

function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part?.text === 'string' ? part.text : ''))
      .filter((t) => t.length > 0)
      .join('\n');
  }
  return '';
}

function roleLabel(role: string): string {
  return role.length === 0 ? 'User' : role[0]!.toUpperCase() + role.slice(1);
}

/** "System: …\nUser: …\nAssistant:" */
export function flattenMessages(messages: ChatMessage[]): string {
  const lines = messages.map((m) => `${roleLabel(String(m.role))}: ${contentText(m.content)}`);
  lines.push('Assistant:');
  return lines.join('\n');
}

/** Characters of the prompt (for the token estimate). */
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
  if (typeof chat.seed === 'number') payload.seed = chat.seed;
  return payload;
}

export function wsPayload(job: Job, worker: Worker, model: string): WsJobPayload {
  const maxLength = servedMaxLength(job, worker);
  const horde = job.req.horde;
  if (horde) {
    const params = horde.params ?? {};
    const request: ChatCompletionRequest = {
      model,
      messages: [{ role: 'user', content: horde.prompt }],
      max_tokens: maxLength,
      seed: job.seed,
    };
    if (typeof params.temperature === 'number') request.temperature = params.temperature;
    if (typeof params.top_p === 'number') request.top_p = params.top_p;
    if (params.stop_sequence?.length) request.stop = params.stop_sequence;
    const payload: WsJobPayload = {
      request,
      api_format: 'openai-chat',
      prompt: horde.prompt,
      max_length: maxLength,
    };
    if (typeof params.temperature === 'number') payload.temperature = params.temperature;
    if (typeof params.top_p === 'number') payload.top_p = params.top_p;
    return payload;
  }
  const chat = job.req.chat!;
  // The worker gets one completion of the concrete model; streaming and n are the grid's business.
  const { n: _n, stream: _stream, stream_options: _so, ...rest } = chat;
  const request: ChatCompletionRequest = { ...rest, model, max_tokens: maxLength, seed: job.seed };
  const payload: WsJobPayload = {
    request,
    api_format: 'openai-chat',
    prompt: flattenMessages(chat.messages),
    max_length: maxLength,
  };
  if (typeof chat.temperature === 'number') payload.temperature = chat.temperature;
  if (typeof chat.top_p === 'number') payload.top_p = chat.top_p;
  return payload;
}

/** The model a worker serves a job with: the first of the job's models the worker has (the lanes already
 *  ensured there is one), or the worker's first model for a job that names none. */
export function chooseModel(job: Job, worker: Worker): string {
  for (const model of job.models) if (worker.modelSet.has(model)) return model;
  return worker.models[0]!;
}
