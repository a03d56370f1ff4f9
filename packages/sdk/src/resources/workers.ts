import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type { WorkerList, WsJobKind } from '../generated/openapi';
import { APIResource } from './resource';

export type { WorkerList, WorkerSummary, WsJobKind } from '../generated/openapi';

/** @deprecated Renamed `WsJobKind` in the spec (the old name clashed with the `job` frame's `type` in generators). */
export type WsJobType = WsJobKind;

/** `/v1/workers`: the live registry of connected workers. */
export class Workers extends APIResource {
  /** `GET /v1/workers`. */
  list(options?: RequestOptions): APIPromise<WorkerList> {
    return this._client.call(options, { method: 'GET', path: '/v1/workers' });
  }
}
