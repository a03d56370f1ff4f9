import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type { Model, ModelList } from '../generated/openapi';
import { APIResource } from './resource';

export type { Model, ModelList, ModelPricing } from '../generated/openapi';

/** `/v1/models`: text models currently served by connected workers (plus a virtual `auto`). */
export class Models extends APIResource {
  /** `GET /v1/models`. The list changes with worker presence. */
  list(options?: RequestOptions): APIPromise<ModelList> {
    return this._client.call(options, { method: 'GET', path: '/v1/models' });
  }

  /** `GET /v1/models/{model_id}`; an unknown or offline model is a `NotFoundError`. */
  retrieve(modelId: string, options?: RequestOptions): APIPromise<Model> {
    const params = { model_id: modelId };
    return this._client.call(options, { method: 'GET', path: '/v1/models/{model_id}', params });
  }
}
