import type { RequestOptions, WithRequestID } from '../client';
import type { components } from '../generated/openapi';
import { APIResource } from './resource';

export type ModelStatus = components['schemas']['ModelStatus'];

/** `/v1/status/*`: public network statistics. */
export class Status extends APIResource {
  /** `GET /v1/status/models`: per-model worker counts and 24 h performance. */
  models(options?: RequestOptions): Promise<WithRequestID<ModelStatus[]>> {
    return this._client.call(options, (init) => this._client.raw.GET('/v1/status/models', init));
  }
}
