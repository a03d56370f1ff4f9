/**
 * `@aipg/sdk/wire` — the spec's rules for request bodies, as values and functions: `limits` (minimum /
 * maximum, item and length bounds, numeric defaults, and the limits JSON Schema has no keyword for:
 * `maxTextChars`, `keptItems`; generated from openapi/ by scripts/generate.mjs) and `contentText`, the one
 * way a message's content becomes text. What the mock grid and the worker check against, and what an app
 * can check a request with before sending it. Its own entry, so apps that only call the grid do not bundle it.
 */
export { contentText } from './content-text';
export { limits } from './generated/limits';
