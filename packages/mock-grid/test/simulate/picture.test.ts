import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { simPicture, simPixels, thumbSide } from '../../src/simulate/index.js';

// The simulated pictures are whole files of the slot's type, the same for the same prompt and seed.
describe('simPicture', () => {
  it('PNG: the IDAT inflates to the gradient, row by row after a filter byte', () => {
    const png = Buffer.from(simPicture('image/png', 'a cat', 3, 320, 160));
    const [w, h] = [thumbSide(320), thumbSide(160)];
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
    const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
    const pixels = simPixels('a cat', 3, w, h);
    for (let y = 0; y < h; y++) {
      expect(raw[y * (w * 3 + 1)]).toBe(0);
      expect([...raw.subarray(y * (w * 3 + 1) + 1, (y + 1) * (w * 3 + 1))]).toEqual([
        ...pixels.subarray(y * w * 3, (y + 1) * w * 3),
      ]);
    }
    expect(png.subarray(-8, -4).toString()).toBe('IEND');
  });

  it('JPEG: SOI, a baseline frame of the picture’s size, EOI', () => {
    const jpeg = Buffer.from(simPicture('image/jpeg', 'a cat', 3, 512, 256));
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect([jpeg.readUInt16BE(sof + 5), jpeg.readUInt16BE(sof + 7)]).toEqual([16, 32]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('WebP: a RIFF of the right size holding a VP8L stream of the picture’s size', () => {
    const webp = Buffer.from(simPicture('image/webp', 'a cat', 3, 256, 256));
    expect(webp.subarray(0, 4).toString()).toBe('RIFF');
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect(webp.subarray(8, 16).toString()).toBe('WEBPVP8L');
    expect(webp[20]).toBe(0x2f);
    const bits = webp.readUInt32LE(21);
    expect([(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1]).toEqual([16, 16]);
  });

  it('is a function of prompt and seed', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp'] as const) {
      expect(simPicture(type, 'p', 1, 256, 256)).toEqual(simPicture(type, 'p', 1, 256, 256));
      expect(simPicture(type, 'p', 1, 256, 256)).not.toEqual(simPicture(type, 'p', 2, 256, 256));
    }
  });
});
