import { readEnv } from './env';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Any console-shaped logger (console, pino, winston …). */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 50 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LEVELS, value);
}

/** `logLevel` option, else `AIPG_LOG` (read with `env`), else `warn`. */
export function resolveLogLevel(
  option: LogLevel | undefined,
  env: (name: string) => string | undefined = readEnv,
): LogLevel {
  if (option !== undefined) return option;
  const fromEnv = env('AIPG_LOG')?.toLowerCase();
  return isLogLevel(fromEnv) ? fromEnv : 'warn';
}

/** What a disabled level logs with (so a caller can skip building what it would log). */
export const noop = () => {};

/** A logger that drops messages below `level`. */
export function levelLogger(logger: Logger, level: LogLevel): Logger {
  const at = (l: Exclude<LogLevel, 'off'>) =>
    LEVELS[l] >= LEVELS[level] ? (message: string, ...rest: unknown[]) => logger[l](message, ...rest) : noop;
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Header names whose values carry credentials; they are never handed to a logger. */
const SECRET_HEADERS = new Set([
  'apikey',
  'authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
  'x-grid-user-token',
]);

/** A plain object of headers safe to log: credential values replaced by `***`. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '***' : value;
  }
  return out;
}
