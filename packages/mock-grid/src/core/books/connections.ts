/**
 * The connections book: live WS worker connections, and which of them are idle (free to take a job),
 * indexed by model so a new job finds an idle connection that serves it without walking the others.
 */
import type { Conn, Job } from '../entities.js';

export class ConnectionBook {
  readonly #byId = new Map<string, Conn>();
  readonly #idleAny = new Set<Conn>();
  readonly #idleByModel = new Map<string, Set<Conn>>();

  get(id: string): Conn | undefined {
    return this.#byId.get(id);
  }

  add(conn: Conn): void {
    this.#byId.set(conn.id, conn);
  }

  /** The connection is gone: out of the book and of the idle sets. */
  remove(conn: Conn): void {
    this.setIdle(conn, false);
    this.#byId.delete(conn.id);
  }

  setIdle(conn: Conn, idle: boolean): void {
    if (conn.idle === idle) return;
    conn.idle = idle;
    if (idle) {
      this.#idleAny.add(conn);
      conn.idleModels = conn.worker.models;
      for (const model of conn.idleModels) {
        let set = this.#idleByModel.get(model);
        if (!set) {
          set = new Set();
          this.#idleByModel.set(model, set);
        }
        set.add(conn);
      }
    } else {
      this.#idleAny.delete(conn);
      for (const model of conn.idleModels) this.#idleByModel.get(model)?.delete(conn);
      conn.idleModels = [];
    }
  }

  /** Where the next `idleServing` window starts, among the idle connections it walks. */
  #cursor = 0;

  /**
   * The idle connections whose workers serve one of `job`'s models (any, for a job that names none), each
   * once: the router's candidates (routing/route.ts), which it filters by the other matching rules. At most
   * `limit`: when more are idle, a window of `limit` that starts where the last one ended, so each is looked at
   * in turn.
   */
  idleServing(job: Job, limit: number): Conn[] {
    if (this.#idleAny.size === 0) return [];
    let idle: Iterable<Conn>;
    let size: number;
    if (job.models.length === 0) {
      idle = this.#idleAny;
      size = this.#idleAny.size;
    } else if (job.models.length === 1) {
      const set = this.#idleByModel.get(job.models[0]!);
      if (!set) return [];
      idle = set;
      size = set.size;
    } else {
      const seen = new Set<Conn>();
      for (const model of job.models) for (const conn of this.#idleByModel.get(model) ?? []) seen.add(conn);
      idle = seen;
      size = seen.size;
    }
    if (size <= limit) return [...idle];
    const start = this.#cursor % size;
    this.#cursor = start + limit;
    const out: Conn[] = [];
    let i = 0;
    for (const conn of idle) {
      if (i >= start && out.length < limit) out.push(conn);
      i++;
    }
    // The window wraps round to the first ones.
    for (const conn of idle) {
      if (out.length >= limit) break;
      out.push(conn);
    }
    return out;
  }
}
