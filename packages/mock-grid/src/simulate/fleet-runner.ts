/**
 * Starts a simulated fleet on a core: one key for the fleet's workers (two when some are trusted: trust is the
 * owner's, `KeyEntry.trusted`), added with `core.addKey` so both auth modes accept it, then every worker of the
 * spec. `stop()` disconnects them all. Used by `startMockGrid({ simulate })` and `createGridHandlers({ simulate })`.
 */
import type { GridCore } from '../core/index.js';
import type { ObjectStore } from '../store/object-store.js';
import type { FleetSpec } from './fleet.js';
import { SimulatedWorker, type SlotHooks } from './sim-worker.js';

export interface Fleet {
  workers: SimulatedWorker[];
  /** Disconnects every simulated worker (jobs in flight go back to the queue). Safe to call twice. */
  stop(): void;
}

/** The account names the fleet's keys show as (`sim-fleet#<id>`). */
export const FLEET_ACCOUNT = { untrusted: 'sim-fleet', trusted: 'sim-fleet-trusted' } as const;

export function startFleet(
  core: GridCore,
  store: ObjectStore | undefined,
  spec: FleetSpec,
  hooks: SlotHooks = {},
): Fleet {
  const keys = new Map<boolean, string>();
  const keyFor = (trusted: boolean): string => {
    let key = keys.get(trusted);
    if (!key) {
      // Unguessable, and never printed: nobody outside the process can register as the fleet.
      key = `sim_${crypto.randomUUID().replaceAll('-', '')}`;
      const name = trusted ? FLEET_ACCOUNT.trusted : FLEET_ACCOUNT.untrusted;
      core.addKey({ key, name, scopes: ['worker.connect'], trusted });
      keys.set(trusted, key);
    }
    return key;
  };
  const workers: SimulatedWorker[] = [];
  try {
    for (const w of spec.workers) workers.push(new SimulatedWorker(core, store, w, keyFor(w.trusted), hooks));
  } catch (err) {
    for (const w of workers) w.stop();
    throw err;
  }
  let stopped = false;
  return {
    workers,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const w of workers) w.stop();
    },
  };
}
