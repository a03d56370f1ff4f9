/**
 * `@aipg/mock-grid` — an in-process AI Power Grid for tests and local development: the live `/v1` API, the
 * worker WebSocket and the AI Horde v2 text API, all over one transport-free grid core.
 *
 * ```ts
 * const grid = await startMockGrid({ port: 0 });
 * const openai = new OpenAI({ baseURL: `${grid.url}/v1`, apiKey: 'grid_test_key' });
 * await grid.close();
 * ```
 * msw handlers live in `@aipg/mock-grid/msw`.
 */

export { type KeyFileEntry, KeysFileError, parseKeys, readKeysFile } from './cli/keys-file.js';
export * from './core/index.js';
export { DEFAULT_LIMITS, type DoorLimits } from './doors/http/router.js';
export { toKeyEntries } from './keys.js';
export { type MockGrid, type MockGridOptions, startMockGrid } from './server.js';
