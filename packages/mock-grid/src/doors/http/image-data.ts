/**
 * A source picture as a client sends it (spec: `ImageGenerationRequest.image`, `HordeImageAsyncRequest.source_image`):
 * raw base64 or a `data:image/…;base64,…` URI, decoded without `Buffer` (the msw handlers run in browsers).
 */
export function decodeImageData(value: string): Uint8Array | null {
  const comma = value.startsWith('data:') ? value.indexOf(',') : -1;
  if (value.startsWith('data:') && (comma === -1 || !value.slice(0, comma).endsWith(';base64'))) return null;
  const text = (comma === -1 ? value : value.slice(comma + 1)).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.length === 0) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** Whether a source is a URL (the Horde accepts one; it is passed on as it is). */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}
