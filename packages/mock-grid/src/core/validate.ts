/**
 * Turns a door's parsed body into the core's job spec, checking meaning (ranges, required fields). The
 * doors validate JSON shape against the OpenAPI document first; these checks keep the core safe when it
 * is driven directly. Every error names the field and the limit.
 */

import type { ChatCompletionRequest, HordeTextAsyncRequest } from '@aipg/sdk';
import { limits } from '@aipg/sdk/wire';
import { HORDE_DEFAULT_MAX_CONTEXT, HORDE_DEFAULT_MAX_LENGTH, promptChars } from './convert.js';
import { GridError } from './errors.js';
import { estimateTokens, tokensForChars } from './tokens.js';

export interface JobSpec {
  n: number;
  models: string[];
  maxLength: number | null;
  wantTokens: number | null;
  maxContextLength: number | null;
  nsfw: boolean;
  trustedWorkers: boolean;
  workers: string[];
  workerBlacklist: boolean;
  seed: number | null;
  promptTokens: number;
}

function invalid(field: string, limit: string | number, message: string): never {
  throw new GridError('InvalidField', message, { field, limit });
}

function optionalNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  integer: boolean,
): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    invalid(
      field,
      `${min}..${max}`,
      `${field} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}`,
    );
  }
  if (value < min || value > max)
    invalid(field, `${min}..${max}`, `${field} must be in ${min}..${max}, got ${value}`);
  return value;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    invalid(field, 'non-empty strings', `${field} must be a list of non-empty strings`);
  }
  return [...new Set(value as string[])];
}

const chat = limits.ChatCompletionRequest;

/** Limits of the live /v1 chat endpoint, from the spec (openapi/components/v1.yaml, `ChatCompletionRequest`). */
export const CHAT_LIMITS = {
  messages: chat.messages.maxItems,
  chars: chat.messages.maxTextChars,
  maxTokens: chat.max_tokens.maximum,
  n: chat.n.maximum,
} as const;

export function chatSpec(req: ChatCompletionRequest): JobSpec {
  if (typeof req !== 'object' || req === null)
    invalid('body', 'object', 'The request body must be an object');
  if (typeof req.model !== 'string' || req.model.length === 0)
    invalid('model', 'non-empty string', 'model is required');
  if (!Array.isArray(req.messages) || req.messages.length === 0) {
    invalid('messages', `1..${CHAT_LIMITS.messages}`, 'messages must be a non-empty list');
  }
  if (req.messages.length > CHAT_LIMITS.messages) {
    invalid('messages', `1..${CHAT_LIMITS.messages}`, `at most ${CHAT_LIMITS.messages} messages are allowed`);
  }
  for (const [i, m] of req.messages.entries()) {
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string') {
      invalid(`messages[${i}].role`, 'string', `messages[${i}] needs a role`);
    }
  }
  const chars = promptChars(req.messages);
  if (chars > CHAT_LIMITS.chars)
    invalid('messages', CHAT_LIMITS.chars, `messages exceed ${CHAT_LIMITS.chars} characters`);
  const maxTokens = optionalNumber(
    req.max_tokens,
    'max_tokens',
    chat.max_tokens.minimum,
    CHAT_LIMITS.maxTokens,
    true,
  );
  const n = optionalNumber(req.n, 'n', chat.n.minimum, CHAT_LIMITS.n, true) ?? chat.n.default;
  optionalNumber(req.temperature, 'temperature', chat.temperature.minimum, chat.temperature.maximum, false);
  optionalNumber(req.top_p, 'top_p', chat.top_p.minimum, chat.top_p.maximum, false);
  const seed = optionalNumber(req.seed, 'seed', chat.seed.minimum, chat.seed.maximum, true);
  const promptTokens = tokensForChars(chars);
  return {
    n,
    models: [req.model],
    maxLength: null,
    wantTokens: maxTokens,
    // The prompt must fit the worker's context.
    maxContextLength: promptTokens > 0 ? promptTokens : null,
    nsfw: false,
    trustedWorkers: false,
    workers: [],
    workerBlacklist: false,
    seed,
    promptTokens,
  };
}

const horde = limits.HordeTextParams;

/**
 * Limits of the AIPG Horde text async endpoint, from the spec (openapi/components/horde.yaml,
 * `HordeTextParams` and `HordeTextAsyncRequest.workers`).
 */
export const HORDE_LIMITS = {
  n: horde.n.maximum,
  maxLength: [horde.max_length.minimum, horde.max_length.maximum],
  maxContext: [horde.max_context_length.minimum, horde.max_context_length.maximum],
  workers: limits.HordeTextAsyncRequest.workers.keptItems,
} as const;

export function hordeSpec(req: HordeTextAsyncRequest): JobSpec {
  if (typeof req !== 'object' || req === null)
    invalid('body', 'object', 'The request body must be an object');
  if (typeof req.prompt !== 'string' || req.prompt.length === 0) {
    throw new GridError('MissingPrompt', 'The generation prompt cannot be empty', { field: 'prompt' });
  }
  const params = req.params ?? {};
  if (typeof params !== 'object' || params === null) invalid('params', 'object', 'params must be an object');
  const n = optionalNumber(params.n, 'params.n', horde.n.minimum, HORDE_LIMITS.n, true) ?? horde.n.default;
  const [minLen, maxLen] = HORDE_LIMITS.maxLength;
  const maxLength =
    optionalNumber(params.max_length, 'params.max_length', minLen, maxLen, true) ?? HORDE_DEFAULT_MAX_LENGTH;
  const [minCtx, maxCtx] = HORDE_LIMITS.maxContext;
  const maxContextLength =
    optionalNumber(params.max_context_length, 'params.max_context_length', minCtx, maxCtx, true) ??
    HORDE_DEFAULT_MAX_CONTEXT;
  if (maxContextLength < maxLength) {
    throw new GridError('TokenOverflow', 'Your max_context_length cannot be smaller than your max_length', {
      field: 'params.max_context_length',
      limit: maxLength,
    });
  }
  optionalNumber(
    params.temperature,
    'params.temperature',
    horde.temperature.minimum,
    horde.temperature.maximum,
    false,
  );
  optionalNumber(params.top_p, 'params.top_p', horde.top_p.minimum, horde.top_p.maximum, false);
  return {
    n,
    models: stringList(req.models, 'models'),
    maxLength,
    wantTokens: maxLength,
    maxContextLength,
    // The Horde parser's default is nsfw=true (docs/mock-grid-core.md, quirk 6.5).
    nsfw: req.nsfw ?? true,
    trustedWorkers: req.trusted_workers ?? false,
    // Only the first few worker ids are kept (`x-kept-items` in the spec).
    workers: stringList(req.workers, 'workers').slice(0, HORDE_LIMITS.workers),
    workerBlacklist: req.worker_blacklist ?? false,
    // Horde text has no seed parameter: the grid mints one.
    seed: null,
    promptTokens: estimateTokens(req.prompt),
  };
}
