/**
 * The fleet's signing key: a fleet with `sign: true`, or on a grid that refuses unsigned results
 * (`--require-signatures`), signs its text results as the reference worker does (spec: `ResultSignature`;
 * docs/mock-grid.md "Simulated workers", "Signed results"), so a simulated result carries `grid.signature` and is
 * paid. Web Crypto only; where it has no Ed25519 the fleet is unsigned.
 */
import { signResult } from '@aipg/sdk/verify';

export interface FleetSigner {
  /** The 32-byte raw public key, base64url: the register frame's `public_key`. */
  publicKey: string;
  privateKey: CryptoKey;
}

/** A new in-memory key pair, or undefined when this runtime's Web Crypto cannot make Ed25519 keys. */
export async function createFleetSigner(): Promise<FleetSigner | undefined> {
  try {
    const ed25519 = { name: 'Ed25519' } as const;
    const pair = (await crypto.subtle.generateKey(ed25519, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    return jwk.x ? { publicKey: jwk.x, privateKey: pair.privateKey } : undefined;
  } catch {
    return undefined;
  }
}

/** The `worker_sig` and `signed_at` a `done` carries for `text` (what the requester receives). */
export async function signText(
  signer: FleetSigner,
  result: { generationId: string; text: string; worker: string; signedAt: number },
): Promise<{ worker_sig: string; signed_at: number }> {
  const { worker_sig, signed_at } = await signTextHashed(signer, result);
  return { worker_sig, signed_at };
}

/** `signText`, and the hex SHA-256 of `text` it signed (so the grid's check need not hash it again). */
export async function signTextHashed(
  signer: FleetSigner,
  result: { generationId: string; text: string; worker: string; signedAt: number },
): Promise<{ worker_sig: string; signed_at: number; sha256: string }> {
  const { worker_sig, sha256 } = await signResult(signer.privateKey, {
    generation_id: result.generationId,
    text: result.text,
    signed_at: result.signedAt,
    worker: result.worker,
  });
  return { worker_sig, signed_at: result.signedAt, sha256 };
}
