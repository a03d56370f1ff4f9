/**
 * What a job costs and what a worker earns, in den (docs/mock-grid-core.md "Rewards and the ledger", "Pricing").
 *
 * Text: a job's rate (den per completion token) is `denPerToken × model factor × context factor`, fixed when
 * the job is submitted from what it asks for, so a quote (`dry_run`) and the charge of a job of that size are
 * the same number. Images: megapixel-steps × the family factor × `denPerMegapixelStep`.
 */
import { GRID_DEFAULTS, type Settings } from './settings.js';
import { round2 } from './tokens.js';
import type { ImagePriceQuote, TextPriceQuote } from './types.js';

/**
 * A model's size in billions of parameters, read from its name (case-insensitive): `8b`, `70B`, `1.5b`,
 * `:8b` (Ollama tags), `135m` (millions), `8x7b` (a mixture of experts: 8 × 7 = 56). `null` when the name
 * carries no size.
 */
export function modelParams(model: string): number | null {
  // The size is a word of its own after `-`, `:`, `/` or a space: `llama-3.1-8b-instruct`, `qwen3:0.6b`,
  // `Mixtral-8x7B`; not the `_2m` of a sampler name nor the digits of a version (`v0.3`).
  const m = /(?:^|[-:/\s])(?:(\d+)x)?(\d+(?:\.\d+)?)([bm])(?![a-z0-9])/i.exec(model);
  if (!m) return null;
  const experts = m[1] === undefined ? 1 : Number(m[1]);
  const size = Number(m[2]) * (m[3]!.toLowerCase() === 'm' ? 0.001 : 1);
  const params = experts * size;
  return params > 0 && Number.isFinite(params) ? params : null;
}

/**
 * The size factor of `model`: `modelMultipliers[model]` when set, else `(params / referenceParams) ^
 * sizeExponent` for a model larger than the reference class, else 1 (the reference class and smaller, and
 * a name with no size).
 */
export function multiplier(settings: Settings, model: string): number {
  // Own keys only: a model named `__proto__` or `constructor` must not read Object.prototype (NaN kudos).
  const multipliers = settings.modelMultipliers;
  if (Object.hasOwn(multipliers, model)) return multipliers[model] ?? 1;
  const params = modelParams(model);
  const { referenceParams, sizeExponent } = settings.pricing;
  if (params === null || params <= referenceParams) return 1;
  return (params / referenceParams) ** sizeExponent;
}

/** The context factor of a job of `context` tokens: 1 up to `referenceContext`, then `(context / ref) ^ exp`. */
export function contextFactor(settings: Settings, context: number): number {
  const { referenceContext, contextExponent } = settings.pricing;
  return context <= referenceContext ? 1 : (context / referenceContext) ** contextExponent;
}

/** What a text job asks for, as pricing reads it (the same fields on a job spec and on a queued job). */
export interface PricedJob {
  maxContextLength: number | null;
  promptTokens: number;
  wantTokens: number | null;
}

/** Completion tokens a job is priced for: its cap (/v1 `max_tokens`, 512 when unset; Horde `max_length`). */
export function pricedTokens(job: PricedJob): number {
  return job.wantTokens ?? GRID_DEFAULTS.workerMaxLength;
}

/**
 * The tokens of context a job is priced for, fixed at submit: a Horde job's `max_context_length` (it names
 * it), a /v1 job's prompt plus its cap.
 */
export function pricedContext(source: 'v1' | 'horde', job: PricedJob): number {
  if (source === 'horde' && job.maxContextLength !== null) return job.maxContextLength;
  return job.promptTokens + pricedTokens(job);
}

/** The den per completion token of `model` for a job of `context` tokens. */
export function tokenRate(settings: Settings, model: string, context: number): number {
  return settings.denPerToken * multiplier(settings, model) * contextFactor(settings, context);
}

/** The worker owner's reward for `tokens` of `model` in a job of `context` tokens (0: no context factor). */
export function reward(settings: Settings, model: string, tokens: number, context = 0): number {
  return round2(tokens * tokenRate(settings, model, context));
}

/** The requester's charge for a completion that earned `workerReward`. */
export function charge(settings: Settings, workerReward: number, state: string): number {
  // Censored output is not charged to the requester (spec: HordeTextSubmitRequest.state); the worker is
  // paid for its work.
  return state === 'ok' ? round2(workerReward + settings.hordeTax) : 0;
}

/** The price of one text job, item by item: what a quote shows. */
export interface TextPrice {
  /** The model priced (of several, the dearest). */
  model: string;
  /** Completion tokens priced: the job's cap. */
  tokens: number;
  context: number;
  sizeFactor: number;
  contextFactor: number;
  /** den per completion token. */
  rate: number;
  fee: number;
  /** The charge of a job that generates `tokens`: `round2(round2(tokens × rate) + fee)`. */
  den: number;
}

/** The worst-case price of one job: its dearest model at `tokens` (the Horde `kudos` estimate, per job). */
export function textPrice(settings: Settings, models: string[], tokens: number, context: number): TextPrice {
  // A job open to any model ('') is priced at size factor 1, as a model whose name carries no size.
  let best: TextPrice | undefined;
  for (const model of models.length === 0 ? [''] : models) {
    const rate = tokenRate(settings, model, context);
    const den = charge(settings, round2(tokens * rate), 'ok');
    if (best && den <= best.den) continue;
    best = {
      model,
      tokens,
      context,
      sizeFactor: multiplier(settings, model),
      contextFactor: contextFactor(settings, context),
      rate,
      fee: settings.hordeTax,
      den,
    };
  }
  return best!;
}

/** The quote of a text request of `n` jobs (`Submission.quote`, the /v1 `ChatQuote`). */
export function textQuote(
  settings: Settings,
  source: 'v1' | 'horde',
  models: string[],
  job: PricedJob,
  n: number,
): TextPriceQuote {
  const tokens = pricedTokens(job);
  const price = textPrice(settings, models, tokens, pricedContext(source, job));
  return {
    kind: 'text',
    model: price.model,
    n,
    promptTokens: job.promptTokens,
    maxTokens: tokens,
    contextTokens: price.context,
    sizeFactor: price.sizeFactor,
    contextFactor: price.contextFactor,
    denPerToken: price.rate,
    fee: price.fee,
    denPerJob: price.den,
    den: round2(price.den * n),
  };
}

/**
 * The family factor of an image model, read from its name (case-insensitive): `flux` ×8, `cascade` ×4 (Stable
 * Cascade), `sdxl` ×2, anything else ×1 (docs/spec.md "Image rewards").
 */
export function imageFamilyFactor(model: string): number {
  const name = model.toLowerCase();
  if (name.includes('flux')) return 8;
  if (name.includes('cascade')) return 4;
  if (name.includes('sdxl')) return 2;
  return 1;
}

/** Megapixel-steps of one image: `width × height / 1 000 000 × steps`. */
export function megapixelSteps(width: number, height: number, steps: number): number {
  return ((width * height) / 1_000_000) * steps;
}

/**
 * The den one verified image of `model` earns its worker, and costs its requester. `denPerMegapixelStep`
 * defaults to 1 (docs/spec.md "Image rewards").
 */
export function imagePrice(
  model: string,
  width: number,
  height: number,
  steps: number,
  denPerMegapixelStep = 1,
) {
  return round2(megapixelSteps(width, height, steps) * imageFamilyFactor(model) * denPerMegapixelStep);
}

/** What an image request is priced from (the fields of an image spec). */
export interface PricedImages {
  models: string[];
  n: number;
  width: number;
  height: number;
  steps: number;
}

/** The quote of an image request: `n` images of its dearest model (`Submission.quote`, the /v1 `ImageQuote`). */
export function imageQuote(settings: Settings, image: PricedImages): ImagePriceQuote {
  const perStep = settings.pricing.denPerMegapixelStep;
  let model = image.models[0] ?? '';
  let each = 0;
  for (const m of image.models) {
    const price = imagePrice(m, image.width, image.height, image.steps, perStep);
    if (price > each) [model, each] = [m, price];
  }
  return {
    kind: 'image',
    model,
    n: image.n,
    width: image.width,
    height: image.height,
    steps: image.steps,
    megapixelSteps: megapixelSteps(image.width, image.height, image.steps),
    familyFactor: imageFamilyFactor(model),
    denPerMegapixelStep: perStep,
    denPerImage: each,
    den: round2(each * image.n),
  };
}
