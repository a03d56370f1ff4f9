// Signed results through both doors (spec: ResultSignature, WsDone.worker_sig, HordeTextSubmitRequest.worker_sig):
// a good signature is paid and shown beside the result, where @aipg/sdk/verify checks it again; a bad one, or a
// missing one when the grid requires signatures, is a strike and no payment, and the job is retried.
import { signResult, toBase64Url, verifyResult } from '@aipg/sdk/verify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_KEY,
  chatBody,
  MODEL,
  nextJob,
  readSse,
  startTestGrid,
  type TestGrid,
  WORKER_KEY,
} from '../helpers/grid.js';
import type { TestWsWorker } from '../helpers/ws-worker.js';

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

interface Signer {
  publicKey: string;
  sign(
    generationId: string,
    text: string,
    worker: string,
  ): Promise<{ worker_sig: string; signed_at: number }>;
}

async function signer(): Promise<Signer> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey: toBase64Url(raw),
    async sign(generationId, text, worker) {
      const signed_at = 1_764_640_000_000;
      const { worker_sig } = await signResult(pair.privateKey, {
        generation_id: generationId,
        text,
        signed_at,
        worker,
      });
      return { worker_sig, signed_at };
    },
  };
}

/** Streams `text` in two token frames, then sends `done` with `extra` (the signature fields). */
function streamAndFinish(w: TestWsWorker, id: string, text: string, extra: Record<string, unknown>): void {
  const cut = Math.floor(text.length / 2);
  w.send({ type: 'token', id, delta: { content: text.slice(0, cut) } });
  w.send({ type: 'token', id, delta: { content: text.slice(cut) } });
  w.send({ type: 'done', id, full_text: text, finish_reason: 'stop', ...extra });
}

function strikes(name: string): number {
  return t.grid.core.worker(name)?.strikes ?? -1;
}

describe('signed results on the worker WebSocket', () => {
  it('pays a signed done and shows the signature in the completion, where verifyResult checks it', async () => {
    t = await startTestGrid();
    const key = await signer();
    const w = await t.wsWorker('signer-ws', { public_key: key.publicKey });
    const response = t.post('/v1/chat/completions', chatBody());
    const job = await nextJob(w);
    streamAndFinish(w, job.id, 'Hello there', await key.sign(job.id, 'Hello there', 'signer-ws'));
    expect((await w.next('ack')).den).toBeGreaterThan(0);

    const completion = await (await response).json();
    expect(completion.choices[0].message.content).toBe('Hello there');
    expect(completion.grid.signature).toMatchObject({
      generation_id: job.id,
      worker: 'signer-ws',
      public_key: key.publicKey,
      signed_at: 1_764_640_000_000,
    });
    expect(await verifyResult(completion)).toBe(true);
    const edited = {
      ...completion,
      choices: [{ ...completion.choices[0], message: { content: 'Hello there!' } }],
    };
    expect(await verifyResult(edited)).toBe(false);
    expect(strikes('signer-ws')).toBe(0);
  });

  it('puts the signature on the final chunk of a streamed completion', async () => {
    t = await startTestGrid();
    const key = await signer();
    const w = await t.wsWorker('stream-ws', { public_key: key.publicKey });
    const response = t.post('/v1/chat/completions', chatBody({ stream: true }));
    const job = await nextJob(w);
    streamAndFinish(w, job.id, 'Streamed words', await key.sign(job.id, 'Streamed words', 'stream-ws'));
    const chunks = (await readSse(await response)).filter((e) => e !== '[DONE]').map((e) => JSON.parse(e));
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    const signature = chunks.at(-1).grid.signature;
    expect(text).toBe('Streamed words');
    expect(await verifyResult({ text, signature })).toBe(true);
    expect(await verifyResult({ text: 'Streamed word', signature })).toBe(false);
  });

  it('strikes a tampered signature, pays nothing for it and retries the job', async () => {
    t = await startTestGrid();
    const key = await signer();
    const tamperer = await t.wsWorker('tamper-ws', { public_key: key.publicKey });
    const owner = () => t.grid.core.account(WORKER_KEY).earned;
    const response = t.post('/v1/chat/completions', chatBody());
    const first = await nextJob(tamperer);
    // Another worker is idle by now: the retry may go to either one.
    const honestKey = await signer();
    const honest = await t.wsWorker('honest-ws', { public_key: honestKey.publicKey });
    const retried = Promise.race([
      nextJob(tamperer).then((job) => ({ w: tamperer, key, name: 'tamper-ws', job })),
      nextJob(honest).then((job) => ({ w: honest, key: honestKey, name: 'honest-ws', job })),
    ]);
    retried.catch(() => {});
    // Signed over other text than the one streamed: what the client would get is not what was signed.
    streamAndFinish(tamperer, first.id, 'Hello there', await key.sign(first.id, 'Goodbye', 'tamper-ws'));
    expect((await tamperer.next('ack')).den).toBe(0);
    expect(strikes('tamper-ws')).toBe(1);
    expect(owner()).toBe(0);

    // The job comes back as a new generation; signed properly this time, it is paid once.
    const retry = await retried;
    expect(retry.job.id).not.toBe(first.id);
    const good = await retry.key.sign(retry.job.id, 'Hello again', retry.name);
    retry.w.send({ type: 'done', id: retry.job.id, full_text: 'Hello again', ...good });
    const den = (await retry.w.next('ack')).den as number;
    expect(den).toBeGreaterThan(0);
    const completion = await (await response).json();
    expect(completion.choices[0].message.content).toBe('Hello again');
    expect(completion.grid.signature).toMatchObject({ worker: retry.name, public_key: retry.key.publicKey });
    expect(await verifyResult(completion)).toBe(true);
    expect(owner()).toBe(den);
  });

  it('refuses an unsigned done when the grid requires signatures (allowUnsignedResults: false)', async () => {
    // One attempt per job, so each refusal ends its request (the retry itself is the test above).
    t = await startTestGrid({ grid: { allowUnsignedResults: false, maxAttempts: 1 } });
    const w = await t.wsWorker('unsigned-ws');
    const unsigned = t.post('/v1/chat/completions', chatBody());
    const first = await nextJob(w);
    w.send({ type: 'done', id: first.id, full_text: 'Hello' });
    expect((await w.next('ack')).den).toBe(0);
    expect(strikes('unsigned-ws')).toBe(1);
    expect((await unsigned).status).toBe(502);
    // A signature from a worker that registered no key cannot be checked: refused the same way.
    const signedByStranger = t.post('/v1/chat/completions', chatBody());
    const second = await nextJob(w);
    const stranger = await signer();
    w.send({
      type: 'done',
      id: second.id,
      full_text: 'Hello',
      ...(await stranger.sign(second.id, 'Hello', 'unsigned-ws')),
    });
    expect((await w.next('ack')).den).toBe(0);
    expect(strikes('unsigned-ws')).toBe(2);
    expect((await signedByStranger).status).toBe(502);
    expect(t.grid.core.account(WORKER_KEY).earned).toBe(0);
  });
});

describe('signed results on the Horde door', () => {
  const asyncBody = { prompt: 'Once upon a time', params: { max_length: 64 }, models: [MODEL] };
  const pop = async (publicKey?: string) => {
    const body = { name: 'signer-pop', models: [MODEL], ...(publicKey ? { public_key: publicKey } : {}) };
    const res = await t.post('/api/v2/generate/text/pop', body, { apikey: WORKER_KEY });
    return (await res.json()) as { id: string | null };
  };
  const submit = async (body: Record<string, unknown>) =>
    (await t.post('/api/v2/generate/text/submit', body, { apikey: WORKER_KEY })).json();

  it('pays a signed submit; the status generation carries a signature that verifyResult accepts', async () => {
    t = await startTestGrid();
    const key = await signer();
    const { id } = await (await t.post('/api/v2/generate/text/async', asyncBody)).json();
    const job = await pop(key.publicKey);
    const text = ' there was a grid.';
    const { reward } = await submit({
      id: job.id,
      generation: text,
      ...(await key.sign(job.id!, text, 'signer-pop')),
    });
    expect(reward).toBeGreaterThan(0);
    const status = await (await t.get(`/api/v2/generate/text/status/${id}`, { apikey: CLIENT_KEY })).json();
    const generation = status.generations[0];
    expect(generation.signature).toMatchObject({
      generation_id: job.id,
      worker: 'signer-pop',
      public_key: key.publicKey,
    });
    expect(await verifyResult(generation)).toBe(true);
    expect(await verifyResult({ ...generation, text: ' there was a grid!' })).toBe(false);
  });

  it('strikes a submit signed by another key, pays 0 and re-queues the job', async () => {
    t = await startTestGrid();
    const key = await signer();
    const other = await signer();
    await t.post('/api/v2/generate/text/async', asyncBody);
    const first = await pop(key.publicKey);
    const text = ' a tale';
    expect(
      await submit({ id: first.id, generation: text, ...(await other.sign(first.id!, text, 'signer-pop')) }),
    ).toEqual({
      reward: 0,
    });
    expect(strikes('signer-pop')).toBe(1);
    expect(t.grid.core.account(WORKER_KEY).earned).toBe(0);
    const again = await pop(key.publicKey);
    expect(again.id).toEqual(expect.any(String));
    expect(again.id).not.toBe(first.id);
    const { reward } = await submit({
      id: again.id,
      generation: text,
      ...(await key.sign(again.id!, text, 'signer-pop')),
    });
    expect(reward).toBeGreaterThan(0);
  });

  it('refuses an unsigned submit when the grid requires signatures', async () => {
    t = await startTestGrid({ grid: { allowUnsignedResults: false } });
    await t.post('/api/v2/generate/text/async', asyncBody);
    const job = await pop();
    expect(await submit({ id: job.id, generation: ' a tale' })).toEqual({ reward: 0 });
    expect(strikes('signer-pop')).toBe(1);
    expect((await pop()).id).toEqual(expect.any(String));
  });
});
