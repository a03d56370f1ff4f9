/**
 * How a request body becomes text, the same for the node server and the msw handlers. A body that is not valid
 * UTF-8 is not repaired (replacement characters would change what the client sent): the router answers it with
 * the surface's 400, naming the first bad byte (spec: `V1BadRequest` / `HordeBadRequest` in
 * openapi/components/responses.yaml).
 */
export interface DecodedBody {
  /** The body text; `undefined` when there was no body, or it could not be decoded. */
  text: string | undefined;
  /** Why the body cannot be read, e.g. `request body is not valid UTF-8 (byte 0xff at offset 12)`. */
  problem?: string;
}

export function decodeBody(bytes: Uint8Array): DecodedBody {
  if (bytes.length === 0) return { text: undefined };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const hex = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    return { text: undefined, problem: `request body is not valid UTF-8 (byte 0x${hex} at offset ${at})` };
  }
}

/** Decodes `bytes[0, n)`, as a whole text or (`asPrefix`) as the start of a longer one. */
function decodes(bytes: Uint8Array, n: number, asPrefix = false): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: asPrefix });
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first byte that breaks UTF-8 (only called for a body that failed to decode). */
function firstInvalidByte(bytes: Uint8Array): number {
  // Once a prefix fails, every longer one does: the shortest failing prefix ends where decoding broke.
  let at = bytes.length;
  if (!decodes(bytes, bytes.length, true)) {
    let ok = 0;
    let bad = bytes.length;
    while (bad - ok > 1) {
      const mid = (ok + bad) >>> 1;
      if (decodes(bytes, mid, true)) ok = mid;
      else bad = mid;
    }
    at = bad - 1;
  }
  // A multi-byte sequence cut off there (by the end, or by the byte found) is what is wrong: name its lead byte.
  if (!decodes(bytes, at)) {
    at--;
    while (at > 0 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at--;
  }
  return at;
}
