// AI Horde v2 worker calls — text pop and submit (spec: openapi/paths/api_v2_generate_text_pop.yaml and
// _submit.yaml) made with @aipg/sdk's `grid.text.worker`, and image pop, progress and submit
// (openapi/paths/api_v2_generate_pop.yaml, _progress.yaml, _submit.yaml) made with the same client's `call`, so
// headers, timeouts and error typing are the SDK's one request pipeline (docs/architecture.md). What stays here
// is the worker's reading of the answers.
import {
  APIConnectionError,
  APIError,
  Grid,
  type HordeImagePopRequest,
  type HordeImagePopResponse,
  type HordeImageProgressRequest,
  type HordeImageSubmitRequest,
  type HordeSubmitResponse,
  type HordeTextPopRequest,
  type HordeTextPopResponse,
  type HordeTextSubmitRequest,
  InternalServerError,
  NotFoundError,
} from '@aipg/sdk';
import type { FetchLike } from '../../backends/http.js';
import { type Log, toLogger } from '../../log.js';
import { Backoff, realSleep, type Sleep } from '../../util/timing.js';
import { BRIDGE_AGENT } from '../../version.js';

/** The submit bodies this worker sends: the text with `ok`, or `""` with `faulted`. */
export type SubmitBody = Required<Pick<HordeTextSubmitRequest, 'id' | 'generation' | 'state'>> & {
  state: 'ok' | 'faulted';
} & Pick<HordeTextSubmitRequest, 'worker_sig' | 'signed_at'>;

/** A pop that carried a job. */
export type PoppedJob = HordeTextPopResponse & { id: string };

/** An image pop that carried a job. */
export type PoppedImageJob = HordeImagePopResponse & { id: string };

/** The image submit bodies this worker sends: `R2` or base64 with `ok`, or `""` with `faulted`. */
export type ImageSubmitBody = Required<
  Pick<HordeImageSubmitRequest, 'id' | 'generation' | 'state' | 'seed'>
> & {
  state: 'ok' | 'faulted';
} & Pick<HordeImageSubmitRequest, 'sha256'>;

export type SubmitResult =
  | { kind: 'accepted'; reward: number }
  /** 404 / DuplicateGen: the grid already has this generation; nothing more to do. */
  | { kind: 'already-submitted'; detail: string }
  /** AbortedGen: the grid gave up on the job before we submitted. */
  | { kind: 'aborted-by-grid'; detail: string }
  | { kind: 'rejected'; status: number | undefined; detail: string };

export interface HordeClientOptions {
  url: string;
  apiKey: string;
  fetch?: FetchLike;
  sleep?: Sleep;
  random?: () => number;
  /** Where the SDK client's own lines (warnings) go; default nowhere. */
  log?: Log;
  /** Submit retries after the first attempt (default 3), first back-off step (default 1000 ms). */
  submitRetries?: number;
  submitRetryBaseMs?: number;
}

/** A pop waits this long for its answer; the Horde answers at once, with or without a job. */
const POP_TIMEOUT_MS = 40_000;
/** Per submit attempt: a long generation is a large body, and a busy Horde is slow to store it. */
const SUBMIT_TIMEOUT_MS = 60_000;
/** A progress report is worth little once late. */
const PROGRESS_TIMEOUT_MS = 10_000;

/**
 * The Horde server root for a configured URL. multi-bridge's horde_url ends in "/" (which gave "//api/v2"),
 * grid-text-worker's poll-era GRID_API_URL in "/api": both name the same root (docs/worker.md, Horde v2).
 */
export function hordeRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/, '');
}

export class HordeClient {
  private readonly grid: Grid;

  constructor(private readonly options: HordeClientOptions) {
    this.grid = new Grid({
      baseURL: hordeRoot(options.url),
      apiKey: options.apiKey,
      clientAgent: BRIDGE_AGENT,
      fetch: options.fetch,
      // Retries are the callers' (the pop loop's back-off, submit() below): their waits run on the worker's
      // clock, which drain and the tests control.
      maxRetries: 0,
      logger: toLogger(options.log ?? (() => {})),
      logLevel: 'info',
    });
  }

  /**
   * One pop. The job, or null for an empty pop (200 with `id: null`: test the id, not the status).
   * A refusal rejects with the SDK's typed error (`AuthenticationError` for 401, with the Horde's `rc`).
   */
  async pop(body: Omit<HordeTextPopRequest, 'bridge_agent' | 'amount'>): Promise<PoppedJob | null> {
    const request: HordeTextPopRequest = { ...body, amount: 1, bridge_agent: BRIDGE_AGENT };
    const pop = await this.grid.text.worker.pop(request, { timeout: POP_TIMEOUT_MS });
    return typeof pop.id === 'string' && pop.id ? (pop as PoppedJob) : null;
  }

  /**
   * Submits a result, retrying where that is safe: on 408, 5xx and connection errors (timeouts included) —
   * re-sending is harmless, as the Horde answers DuplicateGen if the first one landed. Never throws for an
   * HTTP answer; a connection that still fails after the retries does.
   */
  submit(body: SubmitBody): Promise<SubmitResult> {
    return this.submitWithRetries(() => this.grid.text.worker.submit(body, { timeout: SUBMIT_TIMEOUT_MS }));
  }

  /** An image pop, as `pop` (the job, or null for an empty pop), with the image capabilities in `body`. */
  async popImage(body: Omit<HordeImagePopRequest, 'bridge_agent'>): Promise<PoppedImageJob | null> {
    const request: HordeImagePopRequest = { ...body, bridge_agent: BRIDGE_AGENT };
    const pop = await this.grid.call<HordeImagePopResponse>(
      { timeout: POP_TIMEOUT_MS },
      { method: 'POST', path: '/api/v2/generate/pop', body: request },
    );
    return typeof pop.id === 'string' && pop.id ? (pop as PoppedImageJob) : null;
  }

  /** Submits one image of a popped job, with the text submit's retries and reading of the answers. */
  submitImage(body: ImageSubmitBody): Promise<SubmitResult> {
    return this.submitWithRetries(() =>
      this.grid.call<HordeSubmitResponse>(
        { timeout: SUBMIT_TIMEOUT_MS },
        { method: 'POST', path: '/api/v2/generate/submit', body },
      ),
    );
  }

  /** One progress report (AIPG only): no retries, the next report follows soon. Rejects like any call. */
  async progress(body: HordeImageProgressRequest): Promise<void> {
    await this.grid.call(
      { timeout: PROGRESS_TIMEOUT_MS },
      { method: 'POST', path: '/api/v2/generate/progress', body },
    );
  }

  private async submitWithRetries(send: () => Promise<HordeSubmitResponse>): Promise<SubmitResult> {
    const retries = this.options.submitRetries ?? 3;
    const base = this.options.submitRetryBaseMs ?? 1000;
    const backoff = new Backoff({ initialMs: base, maxMs: base * 8, random: this.options.random });
    const sleep = this.options.sleep ?? realSleep;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await send();
        // A 200 is the Horde's "stored": an answer without a readable reward still means accepted.
        return { kind: 'accepted', reward: typeof answer?.reward === 'number' ? answer.reward : 0 };
      } catch (error) {
        if (isRetryableSubmitFailure(error) && attempt < retries) {
          await sleep(backoff.next());
          continue;
        }
        if (!(error instanceof APIError)) throw error;
        return submitOutcome(error);
      }
    }
  }
}

function isRetryableSubmitFailure(error: unknown): boolean {
  return (
    error instanceof APIConnectionError ||
    error instanceof InternalServerError ||
    (error instanceof APIError && error.status === 408)
  );
}

/** What a refused submit means for the job (spec: the submit's 400 / 404 answers). */
function submitOutcome(error: APIError): SubmitResult {
  const detail = hordeErrorText(error);
  // A 2xx whose body was not JSON (the SDK's APIError for it): the submit was still stored.
  if (error.status !== undefined && error.status < 300) return { kind: 'accepted', reward: 0 };
  if (error instanceof NotFoundError || error.rc === 'DuplicateGen') {
    return { kind: 'already-submitted', detail };
  }
  if (error.rc === 'AbortedGen') return { kind: 'aborted-by-grid', detail };
  return { kind: 'rejected', status: error.status, detail };
}

/**
 * A failed call for a log line: `HTTP 401 InvalidAPIKey: No user matching sent API Key.` for an answer (the
 * Horde's `rc` up front, since operators search for it); the SDK's message — which names the URL and the
 * system error — for a connection failure or timeout.
 */
export function hordeErrorText(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined) {
    // The SDK's message is `<status> <the body's message>` (docs/sdk/errors-and-retries.md).
    const said = error.message.replace(/^\d{3} /, '');
    return `HTTP ${error.status}${error.rc ? ` ${error.rc}` : ''}: ${said}`;
  }
  return error instanceof Error ? error.message : String(error);
}
