/**
 * The job state machine's named moves (as BullMQ has `moveToActive`, `moveToFinished`): each one is a
 * `move()` (job-machine.ts) plus what the books must do with it, with its events queued on the outbox.
 * Rules (rules/) compose these; a move never calls a rule, and never a sink or listener directly.
 */
import type { Books } from './books/index.js';
import { chooseModel, servedMaxLength, wsPayload } from './convert.js';
import type { Conn, Generation, Job, Worker } from './entities.js';
import { uuid } from './ids.js';
import { imageKey, mediaSlots, wsMediaPayload } from './image-convert.js';
import { type JobTrigger, move } from './job-machine.js';
import { jobIds, type Outbox } from './outbox.js';
import type { JobEvent, WorkerScenario, WsJobOffer } from './types.js';

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
  if (job.req.check) {
    // A probe or canary never enters the queue: it ends here, and the worker's next arrival brings a new one
    // (rules/verify.ts).
    move(job, 'cancel');
    out.jobEvent(job, { type: 'cancelled', ...jobIds(job), at: b.clock.now() });
    return false;
  }
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
  const scenario = takeScenario(job);
  const gen = leaseOne(b, out, job, worker, conn, leaseMsFor(b, job, conn));
  if (conn) {
    const offer: WsJobOffer = { id: gen.id, model: gen.model, payload: wsPayload(job, worker, gen.model) };
    if (scenario) offer.scenario = scenario;
    out.offer(conn, offer);
  }
  return gen;
}

function leaseMsFor(b: Pick<Books, 'settings'>, job: Job, conn: Conn | null): number {
  const s = b.settings;
  if (job.req.image) return conn ? s.wsMediaLeaseMs : s.imagePopLeaseMs;
  return conn ? s.wsLeaseMs : s.popLeaseMs;
}

/**
 * Leases image jobs of one request to `worker` at once, one generation each (its batch): a WS connection gets
 * one media job frame with an upload slot per image, a pop worker the ids. A WS batch is one lease, timed by
 * its first generation, and its generations end together (`endBatch`).
 */
export function leaseImages(
  b: Leases,
  out: Outbox,
  jobs: Job[],
  worker: Worker,
  conn: Conn | null,
): Generation[] {
  const image = jobs[0]!.req.image!;
  const leaseMs = leaseMsFor(b, jobs[0]!, conn);
  const scenario = takeScenario(jobs[0]!);
  for (const job of jobs) job.scenario = null;
  const gens: Generation[] = [];
  for (const job of jobs) {
    const gen = leaseOne(b, out, job, worker, conn, leaseMs);
    gen.key = imageKey(image, gen.id, conn !== null);
    gen.batch = gens;
    // One timer per WS media job: its lead's.
    if (conn && gens.length > 0) b.generations.disarm(gen);
    gens.push(gen);
  }
  if (conn) {
    const lead = gens[0]!;
    conn.current = lead;
    out.mediaOffer(conn, {
      id: lead.id,
      job_type: 'image',
      model: lead.model,
      payload: wsMediaPayload(image, gens),
      slots: mediaSlots(image, gens, true),
      sourceKey: image.source && 'key' in image.source ? image.source.key : null,
      ...(scenario ? { scenario } : {}),
    });
  }
  return gens;
}

/** A job's mock worker scenario goes with its first lease only: a retry is an ordinary job. */
function takeScenario(job: Job): WorkerScenario | null {
  const scenario = job.scenario;
  job.scenario = null;
  return scenario;
}

function leaseOne(
  b: Leases,
  out: Outbox,
  job: Job,
  worker: Worker,
  conn: Conn | null,
  leaseMs: number,
): Generation {
  b.queue.remove(job);
  const now = b.clock.now();
  const model = chooseModel(job, worker);
  const gen: Generation = {
    id: uuid(),
    job,
    jobId: job.id,
    worker,
    conn,
    model,
    maxLength: servedMaxLength(job, worker),
    state: 'new',
    batch: null,
    key: null,
    pct: 0,
    steps: null,
    abortReason: null,
    assignedAt: now,
    route: null,
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
  // A WS media job's connection is held by its first generation (the job id on the wire): the others only
  // leave the book.
  if (gen.batch && gen.conn && gen.batch[0] !== gen) {
    gen.endedAt = b.clock.now();
    if (gen.job) gen.job.gen = null;
    gen.job = null;
    forgetLive(gen);
    b.generations.ended(gen);
    return;
  }
  gen.endedAt = b.clock.now();
  if (gen.job) gen.job.gen = null;
  gen.job = null;
  forgetLive(gen);
  const conn = gen.conn;
  if (conn) {
    if (drain && !conn.closed) b.generations.arm(gen, b.settings.wsLeaseMs);
    else if (conn.current === gen) conn.current = null;
  } else gen.worker.popGens.delete(gen);
  b.generations.ended(gen);
}

/**
 * What only a live generation needs, dropped as it ends: its tombstone is judged by state, owner and
 * connection alone (ownership.ts), and a grid at thousands of jobs a second holds tens of thousands of them
 * (`wsRetentionMs`). The routing decision is read into the answer before the end (rules/complete.ts).
 */
function forgetLive(gen: Generation): void {
  gen.route = null;
  gen.streamedText = '';
  gen.streamedReasoning = '';
}

/** The generations that end together with `gen`: a WS media job's whole batch (one job on the wire), or itself. */
export function batchOf(gen: Generation): Generation[] {
  return gen.batch && gen.conn ? gen.batch : [gen];
}

/**
 * Ends a generation and, for a WS media job, the rest of its batch with it (they are one job on the wire).
 * Returns each live generation that ended with its job, in slot order.
 */
export function endBatch(
  b: Pick<Books, 'clock' | 'settings' | 'generations'>,
  gen: Generation,
  trigger: 'finish' | 'abort',
  reason: string | null,
  drain = false,
): [Job, Generation][] {
  const members = batchOf(gen);
  const ended: [Job, Generation][] = [];
  for (const g of members) {
    if (g.state !== 'active') continue;
    const job = g.job!;
    endGeneration(b, g, trigger, reason, drain && g === members[0]);
    ended.push([job, g]);
  }
  return ended;
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
  worker.standing.onlineUntil(now, conn.connectedAt);
  worker.lastSeenAt = now;
  const gen = conn.current;
  conn.current = null;
  if (gen?.state === 'active') {
    // A disconnect is not the job's fault: no failure counted.
    for (const [job, g] of endBatch(b, gen, 'abort', `worker ${reason}`))
      takeBack(b, out, job, g, `worker ${reason}`);
  } else if (gen) b.generations.disarm(gen);
  out.gridEvent({ type: 'worker.offline', at: now, workerId: worker.id, name: worker.name, reason });
}
