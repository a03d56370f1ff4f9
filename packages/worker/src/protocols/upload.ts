// Uploading a picture to the grid's object store: a plain `PUT` of the bytes to a signed URL (a WebSocket
// job's `upload[i].put_url`, a Horde pop's `r2_uploads[i]`), retried with back-off on 408, 429, 5xx and
// connection errors; a 403 (expired or changed URL) or another 4xx is final.
import { createHash } from 'node:crypto';
import type { FetchLike } from '../backends/http.js';
import { isAbortError } from '../job.js';
import { causeText } from '../util/errors.js';
import { Backoff, type Sleep } from '../util/timing.js';

export interface PutOptions {
  fetch: FetchLike;
  /** The job's signal: an abort (cancel, hand-back) stops the upload and its retries. */
  signal: AbortSignal;
  sleep: Sleep;
  random: () => number;
  /** Attempts after the first (default 3), first back-off step (default 1000 ms, doubling, jittered). */
  retries?: number;
  retryBaseMs?: number;
}

/** A `PUT` the grid's store did not accept, after the retries. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
}

/** Per attempt: a large picture on a slow uplink still fits. */
const PUT_TIMEOUT_MS = 120_000;

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * PUTs `bytes` to `url`, with `Content-Type: contentType` when given (a Horde upload may go without one).
 * Resolves once the store answered 2xx; rejects with an UploadError, or with the abort when `signal` aborts.
 */
export async function putObject(
  url: string,
  bytes: Uint8Array,
  contentType: string | undefined,
  options: PutOptions,
): Promise<void> {
  const { signal } = options;
  const retries = options.retries ?? 3;
  const base = options.retryBaseMs ?? 1000;
  const backoff = new Backoff({ initialMs: base, maxMs: base * 8, random: options.random });
  for (let attempt = 0; ; attempt++) {
    let problem: string;
    try {
      const response = await options.fetch(url, {
        method: 'PUT',
        headers: contentType ? { 'content-type': contentType } : {},
        // A copy backed by a plain ArrayBuffer: what fetch's BodyInit types accept for raw bytes.
        body: bytes.slice(),
        signal: AbortSignal.any([signal, AbortSignal.timeout(PUT_TIMEOUT_MS)]),
      });
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      if (response.ok) return;
      problem = `HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
      if (!retryable(response.status)) throw new UploadError(`upload refused (${problem})`);
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof UploadError) throw error;
      problem = isAbortError(error) ? `no answer within ${PUT_TIMEOUT_MS / 1000} s` : causeText(error);
    }
    if (attempt >= retries) {
      throw new UploadError(`upload failed after ${attempt + 1} attempts (${problem})`);
    }
    await options.sleep(backoff.next(), signal);
    if (signal.aborted) {
      const aborted = new Error('upload aborted');
      aborted.name = 'AbortError';
      throw aborted;
    }
  }
}

/** Lowercase hex SHA-256 of the bytes (WsMediaResult.sha256, HordeImageSubmitRequest.sha256). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
