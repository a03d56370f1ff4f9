/**
 * Effects, delivered after the transition that caused them. While a public `GridCore` call (or a lease
 * timer) changes the books, everything it wants to happen outside them — an event to a listener, a frame
 * to a WS worker's sink, a follow-up command for another rule — is queued here, and delivered in order
 * once the transition is complete. A listener or sink that calls back into the grid therefore always sees
 * a finished transition, and its call's own effects join the end of the same queue instead of nesting.
 */
import type { Conn, Generation, Job, Worker } from './entities.js';
import type {
  CloseReason,
  GridEvent,
  GridListener,
  JobEvent,
  WsJobOffer,
  WsMediaJobOffer,
  WsRegistration,
} from './types.js';

/** Follow-ups that belong to other rules, run by `GridCore` when they come up in the queue. */
export interface CommandRunner {
  /** Offer a just-(re)queued job to an idle WS connection (rules/assign.ts). */
  dispatch(job: Job): void;
  /** A WS connection has a free slot: give it the oldest matching job or park it idle (rules/assign.ts). */
  feed(conn: Conn): void;
  /** The connection is gone: its sink threw (rules/release.ts). */
  drop(conn: Conn, reason: string): void;
  /** A faulted request's other jobs stop (rules/cancel.ts). */
  cancel(job: Job): void;
  /** A worker failed a job: one strike (rules/discipline.ts). */
  strike(worker: Worker): void;
  /** The attempt is a worker error, e.g. it streamed past the job's cap (rules/fail.ts). */
  failAttempt(gen: Generation, message: string): void;
}

// Effects are queued flat, as (kind, subject, payload) triples: no object per effect on the hot path
// (a token frame is one event; a lifecycle is a dozen effects).
const EVENT = 0;
const READY = 1;
const JOB = 2;
const CANCEL = 3;
const CLOSE = 4;
const ACK = 5;
const DISPATCH = 6;
const FEED = 7;
const DROP = 8;
const CANCEL_JOB = 9;
const STRIKE = 10;
const FAIL = 11;
const MEDIA_JOB = 12;
type Slot =
  | Generation
  | number
  | Job
  | Conn
  | Worker
  | GridEvent
  | WsRegistration
  | WsJobOffer
  | WsMediaJobOffer
  | Ack
  | Closing
  | string
  | null;

/** An ack whose den the caller fills in once its rule has settled (see `GridCore.complete`). */
export interface Ack {
  id: string;
  den: number;
}

interface Closing {
  reason: CloseReason;
  message: string;
}

/** A queue longer than this is compacted while it is delivered (a worker answering every job at once). */
const COMPACT_AFTER = 3 * 1024;

/** Rethrows `error` from a microtask: it still surfaces as an uncaught error, but not in the caller. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export class Outbox {
  readonly listeners = new Set<GridListener>();
  /** Records a delivered job event into its request's event log (books/events.ts); set by `GridCore`. */
  recorder: ((job: Job, event: JobEvent) => void) | null = null;
  #queue: Slot[] = [];
  /** Slots in use; the array is reused between deliveries, so it is not re-grown for every call. */
  #end = 0;
  #delivering = false;

  #push(kind: number, subject: Slot, payload: Slot): void {
    const q = this.#queue;
    q[this.#end++] = kind;
    q[this.#end++] = subject;
    q[this.#end++] = payload;
  }

  /** A job event: to the job's listeners, its request's listeners, then the grid-wide stream. */
  jobEvent(job: Job, event: JobEvent): void {
    this.#push(EVENT, job, event);
  }

  /** A grid-wide event (worker and ledger events). */
  gridEvent(event: GridEvent): void {
    this.#push(EVENT, null, event);
  }

  // Calls on a WS connection's sink. A sink that throws is a dead connection: it is dropped.
  ready(conn: Conn, registration: WsRegistration): void {
    this.#push(READY, conn, registration);
  }
  offer(conn: Conn, offer: WsJobOffer): void {
    this.#push(JOB, conn, offer);
  }
  mediaOffer(conn: Conn, offer: WsMediaJobOffer): void {
    this.#push(MEDIA_JOB, conn, offer);
  }
  cancelFrame(conn: Conn, generationId: string): void {
    this.#push(CANCEL, conn, generationId);
  }
  close(conn: Conn, reason: CloseReason, message: string): void {
    this.#push(CLOSE, conn, { reason, message });
  }
  ack(conn: Conn, ack: Ack): void {
    this.#push(ACK, conn, ack);
  }

  // Follow-up commands (see CommandRunner).
  dispatch(job: Job): void {
    this.#push(DISPATCH, job, null);
  }
  feed(conn: Conn): void {
    this.#push(FEED, conn, null);
  }
  drop(conn: Conn, reason: string): void {
    this.#push(DROP, conn, reason);
  }
  cancel(job: Job): void {
    this.#push(CANCEL_JOB, job, null);
  }
  strike(worker: Worker): void {
    this.#push(STRIKE, worker, null);
  }
  failAttempt(gen: Generation, message: string): void {
    this.#push(FAIL, gen, message);
  }

  /**
   * Delivers everything queued, in order, including what the deliveries queue themselves. A call made
   * while a delivery is running (a sink answering at once) returns and leaves its effects to this loop.
   */
  deliver(run: CommandRunner): void {
    if (this.#delivering || this.#end === 0) return;
    this.#delivering = true;
    try {
      for (let i = 0; i < this.#end; i += 3) {
        const q = this.#queue;
        this.#deliverOne(run, q[i] as number, q[i + 1]!, q[i + 2]!);
        q[i + 1] = q[i + 2] = null;
        if (i >= COMPACT_AFTER && i * 2 >= this.#end) {
          // Drop what was delivered, so a long chain of answers does not hold its whole history.
          this.#queue = q.slice(i + 3, this.#end);
          this.#end -= i + 3;
          i = -3;
        }
      }
    } finally {
      this.#end = 0;
      if (this.#queue.length > COMPACT_AFTER) this.#queue = [];
      this.#delivering = false;
    }
  }

  #deliverOne(run: CommandRunner, kind: number, subject: Slot, payload: Slot): void {
    if (kind === EVENT) {
      this.#emit(subject as Job | null, payload as GridEvent);
      return;
    }
    if (kind >= DISPATCH && kind !== MEDIA_JOB) {
      try {
        if (kind === DISPATCH) run.dispatch(subject as Job);
        else if (kind === FEED) run.feed(subject as Conn);
        else if (kind === DROP) run.drop(subject as Conn, payload as string);
        else if (kind === CANCEL_JOB) run.cancel(subject as Job);
        else if (kind === STRIKE) run.strike(subject as Worker);
        else run.failAttempt(subject as Generation, payload as string);
      } catch (error) {
        // A rule that throws in a follow-up is a bug; the effects after it are still delivered.
        rethrowLater(error);
      }
      return;
    }
    const conn = subject as Conn;
    try {
      const sink = conn.sink;
      if (kind === READY) sink.ready(payload as WsRegistration);
      else if (kind === JOB) sink.job(payload as WsJobOffer);
      else if (kind === CANCEL) sink.cancel(payload as string);
      else if (kind === CLOSE) sink.close((payload as Closing).reason, (payload as Closing).message);
      else if (kind === MEDIA_JOB) {
        if (!sink.mediaJob) throw new Error('this sink takes no media jobs');
        sink.mediaJob(payload as WsMediaJobOffer);
      } else sink.ack?.((payload as Ack).id, (payload as Ack).den);
    } catch (error) {
      if (!conn.closed) this.drop(conn, 'sink failed');
      rethrowLater(error);
    }
  }

  #emit(job: Job | null, event: GridEvent): void {
    // Only watchable requests have a log: everything else pays this one read.
    if (job?.req.log) this.recorder?.(job, event as JobEvent);
    if (job?.listeners) emitTo(job.listeners, event as JobEvent);
    if (job?.req.listeners) emitTo(job.req.listeners, event as JobEvent);
    for (const l of this.listeners) safeCall(l, event);
  }
}

/**
 * To the listeners subscribed when the event was emitted (one that subscribes while it is delivered gets the
 * next one). A lone listener, the usual case, is called without a copy of the list.
 */
function emitTo<E>(listeners: readonly ((e: E) => void)[], event: E): void {
  if (listeners.length === 1) safeCall(listeners[0]!, event);
  else for (const l of [...listeners]) safeCall(l, event);
}

/** A throwing listener must not stop the deliveries after it: its error is rethrown from a microtask. */
function safeCall<E>(listener: (e: E) => void, event: E): void {
  try {
    listener(event);
  } catch (error) {
    rethrowLater(error);
  }
}

/** The ids every job event carries. */
export function jobIds(job: Job): { jobId: string; requestId: string; index: number } {
  return { jobId: job.id, requestId: job.req.id, index: job.index };
}
