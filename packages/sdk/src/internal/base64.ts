/**
 * Base64 both ways with the `atob` / `btoa` every runtime has (no Node `Buffer`): image bytes in and out
 * of JSON bodies (`b64_json`, the Horde's `img` with `r2: false`, source images).
 */

/** The standard base64 of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: one `fromCharCode` call per 32 KiB keeps under every engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of base64 `text` (whitespace is ignored, as `atob` does); a `data:…;base64,` prefix is dropped. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(dataURLBase64(text));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The base64 part of a `data:…;base64,…` URL; any other text as it is. */
export function dataURLBase64(text: string): string {
  const comma = text.indexOf(',');
  return text.startsWith('data:') && text.lastIndexOf(';base64', comma) > 0 ? text.slice(comma + 1) : text;
}
