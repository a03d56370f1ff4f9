/**
 * Effects, delivered after the transition that caused them. While a public `GridCore` call (or a lease
 * timer) changes the books, everything it wants to happen outside them — an event to a listener, a frame
 * to a WS worker's sink, a follow-up command for another rule — is queued here, and delivered in order
 * once the transition is complete. A listener or sink that calls back into the grid therefore always sees
 * a finished transition, and its call's own effects join the end of the same queue instead of nesting.
 */
import type { Conn, Job, Worker } from './entities.js';
import type { GridEvent, GridListener, JobEvent, WorkerSink } from './types.js';

/** A follow-up that belongs to another rule: run by `GridCore` when it comes up in the queue. */
export type Command =
  /** Offer a just-(re)queued job to an idle WS connection (assign.ts). */
  | { kind: 'dispatch'; job: Job }
  /** A WS connection has a free slot: give it the oldest matching job or park it idle (assign.ts). */
  | { kind: 'feed'; conn: Conn }
  /** The connection is gone: replaced, evicted, or its sink threw (release.ts). */
  | { kind: 'drop'; conn: Conn; reason: string }
  /** A faulted request's other jobs stop (cancel.ts). */
  | { kind: 'cancel'; job: Job }
  /** A WS worker failed a job: one strike (discipline.ts). */
  | { kind: 'strike'; worker: Worker };

type Effect =
  | { kind: 'event'; job: Job | null; event: GridEvent }
  | { kind: 'sink'; conn: Conn; call: (sink: WorkerSink) => void }
  | { kind: 'command'; command: Command };

/** Rethrows `error` from a microtask: it still surfaces as an uncaught error, but not in the caller. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

const COMPACT_AFTER = 1024;

export class Outbox {
  readonly listeners = new Set<GridListener>();
  #queue: Effect[] = [];
  #delivering = false;

  /** A job event: to the job's listeners, its request's listeners, then the grid-wide stream. */
  jobEvent(job: Job, event: JobEvent): void {
    this.#queue.push({ kind: 'event', job, event });
  }

  /** A grid-wide event (worker and ledger events). */
  gridEvent(event: GridEvent): void {
    this.#queue.push({ kind: 'event', job: null, event });
  }

  /** A call on a WS connection's sink. A sink that throws is a dead connection: it is dropped. */
  sink(conn: Conn, call: (sink: WorkerSink) => void): void {
    this.#queue.push({ kind: 'sink', conn, call });
  }

  command(command: Command): void {
    this.#queue.push({ kind: 'command', command });
  }

  /**
   * Delivers everything queued, in order, including what the deliveries queue themselves. A call made
   * while a delivery is running (a sink answering at once) returns and leaves its effects to this loop.
   */
  deliver(run: (command: Command) => void): void {
    if (this.#delivering) return;
    this.#delivering = true;
    const queue = this.#queue;
    for (let i = 0; i < queue.length; i++) {
      const effect = queue[i]!;
      if (effect.kind === 'command') {
        try {
          run(effect.command);
        } catch (error) {
          // A rule that throws in a follow-up is a bug; the effects after it are still delivered.
          rethrowLater(error);
        }
      } else if (effect.kind === 'sink') this.#callSink(effect.conn, effect.call);
      else this.#emit(effect.job, effect.event);
      // A worker that answers every job at once keeps this loop going; drop what was delivered.
      if (i >= COMPACT_AFTER && i * 2 >= queue.length) {
        queue.splice(0, i + 1);
        i = -1;
      }
    }
    queue.length = 0;
    this.#delivering = false;
  }

  #callSink(conn: Conn, call: (sink: WorkerSink) => void): void {
    try {
      call(conn.sink);
    } catch (error) {
      if (!conn.closed) this.command({ kind: 'drop', conn, reason: 'sink failed' });
      rethrowLater(error);
    }
  }

  #emit(job: Job | null, event: GridEvent): void {
    if (job?.listeners) for (const l of [...job.listeners]) safeCall(l, event as JobEvent);
    if (job?.req.listeners) for (const l of [...job.req.listeners]) safeCall(l, event as JobEvent);
    for (const l of this.listeners) safeCall(l, event);
  }
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
