// Where the worker's log lines go. The worker takes the SDK's `Logger` (any console-shaped object: console,
// pino, winston …) or a plain `(level, message)` function; inside, everything logs through one `Log`.
import type { Logger } from '@aipg/sdk';

/** A log line's level: one of the SDK `Logger`'s methods. */
export type LogLineLevel = keyof Logger;

/** A log function: `(level, message) => …`. */
export type Log = (level: LogLineLevel, message: string) => void;

/** What the `log` options accept: a `Log` function, or the SDK's `Logger` object. */
export type LogTarget = Log | Logger;

/** One `Log` for either form (nothing given: lines are dropped — the library prints nothing itself). */
export function toLog(target: LogTarget | undefined): Log {
  if (target === undefined) return () => {};
  if (typeof target === 'function') return target;
  return (level, message) => target[level](message);
}

/** The SDK client's logger for the worker's own grid calls: the same destination as the worker's lines. */
export function toLogger(log: Log): Logger {
  return {
    debug: (message) => log('debug', message),
    info: (message) => log('info', message),
    warn: (message) => log('warn', message),
    error: (message) => log('error', message),
  };
}
