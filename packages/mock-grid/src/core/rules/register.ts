/**
 * Trigger: a worker arrives — a WS register frame, or the check-in half of a Horde pop. A live connection
 * with the same name is replaced (closed with `replaced`, its job requeued); a new connection is sent
 * `ready` and then fed a job.
 */
import type { Books } from '../books/index.js';
import type { Conn, Worker } from '../entities.js';
import { GridError } from '../errors.js';
import { uuid } from '../ids.js';
import { type MediaCaps, mediaCaps } from '../image-spec.js';
import { dropConnection } from '../moves.js';
import type { Outbox } from '../outbox.js';
import type {
  ImagePopCheckInInput,
  PopCheckInInput,
  WorkerSink,
  WsRegisterInput,
  WsRegistration,
} from '../types.js';
import { arrived } from './verify.js';

type RegisterBooks = Pick<
  Books,
  | 'clock'
  | 'settings'
  | 'accounts'
  | 'generations'
  | 'connections'
  | 'workers'
  | 'queue'
  | 'requests'
  | 'stats'
  | 'verification'
>;

/** A WS register frame (see `GridCore.register` for the errors). */
export function connect(
  b: RegisterBooks,
  out: Outbox,
  input: WsRegisterInput,
  sink: WorkerSink,
): WsRegistration {
  const now = b.clock.now();
  const account = b.accounts.authenticate(input.apikey, 'worker.connect');
  const media = wsMedia(input);
  const worker = b.workers.claim(account, input.name, input.models, 'ws');
  refuseDuringCooldown(worker, now);
  b.workers.update(worker, {
    kind: 'ws',
    media,
    models: input.models ?? [],
    maxLength: input.max_length,
    maxContextLength: input.max_context_length,
    nsfw: input.nsfw,
    bridgeAgent: input.bridge_agent ?? 'grid-ws',
    publicKey: input.public_key,
    region: input.region,
  });
  worker.simulated = sink.simulated === true;
  const previous = worker.conn;
  if (previous) {
    dropConnection(b, out, previous, 'replaced by a new connection');
    out.close(previous, 'replaced', 'Replaced by a newer connection with the same name');
  }
  const conn: Conn = {
    id: uuid(),
    worker,
    sink,
    current: null,
    connectedAt: now,
    idle: false,
    idleModels: [],
    closed: false,
  };
  b.connections.add(conn);
  worker.conn = conn;
  // Dropping a replaced connection took the worker out of the scan sets.
  b.workers.index(worker);
  worker.lastSeenAt = now;
  const registration = { workerId: worker.id, connectionId: conn.id };
  out.gridEvent({ type: 'worker.online', at: now, workerId: worker.id, name: worker.name, kind: 'ws' });
  out.ready(conn, registration);
  // A worker the grid verifies gets its probe (or a waiting check) before any real job.
  arrived(b, worker);
  out.feed(conn);
  return registration;
}

/** The check-in half of a Horde pop: creates or updates a pop worker from the pop body. */
export function checkIn(b: RegisterBooks, out: Outbox, input: PopCheckInInput): Worker {
  const now = b.clock.now();
  const account = b.accounts.authenticate(input.apikey, 'worker.connect');
  const worker = b.workers.claim(account, input.name, input.models, 'pop');
  refuseDuringCooldown(worker, now);
  b.workers.update(worker, {
    kind: 'pop',
    models: input.models,
    maxLength: input.max_length,
    maxContextLength: input.max_context_length,
    nsfw: input.nsfw,
    bridgeAgent: input.bridge_agent ?? 'unknown:0:unknown',
    threads: input.threads,
    publicKey: input.public_key,
    region: input.region,
  });
  if (!b.workers.popped(worker, now)) {
    out.gridEvent({ type: 'worker.online', at: now, workerId: worker.id, name: worker.name, kind: 'pop' });
  }
  // Its probe (or a waiting check) is what this pop hands out first (assign.ts).
  arrived(b, worker);
  return worker;
}

/** The kinds of media job types a WS worker may register (openapi/components/ws.yaml `WsJobKind`). */
const MEDIA_KINDS = new Set(['image', 'video', 'audio', '3d']);

/**
 * A register frame's media capabilities, or null for a text worker. A frame that mixes `text` with media kinds
 * is refused (`MixedJobTypes`, the door's 4003): a media session has its own frames (spec `WsRegister`).
 */
function wsMedia(input: WsRegisterInput): MediaCaps | null {
  const types = input.job_types ?? (input.worker_type ? [input.worker_type] : ['text']);
  const media = types.filter((t) => MEDIA_KINDS.has(t));
  if (media.length === 0) return null;
  if (types.includes('text')) {
    throw new GridError(
      'MixedJobTypes',
      'job_types mixes text with media kinds; open one connection per kind',
      { field: 'job_types' },
    );
  }
  return mediaCaps(input, media, 'ws');
}

/** The check-in half of a Horde image pop: creates or updates an image worker from the pop body. */
export function checkInImage(b: RegisterBooks, out: Outbox, input: ImagePopCheckInInput): Worker {
  const now = b.clock.now();
  const account = b.accounts.authenticate(input.apikey, 'worker.connect');
  const media = mediaCaps(input, ['image'], 'pop');
  const worker = b.workers.claim(account, input.name, input.models, 'pop');
  refuseDuringCooldown(worker, now);
  b.workers.update(worker, {
    kind: 'pop',
    media,
    models: input.models,
    maxLength: undefined,
    maxContextLength: undefined,
    nsfw: input.nsfw,
    bridgeAgent: input.bridge_agent ?? 'unknown:0:unknown',
    threads: input.threads,
    publicKey: input.public_key,
    region: input.region,
  });
  if (!b.workers.popped(worker, now)) {
    out.gridEvent({ type: 'worker.online', at: now, workerId: worker.id, name: worker.name, kind: 'pop' });
  }
  return worker;
}

/** An evicted worker (discipline.ts) is refused, WS register and pop alike, until its cooldown ends. */
function refuseDuringCooldown(worker: Worker, now: number): void {
  if (worker.cooldownUntil !== null && now < worker.cooldownUntil) {
    throw new GridError('WorkerCooldown', `Worker '${worker.name}' was evicted; retry later`, {
      retryAfterMs: worker.cooldownUntil - now,
    });
  }
}
