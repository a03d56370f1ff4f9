/** What a job costs and what a worker earns, in den (docs/mock-grid-core.md "Rewards and the ledger"). */
import type { Settings } from './settings.js';
import { round2 } from './tokens.js';

/** `modelMultipliers[model]`, 1 when the model has none. */
export function multiplier(settings: Settings, model: string): number {
  // Own keys only: a model named `__proto__` or `constructor` must not read Object.prototype (NaN kudos).
  const multipliers = settings.modelMultipliers;
  return Object.hasOwn(multipliers, model) ? (multipliers[model] ?? 1) : 1;
}

/** The worst-case charge of one job (the Horde `kudos` estimate): its dearest model at `tokens`. */
export function jobCost(settings: Settings, models: string[], tokens: number): number {
  let mult = models.length === 0 ? 1 : 0;
  for (const m of models) mult = Math.max(mult, multiplier(settings, m));
  return round2(tokens * mult * settings.denPerToken + settings.hordeTax);
}

/** The worker owner's reward for `tokens` of `model`. */
export function reward(settings: Settings, model: string, tokens: number): number {
  return round2(tokens * multiplier(settings, model) * settings.denPerToken);
}

/** The requester's charge for a completion that earned `workerReward`. */
export function charge(settings: Settings, workerReward: number, state: string): number {
  // Censored output is not charged to the requester (spec: HordeTextSubmitRequest.state); the worker is
  // paid for its work.
  return state === 'ok' ? round2(workerReward + settings.hordeTax) : 0;
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

/** The den one verified image of `model` earns its worker, and costs its requester. */
export function imagePrice(model: string, width: number, height: number, steps: number): number {
  return round2(megapixelSteps(width, height, steps) * imageFamilyFactor(model));
}

/** The most a request of `n` images can cost (the Horde `kudos`): its dearest model for every image. */
export function imageRequestCost(models: string[], n: number, width: number, height: number, steps: number) {
  let most = 0;
  for (const model of models) most = Math.max(most, imagePrice(model, width, height, steps));
  return round2(most * n);
}
