/**
 * The mock grid's structured log (docs/mock-grid.md "Logs"): one line per event, each a name
 * (`auth.failed`, `worker.strike`, `shutdown.begin` …) plus flat fields, written as `name key=value …` or
 * as one JSON object. Lines go to any console-shaped logger (the SDK's `Logger`: console, pino, winston …).
 *
 * Fields are chosen by the code that logs, never copied from a request or a frame, so no prompt or
 * completion text is ever a field. As a second guard every line passes `redact`: the credentials of the
 * request or connection it belongs to (its API key) are replaced by `***` wherever they appear.
 */
import type { Logger } from '@aipg/sdk';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface GridLogOptions {
  /** Where lines go. Nothing given: nothing is logged. */
  logger?: Logger | undefined;
  /** The lowest level written. Default `info`. */
  level?: LogLevel | undefined;
  /** Each line is one JSON object (`{"time","level","event",…fields}`) instead of `event key=value …`. */
  json?: boolean | undefined;
}

/** What the grid's parts log through. `child` adds fields (a request id) and secrets to every line. */
export interface GridLog {
  readonly enabled: (level: LogLevel) => boolean;
  line(level: LogLevel, event: string, fields?: LogFields): void;
  child(fields: LogFields, secrets?: readonly (string | undefined)[]): GridLog;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Shorter secrets are not scrubbed: replacing every `a` in a line would hide more than it protects. */
const MIN_SECRET_LENGTH = 4;

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

export function createGridLog(options: GridLogOptions = {}): GridLog {
  const { logger } = options;
  const min = RANK[options.level ?? 'info'];
  const json = options.json === true;
  const make = (base: LogFields, secrets: readonly string[]): GridLog => {
    const log: GridLog = {
      enabled: (level) => logger !== undefined && RANK[level] >= min,
      line(level, event, fields = {}) {
        if (!logger || RANK[level] < min) return;
        const all = { ...base, ...fields };
        const text = json ? jsonLine(level, event, all) : textLine(event, all);
        logger[level](redact(text, secrets));
      },
      child(fields, more = []) {
        // Without a logger nothing is ever written: every request's child is this same silent log.
        if (!logger) return log;
        const added = more.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
        return make({ ...base, ...fields }, [...secrets, ...added]);
      },
    };
    return log;
  };
  return make({}, []);
}

/** A log that drops every line (the default when no logger is given). */
export const SILENT_LOG: GridLog = createGridLog();

function jsonLine(level: LogLevel, event: string, fields: LogFields): string {
  const out: Record<string, LogValue> = { time: new Date().toISOString(), level, event };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return JSON.stringify(out);
}

function textLine(event: string, fields: LogFields): string {
  const parts = [event];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const s = String(v);
    // Quote values a reader could not split on spaces.
    parts.push(`${k}=${s === '' || /[\s"=]/.test(s) ? JSON.stringify(s) : s}`);
  }
  return parts.join(' ');
}

/** Replaces each secret (and its JSON-escaped form) by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    out = out.split(secret).join('***');
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join('***');
  }
  return out;
}
