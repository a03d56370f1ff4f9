/**
 * The grid counts tokens itself and never trusts a worker's `usage`: an approximation of ~4 characters
 * per token, at least 1 for any non-empty text, capped at the job's served max_length.
 */
export function estimateTokens(text: string): number {
  return tokensForChars(text.length);
}

export function tokensForChars(chars: number): number {
  return chars <= 0 ? 0 : Math.max(1, Math.ceil(chars / 4));
}

export function countCompletionTokens(text: string, maxLength: number): number {
  return Math.min(estimateTokens(text), Math.max(1, maxLength));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
