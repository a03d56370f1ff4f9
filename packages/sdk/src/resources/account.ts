import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type { UsageReport } from '../generated/openapi';
import { APIResource } from './resource';

export type { UsageReport, UsageRow, UsageTotals } from '../generated/openapi';

/** A UTC day: `YYYY-MM-DD`, or a `Date` (its UTC day is sent). */
export type UsageDay = string | Date;

export interface UsageParams {
  /** The first UTC day to include. Default: 29 days before `endDate`. */
  startDate?: UsageDay | undefined;
  /** The last UTC day to include. Default: today (on the grid's clock). */
  endDate?: UsageDay | undefined;
}

function day(value: UsageDay | undefined, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid Date`);
  return value.toISOString().slice(0, 10);
}

/** `/v1/account`: what the client's own key has used (AIPG extension, served by the mock grid). */
export class Account extends APIResource {
  /**
   * `GET /v1/account/usage`: requests, prompt and completion tokens, images and den spent, one row per model
   * and UTC day (`UsageReport`). A job counts once, when it completes and is charged. A bad day or a range
   * over 366 days is an `UnprocessableEntityError`; the anonymous key has no usage (`PermissionDeniedError`).
   */
  usage(params: UsageParams = {}, options?: RequestOptions): APIPromise<UsageReport> {
    const query = {
      start_date: day(params.startDate, 'startDate'),
      end_date: day(params.endDate, 'endDate'),
    };
    return this._client.call(options, { method: 'GET', path: '/v1/account/usage', query });
  }
}
