/**
 * The simulated image worker's pictures: a gradient of two colours fixed by the prompt and the seed, small (a
 * sixteenth of each side the request asked for), encoded as the slot's type wants — PNG (the default of /v1 and
 * of Horde requests on the WebSocket), JPEG (grey 8×8 blocks) or WebP (the gradient's mean colour). Every one is a
 * whole, decodable file, and the same prompt and seed always give the same bytes.
 */
import { encodeGreyJpeg } from './jpeg.js';
import { encodePng } from './png.js';
import { hash32, prng } from './text.js';
import { encodeSolidWebp } from './webp.js';

/** The simulated picture's side for a requested side: a sixteenth, 4..96 pixels. */
export function thumbSide(side: number): number {
  return Math.min(96, Math.max(4, Math.round(side / 16)));
}

/** RGB pixels (`width × height × 3`) of the picture for `prompt` and `seed`. */
export function simPixels(prompt: string, seed: number, width: number, height: number): Uint8Array {
  const random = prng(hash32(`${seed}`, hash32(prompt)));
  const from = [random() * 255, random() * 255, random() * 255];
  const to = [random() * 255, random() * 255, random() * 255];
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / Math.max(1, width + height - 2);
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) out[at + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  return out;
}

export type PictureType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The picture for a job slot of `contentType`, for a request of `width × height`. */
export function simPicture(
  contentType: PictureType,
  prompt: string,
  seed: number,
  width: number,
  height: number,
): Uint8Array {
  const w = thumbSide(width);
  const h = thumbSide(height);
  const rgb = simPixels(prompt, seed, w, h);
  if (contentType === 'image/jpeg') {
    // ITU-R BT.601 luma, as JPEG's own colour conversion uses.
    const grey = new Uint8Array(w * h);
    for (let i = 0; i < grey.length; i++) {
      grey[i] = Math.round(0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!);
    }
    return encodeGreyJpeg(w, h, grey);
  }
  if (contentType === 'image/webp') {
    const mean: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < rgb.length; i++) mean[i % 3]! += rgb[i]!;
    return encodeSolidWebp(
      w,
      h,
      [0, 1, 2].map((c) => Math.round(mean[c]! / (w * h))) as [number, number, number],
    );
  }
  return encodePng(w, h, rgb);
}
