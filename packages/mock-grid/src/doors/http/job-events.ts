import type { JobEvent as WireJobEvent } from '@aipg/sdk';
import { URL_TTL_S } from '../../store/object-store.js';
import { AsyncQueue } from '../async-queue.js';
import { type DoorContext, type Route, type RouteInput, v1ApiKey } from './router.js';
import { type DoorResponse, json, SSE_HEADERS } from './types.js';

/**
 * A job's events over SSE (spec: openapi/paths/v1_jobs_id_events.yaml, an AIPG extension; docs/mock-grid.md
 * "Job events"): the core's event log of the request (`GridCore.watch`), one SSE event per `JobEvent` with its
 * `seq` as the `id:` line, resumed after `Last-Event-ID` / `?after=`, a keep-alive comment every
 * `KEEP_ALIVE_MS` of silence, and the end of the response after the final event. A dropped connection only
 * unsubscribes: the job goes on.
 */

/** A comment line after this long without an event keeps proxies from closing an idle stream. */
export const KEEP_ALIVE_MS = 15_000;

const KEEP_ALIVE = ': keep-alive\n\n';

/**
 * A job event as JSON for the wire. An image's `done` gets its download URL here (signing is the doors'
 * business, not the core's): the signed URL the Horde status gives, unless the request asked for base64 images.
 */
export function jobEventJson(ctx: DoorContext, origin: string, event: WireJobEvent): string {
  if (event.type !== 'done' || !event.image) return JSON.stringify(event);
  try {
    const view = ctx.grid.imageStatus(event.id);
    const gen = view.generations.find((g) => g.id === event.image!.id);
    if (view.r2 && gen) {
      return JSON.stringify({
        ...event,
        image: { ...event.image, url: ctx.store.getUrl(origin, gen.key, URL_TTL_S.get) },
      });
    }
  } catch {
    // The request is gone (it cannot be: its log goes with it); the event stands without a URL.
  }
  return JSON.stringify(event);
}

/** One SSE event: `id: <seq>`, `event: <type>`, `data: <JobEvent JSON>`. */
export function jobEventFrame(ctx: DoorContext, origin: string, event: WireJobEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${jobEventJson(ctx, origin, event)}\n\n`;
}

/** `Last-Event-ID` (wins) or `?after=` (already coerced by the spec's query schema): the seq to resume after. */
function resumeAfter(input: RouteInput): number | DoorResponse {
  const header = input.req.headers['last-event-id'];
  if (header !== undefined && header.trim() !== '') {
    const text = header.trim();
    if (!/^[0-9]{1,15}$/.test(text)) {
      return json(422, {
        detail: [
          {
            loc: ['header', 'Last-Event-ID'],
            msg: `Last-Event-ID must be a non-negative integer (a seq), got '${text.slice(0, 32)}'`,
            type: 'int_parsing',
          },
        ],
      });
    }
    return Number(text);
  }
  const after = input.query.after;
  return typeof after === 'number' ? after : 0;
}

function streamJobEvents(input: RouteInput): DoorResponse {
  const { ctx, req, params } = input;
  const after = resumeAfter(input);
  if (typeof after !== 'number') return after;
  const origin = req.origin ?? '';
  let unsubscribe: (() => void) | null = null;
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  let quiet = true;
  let ended = false;
  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
    if (keepAlive) clearInterval(keepAlive);
    keepAlive = null;
    req.signal.removeEventListener('abort', onAbort);
  };
  const frames = new AsyncQueue<string>(stop);
  const onAbort = () => void frames.return();
  // Throws RequestNotFound (the router answers 404 with the /v1 error shape) before anything is streamed.
  unsubscribe = ctx.grid.watch(
    params.id!,
    {
      after,
      asker: { apiKey: v1ApiKey(req) },
      onEnd: () => {
        ended = true;
        frames.end();
        stop();
      },
    },
    (event) => {
      quiet = false;
      frames.push(jobEventFrame(ctx, origin, event));
    },
  );
  if (!ended) {
    keepAlive = setInterval(() => {
      if (quiet) frames.push(KEEP_ALIVE);
      quiet = true;
    }, KEEP_ALIVE_MS);
    // A stream that waits on a quiet job must not keep a process alive on its own.
    (keepAlive as { unref?: () => void }).unref?.();
    req.signal.addEventListener('abort', onAbort, { once: true });
    if (req.signal.aborted) onAbort();
  }
  return { kind: 'sse', status: 200, headers: SSE_HEADERS, framed: true, events: frames };
}

export const jobEventRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/jobs\/(?<id>[^/]+)\/events$/,
    operationId: 'streamJobEvents',
    handler: streamJobEvents,
  },
];
