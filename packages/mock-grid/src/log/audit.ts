/**
 * The audit trail: the core's lifecycle stream (`GridCore.onEvent`) as log lines — strikes, evictions,
 * payments (`credited` / `charged`), workers going on- and offline, jobs queued, assigned and ended.
 *
 * A job's lines carry the `request_id` of the HTTP request that submitted it, also when the line comes
 * later from a worker's frame: the id is remembered per job from its `queued` event (which the core emits
 * inside the submitting request) until the job ends. Token events are never logged (they are the
 * completion), nor the text of `done` or a worker's error message (it may quote the prompt).
 */
import type { GridCore, GridEvent } from '../core/index.js';
import type { GridLog, LogFields, LogLevel } from './grid-log.js';

/** Jobs whose request id is remembered at most (a job that never ends must not hold memory forever). */
const MAX_REMEMBERED = 10_000;

const TERMINAL = new Set(['done', 'failed', 'faulted', 'cancelled']);

/** Starts logging the core's events; returns the unsubscribe. `requestId` names the current HTTP request. */
export function auditCore(core: GridCore, log: GridLog, requestId: () => string | undefined): () => void {
  const byJob = new Map<string, string>();
  return core.onEvent((event) => {
    if (event.type === 'token') return;
    if (event.type === 'queued') {
      const id = requestId();
      if (id !== undefined) {
        byJob.set(event.jobId, id);
        if (byJob.size > MAX_REMEMBERED) byJob.delete(byJob.keys().next().value!);
      }
    }
    const line = describe(event);
    if (!line) return;
    const jobId = 'jobId' in event ? event.jobId : undefined;
    const request = jobId === undefined ? undefined : byJob.get(jobId);
    log.line(
      line.level,
      line.name,
      request === undefined ? line.fields : { request_id: request, ...line.fields },
    );
    // `charged` and `credited` follow a job's `done` in the same delivery, so forget it only after them.
    if (
      jobId !== undefined &&
      (event.type === 'charged' || (TERMINAL.has(event.type) && event.type !== 'done'))
    )
      byJob.delete(jobId);
  });
}

interface Line {
  level: LogLevel;
  name: string;
  fields: LogFields;
}

function describe(e: GridEvent): Line | undefined {
  switch (e.type) {
    case 'queued':
      return { level: 'debug', name: 'job.queued', fields: { job_id: e.jobId, submission_id: e.requestId } };
    case 'assigned':
      return {
        level: 'debug',
        name: 'job.assigned',
        fields: { job_id: e.jobId, worker: e.worker.name, worker_kind: e.worker.kind, model: e.model },
      };
    case 'requeued':
      // Not the reason: for a worker error it is the worker's message, which may quote the prompt.
      return { level: 'info', name: 'job.requeued', fields: { job_id: e.jobId } };
    case 'done':
      return {
        level: 'debug',
        name: 'job.done',
        fields: { job_id: e.jobId, finish_reason: e.finish_reason },
      };
    case 'failed':
      return { level: 'info', name: 'job.failed', fields: { job_id: e.jobId, client_error: e.clientError } };
    case 'faulted':
      return { level: 'warn', name: 'job.faulted', fields: { job_id: e.jobId } };
    case 'cancelled':
      return { level: 'info', name: 'job.cancelled', fields: { job_id: e.jobId } };
    case 'worker.online':
      return { level: 'info', name: e.type, fields: { worker: e.name, worker_id: e.workerId, kind: e.kind } };
    case 'worker.offline':
      return {
        level: 'info',
        name: e.type,
        fields: { worker: e.name, worker_id: e.workerId, reason: e.reason },
      };
    case 'worker.strike':
      return {
        level: 'warn',
        name: e.type,
        fields: { worker: e.name, worker_id: e.workerId, strikes: e.strikes },
      };
    case 'worker.checked':
      // A probe or canary (docs/mock-grid-core.md "Verification"); the reason names no prompt text.
      return {
        level: e.passed ? 'info' : 'warn',
        name: e.type,
        fields: { worker: e.name, worker_id: e.workerId, check: e.check, passed: e.passed, reason: e.reason },
      };
    case 'worker.evicted':
      return {
        level: 'warn',
        name: e.type,
        fields: { worker: e.name, worker_id: e.workerId, cooldown_ms: e.cooldownMs },
      };
    case 'credited':
      return {
        level: 'info',
        name: 'payment.credited',
        fields: { job_id: e.jobId, account: e.account, worker: e.workerName, den: e.den },
      };
    case 'charged':
      return {
        level: 'info',
        name: 'payment.charged',
        fields: { job_id: e.jobId, account: e.account, den: e.den },
      };
    default:
      // An event type added to the core later: its name only, no fields that might hold text.
      return { level: 'debug', name: `event.${(e as { type: string }).type}`, fields: {} };
  }
}
