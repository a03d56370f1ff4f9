/**
 * What an image is, read from its own bytes, never from a header someone sent: the file type by its magic
 * bytes and the size from the type's header (PNG `IHDR`, JPEG start-of-frame, WebP `VP8 ` / `VP8L` /
 * `VP8X`). The three types of the spec's `ImageOutputFormat` (openapi/components/v1.yaml).
 */

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface ImageInfo {
  mime: ImageMimeType;
  width: number;
  height: number;
}

/** The type and size of `bytes`, or `undefined` when they are not a PNG, JPEG or WebP file (or cut short). */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (at: number, ascii: string) =>
    String.fromCharCode(...bytes.subarray(at, at + ascii.length)) === ascii;
  const info = (mime: ImageMimeType, width: number, height: number): ImageInfo => ({ mime, width, height });
  try {
    // PNG: the 8-byte signature, then the IHDR chunk (big-endian width, height).
    if (has(0, '\x89PNG\r\n\x1a\n') && has(12, 'IHDR')) {
      return info('image/png', view.getUint32(16), view.getUint32(20));
    }
    // WebP: a RIFF container of type WEBP whose first chunk says which bitstream follows.
    if (has(0, 'RIFF') && has(8, 'WEBP')) {
      // Lossy: 3-byte frame tag, start code, then 14-bit little-endian width and height.
      if (has(12, 'VP8 ')) {
        return info('image/webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
      }
      // Lossless: signature byte 0x2f, then width − 1 and height − 1 in 14 bits each.
      if (has(12, 'VP8L')) {
        const bits = view.getUint32(21, true);
        return info('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      }
      // Extended: flags, 3 reserved bytes, then canvas width − 1 and height − 1 in 24 bits each.
      if (has(12, 'VP8X')) {
        const width = (view.getUint32(24, true) & 0xffffff) + 1;
        return info('image/webp', width, (view.getUint32(27, true) & 0xffffff) + 1);
      }
      return undefined;
    }
    // JPEG: SOI, then marker segments up to the start of frame that holds the height and width.
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      for (let at = 2; bytes[at] === 0xff; ) {
        const marker = bytes[at + 1]!;
        if (marker === 0xff)
          at++; // fill byte
        else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8))
          at += 2; // no length field
        else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          // SOF0–SOF15 (not DHT, JPG, DAC): length, precision, height, width.
          return info('image/jpeg', view.getUint16(at + 7), view.getUint16(at + 5));
        } else at += 2 + view.getUint16(at + 2);
      }
    }
  } catch {
    // A header cut short: DataView reads past the end throw a RangeError.
  }
  return undefined;
}
