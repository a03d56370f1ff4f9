import { describe, expect, it } from 'vitest';
import {
  AIPGError,
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GoneError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '../../src/index';

describe('APIError.generate', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [402, PaymentRequiredError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [410, GoneError],
    [413, PayloadTooLargeError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, ServiceUnavailableError],
  ])('maps %i to %s', (status, Cls) => {
    const error = APIError.generate(status, { detail: 'x' });
    expect(error).toBeInstanceOf(Cls);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(AIPGError);
    expect(error.name).toBe(Cls.name);
    expect(error.status).toBe(status);
  });

  it('keeps 503 an InternalServerError, and other 4xx plain APIError', () => {
    expect(APIError.generate(503, null)).toBeInstanceOf(InternalServerError);
    const teapot = APIError.generate(418, 'short and stout');
    expect(teapot.constructor).toBe(APIError);
    expect(teapot.message).toBe('418 short and stout');
  });

  it('timeouts are connection errors', () => {
    expect(new APITimeoutError()).toBeInstanceOf(APIConnectionError);
    expect(new APITimeoutError().name).toBe('APITimeoutError');
  });
});

describe('error messages from every body shape', () => {
  it.each([
    ['FastAPI detail', { detail: 'Invalid API key' }, '401 Invalid API key'],
    [
      'FastAPI 422 list',
      { detail: [{ loc: ['body', 'messages'], msg: 'Field required', type: 'missing' }] },
      '401 body.messages: Field required',
    ],
    [
      'OpenAI error',
      { error: { message: 'Rate limit exceeded.', type: 'rate_limit_error' } },
      '401 Rate limit exceeded.',
    ],
    ['Horde rc', { message: 'Wrong API key', rc: 'InvalidAPIKey' }, '401 Wrong API key'],
    [
      'Horde validation',
      { message: 'Input payload validation failed', errors: { prompt: "'prompt' is a required property" } },
      "401 Input payload validation failed (prompt: 'prompt' is a required property)",
    ],
    ['raw text', '<html>Bad Gateway</html>', '401 <html>Bad Gateway</html>'],
    ['empty body', '', '401 status code (no body)'],
    ['unknown JSON', { weird: true }, '401 {"weird":true}'],
  ])('%s', (_, body, message) => {
    expect(APIError.generate(401, body).message).toBe(message);
  });

  it('exposes rc, type, body, headers and requestId', () => {
    const headers = new Headers({ 'x-request-id': 'req_1' });
    const horde = APIError.generate(
      403,
      { message: 'Not enough kudos', rc: 'KudosUpfront' },
      headers,
      'req_1',
    );
    expect(horde.rc).toBe('KudosUpfront');
    expect(horde.requestId).toBe('req_1');
    expect(horde.headers?.get('x-request-id')).toBe('req_1');
    const openai = APIError.generate(429, { error: { message: 'slow', type: 'rate_limit_error' } });
    expect(openai.type).toBe('rate_limit_error');
    expect(openai.body).toEqual({ error: { message: 'slow', type: 'rate_limit_error' } });
  });

  it('truncates a huge raw body', () => {
    const error = APIError.generate(500, 'x'.repeat(5000));
    expect(error.message.length).toBeLessThan(600);
  });
});

describe('RateLimitError', () => {
  it('parses retry-after and the X-RateLimit-* headers', () => {
    const headers = new Headers({
      'retry-after': '7',
      'x-ratelimit-limit': '90',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '42',
    });
    const error = APIError.generate(429, { message: '2 per 1 second' }, headers) as RateLimitError;
    expect(error.retryAfterMs).toBe(7000);
    expect(error.rateLimit).toEqual({ limit: 90, remaining: 0, reset: 42 });
  });

  it('leaves absent values undefined', () => {
    const error = APIError.generate(429, {}, new Headers()) as RateLimitError;
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.rateLimit).toEqual({ limit: undefined, remaining: undefined, reset: undefined });
  });
});
