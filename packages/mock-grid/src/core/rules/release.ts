/**
 * Trigger: a WS connection is gone — its socket closed (`release`), or command `drop` (its sink threw).
 * Its live job goes back to the front of the queue with no failure counted.
 */
import type { Books } from '../books/index.js';
import { dropConnection } from '../moves.js';
import type { Outbox } from '../outbox.js';

export function release(
  b: Pick<
    Books,
    'clock' | 'settings' | 'generations' | 'connections' | 'workers' | 'queue' | 'requests' | 'stats'
  >,
  out: Outbox,
  connectionId: string,
  reason = 'disconnected',
): void {
  const conn = b.connections.get(connectionId);
  if (conn) dropConnection(b, out, conn, reason);
}
