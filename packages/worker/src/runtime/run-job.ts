// Runs one job through a handler and classifies how it ended. The partial output is accumulated here, from
// the emitted deltas, so every protocol can report it on cancel whatever the backend does when aborted.
import { BackendError, type GridJob, type JobDelta, type JobHandler, type JobResult } from '../job.js';

export type JobOutcome =
  | { kind: 'done'; result: JobResult }
  /** The signal aborted (cancel, hand-back, timeout, lost connection): `text`/`reasoning` are the partial output. */
  | { kind: 'aborted'; text: string; reasoning: string; reason: unknown }
  | { kind: 'failed'; message: string; clientError: boolean; text: string };

export async function runJob(
  handler: JobHandler,
  job: GridJob,
  options: { signal: AbortSignal; onDelta(delta: JobDelta): void },
): Promise<JobOutcome> {
  let text = '';
  let reasoning = '';
  let open = true;
  const emit = (delta: JobDelta) => {
    // Deltas after the handler settled, or after an abort, are not part of the job any more.
    if (!open || options.signal.aborted) return;
    const clean: JobDelta = {};
    if (delta.content) {
      clean.content = delta.content;
      text += delta.content;
    }
    if (delta.reasoning_content) {
      clean.reasoning_content = delta.reasoning_content;
      reasoning += delta.reasoning_content;
    }
    if (clean.content || clean.reasoning_content) options.onDelta(clean);
  };
  try {
    const result = await handler(job, { signal: options.signal, emit });
    if (options.signal.aborted) return { kind: 'aborted', text, reasoning, reason: options.signal.reason };
    if (!result.text && !result.reasoning) {
      return { kind: 'failed', message: 'backend produced no output', clientError: false, text };
    }
    return { kind: 'done', result };
  } catch (error) {
    if (options.signal.aborted) return { kind: 'aborted', text, reasoning, reason: options.signal.reason };
    if (error instanceof BackendError)
      return { kind: 'failed', message: error.message, clientError: error.clientError, text };
    return {
      kind: 'failed',
      message: `backend failed: ${error instanceof Error ? error.message : String(error)}`,
      clientError: false,
      text,
    };
  } finally {
    open = false;
  }
}

/** Why the worker itself aborted a job (the signal's `reason`). */
export const ABORT = {
  cancel: 'cancel',
  handBack: 'hand-back',
  timeout: 'timeout',
  connectionLost: 'connection-lost',
} as const;
