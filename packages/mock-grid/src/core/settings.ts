/** The grid's options with every default filled in, checked once at construction. */
import { limits } from '@aipg/sdk/wire';
import { GridError } from './errors.js';
import type { StandingSettings } from './routing/standing.js';
import type { GridOptions, PricingOptions } from './types.js';

/** Defaults, each matching the live grid or upstream Horde where one exists (docs/mock-grid-core.md). */
export const GRID_DEFAULTS = {
  authMode: 'open' as const,
  /** Open mode only: in strict mode the anonymous key is refused unless `allowAnonymous: true` is given. */
  allowAnonymous: true,
  startingBalance: 1000,
  maxInFlight: 24,
  chatRateLimit: { limit: 30, windowMs: 60_000 },
  hordeAsyncRateLimit: { limit: 2, windowMs: 1_000 },
  imageRateLimit: { limit: 10, windowMs: 60_000 },
  wsMediaLeaseMs: 900_000,
  imagePopLeaseMs: 600_000,
  maxMediaInFlight: 4,
  wsLeaseMs: 300_000,
  popLeaseMs: 150_000,
  popTtlSeconds: 86_400,
  maxAttempts: 3,
  popOfflineMs: 300_000,
  strikeLimit: 6,
  strikeWindowMs: 300_000,
  cooldownLadderMs: [30_000, 120_000, 600_000, 3_600_000],
  ladderResetMs: 3_600_000,
  denPerToken: 0.1,
  hordeTax: 1,
  upfrontKudos: false,
  retentionMs: 600_000,
  wsRetentionMs: 60_000,
  scanLimit: 64,
  noWorkerTimeoutMs: 60_000,
  streamCapFactor: 2,
  allowUnsignedResults: true,
  // A worker that does not say (the spec's pop defaults; WS register frames default the same).
  workerMaxLength: limits.HordeTextPopRequest.max_length.default,
  workerMaxContextLength: limits.HordeTextPopRequest.max_context_length.default,
};

/**
 * The Batch API's limits and pacing (docs/mock-grid-core.md "Batches"). The limits are the spec's
 * (openapi/components/batch.yaml `FileUploadRequest.file`, `BatchCreateRequest.input_file_id`).
 */
export interface BatchSettings {
  /** Bytes per uploaded file. Default 8 MiB. */
  maxFileBytes: number;
  /** Request lines per batch file. Default 10 000. */
  maxFileLines: number;
  /** Bytes per request line. Default 1 MiB. */
  maxLineBytes: number;
  /** Files a key may hold (uploaded and written). Default 100. */
  maxFilesPerKey: number;
  /** Batches of a key that have not ended. Default 16. */
  maxActiveBatches: number;
  /** Requests of one batch queued or running at a time: what keeps a batch from crowding the queue. Default 4. */
  inFlightPerBatch: number;
  /** The `24h` completion window, in ms. Default 86 400 000. */
  completionWindowMs: number;
}

const fileLimits = limits.FileUploadRequest.file;
export const BATCH_DEFAULTS: BatchSettings = {
  maxFileBytes: fileLimits.maxFileBytes,
  maxFileLines: fileLimits.maxFileLines,
  maxLineBytes: fileLimits.maxLineBytes,
  maxFilesPerKey: fileLimits.maxFilesPerKey,
  maxActiveBatches: limits.BatchCreateRequest.input_file_id.maxActiveBatchesPerKey,
  inFlightPerBatch: 4,
  completionWindowMs: 86_400_000,
};

/** How a worker's measured figures and reputation fade (docs/mock-grid-core.md "Routing", "Reputation"). */
export interface RoutingSettings extends StandingSettings {
  /**
   * How long a pop worker whose pop found nothing counts as free for the router, and how long a job the router
   * gave it is kept for its next pop. Default 5 s.
   */
  popStandbyMs: number;
}

export const ROUTING_DEFAULTS: RoutingSettings = {
  popStandbyMs: 5_000,
  speedHalfLifeMs: 600_000,
  reliabilityHalfLifeMs: 600_000,
  reputationHalfLifeMs: 3_600_000,
  uptimeMarkMs: 600_000,
};

/**
 * Verification of workers (docs/mock-grid-core.md "Verification"): a probe with a known answer before a
 * worker's first real job, and canaries now and then. Off by default.
 */
export interface VerificationSettings {
  /** A new text worker must answer a probe before it gets real jobs. Default false. */
  probe: boolean;
  /** A verified text worker gets a canary this long after its last check ended; null: no canaries. */
  canaryEveryMs: number | null;
  /** A probe or canary not answered this long after it was handed out fails (too slow). Default 30 s. */
  timeoutMs: number;
  /** After a failed probe the next one comes this long later, doubled per failure in a row. Default 60 s. */
  retryMs: number;
  /** The longest wait between probes. Default 1 h. */
  retryMaxMs: number;
  /** Words the worker is asked to repeat. Default 5. */
  words: number;
}

export const VERIFICATION_DEFAULTS: VerificationSettings = {
  probe: false,
  canaryEveryMs: null,
  timeoutMs: 30_000,
  retryMs: 60_000,
  retryMaxMs: 3_600_000,
  words: 5,
};

/** `--verify` and `verification: true`: probes, and a canary every 10 min. */
export const VERIFICATION_ON: Partial<VerificationSettings> = { probe: true, canaryEveryMs: 600_000 };

/** The pricing rule's defaults: an 8B-class model at up to 8192 tokens of context is priced at `denPerToken`. */
export const PRICING_DEFAULTS: Required<PricingOptions> = {
  referenceParams: 8,
  sizeExponent: 1,
  referenceContext: 8192,
  contextExponent: 0.5,
  denPerMegapixelStep: 1,
};

export type Settings = Required<
  Omit<
    GridOptions,
    'clock' | 'keys' | 'rateLimits' | 'modelMultipliers' | 'batch' | 'routing' | 'verification' | 'pricing'
  >
> & {
  modelMultipliers: Record<string, number>;
  batch: BatchSettings;
  routing: RoutingSettings;
  verification: VerificationSettings;
  pricing: Required<PricingOptions>;
};

/** `options` over `GRID_DEFAULTS`. Throws InvalidField for a non-positive limit or an empty cooldown ladder. */
export function resolveSettings(options: GridOptions): Settings {
  const d = GRID_DEFAULTS;
  const s: Settings = {
    authMode: options.authMode ?? d.authMode,
    // Strict means only the listed keys: the anonymous key too must be asked for (docs/mock-grid-core.md "Keys").
    allowAnonymous: options.allowAnonymous ?? (options.authMode === 'strict' ? false : d.allowAnonymous),
    startingBalance: options.startingBalance ?? d.startingBalance,
    maxInFlight: options.maxInFlight ?? d.maxInFlight,
    wsLeaseMs: options.wsLeaseMs ?? d.wsLeaseMs,
    popLeaseMs: options.popLeaseMs ?? d.popLeaseMs,
    wsMediaLeaseMs: options.wsMediaLeaseMs ?? d.wsMediaLeaseMs,
    imagePopLeaseMs: options.imagePopLeaseMs ?? d.imagePopLeaseMs,
    maxMediaInFlight: options.maxMediaInFlight ?? d.maxMediaInFlight,
    popTtlSeconds: options.popTtlSeconds ?? d.popTtlSeconds,
    maxAttempts: options.maxAttempts ?? d.maxAttempts,
    popOfflineMs: options.popOfflineMs ?? d.popOfflineMs,
    strikeLimit: options.strikeLimit ?? d.strikeLimit,
    strikeWindowMs: options.strikeWindowMs ?? d.strikeWindowMs,
    cooldownLadderMs: options.cooldownLadderMs ?? d.cooldownLadderMs,
    ladderResetMs: options.ladderResetMs ?? d.ladderResetMs,
    denPerToken: options.denPerToken ?? d.denPerToken,
    modelMultipliers: options.modelMultipliers ?? {},
    hordeTax: options.hordeTax ?? d.hordeTax,
    upfrontKudos: options.upfrontKudos ?? d.upfrontKudos,
    retentionMs: options.retentionMs ?? d.retentionMs,
    wsRetentionMs: options.wsRetentionMs ?? d.wsRetentionMs,
    scanLimit: options.scanLimit ?? d.scanLimit,
    noWorkerTimeoutMs: options.noWorkerTimeoutMs ?? d.noWorkerTimeoutMs,
    streamCapFactor: options.streamCapFactor ?? d.streamCapFactor,
    random: options.random ?? Math.random,
    requestAccess: options.requestAccess ?? ((options.authMode ?? d.authMode) === 'strict' ? 'owner' : 'id'),
    allowUnsignedResults: options.allowUnsignedResults ?? d.allowUnsignedResults,
    batch: { ...BATCH_DEFAULTS, ...options.batch },
    routing: { ...ROUTING_DEFAULTS, ...options.routing },
    verification: resolveVerification(options.verification),
    pricing: { ...PRICING_DEFAULTS, ...options.pricing },
  };
  const positive = [
    'maxInFlight',
    'wsLeaseMs',
    'popLeaseMs',
    'wsMediaLeaseMs',
    'imagePopLeaseMs',
    'maxMediaInFlight',
    'maxAttempts',
    'popOfflineMs',
    'strikeLimit',
    'strikeWindowMs',
    'retentionMs',
    'wsRetentionMs',
    'scanLimit',
    'noWorkerTimeoutMs',
    'streamCapFactor',
  ] as const;
  for (const field of positive) {
    if (!(s[field] > 0)) {
      throw new GridError('InvalidField', `${field} must be > 0, got ${s[field]}`, {
        field,
        limit: '> 0',
      });
    }
  }
  for (const group of ['batch', 'routing'] as const) {
    for (const [field, value] of Object.entries(s[group])) {
      if (!(value > 0)) {
        throw new GridError('InvalidField', `${group}.${field} must be > 0, got ${value}`, {
          field: `${group}.${field}`,
          limit: '> 0',
        });
      }
    }
  }
  checkVerification(s.verification);
  checkPricing(s);
  const ladder = s.cooldownLadderMs;
  if (ladder.length === 0 || ladder.some((ms) => !(ms >= 0))) {
    throw new GridError('InvalidField', 'cooldownLadderMs needs at least one step, each >= 0', {
      field: 'cooldownLadderMs',
    });
  }
  return s;
}

function priceProblem(field: string, value: unknown, limit: '> 0' | '>= 0'): void {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (limit === '> 0' ? value > 0 : value >= 0);
  if (!ok)
    throw new GridError('InvalidField', `${field} must be a finite number ${limit}, got ${value}`, {
      field,
      limit,
    });
}

/** Every price knob is a finite number: a NaN or a negative price would corrupt every balance it touches. */
function checkPricing(s: Settings): void {
  priceProblem('denPerToken', s.denPerToken, '>= 0');
  priceProblem('hordeTax', s.hordeTax, '>= 0');
  if (typeof s.modelMultipliers !== 'object' || s.modelMultipliers === null) {
    throw new GridError('InvalidField', 'modelMultipliers must be an object of model → factor', {
      field: 'modelMultipliers',
    });
  }
  for (const [model, factor] of Object.entries(s.modelMultipliers)) {
    priceProblem(`modelMultipliers.${model}`, factor, '>= 0');
  }
  const p = s.pricing;
  priceProblem('pricing.referenceParams', p.referenceParams, '> 0');
  priceProblem('pricing.sizeExponent', p.sizeExponent, '>= 0');
  priceProblem('pricing.referenceContext', p.referenceContext, '> 0');
  priceProblem('pricing.contextExponent', p.contextExponent, '>= 0');
  priceProblem('pricing.denPerMegapixelStep', p.denPerMegapixelStep, '>= 0');
}

function resolveVerification(v: GridOptions['verification']): VerificationSettings {
  if (v === undefined || v === false) return { ...VERIFICATION_DEFAULTS };
  if (v === true) return { ...VERIFICATION_DEFAULTS, ...VERIFICATION_ON };
  if (typeof v !== 'object' || v === null) {
    throw new GridError('InvalidField', 'verification must be a boolean or an object', {
      field: 'verification',
    });
  }
  return { ...VERIFICATION_DEFAULTS, ...v };
}

function checkVerification(v: VerificationSettings): void {
  const bad = (field: string, limit: string, value: unknown): never => {
    throw new GridError('InvalidField', `verification.${field} must be ${limit}, got ${String(value)}`, {
      field: `verification.${field}`,
      limit,
    });
  };
  if (typeof v.probe !== 'boolean') bad('probe', 'a boolean', v.probe);
  if (v.canaryEveryMs !== null && !(v.canaryEveryMs > 0))
    bad('canaryEveryMs', '> 0 or null', v.canaryEveryMs);
  for (const field of ['timeoutMs', 'retryMs', 'retryMaxMs'] as const) {
    if (!(v[field] > 0)) bad(field, '> 0', v[field]);
  }
  if (v.retryMaxMs < v.retryMs) bad('retryMaxMs', '>= retryMs', v.retryMaxMs);
  if (!Number.isInteger(v.words) || v.words < 1 || v.words > 32) bad('words', '1..32', v.words);
}
