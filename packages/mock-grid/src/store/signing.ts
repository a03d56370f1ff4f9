/**
 * Signed object-store URLs (docs/mock-grid.md "Object store"): HMAC-SHA256 with the grid's own secret over the
 * method, the key and the expiry, so a URL works only for what it was made for and only until it expires.
 * Synchronous (the core's SHA-256), so a WS job frame is signed in the same turn it is sent.
 */
import { sha256Bytes } from '../core/sha256.js';

const encoder = new TextEncoder();
const BLOCK = 64;

/** HMAC-SHA256 (RFC 2104) of `message` under `key`. */
export function hmacSha256(key: Uint8Array, message: string): Uint8Array {
  const k = key.length > BLOCK ? sha256Bytes(key) : key;
  const inner = new Uint8Array(BLOCK);
  const outer = new Uint8Array(BLOCK);
  inner.set(k);
  outer.set(k);
  for (let i = 0; i < BLOCK; i++) {
    inner[i]! ^= 0x36;
    outer[i]! ^= 0x5c;
  }
  const msg = encoder.encode(message);
  const first = new Uint8Array(BLOCK + msg.length);
  first.set(inner);
  first.set(msg, BLOCK);
  const innerHash = sha256Bytes(first);
  const second = new Uint8Array(BLOCK + innerHash.length);
  second.set(outer);
  second.set(innerHash, BLOCK);
  return sha256Bytes(second);
}

export type SignedMethod = 'GET' | 'PUT';

/** The signature of `method` on `key` until `exp` (Unix seconds), as 64 hex digits. */
export function signature(secret: Uint8Array, method: SignedMethod, key: string, exp: number): string {
  let hex = '';
  for (const b of hmacSha256(secret, `${method}\n${key}\n${exp}`)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
