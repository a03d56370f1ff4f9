import { describe, expect, it } from 'vitest';
import { contentText } from '../src/wire';

describe('contentText', () => {
  it('is a string content itself', () => {
    expect(contentText('Say hello.')).toBe('Say hello.');
    expect(contentText('')).toBe('');
  });

  it('runs the text of content parts together as they are, skipping parts without a string text', () => {
    const content = [
      { type: 'text', text: 'Look: ' },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      { type: 'text', text: 'a cat' },
      // Any part with a string `text` counts (the spec's rule), whatever its type.
      { type: 'input_text', text: '!' },
      { type: 'text', text: 42 },
      null,
    ];
    expect(contentText(content)).toBe('Look: a cat!');
  });

  it('is empty for null, a missing content and anything that is not a content', () => {
    for (const content of [null, undefined, 42, { text: 'not a list' }, []]) {
      expect(contentText(content), JSON.stringify(content)).toBe('');
    }
  });
});
