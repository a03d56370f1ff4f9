/**
 * The check of one uploaded output before it is paid (docs/mock-grid.md "Verification"; spec `WsMediaDone`,
 * `HordeImagePopResponse.r2_uploads`): it was uploaded, its bytes are an image (of the slot's type when the slot
 * names one, and of the type its PUT declared, if it declared one) by their magic bytes, and its SHA-256 is the
 * one reported (when one was). Web Crypto's digest: the msw handlers run it in a browser too.
 */
import type { MediaVerdict } from '../core/index.js';
import { sniffImage } from './magic.js';
import type { StoredObject } from './object-store.js';

export async function sha256HexOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export async function verifyUpload(
  object: StoredObject | undefined,
  expected: string | null,
  sha256: string | undefined,
): Promise<MediaVerdict> {
  if (!object) return { ok: false, reason: 'an output was not uploaded' };
  const sniffed = sniffImage(object.bytes);
  if (sniffed === null) return { ok: false, reason: 'an upload is not a PNG, JPEG or WebP image' };
  const declared = expected ?? object.declaredType;
  if (declared !== null && declared !== sniffed) {
    return { ok: false, reason: `an upload is ${sniffed}, not the ${declared} of its slot` };
  }
  if (sha256 !== undefined && (await sha256HexOf(object.bytes)) !== sha256.toLowerCase()) {
    return { ok: false, reason: 'an upload does not match its sha256' };
  }
  return { ok: true, contentType: sniffed };
}
