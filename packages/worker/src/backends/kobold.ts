// KoboldAI / KoboldCpp backend: POST {url}/api/latest/generate with the Horde payload mapping (multi-bridge,
// AI-Horde-Worker). Not streamed: the whole text arrives at once and is emitted as one delta.

import { BackendError } from '../errors.js';
import type { Backend, GridJob, JobContext, JobResult } from '../job.js';
import { causeText } from '../util/errors.js';
import { type FetchLike, postJson, probeGet, type RetryOptions } from './http.js';

export interface KoboldOptions extends RetryOptions {
  /** KoboldAI base URL, e.g. `http://127.0.0.1:5001`. */
  url: string;
  fetch?: FetchLike;
}

export function createKoboldBackend(options: KoboldOptions): Backend {
  const base = options.url.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // KoboldCpp answers 503 while it is busy with another generation: wait and retry (≤5, as multi-bridge does).
  const retry = { retries: 5, retryBaseMs: 1000, ...options };
  return {
    label: `koboldai ${base}`,
    // KoboldAI/KoboldCpp name the loaded model here ("koboldcpp/Tiefighter-13B").
    async probe(signal) {
      const response = await probeGet(fetchImpl, `${base}/api/v1/model`, { signal });
      const body = (await response.json().catch(() => undefined)) as { result?: unknown } | undefined;
      return typeof body?.result === 'string' && body.result ? { model: body.result } : undefined;
    },
    async handle(job: GridJob, ctx: JobContext): Promise<JobResult> {
      const onAbort = () => {
        // KoboldCpp keeps generating after the HTTP request goes away; ask it to stop (best effort).
        fetchImpl(`${base}/api/extra/abort`, { method: 'POST', signal: AbortSignal.timeout(5000) }).catch(
          () => {},
        );
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        const response = await postJson(
          fetchImpl,
          `${base}/api/latest/generate`,
          koboldPayload(job),
          { signal: ctx.signal, retryOn: [503] },
          retry,
        );
        let body: { results?: { text?: unknown }[] } | undefined;
        try {
          body = (await response.json()) as typeof body;
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new BackendError(`backend response unreadable (cut off or not JSON): ${causeText(error)}`, {
            cause: error,
          });
        }
        const text = body?.results?.[0]?.text;
        if (typeof text !== 'string') throw new BackendError('backend response has no results[0].text');
        if (text) ctx.emit({ content: text });
        return { text, finish_reason: 'stop' };
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
      }
    },
  };
}

/**
 * The generate body: a Horde job's payload as-is (every Kobold sampler field the client sent) with the clamped
 * limits; a WebSocket job's prompt and params in Kobold names. Always `quiet: true` (no prompt echo in logs).
 */
export function koboldPayload(job: GridJob): Record<string, unknown> {
  const { params } = job;
  const body: Record<string, unknown> =
    job.protocol === 'horde'
      ? { ...job.raw }
      : {
          prompt: job.prompt,
          temperature: params.temperature,
          top_p: params.top_p,
          top_k: params.top_k,
          rep_pen: params.rep_pen,
          stop_sequence: params.stop,
          sampler_seed: params.seed,
        };
  body.prompt = job.prompt;
  body.max_length = params.max_length;
  body.max_context_length = params.max_context_length;
  body.quiet = true;
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
