// AI Horde v2 worker calls: text pop and submit (spec: openapi/paths/api_v2_generate_text_pop.yaml and _submit.yaml; quirks in docs/mock-grid.md).
import type { FetchLike } from '../../backends/http.js';
import { Backoff, realSleep, type Sleep } from '../../util/timing.js';
import { BRIDGE_AGENT } from '../../version.js';
import type {
  HordeError,
  HordeSubmitResponse,
  HordeTextPopRequest,
  HordeTextPopResponse,
  HordeTextSubmitRequest,
} from '../../wire.js';

/** The submit bodies this worker sends: the text with `ok`, or `""` with `faulted`. */
export type SubmitBody = Required<Pick<HordeTextSubmitRequest, 'id' | 'generation' | 'state'>> & {
  state: 'ok' | 'faulted';
};

/** A pop that carried a job. */
export type PoppedJob = HordeTextPopResponse & { id: string };

/** A non-2xx answer from the Horde. */
export class HordeHttpError extends Error {
  override readonly name = 'HordeHttpError';
  constructor(
    readonly status: number,
    readonly rc: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type SubmitResult =
  | { kind: 'accepted'; reward: number }
  /** 404 / DuplicateGen: the grid already has this generation; nothing more to do. */
  | { kind: 'already-submitted'; detail: string }
  /** AbortedGen: the grid gave up on the job before we submitted. */
  | { kind: 'aborted-by-grid'; detail: string }
  | { kind: 'rejected'; status: number; detail: string };

export interface HordeClientOptions {
  url: string;
  apiKey: string;
  fetch?: FetchLike;
  sleep?: Sleep;
  random?: () => number;
  /** Submit retries after the first attempt (default 3), first back-off step (default 1000 ms). */
  submitRetries?: number;
  submitRetryBaseMs?: number;
}

/** Statuses where re-sending the same submit is safe: the Horde answers DuplicateGen if the first one landed. */
const SUBMIT_RETRY = new Set([408, 500, 502, 503]);

export class HordeClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: HordeClientOptions) {
    // multi-bridge's horde_url ends in "/" (which gave "//api/v2"), grid-text-worker's poll-era GRID_API_URL in
    // "/api": both name the same server root.
    this.base = options.url.replace(/\/+$/, '').replace(/\/api$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** One pop. The job, or null for an empty pop (200 with `id: null`: test the id, not the status). */
  async pop(body: Omit<HordeTextPopRequest, 'bridge_agent' | 'amount'>): Promise<PoppedJob | null> {
    const request: HordeTextPopRequest = { ...body, amount: 1, bridge_agent: BRIDGE_AGENT };
    const response = await this.post('/api/v2/generate/text/pop', request, AbortSignal.timeout(40_000));
    if (!response.ok) throw await httpError(response);
    const pop = (await response.json()) as HordeTextPopResponse;
    return pop && typeof pop.id === 'string' && pop.id ? (pop as PoppedJob) : null;
  }

  /** Submits a result, retrying where that is safe. Never throws for HTTP answers; network failures after retries do. */
  async submit(body: SubmitBody): Promise<SubmitResult> {
    const retries = this.options.submitRetries ?? 3;
    const base = this.options.submitRetryBaseMs ?? 1000;
    const backoff = new Backoff({ initialMs: base, maxMs: base * 8, random: this.options.random });
    const sleep = this.options.sleep ?? realSleep;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.post('/api/v2/generate/text/submit', body, AbortSignal.timeout(60_000));
      } catch (error) {
        if (attempt < retries) {
          await sleep(backoff.next());
          continue;
        }
        throw error;
      }
      if (response.ok) {
        const data = (await response.json().catch(() => ({}))) as Partial<HordeSubmitResponse>;
        return { kind: 'accepted', reward: typeof data.reward === 'number' ? data.reward : 0 };
      }
      const error = await httpError(response);
      if (SUBMIT_RETRY.has(response.status) && attempt < retries) {
        await sleep(backoff.next());
        continue;
      }
      if (response.status === 404 || error.rc === 'DuplicateGen')
        return { kind: 'already-submitted', detail: error.message };
      if (error.rc === 'AbortedGen') return { kind: 'aborted-by-grid', detail: error.message };
      return { kind: 'rejected', status: response.status, detail: error.message };
    }
  }

  private post(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    return this.fetchImpl(`${this.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        apikey: this.options.apiKey,
        'client-agent': BRIDGE_AGENT,
      },
      body: JSON.stringify(body),
      signal,
    });
  }
}

async function httpError(response: Response): Promise<HordeHttpError> {
  const text = await response.text().catch(() => '');
  let rc: string | undefined;
  let message = text.slice(0, 300);
  try {
    const body = JSON.parse(text) as Partial<HordeError> & { detail?: string };
    rc = body.rc;
    message = body.message ?? body.detail ?? message;
  } catch {}
  return new HordeHttpError(response.status, rc, `HTTP ${response.status}${rc ? ` ${rc}` : ''}: ${message}`);
}
