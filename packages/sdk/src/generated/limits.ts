// generated — do not edit.
// Made by scripts/generate.mjs from openapi/aipg.yaml; run `pnpm gen` after changing the spec.

/**
 * The numeric bounds the spec gives request fields, per schema and property: `minimum` / `maximum`,
 * `minItems` / `maxItems`, `minLength` / `maxLength`, the grid's own limits (`maxTextChars`: characters
 * of message text, counted by `contentText`; `keptItems`: entries kept, the rest ignored), the numeric
 * `default`, and an array's `items` bounds. E.g. `limits.ChatCompletionRequest.max_tokens.maximum`.
 */
export const limits = {
  /** `ChatCompletionRequest` (#/components/schemas/ChatCompletionRequest). */
  ChatCompletionRequest: {
    model: { minLength: 1 },
    messages: { minItems: 1, maxItems: 500, maxTextChars: 200000 },
    temperature: { minimum: 0, maximum: 2, default: 0.7 },
    top_p: { minimum: 0, maximum: 1, default: 0.9 },
    max_tokens: { minimum: 1, maximum: 32768, default: 32768 },
    max_completion_tokens: { minimum: 1, maximum: 32768 },
    n: { minimum: 1, maximum: 4, default: 1 },
    presence_penalty: { minimum: -2, maximum: 2 },
    frequency_penalty: { minimum: -2, maximum: 2 },
    seed: { minimum: -9007199254740991, maximum: 9007199254740991 },
    models: { maxItems: 8, items: { minLength: 1 } },
  },
  /** `HordeTextAsyncRequest` (#/components/schemas/HordeTextAsyncRequest). */
  HordeTextAsyncRequest: {
    models: { items: { minLength: 1 } },
    workers: { keptItems: 5 },
    webhook: { maxLength: 2048 },
    style: { maxLength: 2048 },
    wallet_id: { maxLength: 42 },
  },
  /** `HordeTextParams` (#/components/schemas/HordeTextParams). */
  HordeTextParams: {
    n: { minimum: 1, maximum: 20, default: 1 },
    max_length: { minimum: 16, maximum: 2048, default: 80 },
    max_context_length: { minimum: 80, maximum: 1048576, default: 2048 },
    temperature: { minimum: 0, maximum: 5 },
    top_p: { minimum: 0.001, maximum: 1 },
    top_k: { minimum: 0, maximum: 100 },
    top_a: { minimum: 0, maximum: 1 },
    tfs: { minimum: 0, maximum: 1 },
    typical: { minimum: 0, maximum: 1 },
    min_p: { minimum: 0, maximum: 1, default: 0 },
    rep_pen: { minimum: 1, maximum: 3 },
    rep_pen_range: { minimum: 0, maximum: 4096 },
    rep_pen_slope: { minimum: 0, maximum: 10 },
    smoothing_factor: { minimum: 0, maximum: 10, default: 0 },
    dynatemp_range: { minimum: 0, maximum: 5, default: 0 },
    dynatemp_exponent: { minimum: 0, maximum: 5, default: 1 },
    sampler_order: { minItems: 7, items: { minimum: 0 } },
    stop_sequence: { maxItems: 128 },
  },
  /** `HordeTextPopRequest` (#/components/schemas/HordeTextPopRequest). */
  HordeTextPopRequest: {
    name: { minLength: 1 },
    models: { minItems: 1, keptItems: 200, items: { minLength: 3, maxLength: 255 } },
    max_length: { minimum: 1, default: 512 },
    max_context_length: { minimum: 1, default: 2048 },
    threads: { minimum: 1, maximum: 50, default: 1 },
    bridge_agent: { maxLength: 1000 },
    amount: { minimum: 1, maximum: 20, default: 1 },
    region: { minLength: 1, maxLength: 64 },
  },
  /** `ImageGenerationRequest` (#/components/schemas/ImageGenerationRequest). */
  ImageGenerationRequest: {
    prompt: { minLength: 1 },
    model: { minLength: 1 },
    n: { minimum: 1, maximum: 4, default: 1 },
    size: { minSide: 256, maxSide: 1536, sideMultiple: 64 },
    image: { minLength: 1, maxBytes: 12582912 },
    strength: { minimum: 0.01, maximum: 1, default: 0.75 },
    denoise: { minimum: 0.01, maximum: 1 },
    steps: { minimum: 1, maximum: 80, default: 30 },
    cfg_scale: { minimum: 0, maximum: 30, default: 7.5 },
    seed: { minimum: 0, maximum: 9007199254740991 },
    loras: { maxItems: 5 },
    worker: { minLength: 1 },
  },
  /** `HordeImageAsyncRequest` (#/components/schemas/HordeImageAsyncRequest). */
  HordeImageAsyncRequest: {
    models: { items: { minLength: 1 } },
    workers: { keptItems: 5 },
    extra_source_images: { maxItems: 5 },
    webhook: { maxLength: 2048 },
    style: { maxLength: 2048 },
    wallet_id: { maxLength: 42 },
  },
  /** `HordeImageParams` (#/components/schemas/HordeImageParams). */
  HordeImageParams: {
    cfg_scale: { minimum: 0, maximum: 100, default: 7.5 },
    denoising_strength: { minimum: 0.01, maximum: 1, default: 0.75 },
    hires_fix_denoising_strength: { minimum: 0.01, maximum: 1, default: 0.65 },
    width: { minimum: 64, maximum: 3072, multipleOf: 64, default: 512 },
    height: { minimum: 64, maximum: 3072, multipleOf: 64, default: 512 },
    steps: { minimum: 1, maximum: 500, default: 30 },
    n: { minimum: 1, maximum: 20, default: 1 },
    seed: { maxLength: 256 },
    seed_variation: { minimum: 1, maximum: 1000, default: 1 },
    post_processing: { maxItems: 8 },
    clip_skip: { minimum: 1, maximum: 12, default: 1 },
    facefixer_strength: { minimum: 0, maximum: 1, default: 0.75 },
    loras: { maxItems: 5 },
    tis: { maxItems: 20 },
  },
  /** `HordeImagePopRequest` (#/components/schemas/HordeImagePopRequest). */
  HordeImagePopRequest: {
    name: { minLength: 1 },
    models: { minItems: 1, keptItems: 200, items: { minLength: 1, maxLength: 255 } },
    max_pixels: { minimum: 4096, default: 262144 },
    threads: { minimum: 1, maximum: 50, default: 1 },
    bridge_agent: { maxLength: 1000 },
    amount: { minimum: 1, maximum: 20, default: 1 },
  },
  /** `FileUploadRequest` (#/components/schemas/FileUploadRequest). */
  FileUploadRequest: {
    file: { maxFileBytes: 8388608, maxFileLines: 10000, maxLineBytes: 1048576, maxFilesPerKey: 100 },
  },
  /** `BatchCreateRequest` (#/components/schemas/BatchCreateRequest). */
  BatchCreateRequest: {
    input_file_id: { minLength: 1, maxActiveBatchesPerKey: 16 },
  },
  /** `ClientWsLimits` (#/components/schemas/ClientWsLimits). */
  ClientWsLimits: {
    max_concurrent_requests: { minimum: 1, default: 128 },
    max_frame_bytes: { minimum: 1024, default: 1048576 },
    max_connections_per_key: { minimum: 1, default: 16 },
    idle_timeout_s: { minimum: 1, default: 90 },
    auth_timeout_s: { minimum: 1, default: 10 },
  },
} as const;
