// 12. Routing (docs/mock-grid-core.md "Routing"): (a) what the router's decision costs per job when 1,000 workers
// are online and free, against the same job loop with one worker, in the same process and alternating windows;
// (b) each worker's share of 1,000 jobs in a fleet of unequal workers (speed, reliability, region), counted on a
// driven clock (the figure is a count, not a timing).
import { Grid, ManualClock, type WorkerSink } from '@aipg/mock-grid';
import { Fleet } from '../packages/mock-grid/test/routing/harness.js';
import { ms } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';

const MODEL = 'bench-model';
const TEXT = 'x'.repeat(64);

/** A grid whose `workers` in-process WS workers answer every job at once. */
function instantGrid(workers: number): Grid {
  const grid = new Grid({
    clock: new ManualClock(),
    rateLimits: false,
    maxInFlight: 1_000_000,
    keys: [{ key: 'client-key', balance: 1e12 }, { key: 'worker-key' }],
    authMode: 'strict',
  });
  for (let i = 0; i < workers; i++) {
    let connectionId = '';
    const sink: WorkerSink = {
      ready: () => {},
      job: (offer) => {
        grid.complete({ generationId: offer.id, by: { connectionId }, text: TEXT });
      },
      cancel: () => {},
      close: () => {},
    };
    connectionId = grid.register({ apikey: 'worker-key', name: `w${i}`, models: [MODEL] }, sink).connectionId;
  }
  return grid;
}

const request = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }], max_tokens: 16 };

/** µs per job (submit → routed → completed) over a window. */
function window(grid: Grid, windowMs: number): { perJobUs: number; jobs: number } {
  const start = performance.now();
  let jobs = 0;
  while (performance.now() - start < windowMs) {
    for (let i = 0; i < 100; i++) grid.submit({ source: 'v1', apiKey: 'client-key', request });
    jobs += 100;
  }
  return { perJobUs: ((performance.now() - start) * 1000) / jobs, jobs };
}

const many = instantGrid(1_000);
const one = instantGrid(1);
window(many, ms(500));
window(one, ms(500));
const manyUs: number[] = [];
const oneUs: number[] = [];
for (let round = 0; round < 6; round++) {
  manyUs.push(window(many, ms(700)).perJobUs);
  oneUs.push(window(one, ms(700)).perJobUs);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const at1000 = med(manyUs);
const at1 = med(oneUs);
const decisionUs = at1000 - at1;

// (b) Shares of 1,000 jobs, requests from a client in us-east.
const fleet = new Fleet(
  [
    { name: 'us-fast', tokensPerS: 200, region: 'us-east' },
    { name: 'us-a', tokensPerS: 100, region: 'us-east' },
    { name: 'us-slow', tokensPerS: 50, region: 'us-east' },
    { name: 'us-flaky', tokensPerS: 100, region: 'us-east', failureRate: 0.3 },
    { name: 'eu-a', tokensPerS: 100, region: 'eu-west' },
  ],
  {},
);
const ends = fleet.sequential(1_000, { routing: { region: 'us-east' } });
const shares = fleet.shares();
const unanswered = ends.filter((e) => e.type !== 'done').length;
const standing = Object.fromEntries(
  fleet.workers.map((w) => {
    const v = fleet.grid.worker(w.spec.name)!;
    return [
      w.spec.name,
      {
        share: shares[w.spec.name],
        offered: w.offered,
        completed: w.completed,
        reputation: v.reputation,
        reliability: v.reliability,
        tokensPerS: v.tokensPerS,
      },
    ];
  }),
);

const bench = '12 routing';
const rows: Row[] = [
  {
    bench,
    case: 'a job routed among 1,000 free workers (submit → routed → done, in process)',
    result: `${fmt.us(at1000)} per job`,
    baseline: `1 worker ${fmt.us(at1)}`,
    ratio: fmt.ratio(at1000 / at1),
  },
  {
    bench,
    case: 'the routing decision at 1,000 online workers (the difference)',
    result: fmt.us(decisionUs),
    baseline: '—',
    ratio: '—',
  },
  ...fleet.workers.map(
    (w): Row => ({
      bench,
      case: `share of 1,000 us-east jobs: ${w.spec.name} (${w.spec.tokensPerS} tok/s, ${w.spec.region}${w.spec.failureRate ? `, fails ${w.spec.failureRate * 100}%` : ''})`,
      result: `${fmt.pct(shares[w.spec.name]!)} (${w.completed} done of ${w.offered} tried)`,
      baseline: '—',
      ratio: '—',
    }),
  ),
];
report({
  id: 'routing',
  title: '12 routing',
  rows,
  data: { perJobUs: { at1000: manyUs, at1: oneUs }, decisionUs, shares: standing, unanswered },
  notes: [
    'cost: medians of 6 alternating 0.7 s windows of back-to-back jobs; every worker answers at once, so the difference between 1,000 free workers and 1 is what choosing among them costs.',
    `shares: 1,000 requests one after another on a driven clock, each hinting region us-east; ${unanswered} left unanswered (a flaky worker's failures are retried elsewhere).`,
  ],
});
