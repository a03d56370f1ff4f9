/**
 * The doors' check of a worker's result signature (spec: `ResultSignature` in openapi/components/v1.yaml,
 * `WsDone.worker_sig`, `HordeTextSubmitRequest.worker_sig`). Web Crypto is asynchronous and GridCore's calls
 * are not, so a door checks first and hands `complete` the outcome; the core strikes and refuses to pay for
 * an `invalid` one. Web Crypto only (through `@aipg/sdk/verify`), so the msw handlers run it in a browser too.
 */
import { fromBase64Url, type ResultSignature, resultMessage, sha256Hex } from '@aipg/sdk/verify';
import type { CompleteInput, GridCore } from '../core/index.js';

/** What a `done` frame or a submit body says about its signature. */
export interface SignatureClaim {
  worker_sig?: unknown;
  signed_at?: unknown;
}

/** Whether the result carries a signature at all (`null` is none, as on the live wire). */
export function isSigned(claim: SignatureClaim): boolean {
  return claim.worker_sig !== undefined && claim.worker_sig !== null;
}

/**
 * Checks `claim` over `text`, the text the requester will receive, for live generation `generationId`.
 * `invalid` when the worker registered no key, `signed_at` is missing or the signature does not verify.
 * `textSha256`: the hex SHA-256 of this very `text` when the caller has just made it (a simulated worker that
 * signed it), so it is not hashed a second time.
 */
export async function checkSignature(
  grid: GridCore,
  generationId: string,
  text: string,
  claim: SignatureClaim,
  textSha256?: string,
): Promise<Pick<CompleteInput, 'signature' | 'proof'>> {
  if (!isSigned(claim)) return { signature: 'missing' };
  const signer = grid.signer(generationId);
  // Not live (unknown, finished, someone else's): `complete` answers it with its stale code first.
  if (!signer) return { signature: 'missing' };
  const { worker_sig, signed_at } = claim;
  if (!signer.publicKey || typeof worker_sig !== 'string' || typeof signed_at !== 'number') {
    return { signature: 'invalid' };
  }
  const proof = {
    generation_id: generationId,
    sha256: textSha256 ?? (await sha256Hex(text)),
    signed_at,
    worker: signer.worker,
    worker_sig,
    public_key: signer.publicKey,
  };
  return (await verifies(proof)) ? { signature: 'valid', proof } : { signature: 'invalid' };
}

const ED25519 = { name: 'Ed25519' } as const;

/**
 * `verifySignature` of `@aipg/sdk/verify` over a proof whose `sha256` the door made of the text itself (so the
 * text is not hashed again), with each worker's key imported once: every Web Crypto call is a job on the
 * thread pool, dearer than the hashing it does, and a worker signs every result with the same key. False —
 * never a throw — for a malformed key or signature.
 */
async function verifies(proof: ResultSignature): Promise<boolean> {
  try {
    const signature = fromBase64Url(proof.worker_sig);
    const key = await publicKey(proof.public_key);
    if (!key || signature.length !== 64) return false;
    return await crypto.subtle.verify(ED25519, key, signature, resultMessage(proof));
  } catch {
    return false;
  }
}

/** Imported keys by their base64url text, the most recently added last; bounded, so no worker grows it. */
const imported = new Map<string, Promise<CryptoKey | undefined>>();
const MAX_IMPORTED = 1024;

/** The worker's raw 32-byte Ed25519 key as a `verify` key; undefined when it is not one. */
function publicKey(base64url: string): Promise<CryptoKey | undefined> {
  let key = imported.get(base64url);
  if (key) return key;
  key = (async () => {
    const raw = fromBase64Url(base64url);
    if (raw.length !== 32) return undefined;
    return crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
  })().catch(() => undefined);
  if (imported.size >= MAX_IMPORTED) imported.delete(imported.keys().next().value!);
  imported.set(base64url, key);
  return key;
}
