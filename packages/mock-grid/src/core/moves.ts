/**
 * The job state machine's named moves (as BullMQ has `moveToActive`, `moveToFinished`): each one is a
 * `move()` (job-machine.ts) plus what the books must do with it, with its events queued on the outbox.
 * Rules (rules/) compose these; a move never calls a rule, and never a sink or listener directly.
 */
import type { Books } from './books/index.js';
import { chooseModel, servedMaxLength, wsPayload } from './convert.js';
import type { Conn, Generation, Job, Worker } from './entities.js';
import { uuid } from './ids.js';
import { type JobTrigger, move } from './job-machine.js';
import { jobIds, type Outbox } from './outbox.js';
import type { JobEvent } from './types.js';

type Jobs = Pick<Books, 'clock' | 'queue' | 'requests' | 'stats'>;
type Leases = Pick<Books, 'clock' | 'settings' | 'queue' | 'generations' | 'connections'>;

/** A new job joins the back of the queue. */
export function enqueue(b: Jobs, out: Outbox, job: Job): void {
  move(job, 'submit');
  b.queue.add(job, false);
  out.jobEvent(job, { type: 'queued', ...jobIds(job), at: b.clock.now() });
}

/**
 * An attempt ended without a result. Its tokens may already have reached a streaming /v1 client, which cannot
 * be handed another attempt's text after them: then the job ends there, failed (spec: the chat completion
 * stream's error event); otherwise it goes back to the queue. Returns whether it was requeued.
 */
export function takeBack(b: Jobs, out: Outbox, job: Job, gen: Generation, reason: string): boolean {
  if (gen.firstTokenAt !== null && job.req.chat?.stream === true) {
    const message = `The worker stopped after streaming part of the answer (${reason}); a streamed answer is not retried`;
    const event = { type: 'failed', ...jobIds(job), at: b.clock.now(), message, clientError: false } as const;
    close(b, out, job, event, 'interrupt');
    return false;
  }
  requeue(b, out, job, reason);
  return true;
}

/** Back to the front of the queue, keeping its age, and offered to an idle WS connection. */
export function requeue(b: Jobs, out: Outbox, job: Job, reason: string): void {
  move(job, 'retry');
  b.queue.add(job, true);
  out.jobEvent(job, { type: 'requeued', ...jobIds(job), at: b.clock.now(), reason });
  out.dispatch(job);
}

/** Takes `job` out of the queue and leases it to `worker`: pushed to `conn` (WS), or popped (conn null). */
export function lease(b: Leases, out: Outbox, job: Job, worker: Worker, conn: Conn | null): Generation {
  b.queue.remove(job);
  const now = b.clock.now();
  const model = chooseModel(job, worker);
  const leaseMs = conn ? b.settings.wsLeaseMs : b.settings.popLeaseMs;
  const gen: Generation = {
    id: uuid(),
    job,
    jobId: job.id,
    worker,
    conn,
    model,
    maxLength: servedMaxLength(job, worker),
    state: 'new',
    abortReason: null,
    assignedAt: now,
    firstTokenAt: null,
    timer: null,
    deadline: now + leaseMs,
    finishReason: null,
    streamedText: '',
    streamedReasoning: '',
    endedAt: 0,
  };
  move(job, 'assign');
  move(gen, 'lease');
  b.generations.add(gen);
  b.generations.arm(gen, leaseMs);
  job.gen = gen;
  if (conn) {
    b.connections.setIdle(conn, false);
    conn.current = gen;
  } else worker.popGens.add(gen);
  out.jobEvent(job, {
    type: 'assigned',
    ...jobIds(job),
    at: now,
    worker: { id: worker.id, name: worker.name, kind: conn ? 'ws' : 'pop' },
    generationId: gen.id,
    model,
  });
  if (conn) {
    const offer = { id: gen.id, model, payload: wsPayload(job, worker, model) };
    out.offer(conn, offer);
  }
  return gen;
}

/**
 * Ends a generation: `finish` when the worker answered, `abort` when the grid took the job back. With
 * `drain`, a WS connection whose job was taken back stays busy ("draining") until the worker answers the
 * cancel or one more lease passes, so it never holds two jobs.
 */
export function endGeneration(
  b: Pick<Books, 'clock' | 'settings' | 'generations'>,
  gen: Generation,
  trigger: 'finish' | 'abort',
  reason: string | null,
  drain = false,
): void {
  b.generations.disarm(gen);
  move(gen, trigger);
  gen.abortReason = reason;
  gen.endedAt = b.clock.now();
  if (gen.job) gen.job.gen = null;
  gen.job = null;
  const conn = gen.conn;
  if (conn) {
    if (drain && !conn.closed) b.generations.arm(gen, b.settings.wsLeaseMs);
    else if (conn.current === gen) conn.current = null;
  } else gen.worker.popGens.delete(gen);
  b.generations.ended(gen);
}

/** A draining connection is free again (its worker answered the cancel, or the drain ran out). */
export function freeDrained(b: Pick<Books, 'generations'>, out: Outbox, conn: Conn): void {
  const gen = conn.current;
  if (!gen) return;
  b.generations.disarm(gen);
  conn.current = null;
  out.feed(conn);
}

type Ending = Extract<JobEvent, { type: 'done' | 'failed' | 'faulted' | 'cancelled' }>;
const TRIGGER = { done: 'complete', failed: 'reject', faulted: 'fault', cancelled: 'cancel' } as const;

/** A job reaches its end (`event.type` says which, `trigger` how when it is not the usual one); its request
 *  is finished when it was the last. */
export function close(
  b: Jobs,
  out: Outbox,
  job: Job,
  event: Ending,
  trigger: JobTrigger = TRIGGER[event.type],
): void {
  move(job, trigger);
  if (event.type !== 'done') b.stats[event.type]++;
  out.jobEvent(job, event);
  b.requests.finished(job.req, b.clock.now());
}

/** A WS connection is gone: its live job goes back to the front of the queue, with no failure counted. */
export function dropConnection(
  b: Jobs & Pick<Books, 'settings' | 'generations' | 'connections' | 'workers'>,
  out: Outbox,
  conn: Conn,
  reason: string,
): void {
  if (conn.closed) return;
  const now = b.clock.now();
  b.connections.remove(conn);
  conn.closed = true;
  const worker = conn.worker;
  if (worker.conn === conn) worker.conn = null;
  if (!b.workers.isOnline(worker)) b.workers.forgetOffline(worker);
  worker.uptimeMs += now - conn.connectedAt;
  worker.lastSeenAt = now;
  const gen = conn.current;
  conn.current = null;
  if (gen?.state === 'active') {
    const job = gen.job!;
    endGeneration(b, gen, 'abort', `worker ${reason}`);
    // A disconnect is not the job's fault: no failure counted.
    takeBack(b, out, job, gen, `worker ${reason}`);
  } else if (gen) b.generations.disarm(gen);
  out.gridEvent({ type: 'worker.offline', at: now, workerId: worker.id, name: worker.name, reason });
}
