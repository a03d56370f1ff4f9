import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs, retryWait, shouldRetry } from '../../src/internal/retry';

const response = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe('shouldRetry', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 529])('retries %i', (status) => {
    expect(shouldRetry(response(status))).toBe(true);
  });
  it.each([400, 401, 402, 403, 404, 410, 413, 422])('does not retry %i', (status) => {
    expect(shouldRetry(response(status))).toBe(false);
  });
  it('lets x-should-retry override the status both ways', () => {
    expect(shouldRetry(response(400, { 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetry(response(503, { 'x-should-retry': 'false' }))).toBe(false);
    expect(shouldRetry(response(503, { 'x-should-retry': 'maybe' }))).toBe(true);
  });
});

describe('retryWait', () => {
  const noJitter = () => 0;
  const now = Date.parse('2026-11-27T06:00:00Z');

  it('backs off 0.5 s · 2^n, capped at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryWait(undefined, n, noJitter).ms)).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('jitter removes at most 25 %', () => {
    expect(retryWait(undefined, 0, () => 0.999999).ms).toBeCloseTo(375, 0);
    expect(retryWait(undefined, 4, () => 1).ms).toBe(6000);
  });

  it('honours retry-after-ms, then retry-after seconds or date, within 0–60 s', () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(retryWait(h({ 'retry-after-ms': '1234' }), 0, noJitter, now).ms).toBe(1234);
    expect(retryWait(h({ 'retry-after': '3' }), 0, noJitter, now).ms).toBe(3000);
    expect(retryWait(h({ 'retry-after': '0' }), 3, noJitter, now).ms).toBe(0);
    expect(retryWait(h({ 'retry-after': 'Fri, 27 Nov 2026 06:00:10 GMT' }), 0, noJitter, now).ms).toBe(
      10_000,
    );
  });

  it('ignores hints outside 0–60 s and falls back to the backoff', () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(retryWait(h({ 'retry-after': '61' }), 1, noJitter, now).ms).toBe(1000);
    expect(retryWait(h({ 'retry-after-ms': '-5' }), 1, noJitter, now).ms).toBe(1000);
    expect(retryWait(h({ 'retry-after': 'Fri, 27 Nov 2026 07:00:00 GMT' }), 2, noJitter, now).ms).toBe(2000);
    expect(retryWait(h({ 'retry-after': 'Fri, 27 Nov 2026 05:00:00 GMT' }), 2, noJitter, now).ms).toBe(2000);
    expect(retryWait(h({ 'retry-after': 'later' }), 0, noJitter, now).ms).toBe(500);
  });

  it('says where the wait came from: the server or the backoff', () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(retryWait(h({ 'retry-after': '30' }), 0, noJitter, now)).toEqual({
      ms: 30_000,
      from: 'Retry-After',
    });
    expect(retryWait(h({ 'retry-after-ms': '250' }), 0, noJitter, now).from).toBe('Retry-After');
    expect(retryWait(h({ 'retry-after': '61' }), 0, noJitter, now)).toEqual({ ms: 500, from: 'backoff' });
    expect(retryWait(undefined, 0, noJitter, now).from).toBe('backoff');
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-27T06:00:00Z');
  it.each([
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after': 'Fri, 27 Nov 2026 06:00:05 GMT' }, 5000],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(parseRetryAfterMs(new Headers(headers), now)).toBe(expected);
  });
});
