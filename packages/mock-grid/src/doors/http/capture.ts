import type { Clock } from '../../core/index.js';
import type { DoorRequest, DoorResponse, SseResponse } from './types.js';

/**
 * Request capture (docs/mock-grid.md "Request capture"): what each client sent to the HTTP door and what it got,
 * for a test's assertions. Both transports (node server, msw) record through `handleDoorRequest`, in one place.
 *
 * Recording is kept cheap for the hot path: the body text the door already has is kept as it is (parsed only
 * when a test reads `body`), a JSON answer is kept by reference (it is not copied or serialised again), and
 * the entries live in a ring of `maxEntries`, so a long run does not grow.
 */
export interface CaptureOptions {
  /** How many requests are kept, oldest dropped first. Default 1,000. */
  maxEntries?: number;
  /**
   * Request bodies longer than this many characters are cut, and so are a raw response body, one SSE payload
   * and any string in a JSON response (a base64 picture) longer than it. Default 64 Ki.
   */
  maxBodyChars?: number;
  /** How many SSE `data:` payloads of one response are kept (all are counted). Default 100. */
  maxSseEvents?: number;
}

export const CAPTURE_DEFAULTS: Required<CaptureOptions> = {
  maxEntries: 1000,
  maxBodyChars: 64 * 1024,
  maxSseEvents: 100,
};

/** Header (and query parameter) names whose values are credentials: replaced by `[redacted]`. */
const CREDENTIAL_NAMES = new Set([
  'authorization',
  'proxy-authorization',
  'apikey',
  'api-key',
  'x-api-key',
  'cookie',
  'set-cookie',
  'client-agent-key',
]);
/** Any other name that looks like a credential (`x-auth-token`, `x-goog-api-key`, `sec-websocket-key` …). */
const CREDENTIAL_PATTERN = /auth|key|token|secret|passw|cookie|session|signature/i;

export const REDACTED = '[redacted]';

/** Each header name's answer, remembered (clients send the same few names): no pattern test per request. */
const credentialNames = new Map<string, boolean>();

export function isCredentialName(name: string): boolean {
  let known = credentialNames.get(name);
  if (known === undefined) {
    known = CREDENTIAL_NAMES.has(name) || CREDENTIAL_PATTERN.test(name);
    // Bounded: a client inventing names cannot grow it.
    if (credentialNames.size < 1024) credentialNames.set(name, known);
  }
  return known;
}

/** What an SSE response sent: its first `maxSseEvents` payloads (as sent, `[DONE]` included) and how many. */
export interface CapturedStream {
  events: string[];
  count: number;
  /** False while the stream is still open. */
  ended: boolean;
}

/** One captured request and its answer. */
export interface CapturedRequest {
  readonly method: string;
  /** The normalised path (`/v2/…` reads `/api/v2/…`, docs/mock-grid.md). */
  readonly path: string;
  /** The query string's parameters (the last value of a repeated one); credentials redacted. */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased names; credentials (`authorization`, `apikey`, `cookie`, `x-api-key` …) read `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; the text when it is not JSON (or was cut); `undefined` when there was none. */
  readonly body: unknown;
  /** True when the body was longer than `maxBodyChars` (then `body` is its first `maxBodyChars` characters). */
  readonly bodyTruncated: boolean;
  readonly status: number;
  /**
   * `json`: the body as sent (strings over `maxBodyChars` cut); `raw`: the text (cut like a request body);
   * `sse`: a `CapturedStream`, filled in as the stream goes.
   */
  readonly responseKind: DoorResponse['kind'];
  readonly response: unknown;
  /** The core clock's ms when the door got the request. */
  readonly at: number;
  /** Core-clock ms until the answer was complete (for SSE, the stream's end; on a `ManualClock`, moved time). */
  readonly durationMs: number;
}

type Entry = { -readonly [K in keyof CapturedRequest]: CapturedRequest[K] };

/** The ring of captured requests of one door context. */
export class RequestCapture {
  readonly options: Required<CaptureOptions>;
  readonly #ring: (Entry | undefined)[];
  /** Where the next entry goes, and how many there are. */
  #next = 0;
  #size = 0;

  constructor(
    private readonly clock: Clock,
    options: CaptureOptions = {},
  ) {
    this.options = { ...CAPTURE_DEFAULTS, ...options };
    for (const [name, least] of [
      ['maxEntries', 1],
      ['maxBodyChars', 0],
      ['maxSseEvents', 0],
    ] as const) {
      const value = this.options[name];
      if (!Number.isInteger(value) || value < least) {
        throw new RangeError(`capture.${name} must be an integer ≥ ${least} (got ${value})`);
      }
    }
    this.#ring = new Array(this.options.maxEntries);
  }

  /** Records `req` answered with `out`; returns `out` (an SSE one wrapped so its events are counted). */
  record(req: DoorRequest, out: DoorResponse, at: number): DoorResponse {
    const entry = this.#entry(req, out, at);
    this.#push(entry);
    if (out.kind !== 'sse') return out;
    const stream: CapturedStream = { events: [], count: 0, ended: false };
    entry.response = stream;
    return { ...out, events: this.#counted(out, stream, entry) };
  }

  /** The captured requests, oldest first (a copy: later requests do not change it). */
  list(limit?: number): CapturedRequest[] {
    const n = limit === undefined ? this.#size : Math.min(limit, this.#size);
    const cap = this.#ring.length;
    const out: CapturedRequest[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.#ring[(this.#next - n + i + cap) % cap]!;
    return out;
  }

  /** Forgets every captured request; returns how many there were. */
  clear(): number {
    const n = this.#size;
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    return n;
  }

  #push(entry: Entry): void {
    this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#ring.length;
    if (this.#size < this.#ring.length) this.#size++;
  }

  #entry(req: DoorRequest, out: DoorResponse, at: number): Entry {
    const max = this.options.maxBodyChars;
    const text = req.bodyText;
    const truncated = text !== undefined && text.length > max;
    const kept = truncated ? cut(text, max) : text;
    let parsed: { value: unknown } | undefined;
    const entry = {
      method: req.method,
      path: req.path,
      query: redactedQuery(req.query),
      headers: redactedHeaders(req.headers),
      bodyTruncated: truncated,
      status: out.status,
      responseKind: out.kind,
      response:
        out.kind === 'json' ? capped(out.body, max) : out.kind === 'raw' ? cut(out.body, max) : undefined,
      at,
      durationMs: this.clock.now() - at,
    } as Entry;
    // Parsed when first read, not on the hot path; enumerable so `toEqual`, spreads and JSON see it.
    Object.defineProperty(entry, 'body', {
      enumerable: true,
      get: () => {
        parsed ??= { value: truncated ? kept : parseOrText(kept) };
        return parsed.value;
      },
    });
    return entry;
  }

  #counted(out: SseResponse, stream: CapturedStream, entry: Entry): AsyncIterable<string> {
    const { maxSseEvents, maxBodyChars: maxChars } = this.options;
    const clock = this.clock;
    const source = out.events;
    const finish = () => {
      if (stream.ended) return;
      stream.ended = true;
      entry.durationMs = clock.now() - entry.at;
    };
    return {
      [Symbol.asyncIterator]() {
        const it = source[Symbol.asyncIterator]();
        return {
          async next() {
            const step = await it.next();
            if (step.done) finish();
            else {
              stream.count++;
              if (stream.events.length < maxSseEvents) {
                stream.events.push(cut(payloadOf(out, step.value), maxChars));
              }
            }
            return step;
          },
          async return(value?: unknown) {
            finish();
            return (await it.return?.(value)) ?? { done: true, value: undefined };
          },
        };
      },
    };
  }
}

/**
 * The first `max` characters of `text`, as a string of its own: a plain `slice` of a long string may keep the
 * whole of it alive (V8's sliced strings), which is what cutting is meant to free. Only a string over `max` pays.
 */
function cut(text: string, max: number): string {
  return text.length > max ? (JSON.parse(JSON.stringify(text.slice(0, max))) as string) : text;
}

/**
 * A JSON answer as it is (the same object, not copied) unless a string in it is longer than `max` (a base64
 * picture): then a copy of the path to it, with that string cut, so the ring does not hold megabytes per entry.
 */
function capped(value: unknown, max: number): unknown {
  if (typeof value === 'string') return cut(value, max);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = capped(value[i], max);
      if (item === value[i]) continue;
      copy ??= value.slice();
      copy[i] = item;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = capped(record[key], max);
    if (item === record[key]) continue;
    copy ??= { ...record };
    copy[key] = item;
  }
  return copy ?? value;
}

function parseOrText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A framed job event's `data:` lines (docs/mock-grid.md "Job events"); a plain SSE item is its payload. */
function payloadOf(out: SseResponse, item: string): string {
  if (!out.framed) return item;
  const data = item
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
  return data.length > 0 ? data.join('\n') : item;
}

function redactedHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = isCredentialName(name) ? REDACTED : value;
  }
  return out;
}

function redactedQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of query) out[name] = isCredentialName(name) ? REDACTED : value;
  return out;
}
