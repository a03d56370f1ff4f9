import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type { ModelStatus } from '../generated/openapi';
import { APIResource } from './resource';

export type { ModelStatus } from '../generated/openapi';

/** `/v1/status/*`: public network statistics. */
export class Status extends APIResource {
  /** `GET /v1/status/models`: per-model worker counts and 24 h performance. */
  models(options?: RequestOptions): APIPromise<ModelStatus[]> {
    return this._client.call(options, { method: 'GET', path: '/v1/status/models' });
  }
}
