/**
 * Scenarios chosen by a test rather than by a request's header (docs/mock-grid.md "Scenarios and faults"):
 * `next()` queues one for the next request(s) it applies to, `scenario()` sets one for every such request until
 * it is cleared. The door asks `select()` once per request; a request's own `Prefer: scenario=…` wins.
 */
import type { ScenarioName } from './catalog.js';
import { resolveScenario, type Scenario, ScenarioError, type ScenarioValue } from './select.js';

export type ScenarioParams = Readonly<Record<string, ScenarioValue>>;

export interface FaultOptions {
  /** The scenario's parameters (`after`, `ms`, `status` …; docs/mock-grid.md lists them). */
  params?: ScenarioParams;
  /** How many requests it is played on. Default 1. */
  times?: number;
  /** Only requests to this path (normalised, e.g. `/v1/chat/completions`), or whose path the pattern matches. */
  path?: string | RegExp;
}

/** What the door knows of a request when it picks a scenario for it. */
export interface ScenarioTarget {
  method: string;
  path: string;
  /** Whether it asks for a streamed chat completion (`stream: true`). */
  streamed: () => boolean;
}

interface Pending {
  scenario: Scenario;
  left: number;
  path: string | RegExp | undefined;
}

/** The requests that make jobs: where the `grid` and `worker` scenarios apply. */
export const JOB_REQUESTS: ReadonlySet<string> = new Set([
  'POST /v1/chat/completions',
  'POST /v1/images/generations',
  'POST /api/v2/generate/text/async',
  'POST /api/v2/generate/async',
]);

const CHAT = 'POST /v1/chat/completions';
const TEXT_REQUESTS: ReadonlySet<string> = new Set([CHAT, 'POST /api/v2/generate/text/async']);

/** Whether `scenario` can be played on `target`; if not, why (for the 400 of a `Prefer` header). */
export function unfitFor(scenario: Scenario, target: ScenarioTarget): string | undefined {
  const { kind } = scenario;
  const route = `${target.method} ${target.path}`;
  if (scenario.textOnly && TEXT_REQUESTS.has(route) === false && JOB_REQUESTS.has(route)) {
    return `it applies to text requests: ${[...TEXT_REQUESTS].join(', ')}`;
  }
  if (kind === 'door') return target.path === '/health' ? 'not on /health (readiness stays true)' : undefined;
  if (kind === 'stream') {
    return route === CHAT && target.streamed()
      ? undefined
      : 'it applies to a streamed chat completion (POST /v1/chat/completions with stream: true)';
  }
  return JOB_REQUESTS.has(route)
    ? undefined
    : `it applies to requests that make jobs: ${[...JOB_REQUESTS].join(', ')}`;
}

export class Faults {
  readonly #pending: Pending[] = [];
  #standing: Scenario | null = null;

  /** Plays `name` on the next request it applies to (or the next `times`, optionally only on `path`). */
  next(name: ScenarioName, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new ScenarioError(`faults.next: times must be an integer ≥ 1 (got ${times})`, 'times');
    }
    const scenario = resolveScenario(name, options.params ?? {}, 'faults.next');
    this.#pending.push({ scenario, left: times, path: options.path });
  }

  /** Plays `name` on every request it applies to from now on; `null` stops it. Returns the scenario set. */
  set(name: ScenarioName | null, params: ScenarioParams = {}): Scenario | null {
    this.#standing = name === null ? null : resolveScenario(name, params, 'scenario');
    return this.#standing;
  }

  /** How many requests the queued `next()` faults will still be played on. */
  get pending(): number {
    return this.#pending.reduce((n, p) => n + p.left, 0);
  }

  get standing(): Scenario | null {
    return this.#standing;
  }

  /** Drops the queued faults and the standing scenario. */
  clear(): void {
    this.#pending.length = 0;
    this.#standing = null;
  }

  /** True when nothing is queued or standing: the door need not look. */
  get idle(): boolean {
    return this.#standing === null && this.#pending.length === 0;
  }

  /** The scenario for `target`: the first queued fault that applies (used up by it), else the standing one. */
  take(target: ScenarioTarget): Scenario | undefined {
    for (let i = 0; i < this.#pending.length; i++) {
      const p = this.#pending[i]!;
      if (!matches(p.path, target.path) || unfitFor(p.scenario, target) !== undefined) continue;
      if (--p.left === 0) this.#pending.splice(i, 1);
      return p.scenario;
    }
    const standing = this.#standing;
    return standing && unfitFor(standing, target) === undefined ? standing : undefined;
  }
}

/** What `grid.faults` offers a test: `Faults` without the door's side (`take`, `set`). */
export interface GridFaults {
  next(name: ScenarioName, options?: FaultOptions): void;
  /** How many requests the queued faults will still be played on. */
  readonly pending: number;
  /** Drops the queued faults and the standing scenario (`grid.scenario`). */
  clear(): void;
}

export function gridFaults(faults: Faults): GridFaults {
  return {
    next: (name, options) => faults.next(name, options),
    get pending() {
      return faults.pending;
    },
    clear: () => faults.clear(),
  };
}

function matches(path: string | RegExp | undefined, actual: string): boolean {
  if (path === undefined) return true;
  return typeof path === 'string' ? path === actual : path.test(actual);
}
