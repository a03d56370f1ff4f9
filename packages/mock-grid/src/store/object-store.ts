/**
 * The mock grid's object store (docs/mock-grid.md "Object store"): where workers `PUT` their images and
 * clients `GET` them, like the live grid's R2 bucket. Objects live in memory under the keys the core gives
 * each generation (`{generation id}.{ext}`), reached only through signed, expiring URLs:
 *
 *   {origin}/objects/{key}?method=PUT&exp={unix s}&sig={hex}   (workers: WS 900 s, Horde 1800 s)
 *   {origin}/objects/{key}?exp={unix s}&sig={hex}              (downloads: 1800 s)
 *
 * `sig` is HMAC-SHA256 over method, key and expiry with a secret made for each store (signing.ts). A changed or
 * expired URL is a 403, a body over `maxObjectBytes` a 413. An object is deleted once its request is gone
 * (`isLive`), except a /v1 result handed out as a URL, which is kept until that URL expires (`pin`) or until the
 * store needs its room (past `maxTotalBytes`, delivered results go first, oldest first; a 413 only when that
 * is not enough).
 */
import type { Clock } from '../core/index.js';
import { constantTimeEqual } from '../core/sha256.js';
import { type SignedMethod, signature } from './signing.js';

export interface StoreLimits {
  /** Largest object, in bytes. Default 16 MiB. */
  maxObjectBytes: number;
  /** All objects together, in bytes. Default 256 MiB. */
  maxTotalBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxObjectBytes: 16 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Seconds each kind of URL is valid (spec: `WsUploadSlot`, `HordeImagePopResponse.r2_upload`, `Image.url`). */
export const URL_TTL_S = { wsPut: 900, hordePut: 1800, get: 1800 } as const;

export interface StoredObject {
  bytes: Uint8Array;
  /** The `Content-Type` its PUT declared, when it was an image type; null otherwise. */
  declaredType: string | null;
}

/** What a PUT to a key must be: set when its URL is issued. */
interface Slot {
  requestId: string;
  /** The type the PUT must declare (a WS slot), or null (a Horde slot: any, or none). */
  contentType: string | null;
}

interface Entry extends StoredObject {
  requestId: string;
  /** Kept until then even after its request is gone (ms on the store's clock); 0 = not pinned. */
  pinnedUntil: number;
}

/** The store's answer to one HTTP request, for the node adapter and the msw handlers alike. */
export interface StoreResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | { detail: string };
}

export interface StoreRequest {
  method: string;
  /** The key: the path after `/objects/`, URL-decoded. */
  key: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: Uint8Array | undefined;
}

export const OBJECTS_PREFIX = '/objects/';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export class ObjectStore {
  readonly limits: StoreLimits;
  readonly #secret = crypto.getRandomValues(new Uint8Array(32));
  readonly #objects = new Map<string, Entry>();
  readonly #slots = new Map<string, Slot>();
  #bytes = 0;

  constructor(
    private readonly clock: Clock,
    /** Whether a request is still known to the grid (its objects are deleted once it is not). */
    private readonly isLive: (requestId: string) => boolean,
    limits: Partial<StoreLimits> = {},
  ) {
    this.limits = { ...DEFAULT_STORE_LIMITS, ...limits };
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#objects.size;
  }

  /** A signed upload URL for a generation's slot, valid `ttlS` seconds from now. */
  putUrl(origin: string, key: string, slot: Slot, ttlS: number): { url: string; expiresAt: number } {
    this.#slots.set(key, slot);
    const expiresAt = Math.floor(this.clock.now() / 1000) + ttlS;
    return { url: this.#url(origin, 'PUT', key, expiresAt), expiresAt };
  }

  /** A signed download URL, valid `ttlS` seconds from now. */
  getUrl(origin: string, key: string, ttlS: number): string {
    return this.#url(origin, 'GET', key, Math.floor(this.clock.now() / 1000) + ttlS);
  }

  #url(origin: string, method: SignedMethod, key: string, exp: number): string {
    const sig = signature(this.#secret, method, key, exp);
    const m = method === 'PUT' ? 'method=PUT&' : '';
    return `${origin}${OBJECTS_PREFIX}${encodeURIComponent(key)}?${m}exp=${exp}&sig=${sig}`;
  }

  read(key: string): StoredObject | undefined {
    this.prune();
    return this.#objects.get(key);
  }

  /** Stores bytes the grid itself received (a Horde base64 submit, a source picture). False when full. */
  write(key: string, requestId: string, bytes: Uint8Array, declaredType: string | null): boolean {
    this.prune();
    if (bytes.length > this.limits.maxObjectBytes) return false;
    const old = this.#objects.get(key);
    const over = this.#bytes - (old?.bytes.length ?? 0) + bytes.length - this.limits.maxTotalBytes;
    if (over > 0 && !this.#evictDelivered(over)) return false;
    this.#bytes += bytes.length - (old?.bytes.length ?? 0);
    this.#objects.set(key, { bytes, declaredType, requestId, pinnedUntil: 0 });
    return true;
  }

  /** A source picture stored before its request existed now belongs to it. */
  adopt(key: string, requestId: string): void {
    const entry = this.#objects.get(key);
    if (entry) entry.requestId = requestId;
  }

  /**
   * Makes room for `bytes` more by deleting results that were already delivered (a /v1 URL result whose
   * request is over, kept only for its URL), oldest first: a job in flight never waits on them. Their URL then
   * answers 404. False when that is not enough (nothing was deleted then).
   */
  #evictDelivered(bytes: number): boolean {
    const delivered: string[] = [];
    let freed = 0;
    for (const [key, entry] of this.#objects) {
      if (freed >= bytes) break;
      if (entry.pinnedUntil === 0 || this.isLive(entry.requestId)) continue;
      delivered.push(key);
      freed += entry.bytes.length;
    }
    if (freed < bytes) return false;
    for (const key of delivered) this.delete(key);
    return true;
  }

  /** Keeps an object `ttlS` seconds past its request (a /v1 result handed out as a URL). */
  pin(key: string, ttlS: number): void {
    const entry = this.#objects.get(key);
    if (entry) entry.pinnedUntil = Math.max(entry.pinnedUntil, this.clock.now() + ttlS * 1000);
  }

  delete(key: string): void {
    const entry = this.#objects.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes.length;
    this.#objects.delete(key);
  }

  /** Deletes what belongs to requests the grid has forgotten (unless pinned), and expired pins. */
  prune(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.#objects) {
      const kept = entry.pinnedUntil > now || (entry.pinnedUntil === 0 && this.isLive(entry.requestId));
      if (!kept) this.delete(key);
    }
    for (const [key, slot] of this.#slots) if (!this.isLive(slot.requestId)) this.#slots.delete(key);
  }

  /** Answers `PUT` / `GET` / `HEAD` on `/objects/{key}` with a signed URL. */
  handle(req: StoreRequest): StoreResponse {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method !== 'GET' && method !== 'PUT') {
      return { status: 405, headers: { allow: 'GET, HEAD, PUT' }, body: { detail: 'Method Not Allowed' } };
    }
    const denied = this.#check(method, req);
    if (denied) return { status: 403, headers: {}, body: { detail: denied } };
    this.prune();
    if (method === 'GET') {
      const entry = this.#objects.get(req.key);
      if (!entry) return { status: 404, headers: {}, body: { detail: 'Not Found' } };
      const type = entry.declaredType ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'content-length': String(entry.bytes.length) };
      return { status: 200, headers, body: req.method === 'HEAD' ? new Uint8Array(0) : entry.bytes };
    }
    const slot = this.#slots.get(req.key);
    if (!slot) return { status: 403, headers: {}, body: { detail: 'This upload slot is no longer open' } };
    const declared = (req.contentType ?? '').split(';')[0]!.trim().toLowerCase() || null;
    if (slot.contentType !== null && declared !== slot.contentType) {
      const detail = `Content-Type must be ${slot.contentType} for this slot, got ${declared ?? 'none'}`;
      return { status: 403, headers: {}, body: { detail } };
    }
    const bytes = req.body ?? new Uint8Array(0);
    if (bytes.length > this.limits.maxObjectBytes) {
      return { status: 413, headers: {}, body: { detail: this.#tooLarge() } };
    }
    const type = declared !== null && IMAGE_TYPES.has(declared) ? declared : null;
    if (!this.write(req.key, slot.requestId, bytes, type)) {
      const detail = `The object store is full (${this.limits.maxTotalBytes} bytes); try again later`;
      return { status: 413, headers: {}, body: { detail } };
    }
    return { status: 200, headers: {}, body: new Uint8Array(0) };
  }

  #tooLarge(): string {
    return `object too large (max ${this.limits.maxObjectBytes} bytes)`;
  }

  /** Why a request's URL does not grant `method` on its key now, or undefined when it does. */
  #check(method: SignedMethod, req: StoreRequest): string | undefined {
    const asked = req.query.get('method')?.toUpperCase() ?? 'GET';
    const exp = Number(req.query.get('exp'));
    const sig = req.query.get('sig') ?? '';
    if (asked !== method || !Number.isInteger(exp) || sig.length !== 64) {
      return 'Request has invalid authentication: the URL is not signed for this';
    }
    if (!constantTimeEqual(sig, signature(this.#secret, method, req.key, exp))) {
      return 'Request has invalid authentication: signature mismatch';
    }
    if (exp * 1000 <= this.clock.now()) return 'Request has expired';
    return undefined;
  }
}
