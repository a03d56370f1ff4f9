// What a picture's bytes say about it: its type by magic bytes and its size from its header. Backends report
// the size they actually produced, and a response that is no picture at all becomes a clear BackendError.
import { BackendError } from '../../errors.js';
import type { ImageMime } from '../../image-job.js';

export interface ImageInfo {
  mime: ImageMime;
  width: number;
  height: number;
}

/** The type and size of a PNG, JPEG or WebP file; undefined for anything else (or a cut-off header). */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, length: number) =>
    at + length <= bytes.length ? String.fromCharCode(...bytes.subarray(at, at + length)) : '';
  // PNG: the 8-byte signature, then IHDR with width and height as big-endian uint32.
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a) {
    if (ascii(12, 4) !== 'IHDR') return undefined;
    return { mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  // JPEG: SOI, then segments until a start-of-frame marker (C0–CF except C4 DHT, C8 JPG, CC DAC).
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    let at = 2;
    while (at + 9 <= bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at += 1; // fill byte
        continue;
      }
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { mime: 'image/jpeg', width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      at += 2 + length;
    }
    return undefined;
  }
  // WebP: RIFF <size> WEBP, then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk.
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP' && bytes.length >= 30) {
    const kind = ascii(12, 4);
    if (kind === 'VP8 ') {
      return {
        mime: 'image/webp',
        width: view.getUint16(26, true) & 0x3fff,
        height: view.getUint16(28, true) & 0x3fff,
      };
    }
    if (kind === 'VP8L') {
      const bits = view.getUint32(21, true);
      return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (kind === 'VP8X') {
      const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
      return { mime: 'image/webp', width: u24(24) + 1, height: u24(27) + 1 };
    }
  }
  return undefined;
}

/** readImageInfo, or a BackendError naming where the bytes came from. */
export function requireImage(bytes: Uint8Array, from: string): ImageInfo {
  const info = readImageInfo(bytes);
  if (!info || info.width === 0 || info.height === 0) {
    const head = Buffer.from(bytes.subarray(0, 8)).toString('hex');
    throw new BackendError(
      `${from} is not a PNG, JPEG or WebP picture (${bytes.length} bytes, starting ${head || '(empty)'})`,
    );
  }
  return info;
}
