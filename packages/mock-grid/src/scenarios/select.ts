/**
 * A scenario as asked for — by name with text parameters (a `Prefer` header) or typed ones (`grid.faults`) —
 * checked against the catalog and completed with its defaults (docs/mock-grid.md "Scenarios and faults").
 */
import {
  SCENARIO_NAMES,
  type ScenarioKind,
  type ScenarioName,
  type ScenarioParam,
  scenarioInfo,
} from './catalog.js';

export type ScenarioValue = number | boolean | string;

/** A scenario ready to play: its kind from the catalog, every parameter set. */
export interface Scenario {
  readonly name: ScenarioName;
  readonly kind: ScenarioKind;
  readonly params: Readonly<Record<string, ScenarioValue>>;
  /** As `ScenarioInfo.textOnly`. */
  readonly textOnly?: boolean;
}

/**
 * An unknown scenario, an unknown or out-of-range parameter, or a scenario that cannot apply to the request.
 * `field` names where it was asked for (`Prefer`, or the API argument), the message the scenario and the limit.
 * The doors answer it with a 400 in the surface's error shape; `grid.faults` throws it.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const KNOWN = `known scenarios: ${SCENARIO_NAMES.join(', ')}`;

/** Checks `name` and `given` (text from a header, or values from code) and fills in the defaults. */
export function resolveScenario(
  name: string,
  given: Readonly<Record<string, unknown>>,
  field: string,
): Scenario {
  const info = scenarioInfo(name);
  if (!info) throw new ScenarioError(`unknown scenario '${name}'; ${KNOWN}`, field);
  const params: Record<string, ScenarioValue> = {};
  for (const [param, spec] of Object.entries(info.params)) {
    params[param] = given[param] === undefined ? spec.default : value(name, param, spec, given[param], field);
  }
  for (const param of Object.keys(given)) {
    if (info.params[param] === undefined) {
      const known = Object.keys(info.params);
      const which = known.length ? `it takes ${known.join(', ')}` : 'it takes none';
      throw new ScenarioError(`scenario '${name}' has no parameter '${param}' (${which})`, field);
    }
  }
  const scenario = { name: info.name as ScenarioName, kind: info.kind, params };
  return info.textOnly ? { ...scenario, textOnly: true } : scenario;
}

function value(name: string, param: string, spec: ScenarioParam, raw: unknown, field: string): ScenarioValue {
  const where = `scenario '${name}' ${param}`;
  if (spec.type === 'integer') {
    const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < spec.min || n > spec.max) {
      throw new ScenarioError(
        `${where}: expected an integer ${spec.min}..${spec.max}, got ${JSON.stringify(raw)}`,
        field,
      );
    }
    return n;
  }
  if (spec.type === 'boolean') {
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    throw new ScenarioError(`${where}: expected true or false, got ${JSON.stringify(raw)}`, field);
  }
  if (typeof raw !== 'string' || raw.length > spec.maxLength) {
    throw new ScenarioError(`${where}: expected text of at most ${spec.maxLength} characters`, field);
  }
  return raw;
}

/**
 * The scenario a `Prefer` header asks for (RFC 7240, as Stoplight Prism reads it):
 * `Prefer: scenario=stream-cut; after=3; done=true`, among any other preferences (`respond-async, scenario=…`).
 * Values may be quoted (`message="a, b"`). Undefined when the header names no scenario.
 */
export function preferredScenario(header: string | undefined): Scenario | undefined {
  if (header === undefined || !/scenario/i.test(header)) return undefined;
  for (const preference of split(header, ',')) {
    const [head, ...rest] = split(preference, ';');
    const [key, name] = pair(head ?? '');
    if (key !== 'scenario') continue;
    if (!name) throw new ScenarioError(`Prefer: scenario needs a name; ${KNOWN}`, 'Prefer');
    const params: Record<string, string> = {};
    for (const item of rest) {
      const [param, raw] = pair(item);
      if (param) params[param] = raw ?? '';
    }
    return resolveScenario(name, params, 'Prefer');
  }
  return undefined;
}

/** `key=value` (value unquoted), trimmed; the key lower-cased as RFC 7240 tokens are case-insensitive. */
function pair(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  if (at < 0) return [text.trim().toLowerCase(), undefined];
  const raw = text.slice(at + 1).trim();
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return [text.slice(0, at).trim().toLowerCase(), unquoted.replace(/\\(.)/g, '$1')];
}

/** Splits on `sep` outside double quotes. */
function split(text: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
