/**
 * The usage book: what each account used, one row per model and UTC day (docs/mock-grid-core.md "Usage").
 * Written only by `Accounts.charge`, so a job counts exactly when it is charged, and read by `GridCore.usage`.
 * Rows are a handful per account per day; they are kept for the grid's life.
 */
import type { UsageReport, UsageRow, UsageTotals } from '@aipg/sdk';
import { GridError } from '../errors.js';
import { round2 } from '../tokens.js';

const DAY_MS = 86_400_000;
/** Without a start, a report covers this many days up to its end (today by default). */
export const USAGE_DEFAULT_DAYS = 30;
/** The longest range one report covers. */
export const USAGE_MAX_DAYS = 366;

/** What one charged job adds to its row. */
export interface UsageEntry {
  promptTokens: number;
  completionTokens: number;
  images: number;
  den: number;
}

/** The last day `utcDay` formatted: every usage record asks, and they nearly all fall on the same day. */
let lastDay = { index: Number.NaN, text: '' };

/** The UTC day of `ms`, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  const index = Math.floor(ms / DAY_MS);
  if (index !== lastDay.index) lastDay = { index, text: new Date(ms).toISOString().slice(0, 10) };
  return lastDay.text;
}

/** The ms of midnight UTC of a `YYYY-MM-DD` day; a day that does not exist is an InvalidField naming `field`. */
function dayStart(day: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!Number.isFinite(ms) || utcDay(ms) !== day) {
    throw new GridError('InvalidField', `${field} must be a date YYYY-MM-DD, got ${day}`, {
      field,
      limit: 'YYYY-MM-DD',
    });
  }
  return ms;
}

export class UsageBook {
  /** Account id → `day model` → row. */
  readonly #rows = new Map<number, Map<string, UsageRow>>();

  record(accountId: number, at: number, model: string, entry: UsageEntry): void {
    let rows = this.#rows.get(accountId);
    if (!rows) {
      rows = new Map();
      this.#rows.set(accountId, rows);
    }
    const date = utcDay(at);
    const key = `${date} ${model}`;
    let row = rows.get(key);
    if (!row) {
      row = { date, model, requests: 0, prompt_tokens: 0, completion_tokens: 0, images: 0, den: 0 };
      rows.set(key, row);
    }
    row.requests++;
    row.prompt_tokens += entry.promptTokens;
    row.completion_tokens += entry.completionTokens;
    row.images += entry.images;
    row.den = round2(row.den + entry.den);
  }

  /**
   * The rows of `accountId` from `start` to `end` (UTC days, inclusive), oldest day first, then by model.
   * Defaults: `end` today (`now`), `start` 29 days before `end`. Throws InvalidField (naming `start_date`
   * or `end_date`) for a day that does not exist, an end before its start, or more than 366 days.
   */
  report(accountId: number, now: number, range: { start?: string; end?: string }): UsageReport {
    const endMs =
      range.end !== undefined
        ? dayStart(range.end, 'end_date')
        : range.start !== undefined
          ? Math.max(dayStart(range.start, 'start_date'), dayStart(utcDay(now), 'end_date'))
          : dayStart(utcDay(now), 'end_date');
    const startMs =
      range.start !== undefined
        ? dayStart(range.start, 'start_date')
        : endMs - (USAGE_DEFAULT_DAYS - 1) * DAY_MS;
    if (endMs < startMs) {
      throw new GridError(
        'InvalidField',
        `end_date (${utcDay(endMs)}) is before start_date (${utcDay(startMs)})`,
        {
          field: 'end_date',
          limit: `>= ${utcDay(startMs)}`,
        },
      );
    }
    const days = (endMs - startMs) / DAY_MS + 1;
    if (days > USAGE_MAX_DAYS) {
      throw new GridError('InvalidField', `the range covers ${days} days; at most ${USAGE_MAX_DAYS}`, {
        field: 'end_date',
        limit: USAGE_MAX_DAYS,
      });
    }
    const start = utcDay(startMs);
    const end = utcDay(endMs);
    const data: UsageRow[] = [];
    const total: UsageTotals = { requests: 0, prompt_tokens: 0, completion_tokens: 0, images: 0, den: 0 };
    for (const row of this.#rows.get(accountId)?.values() ?? []) {
      // `YYYY-MM-DD` strings order as their days do.
      if (row.date < start || row.date > end) continue;
      data.push({ ...row });
      total.requests += row.requests;
      total.prompt_tokens += row.prompt_tokens;
      total.completion_tokens += row.completion_tokens;
      total.images += row.images;
      total.den = round2(total.den + row.den);
    }
    data.sort((a, b) => (a.date === b.date ? (a.model < b.model ? -1 : 1) : a.date < b.date ? -1 : 1));
    return { object: 'usage.report', start_date: start, end_date: end, data, total };
  }
}
