/**
 * `@aipg/sdk/verify` — signed results (spec: `ResultSignature` in openapi/components/v1.yaml). A worker signs
 * each result with its Ed25519 key; the grid checks the signature before it pays and shows it, with the
 * worker's public key, beside the result (`/v1`: `grid.signature`; Horde status: each generation's
 * `signature`). `verifyResult` checks it again, offline. Web Crypto only (`globalThis.crypto.subtle`), so it
 * runs in browsers, edge runtimes and Node 20; its own entry, so apps that never verify do not bundle it.
 */
import type { ResultSignature } from './generated/openapi';

export type { ResultSignature };

/** The first line of every signed message: names the message format. */
export const RESULT_SIGNATURE_VERSION = 'aipg-result-v1';

/** What a signature covers, besides the text's hash. */
export interface SignedFields {
  /** The generation id the worker was given (WS `job.id`, Horde pop `id`). */
  generation_id: string;
  /** Lowercase hex SHA-256 of the result text's UTF-8 bytes. */
  sha256: string;
  /** Unix milliseconds. */
  signed_at: number;
  /** The worker's registered name. */
  worker: string;
}

/** A `/v1` chat completion (`grid.signature`) or a Horde generation (`signature`): what `verifyResult` reads. */
export type SignedResult =
  | {
      choices: ReadonlyArray<{ message: { content?: string | null } }>;
      grid?: { signature?: ResultSignature | undefined } | null | undefined;
    }
  | { text: string; signature?: ResultSignature | undefined };

const ED25519 = { name: 'Ed25519' } as const;
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Web Crypto (globalThis.crypto.subtle) is not available in this runtime');
  return s;
}

/** The exact bytes a worker signs: five lines joined by `\n`, the worker name last (spec: ResultSignature). */
export function resultMessage(fields: SignedFields): Uint8Array<ArrayBuffer> {
  const lines = [
    RESULT_SIGNATURE_VERSION,
    fields.generation_id,
    fields.sha256,
    String(fields.signed_at),
    fields.worker,
  ];
  return encoder.encode(lines.join('\n'));
}

/** Lowercase hex SHA-256 of `text`'s UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Bytes → base64url without padding (the spec's encoding of keys and signatures). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) → bytes; throws on characters outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Signs a result with a worker's Ed25519 private key (a Web Crypto `CryptoKey` with the `sign` usage):
 * the `worker_sig` a WS `done` or a Horde submit carries, and the hash it covers.
 */
export async function signResult(
  privateKey: CryptoKey,
  result: { generation_id: string; text: string; signed_at: number; worker: string },
): Promise<{ worker_sig: string; sha256: string }> {
  const sha256 = await sha256Hex(result.text);
  const message = resultMessage({ ...result, sha256 });
  const signature = await subtle().sign(ED25519, privateKey, message);
  return { worker_sig: toBase64Url(new Uint8Array(signature)), sha256 };
}

/**
 * Whether `signature` is a valid Ed25519 signature, by its `public_key`, of `text` (its SHA-256 must be
 * the signature's `sha256`). False — never a throw — for a malformed key or signature.
 */
export async function verifySignature(signature: ResultSignature, text: string): Promise<boolean> {
  try {
    if ((await sha256Hex(text)) !== signature.sha256) return false;
    const key = fromBase64Url(signature.public_key);
    const sig = fromBase64Url(signature.worker_sig);
    if (key.length !== 32 || sig.length !== 64) return false;
    const publicKey = await subtle().importKey('raw', key, ED25519, false, ['verify']);
    return await subtle().verify(ED25519, publicKey, sig, resultMessage(signature));
  } catch {
    return false;
  }
}

/**
 * Checks a result's worker signature offline: a `/v1` chat completion (its `grid.signature` against the
 * choice it covers — with `n > 1` the grid signs the choice its metadata describes, so one choice's text
 * must match) or a Horde generation (its `signature` against its `text`). Resolves false when the result
 * carries no signature, when the text was changed, or when the signature is not the key's.
 */
export async function verifyResult(result: SignedResult): Promise<boolean> {
  if ('choices' in result) {
    const signature = result.grid?.signature;
    if (!signature) return false;
    for (const choice of result.choices) {
      if (await verifySignature(signature, choice.message.content ?? '')) return true;
    }
    return false;
  }
  return result.signature ? verifySignature(result.signature, result.text) : false;
}
