// What the chat sends with every question besides the history, and the limits the grid's
// /v1/chat/completions puts on them (checked here so a typo gets a clear message, not a 422).
// The limits are the spec's, as @aipg/sdk exports them.
import { limits } from '@aipg/sdk/wire';

export interface Settings {
  model: string;
  /** Sent as the first message of every request; `undefined` = none. */
  system: string | undefined;
  /** `undefined` = the grid's default (0.7). */
  temperature: number | undefined;
  /** `undefined` = the grid's default (the worker's limit). */
  maxTokens: number | undefined;
  /** The model `/image` asks for; `undefined` = the grid's default image model. */
  imageModel?: string | undefined;
  /** Where `/image` saves its pictures; `undefined` = `DEFAULT_IMAGE_DIR`. */
  imageDir?: string | undefined;
}

export const DEFAULT_MODEL = 'auto';
/** `/image` saves here unless `--image-dir` says otherwise (relative to where the chat runs). */
export const DEFAULT_IMAGE_DIR = 'images';
const { temperature, max_tokens } = limits.ChatCompletionRequest;
export const TEMPERATURE_LIMITS = { min: temperature.minimum, max: temperature.maximum } as const;
export const MAX_TOKENS_LIMITS = { min: max_tokens.minimum, max: max_tokens.maximum } as const;

/** A setting value outside its limits, or not a number. The message names the setting and the limit. */
export class SettingError extends Error {
  override name = 'SettingError';
}

export function parseTemperature(raw: string, name = 'temperature'): number {
  const value = Number(raw);
  const { min, max } = TEMPERATURE_LIMITS;
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new SettingError(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function parseMaxTokens(raw: string, name = 'max tokens'): number {
  const value = Number(raw);
  const { min, max } = MAX_TOKENS_LIMITS;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}
