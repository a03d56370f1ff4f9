import { describe, expect, it } from 'vitest';
import { ThinkSplitter } from '../../src/backends/think.js';

describe('ThinkSplitter', () => {
  it('passes plain text through, keeping a possible tag start until it is decided', () => {
    const s = new ThinkSplitter();
    expect(s.push('a < b <')).toEqual([{ content: 'a < b ' }]);
    expect(s.push('t')).toEqual([]);
    expect(s.push('able')).toEqual([{ content: '<table' }]);
    expect(s.flush()).toEqual([]);
  });

  it('routes think blocks to reasoning and an unclosed block stays reasoning', () => {
    const s = new ThinkSplitter();
    expect([...s.push('<think>x</think>y<think>z'), ...s.flush()]).toEqual([
      { reasoning_content: 'x' },
      { content: 'y' },
      { reasoning_content: 'z' },
    ]);
  });
});
