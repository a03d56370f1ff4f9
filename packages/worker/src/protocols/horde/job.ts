import type { ModelConfig } from '../../config/types.js';
import type { GridJob } from '../../job.js';
import { clampToLimit, num } from '../params.js';
import type { PoppedJob } from './client.js';

/**
 * A pop → GridJob. max_length / max_context_length are clamped to what this worker advertised: the Horde
 * should not send more, but a client's params reach the backend unchecked otherwise.
 */
export function jobFromPop(pop: PoppedJob, limits: ModelConfig): GridJob {
  const payload: Record<string, unknown> = pop.payload ?? {};
  const prompt = typeof payload.prompt === 'string' ? payload.prompt : '';
  const stop = payload.stop_sequence;
  return {
    id: pop.id,
    protocol: 'horde',
    model: pop.model ?? limits.gridModel,
    messages: [{ role: 'user', content: prompt }],
    prompt,
    params: {
      max_length: clampToLimit(num(payload.max_length) ?? 80, limits.maxLength),
      max_context_length: clampToLimit(num(payload.max_context_length) ?? 1024, limits.maxContextLength),
      temperature: num(payload.temperature),
      top_p: num(payload.top_p),
      top_k: num(payload.top_k),
      rep_pen: num(payload.rep_pen),
      stop: Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : undefined,
      seed: num(payload.sampler_seed),
    },
    raw: payload,
  };
}
