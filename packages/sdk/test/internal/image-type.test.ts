import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../src/internal/base64';
import { sniffImage } from '../../src/internal/image-type';
import { base64, jpeg, png, webpExtended, webpLossless, webpLossy } from '../fixtures/images';

describe('sniffImage', () => {
  it.each([
    ['PNG (IHDR)', png, 'image/png'],
    ['JPEG (SOF0 after APP0 and DQT)', jpeg, 'image/jpeg'],
    ['lossless WebP (VP8L)', webpLossless, 'image/webp'],
    ['extended WebP (VP8X)', webpExtended, 'image/webp'],
    ['lossy WebP (VP8)', webpLossy, 'image/webp'],
  ])('reads the type and size of a %s file from its bytes', (_, make, mime) => {
    for (const [width, height] of [
      [1, 1],
      [64, 48],
      [1024, 768],
      [1536, 256],
    ] as const) {
      expect(sniffImage(make(width, height))).toEqual({ mime, width, height });
    }
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const file = png(33, 17);
    const padded = new Uint8Array(file.length + 10);
    padded.set(file, 7);
    expect(sniffImage(padded.subarray(7, 7 + file.length))).toEqual({
      mime: 'image/png',
      width: 33,
      height: 17,
    });
  });

  it('skips JPEG fill bytes before a marker', () => {
    const file = jpeg(40, 24);
    // SOI, then 0xff fill bytes before the APP0 marker.
    const filled = Uint8Array.from([0xff, 0xd8, 0xff, 0xff, ...file.subarray(2)]);
    expect(sniffImage(filled)).toEqual({ mime: 'image/jpeg', width: 40, height: 24 });
  });

  it('is undefined for bytes that are not one of the three types, or cut short', () => {
    const text = new TextEncoder().encode('<html>502 Bad Gateway</html>');
    expect(sniffImage(text)).toBeUndefined();
    expect(sniffImage(new Uint8Array())).toBeUndefined();
    expect(sniffImage(png(8, 8).subarray(0, 18))).toBeUndefined();
    expect(sniffImage(jpeg(8, 8).subarray(0, 30))).toBeUndefined();
    expect(sniffImage(webpLossless(8, 8).subarray(0, 22))).toBeUndefined();
    // A RIFF file that is not WebP (a WAV header).
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
  });
});

describe('base64', () => {
  it('round-trips every byte value and agrees with Node', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    expect(toBase64(bytes)).toBe(base64(bytes));
    expect(fromBase64(base64(bytes))).toEqual(bytes);
  });

  it('decodes a data URL and ignores line breaks', () => {
    const file = png(2, 2);
    expect(fromBase64(`data:image/png;base64,${base64(file)}`)).toEqual(file);
    expect(fromBase64(base64(file).replace(/(.{10})/g, '$1\n'))).toEqual(file);
  });
});
