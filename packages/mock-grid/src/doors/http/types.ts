import type { MockJobOptions } from '../../core/index.js';

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
  /** What a mock scenario asks of the jobs this request makes (scenario-play.ts); the doors pass it to submit. */
  mock?: MockJobOptions;
}

/** The mock's `slow-body` scenario: the answer leaves `bytes` at a time, every `everyMs` (docs/mock-grid.md). */
export interface Pace {
  bytes: number;
  everyMs: number;
}

export interface JsonResponse {
  kind: 'json';
  status: number;
  headers?: Record<string, string>;
  pace?: Pace;
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
  pace?: Pace;
  framed?: boolean;
  /**
   * How many of the first `events` are the door's own, written at once (a chat's role chunks): the stream's
   * head waits with them for the next event, the job's first, so a job served at once leaves in one socket
   * write. Default 0: the head goes with the first events written.
   */
  opening?: number;
  events: AsyncIterable<string>;
}

/** A body sent as it is (a Batch API file's content, spec `retrieveFileContent`). */
export interface RawResponse {
  kind: 'raw';
  status: number;
  headers?: Record<string, string>;
  pace?: Pace;
  contentType: string;
  body: string;
}

/** The mock's `connection-reset` scenario: no answer at all; the transport drops the connection. */
export interface ResetResponse {
  kind: 'reset';
  /** 0: nothing was sent (what the request capture records). */
  status: 0;
  headers?: undefined;
}

export type DoorResponse = JsonResponse | SseResponse | RawResponse | ResetResponse;

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
