import { createHash } from 'node:crypto';
import { encodePng } from '../../src/simulate/png.js';

// Tiny real images for the upload tests: a PNG of one colour (IHDR, IDAT, IEND with CRCs), a JPEG header and
// their SHA-256. The mock grid checks images by their magic bytes; these are whole files all the same.

/** A `width × height` RGB PNG filled with `seed`'s colour (a column pattern in blue), by the simulated worker's
 *  own encoder (src/simulate/png.ts). */
export function png(width: number, height: number, seed = 0): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      rgb.set([seed & 0xff, (seed >> 8) & 0xff, (x * 7) & 0xff], (y * width + x) * 3);
  }
  return encodePng(width, height, rgb);
}

/** The start of a JPEG file (SOI + APP0 JFIF): JPEG by its magic bytes. */
export function jpeg(): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
