/**
 * What a simulated worker will do with one job, as data: `planTextJob` / `planImageJob` compute a plan from the
 * offer and the worker's spec, and the runner (sim-worker.ts) only executes it on the core's clock. Keeping the
 * two apart lets a plan be checked on its own and extended with more outcomes (fault scenarios) without
 * touching the runner.
 */
import type { MediaSlot, WorkerScenario, WsJobOffer, WsMediaJobOffer } from '../core/index.js';
import type { SimWorkerSpec } from './fleet.js';
import { type PictureType, simPicture } from './picture.js';
import { echoText, generateText, seededUnit, stopSequences } from './text.js';

/** Below this many ms between tokens, one timer tick emits several tokens (a fast worker stays cheap). */
export const MIN_TICK_MS = 5;

/**
 * How a job ends: `done` (complete with the text), `fail` (a worker error after `afterTokens` tokens), or
 * `disconnect` (the connection drops after `afterTokens` tokens, and the slot reconnects: the mock scenario
 * `worker-disconnect`).
 */
export type JobOutcome =
  | { kind: 'done' }
  | { kind: 'fail'; message: string; afterTokens: number }
  | { kind: 'disconnect'; afterTokens: number };

export interface JobPlan {
  generationId: string;
  model: string;
  /** Delay before the first token. */
  ttftMs: number;
  /** Delay between tokens (1000 / tokens_per_second). */
  intervalMs: number;
  /** Tokens emitted per timer tick after the first (1 unless `intervalMs` < MIN_TICK_MS). */
  tokensPerTick: number;
  /** The deltas, in order. */
  tokens: string[];
  finishReason: 'stop' | 'length';
  outcome: JobOutcome;
}

/** One picture of a media job: where it goes and its bytes. */
export interface PlannedImage {
  slot: MediaSlot;
  contentType: string;
  bytes: Uint8Array;
}

export interface ImageJobPlan {
  generationId: string;
  model: string;
  /** Delay until the pictures are uploaded and the job is done (a `progress` of 50 is sent halfway). */
  renderMs: number;
  images: PlannedImage[];
  outcome: JobOutcome;
}

/** The plan for a text job: the text from the request and seed, the timing from the spec. */
export function planTextJob(offer: WsJobOffer, spec: SimWorkerSpec): JobPlan {
  const { payload } = offer;
  const seed = payload.request.seed ?? 0;
  // The core sets max_tokens (clamped to the worker's max_length) on every job; the worker's own cap stays.
  const cap = Math.min(payload.max_length ?? spec.max_length, spec.max_length);
  const stop = stopSequences(payload.request);
  const text =
    spec.mode === 'echo'
      ? echoText(payload.request, cap, stop)
      : generateText(payload.prompt, seed, cap, stop);
  const intervalMs = 1000 / spec.tokens_per_second;
  return withScenario(offer.scenario, {
    generationId: offer.id,
    model: offer.model,
    ttftMs: spec.ttft_ms,
    intervalMs,
    tokensPerTick: intervalMs >= MIN_TICK_MS ? 1 : Math.ceil(MIN_TICK_MS / intervalMs),
    tokens: text.tokens,
    finishReason: text.finishReason,
    outcome: outcomeFor(seed, spec),
  });
}

/**
 * The plan as the offer's mock scenario changes it (docs/mock-grid.md "Scenarios and faults"; the core hands a
 * scenario to a simulated worker only, on a job's first attempt): `slow-first-token` waits `ms`,
 * `empty-completion` sends no text, `worker-disconnect` drops the connection after `after` tokens.
 */
function withScenario<P extends JobPlan | ImageJobPlan>(scenario: WorkerScenario | undefined, plan: P): P {
  if (!scenario) return plan;
  const p = scenario.params;
  switch (scenario.name) {
    case 'slow-first-token':
      return 'ttftMs' in plan ? { ...plan, ttftMs: Number(p.ms) } : { ...plan, renderMs: Number(p.ms) };
    case 'empty-completion':
      return 'tokens' in plan
        ? { ...plan, tokens: [], finishReason: 'stop', outcome: { kind: 'done' } }
        : plan;
    case 'worker-disconnect':
      return { ...plan, outcome: { kind: 'disconnect', afterTokens: Number(p.after) } };
    default:
      return plan;
  }
}

/** The plan for a media job: a picture per slot (of the slot's type) from the prompt and the slot's seed, ready
 *  after `ttft_ms`. */
export function planImageJob(offer: WsMediaJobOffer, spec: SimWorkerSpec): ImageJobPlan {
  const { payload } = offer;
  return withScenario(offer.scenario, {
    generationId: offer.id,
    model: offer.model,
    renderMs: spec.ttft_ms,
    images: offer.slots.map((slot) => {
      // Every slot the WS door opens names its type; a null slot takes any image, and PNG is one.
      const contentType = pictureType(slot.contentType);
      return {
        slot,
        contentType,
        bytes: simPicture(contentType, payload.prompt, slot.seed, payload.width, payload.height),
      };
    }),
    outcome: outcomeFor(payload.seed, spec),
  });
}

function pictureType(contentType: string | null): PictureType {
  return contentType === 'image/jpeg' || contentType === 'image/webp' ? contentType : 'image/png';
}

/** A `failure_rate` share of jobs fail, picked by the seed (and the worker's name, so another worker differs). */
function outcomeFor(seed: number, spec: SimWorkerSpec): JobOutcome {
  if (spec.failure_rate > 0 && seededUnit(seed, spec.name) < spec.failure_rate) {
    return { kind: 'fail', message: 'simulated worker failure (failure_rate)', afterTokens: 0 };
  }
  return { kind: 'done' };
}
