// The issue's targets, in one place: every benchmark prints the ones for its figures from here (✓ met,
// ✗ missed; reported, never asserted), and bench/README.md's "Targets" table is written from the same list
// (`pnpm exec tsx bench/readme-targets.ts`; bench/run.ts refuses to run while that table is stale).

export interface Target {
  /** Which benchmark section (bench/README.md) the figure belongs to. */
  bench: string;
  /** The figure, as the README names it. */
  figure: string;
  /** `min`: the figure must be at least `value`; `max`: at most. */
  kind: 'min' | 'max';
  value: number;
  unit: '×' | ' ms' | '/s' | ' MB';
}

const atLeast = (bench: string, figure: string, value: number, unit: Target['unit']): Target => ({
  bench,
  figure,
  kind: 'min',
  value,
  unit,
});
const atMost = (bench: string, figure: string, value: number, unit: Target['unit']): Target => ({
  bench,
  figure,
  kind: 'max',
  value,
  unit,
});

export const TARGETS = {
  sdkJson: atLeast('1 SDK overhead', '@aipg/sdk JSON ÷ raw fetch', 0.95, '×'),
  sdkStream: atLeast('1 SDK overhead', '@aipg/sdk stream ÷ fetch + eventsource-parser', 0.9, '×'),
  sdkJsonVsOpenai: atLeast('1 SDK overhead', '@aipg/sdk JSON ÷ openai (ahead of it)', 1, '×'),
  sdkStreamVsOpenai: atLeast('1 SDK overhead', '@aipg/sdk stream ÷ openai (ahead of it)', 1, '×'),
  gridJson: atLeast('2 mock grid', 'JSON lifecycles/s ÷ plain node:http, 64 clients', 0.5, '×'),
  gridSse: atLeast('2 mock grid', 'SSE lifecycles/s ÷ plain node:http, 64 clients', 0.5, '×'),
  gridRate: atLeast('2 mock grid', 'lifecycles/s on 2 cores (earlier issue)', 3000, '/s'),
  gridAddedP50: atMost('2 mock grid', 'added latency at C=1, p50 (JSON and SSE)', 0.5, ' ms'),
  gridAddedP99: atMost('2 mock grid', 'added latency at C=1, p99 (JSON and SSE)', 2, ' ms'),
  gridMemory: atMost('2 mock grid', 'heap for 100,000 queued /v1 jobs', 300, ' MB'),
  ttftAddedP50: atMost('4 TTFT', 'time to first token added by grid + worker, p50', 1, ' ms'),
  pythonJson: atLeast('6 Python SDK', 'aipg JSON ÷ httpx2', 0.95, '×'),
  pythonStream: atLeast('6 Python SDK', 'aipg stream ÷ httpx2 + bare SSE decoder', 0.9, '×'),
  hordeLifecycles: atLeast('7 Horde door', 'Horde lifecycles/s ÷ plain node:http, 64 clients', 0.5, '×'),
  prismModels: atLeast('11 grid vs Prism', 'simulated grid ÷ Prism, GET /v1/models requests/s', 10, '×'),
  prismChat: atLeast('11 grid vs Prism', 'simulated grid ÷ Prism, validated chat POST requests/s', 10, '×'),
} as const satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;

/** The bound as printed: `≥0.95×`, `≤2 ms`, `≥3,000/s`. */
export function bound(name: TargetName): string {
  const t: Target = TARGETS[name];
  return `${t.kind === 'min' ? '≥' : '≤'}${t.value.toLocaleString('en-US')}${t.unit}`;
}

export function met(name: TargetName, figure: number): boolean {
  const t: Target = TARGETS[name];
  return Number.isFinite(figure) && (t.kind === 'min' ? figure >= t.value : figure <= t.value);
}

/** One figure checked against its target, as kept in bench/results/*.json. */
export interface Checked {
  target: TargetName;
  /** Which row the figure belongs to (e.g. `JSON`), when one target checks several figures. */
  of: string;
  figure: number;
  bound: string;
  met: boolean;
}

/**
 * Collects a benchmark's checked figures: `cell()` gives the table's target column (`≥0.95× ✓`, several
 * joined by ` · `) and keeps each figure in `checked` for the section's raw data.
 */
export function targetBook() {
  const checked: Checked[] = [];
  return {
    checked,
    cell(of: string, parts: [label: string, name: TargetName, figure: number][]): string {
      return parts
        .map(([label, name, figure]) => {
          const ok = met(name, figure);
          checked.push({ target: name, of, figure, bound: bound(name), met: ok });
          return `${label ? `${label} ` : ''}${bound(name)} ${ok ? '✓' : '✗'}`;
        })
        .join(' · ');
    },
  };
}
