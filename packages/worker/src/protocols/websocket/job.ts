import { contentText } from '@aipg/sdk/wire';
import type { ModelConfig } from '../../config/types.js';
import type { GridJob, JobMessage } from '../../job.js';
import type { ChatMessage, WsJob } from '../../wire.js';
import { clampToLimit, num } from '../params.js';

/** A `job` frame → GridJob, with max_length clamped to what this worker advertised. */
export function jobFromFrame(frame: WsJob, limits: ModelConfig): GridJob {
  const payload = frame.payload ?? {};
  const request = payload.request ?? {};
  const prompt = typeof payload.prompt === 'string' ? payload.prompt : '';
  const messages: JobMessage[] =
    Array.isArray(request.messages) && request.messages.length > 0
      ? request.messages.map(flattenMessage)
      : [{ role: 'user', content: prompt }];
  const asked = num(payload.max_length) ?? num(request.max_tokens) ?? limits.maxLength;
  const stop = request.stop;
  return {
    id: frame.id,
    protocol: 'websocket',
    model: frame.model,
    messages,
    prompt,
    params: {
      max_length: clampToLimit(asked, limits.maxLength),
      max_context_length: limits.maxContextLength,
      temperature: num(request.temperature) ?? num(payload.temperature),
      top_p: num(request.top_p) ?? num(payload.top_p),
      stop: typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : undefined,
      seed: num(request.seed),
      frequency_penalty: num(request.frequency_penalty),
      presence_penalty: num(request.presence_penalty),
    },
    raw: payload as Record<string, unknown>,
  };
}

/** Content parts → plain text (our backends speak text chat), by the grid's one rule (`contentText`). */
function flattenMessage(message: ChatMessage): JobMessage {
  return { role: message.role, content: contentText(message.content) };
}
