/**
 * The transport-neutral request/response pair every HTTP door speaks. The node `http` adapter and the msw
 * handlers both translate to and from these, so the routes, validation and core calls exist once.
 */
export interface DoorRequest {
  method: string;
  /** Normalised path (see `normalisePath`). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body text; `undefined` when the request had none. */
  bodyText: string | undefined;
  /** The client's address when there is a socket (the node server); per-IP limits read it (guard.ts). */
  ip?: string | undefined;
  /** Where the client reached the grid (`http://host:port`, msw: its base URL): signed object URLs start so. */
  origin?: string;
  /** Why the body could not be read as text (not UTF-8); `bodyText` is `undefined` then. See `decodeBody`. */
  bodyProblem?: string;
  /** Aborts when the client goes away before the response is complete (→ core cancel for streams). */
  signal: AbortSignal;
}

export interface JsonResponse {
  kind: 'json';
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * A Server-Sent-Events response: each item of `events` is one `data:` payload (already serialised), or with
 * `framed`, one whole SSE event or comment as it goes on the wire (`id:` / `event:` lines, job events).
 */
export interface SseResponse {
  kind: 'sse';
  status: number;
  headers?: Record<string, string>;
  framed?: boolean;
  events: AsyncIterable<string>;
}

export type DoorResponse = JsonResponse | SseResponse;

export function json(status: number, body: unknown, headers?: Record<string, string>): JsonResponse {
  return headers ? { kind: 'json', status, body, headers } : { kind: 'json', status, body };
}

/** Encodes one SSE event; the live grid sends only `data:` lines. */
export function sseFrame(data: string): string {
  return `data: ${data}\n\n`;
}

/** The wire text of one item of an SSE response's `events`. */
export function sseItem(out: SseResponse, item: string): string {
  return out.framed ? item : sseFrame(item);
}

export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};
