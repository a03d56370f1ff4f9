import { describe, expect, it } from 'vitest';
import { normalisePath } from '../../../src/doors/http/paths.js';

describe('normalisePath', () => {
  it.each([
    ['/v1/models', '/v1/models'],
    ['//api/v2/generate/text/pop', '/api/v2/generate/text/pop'],
    ['/v2/status/heartbeat', '/api/v2/status/heartbeat'],
    ['//v2//workers/', '/api/v2/workers'],
    ['/v1/models/grid/llama-3/', '/v1/models/grid/llama-3'],
    ['/', '/'],
    ['/v2', '/api/v2'],
    ['/v20/x', '/v20/x'],
  ])('%s → %s', (raw, path) => {
    expect(normalisePath(raw).path).toBe(path);
  });

  it('keeps the query string apart', () => {
    const { path, query } = normalisePath('//api/v2/status/models?type=text&min_count=1');
    expect(path).toBe('/api/v2/status/models');
    expect(query.get('type')).toBe('text');
    expect(query.get('min_count')).toBe('1');
  });
});
