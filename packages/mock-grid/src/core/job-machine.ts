/**
 * The job state machine: every state a job or a generation can be in, every legal move and the trigger
 * that makes it. `move()` is the only writer of `job.state` and `gen.state`, and of the counters that
 * follow a job's state: its request's open jobs, its account's jobs in flight and (image requests) its
 * account's media requests in flight. An illegal move throws:
 * it is a bug in a rule, never a client's or a worker's mistake. docs/mock-grid-core.md "A job's life"
 * draws the same table.
 */
import type { Generation, Job } from './entities.js';
import type { JobState } from './types.js';

/** A job record before its `submit` move. */
export type JobStage = 'new' | JobState;
export type GenerationStage = 'new' | Generation['state'];

interface Move<S extends string> {
  readonly from: readonly S[];
  readonly to: Exclude<S, 'new'>;
  /** What makes the move, in the words of the door that triggers it. */
  readonly when: string;
}

/** Every legal job move, by trigger. */
export const JOB_TRANSITIONS = {
  submit: { from: ['new'], to: 'queued', when: 'a client submits the request (/v1 or Horde async)' },
  assign: { from: ['queued'], to: 'leased', when: 'a WS connection is handed the job, or a pop takes it' },
  token: { from: ['leased'], to: 'streaming', when: 'the first token frame arrives' },
  complete: { from: ['leased', 'streaming'], to: 'completed', when: 'WS done / Horde submit with text' },
  reject: {
    from: ['leased', 'streaming'],
    to: 'failed',
    when: 'the worker blames the client (WS error with client_error)',
  },
  retry: {
    from: ['leased', 'streaming'],
    to: 'queued',
    when: 'the attempt ended without a result (error, empty or faulted submit, lease expired, worker gone)',
  },
  fault: {
    from: ['leased', 'streaming'],
    to: 'faulted',
    when: 'the attempt that ended was the last allowed',
  },
  orphan: {
    from: ['queued'],
    to: 'faulted',
    when: 'the grid gives up on a queued job: a /v1 job no online worker could serve for noWorkerTimeoutMs (its workers went away), or the mock scenario `faulted`',
  },
  interrupt: {
    from: ['streaming'],
    to: 'failed',
    when: 'an attempt whose tokens already reached a streaming /v1 client ended without a result: not retried',
  },
  cancel: {
    from: ['queued', 'leased', 'streaming'],
    to: 'cancelled',
    when: 'the client cancels (DELETE, disconnect), or a sibling job of the request faulted',
  },
} as const satisfies Record<string, Move<JobStage>>;

/** Every legal generation move, by trigger. */
export const GENERATION_TRANSITIONS = {
  lease: { from: ['new'], to: 'active', when: 'the job is assigned to a worker' },
  finish: { from: ['active'], to: 'done', when: 'the worker answers: done, submit or an error frame' },
  abort: {
    from: ['active'],
    to: 'aborted',
    when: 'the grid takes the job back: cancelled, lease expired, worker gone or replaced',
  },
} as const satisfies Record<string, Move<GenerationStage>>;

export type JobTrigger = keyof typeof JOB_TRANSITIONS;
export type GenerationTrigger = keyof typeof GENERATION_TRANSITIONS;

const TERMINAL: ReadonlySet<JobStage> = new Set(['completed', 'failed', 'faulted', 'cancelled']);

export function isTerminal(job: Job): boolean {
  return TERMINAL.has(job.state);
}

/** Moves a job (or a generation) by `trigger`; throws when its current state does not allow it. */
export function move(job: Job, trigger: JobTrigger): void;
export function move(gen: Generation, trigger: GenerationTrigger): void;
export function move(subject: Job | Generation, trigger: JobTrigger | GenerationTrigger): void {
  if ('req' in subject) {
    const t: Move<JobStage> = JOB_TRANSITIONS[trigger as JobTrigger];
    if (!t.from.includes(subject.state)) throw illegal('job', subject.id, trigger, subject.state);
    const req = subject.req;
    if (subject.state === 'new') {
      if (req.open++ === 0 && req.image) req.account.mediaInFlight++;
      req.account.inFlight++;
    }
    subject.state = t.to;
    if (TERMINAL.has(t.to)) {
      if (--req.open === 0 && req.image) req.account.mediaInFlight--;
      req.account.inFlight--;
    }
    return;
  }
  const t: Move<GenerationStage> = GENERATION_TRANSITIONS[trigger as GenerationTrigger];
  if (!t.from.includes(subject.state)) throw illegal('generation', subject.id, trigger, subject.state);
  subject.state = t.to;
}

function illegal(kind: string, id: string, trigger: string, from: string): Error {
  return new Error(`Illegal ${kind} move '${trigger}' from '${from}' (${kind} ${id})`);
}
