// Runs one job through a handler and classifies how it ended. Shared by both protocols: the partial output is
// accumulated here, from the emitted deltas, so every protocol can report it on cancel whatever the backend does
// when aborted, and the job timeout lives here so both protocols apply it the same way.
import { BackendError } from '../errors.js';
import type { GridJob, JobDelta, JobHandler, JobResult } from '../job.js';
import type { CircuitBreaker } from './circuit-breaker.js';

export type JobOutcome = (
  | { kind: 'done'; result: JobResult }
  /** The signal aborted (cancel, hand-back, timeout, lost connection): `text`/`reasoning` are the partial output. */
  | { kind: 'aborted'; text: string; reasoning: string; reason: unknown }
  | { kind: 'failed'; message: string; clientError: boolean; text: string }
) & {
  /** Deltas emitted: the token count when the backend reports no usage. */
  streamed: number;
};

export interface RunJobOptions {
  /** The job's controller: the protocol aborts it (cancel, hand-back, lost connection) with an ABORT reason. */
  controller: AbortController;
  /**
   * Abort with ABORT.timeout after this long (0 = never). With `restartOnOutput` the clock restarts at every
   * delta, i.e. it limits the time *without output* (the live grid's per-frame rule); otherwise the total.
   */
  timeout: { ms: number; restartOnOutput: boolean };
  onDelta(delta: JobDelta): void;
}

export async function runJob(handler: JobHandler, job: GridJob, options: RunJobOptions): Promise<JobOutcome> {
  const { controller, timeout } = options;
  const signal = controller.signal;
  let text = '';
  let reasoning = '';
  let streamed = 0;
  let open = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const armTimer = () => {
    if (timeout.ms <= 0) return;
    // Restarted at every delta: refreshing the one timer is cheaper than a new one per token.
    if (timer) {
      timer.refresh();
      return;
    }
    timer = setTimeout(() => controller.abort(ABORT.timeout), timeout.ms);
    timer.unref?.();
  };
  const emit = (delta: JobDelta) => {
    // Deltas after the handler settled, or after an abort, are not part of the job any more.
    if (!open || signal.aborted) return;
    const clean: JobDelta = {};
    if (delta.content) {
      clean.content = delta.content;
      text += delta.content;
    }
    if (delta.reasoning_content) {
      clean.reasoning_content = delta.reasoning_content;
      reasoning += delta.reasoning_content;
    }
    if (!clean.content && !clean.reasoning_content) return;
    streamed += 1;
    if (timeout.restartOnOutput) armTimer();
    options.onDelta(clean);
  };
  armTimer();
  try {
    const result = await handler(job, { signal, emit });
    if (signal.aborted) return { kind: 'aborted', text, reasoning, reason: signal.reason, streamed };
    if (!result.text && !result.reasoning) {
      return { kind: 'failed', message: 'backend produced no output', clientError: false, text, streamed };
    }
    return { kind: 'done', result, streamed };
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted', text, reasoning, reason: signal.reason, streamed };
    if (error instanceof BackendError)
      return { kind: 'failed', message: error.message, clientError: error.clientError, text, streamed };
    return {
      kind: 'failed',
      message: `backend failed: ${error instanceof Error ? error.message : String(error)}`,
      clientError: false,
      text,
      streamed,
    };
  } finally {
    open = false;
    clearTimeout(timer);
  }
}

/** Completion tokens of a job: the backend's usage when reported, else the deltas streamed. */
export function tokensOf(outcome: JobOutcome): number {
  return outcome.kind === 'done'
    ? (outcome.result.usage?.completion_tokens ?? outcome.streamed)
    : outcome.streamed;
}

/** How a job ended, as far as the breaker and the backend gate care: a text JobOutcome or an image job's. */
export type Settled =
  | { kind: 'done' }
  | { kind: 'aborted'; reason: unknown }
  /** `backendFault: false`: the job failed for another reason (e.g. its upload to the grid), not the backend's. */
  | { kind: 'failed'; clientError: boolean; backendFault?: boolean };

/**
 * Whether the backend is to blame: it failed or timed out. Client errors (the request was bad), cancels,
 * hand-backs, lost connections and failed uploads say nothing about the backend.
 */
export function blamesBackend(outcome: Settled): boolean {
  return outcome.kind === 'failed'
    ? !outcome.clientError && outcome.backendFault !== false
    : outcome.kind === 'aborted' && outcome.reason === ABORT.timeout;
}

/** Tells the breaker how a job went: a success resets it, a failure the backend is to blame for counts. */
export function recordOutcome(breaker: CircuitBreaker, outcome: Settled): void {
  if (outcome.kind === 'done') breaker.success();
  else if (blamesBackend(outcome)) breaker.failure();
}

/** Why the worker itself aborted a job (the signal's `reason`). */
export const ABORT = {
  cancel: 'cancel',
  handBack: 'hand-back',
  timeout: 'timeout',
  connectionLost: 'connection-lost',
} as const;
