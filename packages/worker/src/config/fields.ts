// Small readers that validate one raw value and record an issue (with the value's path) instead of throwing,
// so one pass reports every bad field at once.
import type { ConfigIssue } from '../errors.js';

export type Raw = Record<string, unknown>;

/** Maps a raw key to the path shown in errors (YAML path or env var name). */
export type PathOf = (key: string) => string;

export class Issues {
  readonly list: ConfigIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

interface IntRule {
  min: number;
  max?: number;
}

function intRuleText(rule: IntRule): string {
  return rule.max === undefined
    ? `must be an integer ≥ ${rule.min}`
    : `must be an integer from ${rule.min} to ${rule.max}`;
}

/** An integer (numbers, or digit strings as env vars and quoted YAML give them). */
export function readInt(
  value: unknown,
  path: string,
  issues: Issues,
  rule: IntRule,
  fallback: number,
): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (
    typeof n !== 'number' ||
    !Number.isInteger(n) ||
    n < rule.min ||
    (rule.max !== undefined && n > rule.max)
  ) {
    issues.add(path, `${intRuleText(rule)}, got ${describe(value)}`);
    return fallback;
  }
  return n;
}

/** A non-negative number; `.inf` / "Infinity" allowed. */
export function readRate(value: unknown, path: string, issues: Issues, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' ? Number(value.trim().replace(/^\.?inf$/i, 'Infinity')) : value;
  if (typeof n !== 'number' || Number.isNaN(n) || n < 0) {
    issues.add(path, `must be a number ≥ 0 (0 or .inf = unlimited), got ${describe(value)}`);
    return fallback;
  }
  return n;
}

export function readBool(value: unknown, path: string, issues: Issues, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false|1|0|yes|no)$/i.test(value.trim())) {
    return /^(true|1|yes)$/i.test(value.trim());
  }
  issues.add(path, `must be true or false, got ${describe(value)}`);
  return fallback;
}

export function readString(
  value: unknown,
  path: string,
  issues: Issues,
  options: { required?: string; fallback?: string; maxLength?: number } = {},
): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (options.required) issues.add(path, `required: ${options.required}`);
    return options.fallback ?? '';
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    issues.add(path, `must be a string, got ${describe(value)}`);
    return options.fallback ?? '';
  }
  const text = String(value).trim();
  if (options.maxLength !== undefined && text.length > options.maxLength) {
    issues.add(path, `must be at most ${options.maxLength} characters, got ${text.length}`);
  }
  return text;
}

export function readEnum<T extends string>(
  value: unknown,
  path: string,
  issues: Issues,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === null || value === '') return fallback;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof text === 'string' && (allowed as readonly string[]).includes(text)) return text as T;
  issues.add(path, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  return fallback;
}

/** An http(s) or ws(s) URL, returned without trailing slashes (multi-bridge's `horde_url` ends in `/`). */
export function readUrl(
  value: unknown,
  path: string,
  issues: Issues,
  options: { required?: string; fallback?: string; schemes?: readonly string[] } = {},
): string {
  const text = readString(value, path, issues, options);
  if (!text) return text;
  const schemes = options.schemes ?? ['http:', 'https:'];
  try {
    const url = new URL(text);
    if (!schemes.includes(url.protocol)) throw new Error('scheme');
  } catch {
    issues.add(
      path,
      `must be an ${schemes.map((s) => s.replace(':', '')).join('/')} URL, got ${describe(value)}`,
    );
    return options.fallback ?? '';
  }
  return text.replace(/\/+$/, '');
}

/** Items of a list; `path` is the raw (unmapped) path, `pathOf` maps it for error messages. */
export function listOf(
  value: unknown,
  path: string,
  pathOf: PathOf,
  issues: Issues,
): { item: Raw; path: string }[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(
      pathOf(path),
      `must be a non-empty list, got ${Array.isArray(value) ? 'an empty list' : describe(value)}`,
    );
    return [];
  }
  const out: { item: Raw; path: string }[] = [];
  value.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (isRecord(item)) out.push({ item, path: itemPath });
    else issues.add(pathOf(itemPath), `must be a mapping, got ${describe(item)}`);
  });
  return out;
}
