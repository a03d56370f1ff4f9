/**
 * `GET /v1/progress/{token}` (spec: openapi/paths/v1_progress_token.yaml): which running image request carries
 * each `progress_token`, and the last value of a finished one, readable for 5 minutes after it ended.
 */
import type { GridCore } from '../../core/index.js';

/** How long a finished request's progress stays readable (spec `ImageProgress.progress`). */
export const PROGRESS_KEPT_MS = 5 * 60_000;

interface Entry {
  requestId: string;
  /** Set once the request ended: its last progress, kept until `until`. */
  final: number | null;
  until: number;
}

export class ProgressTokens {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly grid: GridCore) {}

  /** `token` now follows `requestId` (a later request with the same token takes it over). */
  follow(token: string, requestId: string): void {
    this.#prune();
    this.#entries.set(token, { requestId, final: null, until: Number.POSITIVE_INFINITY });
  }

  /** The request ended with `progress` (100 when every image was made). */
  finish(token: string, requestId: string, progress: number): void {
    const entry = this.#entries.get(token);
    if (entry?.requestId !== requestId) return;
    entry.final = progress;
    entry.until = this.grid.clock.now() + PROGRESS_KEPT_MS;
  }

  /** 0–100, or null for a token no running or recently finished request carries. */
  read(token: string): number | null {
    this.#prune();
    const entry = this.#entries.get(token);
    if (!entry) return null;
    return entry.final ?? this.grid.imageProgress(entry.requestId) ?? null;
  }

  #prune(): void {
    const now = this.grid.clock.now();
    for (const [token, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(token);
  }
}
