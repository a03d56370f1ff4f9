import { AIPGError } from '../core/errors';

/** The `maxRetries` and `timeout` checks the client and its resources share (one message each). */

export function checkMaxRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new AIPGError(`maxRetries must be an integer ≥ 0 (got ${String(value)})`);
  }
  return value;
}

export function checkTimeout(value: number): number {
  // setTimeout fires immediately beyond 2^31-1 ms, so that is the ceiling (about 24.8 days).
  if (typeof value !== 'number' || !(value > 0) || value > 2_147_483_647) {
    throw new AIPGError(`timeout must be a number of milliseconds in (0, 2147483647] (got ${String(value)})`);
  }
  return value;
}
