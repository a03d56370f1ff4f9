// @aipg/sdk/verify: a signature made with signResult verifies with verifyResult — for a /v1 completion and a
// Horde generation — and nothing else does: another text, another key, another worker name, a broken encoding.
import { describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  type ResultSignature,
  resultMessage,
  sha256Hex,
  signResult,
  toBase64Url,
  verifyResult,
} from '../src/verify';

async function keyPair() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  return { privateKey: pair.privateKey, publicKey };
}

async function signed(text: string, worker = 'rig-01'): Promise<ResultSignature> {
  const { privateKey, publicKey } = await keyPair();
  const fields = { generation_id: 'gen-1', text, signed_at: 1_764_640_000_000, worker };
  const { worker_sig, sha256 } = await signResult(privateKey, fields);
  return {
    generation_id: 'gen-1',
    sha256,
    signed_at: fields.signed_at,
    worker,
    worker_sig,
    public_key: publicKey,
  };
}

const completion = (content: string, signature?: ResultSignature) => ({
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  grid: { worker: 'rig-01', ...(signature ? { signature } : {}) },
});

describe('verifyResult', () => {
  it('accepts a signed completion and generation, and rejects the same result with its text modified', async () => {
    const signature = await signed('Hello!');
    expect(await verifyResult(completion('Hello!', signature))).toBe(true);
    expect(await verifyResult(completion('Hello?', signature))).toBe(false);
    expect(await verifyResult({ text: 'Hello!', signature })).toBe(true);
    expect(await verifyResult({ text: 'Hello! ', signature })).toBe(false);
  });

  it('rejects a signature by another key, for another worker or generation, or with a changed time', async () => {
    const signature = await signed('Hello!');
    const other = await signed('Hello!');
    expect(
      await verifyResult({ text: 'Hello!', signature: { ...signature, public_key: other.public_key } }),
    ).toBe(false);
    expect(await verifyResult({ text: 'Hello!', signature: { ...signature, worker: 'rig-02' } })).toBe(false);
    expect(await verifyResult({ text: 'Hello!', signature: { ...signature, generation_id: 'gen-2' } })).toBe(
      false,
    );
    expect(await verifyResult({ text: 'Hello!', signature: { ...signature, signed_at: 1 } })).toBe(false);
  });

  it('resolves false (never throws) for a missing or malformed signature', async () => {
    const signature = await signed('Hello!');
    expect(await verifyResult(completion('Hello!'))).toBe(false);
    expect(await verifyResult({ text: 'Hello!' })).toBe(false);
    expect(await verifyResult({ text: 'Hello!', signature: { ...signature, worker_sig: '!!' } })).toBe(false);
    expect(await verifyResult({ text: 'Hello!', signature: { ...signature, public_key: 'AAAA' } })).toBe(
      false,
    );
  });

  it('signs the message the spec defines (ResultSignature), over the text the requester receives', async () => {
    // The spec's example signature, made with a key generated for it.
    const example: ResultSignature = {
      generation_id: '6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11',
      sha256: '334d016f755cd6dc58c53a86e183882f8ec14f52fb05345887c8a5edd42c87b7',
      signed_at: 1764640000000,
      worker: 'rig-01',
      worker_sig: 'qtHAuJVPk9fCEIWm8N5rcGk9YSP1tmS3cbVAYhyEqRxew81f2bylVg2wfxdYY9LOOxcsmNc95uF7nprTtCT3Ag',
      public_key: '7jB0vF2GwJYDO7cZ--kPBV34QClKBk60_n-YTM-T5kQ',
    };
    expect(await sha256Hex('Hello!')).toBe(example.sha256);
    expect(await verifyResult({ text: 'Hello!', signature: example })).toBe(true);
    expect(new TextDecoder().decode(resultMessage(example))).toBe(
      `aipg-result-v1\n${example.generation_id}\n${example.sha256}\n1764640000000\nrig-01`,
    );
    expect(fromBase64Url(example.public_key)).toHaveLength(32);
    expect(fromBase64Url(example.worker_sig)).toHaveLength(64);
  });
});
