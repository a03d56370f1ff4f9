// What the harness saw, per job: every attempt a worker of ours got (and what it sent and was paid), and
// what the client received. The verdict (verdict.ts) reads only this and the grid's ledger.
import type { Door } from './plan.js';

export interface Attempt {
  /** 1-based, in the order our workers received the job. */
  n: number;
  /** Our WS worker, our pop worker, or the real worker CLI. */
  kind: 'ws' | 'pop' | 'real';
  worker: string;
  /** The generation id the grid gave this attempt (WS job `id`, pop `id`). */
  generationId: string;
  behaviour: string;
  /** The attempt's complete text (Plan.text). */
  text: string;
  /** True once the worker has sent all of `text` as its answer (tokens and/or done, or a submit). */
  complete: boolean;
  /** den the grid said it paid for this attempt: each WS `ack.den`, each Horde submit `reward`. */
  payments: number[];
}

export type Answer =
  | { kind: 'success'; text: string; answers: number }
  | { kind: 'error'; detail: string }
  | { kind: 'none'; detail: string };

export interface JobRecord {
  job: number;
  door: Door;
  /** The requester's key: one account per job, so its ledger is this job's charges. */
  key: string;
  attempts: Attempt[];
  answer?: Answer;
  private: { waiters: Array<() => void> };
}

export class Book {
  readonly jobs = new Map<number, JobRecord>();
  /** Promises of worker operations still running (acks, late submits): the run waits for them. */
  readonly pending = new Set<Promise<unknown>>();
  /** Worker answers the grid never acknowledged within the ack limit (a grid bug if > 0). */
  unacked = 0;
  /** What worker operations threw: the harness's own faults, reported and failing the run. */
  readonly errors: string[] = [];
  private ending = false;

  add(job: number, door: Door, key: string): JobRecord {
    const record: JobRecord = { job, door, key, attempts: [], private: { waiters: [] } };
    this.jobs.set(job, record);
    return record;
  }

  attempt(job: number, init: Omit<Attempt, 'n' | 'complete' | 'payments'>): Attempt {
    const record = this.jobs.get(job);
    if (!record) throw new Error(`a worker got job ${job}, which no client of this run submitted`);
    const attempt: Attempt = { ...init, n: record.attempts.length + 1, complete: false, payments: [] };
    record.attempts.push(attempt);
    wake(record);
    return attempt;
  }

  answer(record: JobRecord, answer: Answer): void {
    record.answer = answer;
    wake(record);
  }

  /** Resolves when job `job` got another attempt than `after`, or an answer. */
  async movedOn(job: number, after: number): Promise<void> {
    const record = this.jobs.get(job)!;
    while (record.attempts.length <= after && !record.answer && !this.ending) {
      await new Promise<void>((resolve) => record.private.waiters.push(resolve));
    }
  }

  /** Runs `work` as a pending worker operation; what it throws is kept in `errors` (a harness fault). */
  track(work: Promise<unknown>): void {
    const settled = work
      .catch((err: unknown) => {
        this.errors.push(err instanceof Error ? err.message : String(err));
      })
      .finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  /** The run is ending: every waiter wakes and stops waiting. */
  end(): void {
    this.ending = true;
    for (const record of this.jobs.values()) wake(record);
  }
}

function wake(record: JobRecord): void {
  const waiters = record.private.waiters;
  record.private.waiters = [];
  for (const w of waiters) w();
}
