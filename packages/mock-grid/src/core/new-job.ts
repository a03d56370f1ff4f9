/**
 * What every job starts with, whichever rule makes it (a /v1 or Horde submit, an image submit, a probe): its
 * state before the submit move, and its empty run-time records. A rule spreads it after the fields it decides (the two
 * share none).
 */
import type { Job } from './entities.js';

type Fresh = Pick<
  Job,
  | 'state'
  | 'failures'
  | 'avoid'
  | 'held'
  | 'scenario'
  | 'acceptEmpty'
  | 'reservedFor'
  | 'reservation'
  | 'nodes'
  | 'inQueue'
  | 'scan'
  | 'gen'
  | 'listeners'
  | 'result'
>;

export function freshJob(): Fresh {
  return {
    state: 'new',
    failures: 0,
    avoid: null,
    held: false,
    scenario: null,
    acceptEmpty: false,
    reservedFor: null,
    reservation: null,
    nodes: [],
    inQueue: false,
    scan: 0,
    gen: null,
    listeners: null,
    result: null,
  };
}
