import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type {
  HordeSubmitResponse,
  HordeTextPopRequest,
  HordeTextPopResponse,
  HordeTextSubmitRequest,
} from '../generated/openapi';
import { APIResource } from './resource';

// The worker-side Horde text types, named as in the spec (openapi/components/horde.yaml).
export type {
  HordeNoValidRequestFound,
  HordeSubmitResponse,
  HordeTextPopPayload,
  HordeTextPopRequest,
  HordeTextPopResponse,
  HordeTextSubmitRequest,
} from '../generated/openapi';

/**
 * The worker side of AI Horde v2 text jobs (`grid.text.worker`): pop a job, submit its generation.
 * Both go through the client's one pipeline: the `apikey` header, `Client-Agent` (set it to your worker's
 * `name:version:contact`), retries, timeouts, and typed errors carrying the Horde's `rc`.
 */
export class TextWorker extends APIResource {
  /**
   * `POST /api/v2/generate/text/pop` (openapi/paths/api_v2_generate_text_pop.yaml): checks the worker in
   * and hands it at most one job. Always 200 — with no job, `id` is `null`: test the id, not the status.
   * Refusals are typed: 401 `AuthenticationError` (`rc: InvalidAPIKey`), 403 `PermissionDeniedError`, …
   */
  pop(body: HordeTextPopRequest, options?: RequestOptions): APIPromise<HordeTextPopResponse> {
    return this._client.call(options, { method: 'POST', path: '/api/v2/generate/text/pop', body });
  }

  /**
   * `POST /api/v2/generate/text/submit` (openapi/paths/api_v2_generate_text_submit.yaml): delivers a
   * popped generation (`state: 'faulted'` with `generation: ''` re-queues it) and resolves to the
   * `reward`. Re-sending is safe — a second submit is refused with 400 `rc: DuplicateGen` — so the
   * client's retries apply. Other refusals: 400 `rc: AbortedGen` (the Horde gave up on the job),
   * 404 `NotFoundError` (`rc: InvalidJobID`, unknown id; workers take it as "already submitted").
   */
  submit(body: HordeTextSubmitRequest, options?: RequestOptions): APIPromise<HordeSubmitResponse> {
    return this._client.call(options, { method: 'POST', path: '/api/v2/generate/text/submit', body });
  }
}
