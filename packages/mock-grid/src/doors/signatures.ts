/**
 * The doors' check of a worker's result signature (spec: `ResultSignature` in openapi/components/v1.yaml,
 * `WsDone.worker_sig`, `HordeTextSubmitRequest.worker_sig`). Web Crypto is asynchronous and GridCore's calls
 * are not, so a door checks first and hands `complete` the outcome; the core strikes and refuses to pay for
 * an `invalid` one. Web Crypto only (through `@aipg/sdk/verify`), so the msw handlers run it in a browser too.
 */
import { sha256Hex, verifySignature } from '@aipg/sdk/verify';
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
 */
export async function checkSignature(
  grid: GridCore,
  generationId: string,
  text: string,
  claim: SignatureClaim,
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
    sha256: await sha256Hex(text),
    signed_at,
    worker: signer.worker,
    worker_sig,
    public_key: signer.publicKey,
  };
  return (await verifySignature(proof, text)) ? { signature: 'valid', proof } : { signature: 'invalid' };
}
