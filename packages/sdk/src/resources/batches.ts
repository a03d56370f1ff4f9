import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type { Batch, BatchCreateRequest, BatchList } from '../generated/openapi';
import { pollHintMs } from '../internal/job-wait';
import { type PagePromise, pages } from '../internal/pages';
import { sleep } from '../internal/sleep';
import { APIResource } from './resource';

export type {
  Batch,
  BatchCreateRequest,
  BatchError,
  BatchList,
  BatchRequestCounts,
  BatchRequestInput,
  BatchRequestOutput,
  BatchStatus,
} from '../generated/openapi';

export interface BatchPollOptions {
  /** Called with every polled batch (status, `request_counts`). */
  onProgress?: ((batch: Batch) => void) | undefined;
  /** Wait between polls, ms. Default: the server's `x-poll-after-ms` hint, else 1 000. */
  pollIntervalMs?: number | undefined;
  /** Stops waiting (rejects with `APIUserAbortError`); the batch keeps running. */
  signal?: AbortSignal | undefined;
}

/** `/v1/batches`: OpenAI-compatible batches over an uploaded JSONL file (an AIPG extension; docs/sdk/batches.md). */
export class Batches extends APIResource {
  /** `POST /v1/batches`: starts a batch (`validating`). */
  create(params: BatchCreateRequest, options?: RequestOptions): APIPromise<Batch> {
    return this._client.call(options, { method: 'POST', path: '/v1/batches', body: params });
  }

  /** `GET /v1/batches/{batch_id}`. */
  retrieve(batchId: string, options?: RequestOptions): APIPromise<Batch> {
    const params = { batch_id: batchId };
    return this._client.call(options, { method: 'GET', path: '/v1/batches/{batch_id}', params });
  }

  /** `GET /v1/batches`, newest first: the first page when awaited; every batch with `for await`. */
  list(
    params: { after?: string; limit?: number } = {},
    options?: RequestOptions,
  ): PagePromise<BatchList, Batch> {
    return pages(
      (after) =>
        this._client.call<BatchList>(options, {
          method: 'GET',
          path: '/v1/batches',
          query: { ...params, after },
        }),
      params.after,
    );
  }

  /** `POST /v1/batches/{batch_id}/cancel`: queued requests are cancelled, running ones finish. */
  cancel(batchId: string, options?: RequestOptions): APIPromise<Batch> {
    const params = { batch_id: batchId };
    return this._client.call(options, { method: 'POST', path: '/v1/batches/{batch_id}/cancel', params });
  }

  /** Creates a batch and polls it until it has ended (`completed`, `failed`, `expired`, `cancelled`). */
  async createAndPoll(
    params: BatchCreateRequest,
    options: BatchPollOptions & RequestOptions = {},
  ): Promise<Batch> {
    return this.poll((await this.create(params, options)).id, options);
  }

  /** Polls a batch until it has ended, honouring the server's `x-poll-after-ms`. */
  async poll(batchId: string, options: BatchPollOptions & RequestOptions = {}): Promise<Batch> {
    for (;;) {
      const { data, response } = await this.retrieve(batchId, options).withResponse();
      options.onProgress?.(data);
      // The statuses a batch ends in are the ones ending in -ed: completed, failed, expired, cancelled.
      if (data.status.endsWith('ed')) return data;
      await sleep(options.pollIntervalMs ?? pollHintMs(response.headers) ?? 1_000, options.signal);
    }
  }
}
