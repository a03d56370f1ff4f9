/**
 * Who may answer for a generation: the WS connection it was pushed to, or the key that owns the pop worker
 * it was leased to — and whether it is still live. `complete` and `fail` resolve a worker's answer here,
 * so both classify a stale generation the same way (InvalidJobID, DuplicateGen, AbortedGen).
 */
import type { Books } from './books/index.js';
import type { Generation } from './entities.js';
import { GridError, type GridErrorCode } from './errors.js';
import { freeDrained } from './moves.js';
import type { Outbox } from './outbox.js';
import type { WorkerRef } from './types.js';

/** The codes of a generation that is no longer anyone's to answer: normal flow for a late worker. */
export type StaleCode = 'InvalidJobID' | 'DuplicateGen' | 'AbortedGen';
const STALE: ReadonlySet<GridErrorCode> = new Set<StaleCode>(['InvalidJobID', 'DuplicateGen', 'AbortedGen']);

export function isStale(error: unknown): error is GridError & { code: StaleCode } {
  return error instanceof GridError && STALE.has(error.code);
}

/**
 * The live generation `by` answers for. Throws a stale code, or WrongCredentials (a Horde key that does
 * not own the worker). A draining connection's late answer to a cancel frees the connection.
 */
export function resolve(
  b: Pick<Books, 'accounts' | 'generations'>,
  out: Outbox,
  generationId: string,
  by: WorkerRef,
): Generation {
  // The key first: a bad key is a 401 whatever the id (the live Horde crashed with a 500 here).
  const account = 'apiKey' in by ? b.accounts.lookup(by.apiKey) : null;
  const gen = b.generations.get(generationId);
  if (!gen)
    throw new GridError('InvalidJobID', `Processing Generation with ID ${generationId} does not exist.`, {
      field: 'id',
    });
  if (account) {
    if (gen.worker.owner !== account) {
      throw new GridError('WrongCredentials', 'This API key does not own the worker of this generation');
    }
    // The owner's WS connection holds it: a Horde submit cannot finish it.
    if (gen.conn) {
      throw new GridError('AbortedGen', 'This generation is leased to a WebSocket connection', {
        field: 'id',
      });
    }
  }
  if ('connectionId' in by && gen.conn?.id !== by.connectionId) {
    throw new GridError('AbortedGen', 'This generation is not leased to this connection', { field: 'id' });
  }
  if (gen.state === 'done') {
    throw new GridError('DuplicateGen', 'This generation was already submitted', { field: 'id' });
  }
  if (gen.state !== 'active') {
    if (gen.conn && gen.conn.current === gen) freeDrained(b, out, gen.conn);
    throw new GridError('AbortedGen', `This generation was aborted (${gen.abortReason ?? 'stale'})`, {
      field: 'id',
    });
  }
  return gen;
}

/** Whether `by` holds the generation (a token frame's check; never throws). */
export function owns(b: Pick<Books, 'accounts'>, gen: Generation, by: WorkerRef): boolean {
  if ('connectionId' in by) return gen.conn !== null && gen.conn.id === by.connectionId;
  try {
    return gen.conn === null && gen.worker.owner === b.accounts.lookup(by.apiKey);
  } catch {
    return false;
  }
}
