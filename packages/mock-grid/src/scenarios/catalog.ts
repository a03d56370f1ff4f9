/**
 * Every scenario the mock grid can play (docs/mock-grid.md "Scenarios and faults"; the spec's "Mock grid
 * scenarios" lists the same names, and the CLI's `--help` is written from this table). A scenario is chosen per
 * request (`Prefer: scenario=<name>; <param>=<value>`) or per test (`grid.faults.next`, `grid.scenario`).
 *
 * Where each is played:
 * - `door`: the HTTP door answers (or breaks) the request itself; no job is made.
 * - `stream`: the request runs as usual and the door cuts or spoils its SSE stream; only for streamed answers.
 * - `grid`: the core does it to the request's jobs (held in the queue, faulted), whichever worker serves them.
 * - `worker`: a simulated worker (`--simulate`) serves the job and misbehaves; the job goes only to one.
 */

export type ScenarioKind = 'door' | 'stream' | 'grid' | 'worker';

/** A parameter: an integer in `min..max`, or a boolean, or free text; `default` when not given. */
export type ScenarioParam =
  | { type: 'integer'; default: number; min: number; max: number; summary: string }
  | { type: 'boolean'; default: boolean; summary: string }
  | { type: 'string'; default: string; maxLength: number; summary: string };

export interface ScenarioInfo {
  readonly name: string;
  readonly kind: ScenarioKind;
  readonly summary: string;
  readonly params: Readonly<Record<string, ScenarioParam>>;
  /** Only for requests that make text jobs (an image has no empty form). */
  readonly textOnly?: boolean;
}

const SECONDS = { min: 1, max: 3600 } as const;
const DELAY_MS = { min: 0, max: 600_000 } as const;
const CHUNKS = { min: 0, max: 100_000 } as const;

export const SCENARIOS = [
  {
    name: 'rate-limited',
    kind: 'door',
    summary: "429 with Retry-After, in the surface's own error shape",
    params: {
      retry_after: { type: 'integer', default: 1, ...SECONDS, summary: 'seconds in Retry-After' },
    },
  },
  {
    name: 'server-error',
    kind: 'door',
    summary: "a 5xx in the surface's own error shape (503 carries Retry-After)",
    params: {
      status: { type: 'integer', default: 500, min: 500, max: 599, summary: 'the status' },
      retry_after: { type: 'integer', default: 1, ...SECONDS, summary: 'seconds in a 503 Retry-After' },
    },
  },
  {
    name: 'connection-reset',
    kind: 'door',
    summary: 'the connection is dropped without an answer (msw: a network error)',
    params: {},
  },
  {
    name: 'slow-body',
    kind: 'door',
    summary: 'the answer is written a few bytes at a time (a slow, dribbling body)',
    params: {
      bytes: { type: 'integer', default: 16, min: 1, max: 65_536, summary: 'bytes per write' },
      every_ms: { type: 'integer', default: 50, min: 1, max: 60_000, summary: 'ms between writes' },
    },
  },
  {
    name: 'stream-cut',
    kind: 'stream',
    summary: 'the SSE stream ends after N chunks, without `[DONE]` unless done=true',
    params: {
      after: { type: 'integer', default: 2, ...CHUNKS, summary: 'data chunks sent before the cut' },
      done: { type: 'boolean', default: false, summary: 'send `data: [DONE]` at the cut' },
    },
  },
  {
    name: 'error-chunk',
    kind: 'stream',
    summary: 'after N chunks the stream carries an error event, then `[DONE]`',
    params: {
      after: { type: 'integer', default: 2, ...CHUNKS, summary: 'data chunks sent before the error' },
      message: {
        type: 'string',
        default: 'The worker failed mid-stream (mock scenario)',
        maxLength: 500,
        summary: "the error event's message",
      },
    },
  },
  {
    name: 'queue-delay',
    kind: 'grid',
    summary: 'the jobs wait in the queue this long before any worker may take them',
    params: { ms: { type: 'integer', default: 5000, ...DELAY_MS, summary: 'ms held in the queue' } },
  },
  {
    name: 'faulted',
    kind: 'grid',
    summary: 'the jobs fault at once, as after their last failed attempt (no worker is struck)',
    params: {},
  },
  {
    name: 'slow-first-token',
    kind: 'worker',
    summary: 'a simulated worker waits this long before its first token',
    params: { ms: { type: 'integer', default: 3000, ...DELAY_MS, summary: 'ms to the first token' } },
  },
  {
    name: 'worker-disconnect',
    kind: 'worker',
    summary:
      'a simulated worker drops its connection after N tokens: the job re-queues (a stream already begun fails)',
    params: {
      after: { type: 'integer', default: 0, ...CHUNKS, summary: 'tokens sent before the drop' },
    },
  },
  {
    name: 'empty-completion',
    kind: 'worker',
    summary: 'a simulated worker finishes with no text at all (text jobs only)',
    params: {},
    textOnly: true,
  },
] as const satisfies readonly ScenarioInfo[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

const BY_NAME = new Map<string, ScenarioInfo>(SCENARIOS.map((s) => [s.name, s]));

export function scenarioInfo(name: string): ScenarioInfo | undefined {
  return BY_NAME.get(name);
}

/** The scenario table for `--help`: one line per scenario, its parameters under it. */
export function scenarioHelp(indent = '  '): string {
  const width = Math.max(...SCENARIOS.map((s) => s.name.length)) + 2;
  const lines: string[] = [];
  for (const s of SCENARIOS as readonly ScenarioInfo[]) {
    lines.push(`${indent}${s.name.padEnd(width)}${s.summary}`);
    for (const [param, p] of Object.entries(s.params)) {
      lines.push(`${indent}${' '.repeat(width)}  ${param}=${describe(p)}: ${p.summary}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function describe(p: ScenarioParam): string {
  if (p.type === 'integer') return `${p.min}..${p.max} (default ${p.default})`;
  if (p.type === 'boolean') return `true|false (default ${p.default})`;
  return 'text';
}
