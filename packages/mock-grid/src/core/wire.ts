/**
 * The one wire shape the core assembles that the spec has no schema for. Every other wire shape the core
 * reads or produces is a generated spec type, imported as a type from `@aipg/sdk` under its spec name
 * (openapi/README.md). Wire names stay snake_case.
 */

/**
 * The pop `skipped` counts the core computes: every reason present (zero when none). Assignable to
 * `HordeNoValidRequestFound`, whose fields are all optional.
 */
export interface SkippedCounts {
  models: number;
  max_length: number;
  max_context_length: number;
  nsfw: number;
  untrusted: number;
  worker_id: number;
  blacklist: number;
  /** The request's routing constraints (`min_tokens_per_s`, `max_ttft`) ask for a faster worker. */
  performance: number;
}

/** The skip counts of an image pop (`HordeNoValidRequestFound`'s image reasons). */
export interface ImageSkippedCounts {
  models: number;
  max_pixels: number;
  img2img: number;
  painting: number;
  'post-processing': number;
  lora: number;
  controlnet: number;
  nsfw: number;
  untrusted: number;
  worker_id: number;
  blacklist: number;
  /** The request's routing constraints (`min_tokens_per_s`, `max_ttft`) ask for a faster worker. */
  performance: number;
}
