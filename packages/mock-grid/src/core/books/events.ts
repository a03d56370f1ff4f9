/**
 * The events book: one event log per watchable request (spec: openapi/components/events.yaml `JobEvent`,
 * `GET /v1/jobs/{id}/events`; docs/mock-grid-core.md "Job events"). The rules queue job events on the outbox as
 * they always did; when the outbox delivers one whose request has a log, the log turns it into the wire event,
 * numbers it (`seq` 1, 2, 3 … per request) and hands it to the request's watchers. A watcher that starts "after
 * seq N" gets the retained events after N and then the live ones: nothing missed, nothing twice.
 *
 * Only watchable requests have a log (Horde async, and submits that ask for one: the client WebSocket, batches),
 * so a /v1 chat completion that nobody can watch pays one property read per event. A log lives as long as its
 * request (the requests book forgets both together).
 *
 * Bound: a log holds at most `EVENT_LOG_LIMIT` entries past its lifecycle events. Beyond that its oldest half is
 * compacted: `progress` events there are dropped (a later event supersedes them) and a job's consecutive `token`
 * events are merged into one whose `delta` is their text run together (only deltas of `content` /
 * `reasoning_content`; a delta with anything else, e.g. the role or tool calls, stays as it was). A merged event
 * keeps each member's seq and text offsets, so resuming after any seq ever sent is still exact: after a member,
 * the replay starts with the rest of the run's text under the run's last seq.
 */
import type { ChatCompletionDelta, JobEvent as WireJobEvent } from '@aipg/sdk';
import type { Job } from '../entities.js';
import { rethrowLater } from '../outbox.js';
import { tokensForChars } from '../tokens.js';
import type { JobEvent } from '../types.js';
import type { JobQueue } from './queue.js';

/** Entries a log holds before its oldest half is compacted. */
export const EVENT_LOG_LIMIT = 4096;
/** A text job's `progress` event comes every this many token frames of an attempt. */
export const PROGRESS_EVERY_TOKENS = 16;

export type WatchListener = (event: WireJobEvent) => void;

interface Watcher {
  listener: WatchListener;
  onEnd: (() => void) | undefined;
}

type TokenEvent = Extract<WireJobEvent, { type: 'token' }>;

/** A run of one job's token events merged by compaction: `members` is flat [seq, contentEnd, reasoningEnd]. */
interface MergedTokens {
  event: TokenEvent;
  content: string;
  reasoning: string;
  members: number[];
}

type Entry = WireJobEvent | MergedTokens;

function isMerged(entry: Entry): entry is MergedTokens {
  return 'members' in entry;
}

function seqOf(entry: Entry): number {
  return isMerged(entry) ? entry.event.seq : entry.seq;
}

/** A delta compaction may merge: only text. */
function mergeable(delta: ChatCompletionDelta): boolean {
  for (const key in delta) if (key !== 'content' && key !== 'reasoning_content') return false;
  return true;
}

export class EventLog {
  readonly id: string;
  #entries: Entry[] = [];
  #seq = 0;
  /** Jobs of the request whose end has not been logged yet: the one that reaches 0 is `final`. */
  #open: number;
  #watchers: Watcher[] | null = null;
  /** Entries past which the log is compacted (raised when the lifecycle events alone fill half of it). */
  #compactAt = EVENT_LOG_LIMIT;
  /** Per job: token frames and characters of the current attempt (text progress). */
  #frames: number[];
  #chars: number[];

  constructor(id: string, jobs: number) {
    this.id = id;
    this.#open = jobs;
    this.#frames = new Array<number>(jobs).fill(0);
    this.#chars = new Array<number>(jobs).fill(0);
  }

  /** The last seq handed out (0 before the first event). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** Whether the request's last job has ended (its final event is logged). */
  get ended(): boolean {
    return this.#open === 0;
  }

  /** Entries held (merged runs count once). */
  get size(): number {
    return this.#entries.length;
  }

  /** The retained events after `after`, in order (a merged run the replay starts inside of is cut there). */
  after(after: number): WireJobEvent[] {
    const entries = this.#entries;
    // The first entry whose seq is past `after` (entries are in seq order).
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seqOf(entries[mid]!) <= after) lo = mid + 1;
      else hi = mid;
    }
    const out: WireJobEvent[] = [];
    for (let i = lo; i < entries.length; i++) {
      const entry = entries[i]!;
      out.push(isMerged(entry) ? (i === lo ? sliceRun(entry, after) : entry.event) : entry);
    }
    return out;
  }

  /** Adds a watcher of the live events (after the ones already logged). Returns its removal. */
  watch(listener: WatchListener, onEnd: (() => void) | undefined): () => void {
    const watcher: Watcher = { listener, onEnd };
    const list = this.#watchers ?? [];
    this.#watchers = list;
    list.push(watcher);
    return () => {
      const i = list.indexOf(watcher);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Logs the wire event(s) of `event` about `job` and hands them to the watchers. */
  record(job: Job, event: JobEvent, queue: JobQueue): void {
    const base = { seq: 0, id: this.id, index: job.index, at: event.at };
    const i = job.index;
    switch (event.type) {
      case 'queued':
        this.#push({ type: 'queued', ...base, position: queue.position(job) });
        return;
      case 'requeued':
        this.#push({ type: 'requeued', ...base, reason: event.reason });
        this.#push({ type: 'queued', ...base, position: queue.position(job) });
        return;
      case 'assigned':
        this.#frames[i] = 0;
        this.#chars[i] = 0;
        this.#push({
          type: 'assigned',
          ...base,
          worker: { id: event.worker.id, name: event.worker.name },
          model: event.model,
        });
        return;
      case 'token': {
        this.#push({ type: 'token', ...base, delta: event.delta });
        const chars =
          this.#chars[i]! + (event.delta.content?.length ?? 0) + (event.delta.reasoning_content?.length ?? 0);
        this.#chars[i] = chars;
        const frames = ++this.#frames[i]!;
        if (frames % PROGRESS_EVERY_TOKENS === 0) {
          this.#push({ type: 'progress', ...base, tokens: tokensForChars(chars) });
        }
        return;
      }
      case 'progress':
        this.#push({ type: 'progress', ...base, pct: event.pct });
        return;
      case 'done': {
        const final = this.#end();
        const image = event.image;
        if (image) {
          const state = job.result?.state;
          this.#push({
            type: 'done',
            ...base,
            ...final,
            image: {
              id: image.generationId,
              seed: String(image.seed),
              model: image.model,
              worker: image.worker,
              censored: state === 'censored' || state === 'csam',
            },
          });
        } else {
          this.#push({
            type: 'done',
            ...base,
            ...final,
            text: event.text,
            ...(event.reasoning ? { reasoning: event.reasoning } : {}),
            finish_reason: event.finish_reason,
            usage: event.usage,
            grid: event.grid,
          });
        }
        return;
      }
      case 'failed':
        this.#push({ type: 'failed', ...base, ...this.#end(), message: event.message });
        return;
      case 'faulted':
        this.#push({ type: 'faulted', ...base, ...this.#end(), message: event.message });
        return;
      case 'cancelled':
        this.#push({ type: 'cancelled', ...base, ...this.#end() });
        return;
    }
  }

  /** One job ended: `{final: true}` when it was the request's last. */
  #end(): { final?: true } {
    this.#open = Math.max(0, this.#open - 1);
    return this.#open === 0 ? { final: true } : {};
  }

  #push(event: WireJobEvent): void {
    event.seq = ++this.#seq;
    this.#entries.push(event);
    if (this.#entries.length > this.#compactAt) this.#compact();
    const watchers = this.#watchers;
    if (watchers) {
      for (const w of [...watchers]) {
        try {
          w.listener(event);
        } catch (error) {
          rethrowLater(error);
        }
      }
    }
    if (this.#open === 0 && watchers) {
      this.#watchers = null;
      for (const w of watchers) {
        try {
          w.onEnd?.();
        } catch (error) {
          rethrowLater(error);
        }
      }
    }
  }

  /** Compacts the oldest half of the entries (see the file comment). Amortised O(1) per event. */
  #compact(): void {
    const entries = this.#entries;
    const cut = entries.length >>> 1;
    const kept: Entry[] = [];
    // The merged run each job is building in the compacted part (null when its last kept entry is not one).
    const open = new Map<number, MergedTokens>();
    for (let i = 0; i < cut; i++) {
      const entry = entries[i]!;
      if (!isMerged(entry) && entry.type === 'progress') continue;
      const index = isMerged(entry) ? entry.event.index : entry.index;
      const run = open.get(index);
      const last = kept[kept.length - 1];
      // A run grows only while nothing else was kept after it.
      const extendable = run !== undefined && last === run;
      if (isMerged(entry)) {
        if (extendable) appendRun(run, entry);
        else {
          kept.push(entry);
          open.set(index, entry);
        }
        continue;
      }
      if (entry.type === 'token' && mergeable(entry.delta)) {
        if (extendable) appendToken(run, entry);
        else {
          const fresh = startRun(entry);
          kept.push(fresh);
          open.set(index, fresh);
        }
        continue;
      }
      kept.push(entry);
      open.delete(index);
    }
    for (let i = cut; i < entries.length; i++) kept.push(entries[i]!);
    this.#entries = kept;
    this.#compactAt = Math.max(EVENT_LOG_LIMIT, kept.length * 2);
  }
}

function startRun(event: TokenEvent): MergedTokens {
  const content = event.delta.content ?? '';
  const reasoning = event.delta.reasoning_content ?? '';
  const run: MergedTokens = {
    event: { ...event, delta: {} },
    content,
    reasoning,
    members: [event.seq, content.length, reasoning.length],
  };
  setDelta(run);
  return run;
}

function appendToken(run: MergedTokens, event: TokenEvent): void {
  run.content += event.delta.content ?? '';
  run.reasoning += event.delta.reasoning_content ?? '';
  run.members.push(event.seq, run.content.length, run.reasoning.length);
  run.event.seq = event.seq;
  run.event.at = event.at;
  setDelta(run);
}

function appendRun(run: MergedTokens, next: MergedTokens): void {
  const c = run.content.length;
  const r = run.reasoning.length;
  run.content += next.content;
  run.reasoning += next.reasoning;
  const m = next.members;
  for (let k = 0; k < m.length; k += 3) run.members.push(m[k]!, c + m[k + 1]!, r + m[k + 2]!);
  run.event.seq = next.event.seq;
  run.event.at = next.event.at;
  setDelta(run);
}

function setDelta(run: MergedTokens): void {
  run.event.delta = {
    ...(run.content ? { content: run.content } : {}),
    ...(run.reasoning ? { reasoning_content: run.reasoning } : {}),
  };
}

/** The part of a merged run after seq `after` (the whole run when `after` precedes it). */
function sliceRun(run: MergedTokens, after: number): TokenEvent {
  const m = run.members;
  if (after < m[0]!) return run.event;
  // The last member at or before `after`.
  let lo = 0;
  let hi = m.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (m[mid * 3]! <= after) lo = mid;
    else hi = mid - 1;
  }
  const content = run.content.slice(m[lo * 3 + 1]!);
  const reasoning = run.reasoning.slice(m[lo * 3 + 2]!);
  return {
    ...run.event,
    delta: {
      ...(content ? { content } : {}),
      ...(reasoning ? { reasoning_content: reasoning } : {}),
    },
  };
}

/** Creates the logs of watchable requests and records the outbox's job events into them. */
export class EventBook {
  constructor(private readonly queue: JobQueue) {}

  /** A new log for a request of `jobs` jobs. */
  open(id: string, jobs: number): EventLog {
    return new EventLog(id, jobs);
  }

  /** Records a delivered job event into its request's log (the outbox calls this only when there is one). */
  record(job: Job, event: JobEvent): void {
    job.req.log?.record(job, event, this.queue);
  }
}
