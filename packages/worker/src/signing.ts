// The worker's Ed25519 key: it signs every result (spec: `ResultSignature` in openapi/components/v1.yaml) and
// its public half goes to the grid with each register frame and pop (`public_key`). Key operations use Web
// Crypto (`globalThis.crypto.subtle`, Ed25519 since Node 20); the file is the private key as a JWK, mode 0600.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { signResult } from '@aipg/sdk/verify';
import { FatalError } from './errors.js';

/** A worker's signing key pair. */
export interface WorkerKey {
  /** The 32-byte raw public key, base64url without padding: what the grid is sent as `public_key`. */
  publicKey: string;
  privateKey: CryptoKey;
  /** The file it was read from or written to; undefined for a key held only in memory. */
  file?: string;
  /** Whether `loadOrCreateWorkerKey` made it just now (first run). */
  created?: boolean;
}

/** The key file's name beside the config (docs/worker.md, "Signed results"). */
export const WORKER_KEY_FILE = 'aipg-worker.key';

const ED25519 = { name: 'Ed25519' } as const;

/** Where the key lives by default: beside the config file, else in the working directory. */
export function defaultKeyFile(configFile: string | undefined, cwd: string): string {
  return join(configFile ? dirname(configFile) : cwd, WORKER_KEY_FILE);
}

/** A new key pair, held in memory only. */
export async function generateWorkerKey(): Promise<WorkerKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { publicKey: jwk.x!, privateKey: pair.privateKey };
}

/**
 * Reads the key from `file`, or — on first run, when the file does not exist — makes one and writes it
 * there (mode 0600, never over an existing file). Throws a FatalError naming the file when it exists but
 * cannot be read or is not an Ed25519 private key.
 */
export async function loadOrCreateWorkerKey(file: string): Promise<WorkerKey> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new FatalError(`cannot read the worker key ${file} (${code ?? error})`);
  }
  if (text !== undefined) return { ...(await importKey(text, file)), file, created: false };
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  try {
    await writeFile(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
    // The mode above is filtered by the umask; the key must be the owner's alone whatever it is.
    await chmod(file, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another process made it between our read and write: use theirs, so both sign with the same key.
    if (code === 'EEXIST') return loadOrCreateWorkerKey(file);
    throw new FatalError(`cannot write the worker key ${file} (${code ?? error})`);
  }
  return { publicKey: jwk.x!, privateKey: pair.privateKey, file, created: true };
}

async function importKey(text: string, file: string): Promise<Omit<WorkerKey, 'file' | 'created'>> {
  const bad = (why: string) =>
    new FatalError(`the worker key ${file} is not usable (${why}); move it away to make a new one`);
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(text) as JsonWebKey;
  } catch {
    throw bad('not JSON');
  }
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string')
    throw bad('not an Ed25519 private key in JWK form');
  try {
    const privateKey = await crypto.subtle.importKey('jwk', jwk, ED25519, false, ['sign']);
    return { publicKey: jwk.x, privateKey };
  } catch (error) {
    throw bad((error as Error).message);
  }
}

/** The `worker_sig` and `signed_at` of a WS `done` or a Horde submit for `text` (the text the grid delivers). */
export async function signedFields(
  key: WorkerKey,
  result: { generationId: string; text: string; worker: string; now: number },
): Promise<{ worker_sig: string; signed_at: number }> {
  const signed_at = Math.floor(result.now);
  const { worker_sig } = await signResult(key.privateKey, {
    generation_id: result.generationId,
    text: result.text,
    signed_at,
    worker: result.worker,
  });
  return { worker_sig, signed_at };
}
