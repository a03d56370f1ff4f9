/**
 * @aipg/mock-grid core — the transport-free grid. It knows jobs, workers and accounts; never HTTP,
 * WebSockets or JSON bodies, and it imports nothing from `node:` (it also runs inside msw handlers).
 *
 * API overview (all on `new Grid(options)`; errors are `GridError` with a stable `code`):
 *
 *   accounts   authenticate(key, scope) · addKey(entry) · account(key)
 *   jobs       submit({source:'v1'|'horde', apiKey, request}) → {id, jobIds, kudos, possible, model}
 *              status(requestId) → HordeTextStatus · cancel(requestId|jobId) · job(jobId)
 *              subscribe(requestId|jobId, listener) → unsubscribe   (queued, assigned, token, requeued,
 *              done, failed, faulted, cancelled) · onEvent(listener) for the grid-wide stream
 *   WS worker  register(frame, sink) → {workerId, connectionId}; jobs are pushed to sink.job(), cancels
 *              to sink.cancel(), evictions/replacements to sink.close(); frames → progress / complete /
 *              fail with by:{connectionId}; disconnect → release(connectionId)
 *   Horde pop  pop(body) = checkIn(body) + assign(workerId) → {job|null, skipped};
 *              submit → complete({generationId, by:{apiKey}, text, state}) → {reward}
 *   views      modelStatus · workerList · hordeModels · hordePerformance · heartbeat · hordeWorkers ·
 *              hordeWorker(id) · findUser(key) · onlineModels · worker(idOrName)
 *   time       every rule reads `options.clock` (`ManualClock.advance(ms)` in tests, `SystemClock` live)
 *
 * See docs/mock-grid-core.md for the job life, matching rule and the numbers.
 */
export { type Clock, ManualClock, SystemClock, type TimerHandle } from './clock.js';
export { GridError, type GridErrorCode, type GridErrorDetails, isGridError } from './errors.js';
export { Grid } from './grid.js';
export type * from './types.js';
export type * from './wire.js';
