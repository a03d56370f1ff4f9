// Reading a job's numbers off the wire, the same way for both protocols' job mappers.

/** A finite number, or undefined for anything else (strings, NaN, null). */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A whole number from 1 up to `limit` (the limit this worker advertised). */
export function clampToLimit(value: number, limit: number): number {
  return Math.max(1, Math.min(Math.floor(value), limit));
}
