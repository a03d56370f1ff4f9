import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, sha256Hex } from '../../src/core/sha256.js';

describe('the core’s synchronous SHA-256 (keys are stored as these)', () => {
  it('agrees with node:crypto on padding edges, multi-byte text and long input', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ü€😀'.repeat(100)];
    inputs.push('grid_'.repeat(20_000));
    // Around the reused buffer's size, and short inputs again after long ones (nothing left over from before).
    inputs.push('a'.repeat(80), 'b'.repeat(82), 'c'.repeat(83), 'é'.repeat(82), 'abc', 'a'.repeat(55));
    for (const text of inputs) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('compares equal strings equal and any difference (content or length) unequal', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
