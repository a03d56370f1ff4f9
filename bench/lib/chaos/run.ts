// One chaos run: a mock grid in-process (short leases, real clock), our WS and pop workers misbehaving as
// the Plan says, `concurrency` clients submitting `jobs` jobs through the three doors; then the verdict.
// bench/chaos.ts (the CLI) and test/chaos/chaos.test.ts both call runChaos.
import { GRID_DEFAULTS, startMockGrid } from '@aipg/mock-grid';
import { Book } from './book.js';
import { runClient } from './clients.js';
import { Plan } from './plan.js';
import { PopWorker } from './pop-workers.js';
import { RealWorker } from './real-worker.js';
import { type JobLedger, type JobVerdict, judge, type Problem, price } from './verdict.js';
import { WsSlot } from './ws-workers.js';

export interface ChaosOptions {
  jobs: number;
  seed: number;
  /** Clients in flight at once. */
  concurrency: number;
  wsWorkers: number;
  popWorkers: number;
  /** Real `@aipg/worker` CLI processes (demo backend, built dist/cli.js), SIGKILLed mid-stream at times. */
  realWorkers: number;
  /** The grid's `wsLeaseMs` and `popLeaseMs`: how long a frozen or silent attempt holds its job. */
  leaseMs: number;
  /**
   * Hang guard: when no job was answered (or, at the end, no worker operation settled) for this long, the
   * run stops waiting and counts what is open. A correct grid answers every job within a few leases.
   */
  stallMs: number;
  /** Pop workers' and Horde clients' poll period when there is nothing yet. */
  pollMs: number;
  /** Every attempt behaves: no misbehaviour, no SIGKILL (checks the harness itself). */
  calm: boolean;
  /** Progress lines go here (none by default). */
  log?: (line: string) => void;
}

export const CHAOS_DEFAULTS: Omit<ChaosOptions, 'jobs'> = {
  seed: 9,
  concurrency: 24,
  wsWorkers: 6,
  popWorkers: 3,
  realWorkers: 1,
  leaseMs: 1500,
  stallMs: 60_000,
  pollMs: 20,
  calm: false,
};

export interface ChaosReport {
  counts: Record<Problem, number>;
  jobs: number;
  outcomes: { success: number; error: number; none: number };
  doors: Record<string, number>;
  attempts: Record<string, number>;
  totals: {
    charged: number;
    expectedCharged: number;
    credited: number;
    toldWorkers: number;
    workersEarned: number;
  };
  /** Worker operations still open when the run stopped waiting, and answers the grid never acked. */
  stuck: number;
  unacked: number;
  /** What the harness's own worker code threw (0 unless the harness is broken). */
  harnessErrors: string[];
  refusedSubmits: Record<string, number>;
  /** The real worker CLIs: processes started, SIGKILLs, `done` texts the harness did not expect. */
  real: { spawned: number; killed: number; unexpected: number };
  /** Every job with a problem, with what went wrong. */
  failures: JobVerdict[];
  /** The first few jobs of each count. */
  examples: JobVerdict[];
  seconds: number;
}

const MODEL = 'chaos-model';
const MAX_TOKENS = 64;

export async function runChaos(options: Partial<ChaosOptions> & { jobs: number }): Promise<ChaosReport> {
  const o: ChaosOptions = { ...CHAOS_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const grid = await startMockGrid({
    port: 0,
    rateLimits: false,
    grid: {
      wsLeaseMs: o.leaseMs,
      popLeaseMs: o.leaseMs,
      // Misbehaviour is the point of the run: no job should fault for lack of attempts, and no worker be
      // evicted for its strikes (eviction is tested elsewhere).
      maxAttempts: 50,
      strikeLimit: 1_000_000,
    },
  });
  const plan = new Plan(o.seed, o.calm);
  const book = new Book();
  const generations = new Map<string, string>(); // grid generation id → grid job id
  const ledgerOfJob = new Map<string, { credited: number; credits: number }>();
  const unsubscribe = grid.core.onEvent((e) => {
    if (e.type === 'assigned') generations.set(e.generationId, e.jobId);
    if (e.type === 'credited') {
      const l = ledgerOfJob.get(e.jobId) ?? { credited: 0, credits: 0 };
      l.credited = Math.round((l.credited + e.den) * 100) / 100;
      l.credits++;
      ledgerOfJob.set(e.jobId, l);
    }
  });

  const ws = Array.from(
    { length: o.wsWorkers },
    (_, i) =>
      new WsSlot(`chaos-ws-${i}`, `grid_chaos_ws_${i}`, {
        url: grid.url,
        model: MODEL,
        plan,
        book,
        ackLimitMs: o.stallMs,
      }),
  );
  const pops = Array.from(
    { length: o.popWorkers },
    (_, i) =>
      new PopWorker(`chaos-pop-${i}`, `grid_chaos_pop_${i}`, {
        url: grid.url,
        model: MODEL,
        plan,
        book,
        pollMs: o.pollMs,
      }),
  );
  const reals = Array.from(
    { length: o.realWorkers },
    (_, i) =>
      new RealWorker(`chaos-real-${i}`, `grid_chaos_real_${i}`, { url: grid.url, model: MODEL, plan, book }),
  );
  let lastProgress = Date.now();
  // One controller per open job (a single shared signal would collect a listener per request).
  const open = new Set<AbortController>();
  const watchdog = setInterval(() => {
    if (Date.now() - lastProgress <= o.stallMs) return;
    for (const controller of open) controller.abort(new Error(`no job answered for ${o.stallMs} ms`));
  }, 250);
  try {
    await Promise.all(ws.map((slot) => slot.start()));
    await Promise.all(reals.map((real) => real.start()));
    for (const pop of pops) pop.start();

    let next = 0;
    let answered = 0;
    const lane = async () => {
      while (next < o.jobs) {
        const job = next++;
        const door = plan.door(job);
        const record = book.add(job, door, `grid_chaos_client_${o.seed}_${job}`);
        const clientOptions = { url: grid.url, model: MODEL, maxTokens: MAX_TOKENS, pollMs: o.pollMs * 5 };
        const controller = new AbortController();
        open.add(controller);
        const answer = await runClient(door, job, record.key, {
          ...clientOptions,
          signal: controller.signal,
        });
        open.delete(controller);
        book.answer(record, answer);
        lastProgress = Date.now();
        answered++;
        if (answered % 100 === 0) log(`${answered}/${o.jobs} jobs answered`);
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, lane));

    // Late submits, frozen workers waiting for their cancel, acks still to come.
    lastProgress = Date.now();
    while (book.pending.size > 0 && Date.now() - lastProgress < o.stallMs) {
      const before = book.pending.size;
      await Promise.race([
        Promise.allSettled([...book.pending]),
        new Promise((resolve) => setTimeout(resolve, 250)),
      ]);
      if (book.pending.size < before) lastProgress = Date.now();
    }
    const stuck = book.pending.size;
    book.end();
    await Promise.all(pops.map((pop) => pop.stop()));
    for (const slot of ws) slot.stop();
    await Promise.all(reals.map((real) => real.stop()));

    // The verdict, from the ledger as it stands once every worker is done.
    const pricing = {
      denPerToken: GRID_DEFAULTS.denPerToken,
      hordeTax: GRID_DEFAULTS.hordeTax,
      maxTokens: MAX_TOKENS,
    };
    const counts: Record<Problem, number> = {
      lost: 0,
      duplicated: 0,
      wronglyDelivered: 0,
      wronglyCharged: 0,
    };
    const examples: JobVerdict[] = [];
    const failures: JobVerdict[] = [];
    const shown: Record<Problem, number> = { lost: 0, duplicated: 0, wronglyDelivered: 0, wronglyCharged: 0 };
    const outcomes = { success: 0, error: 0, none: 0 };
    const doors: Record<string, number> = {};
    const attempts: Record<string, number> = {};
    const totals = { charged: 0, expectedCharged: 0, credited: 0, toldWorkers: 0, workersEarned: 0 };
    for (const record of book.jobs.values()) {
      const account = grid.core.account(record.key);
      const gridJobs = new Set(record.attempts.map((a) => generations.get(a.generationId)));
      let credited = 0;
      let credits = 0;
      for (const id of gridJobs) {
        const l = id ? ledgerOfJob.get(id) : undefined;
        credited += l?.credited ?? 0;
        credits += l?.credits ?? 0;
      }
      const ledger: JobLedger = {
        charged: account.spent,
        charges: account.records.filter((r) => r.kind === 'spent').length,
        credited: Math.round(credited * 100) / 100,
        credits,
      };
      const verdict = judge(record, ledger, pricing);
      if (verdict.problems.length > 0) failures.push(verdict);
      for (const problem of verdict.problems) {
        counts[problem]++;
        if (shown[problem]++ < 3 && !examples.includes(verdict)) examples.push(verdict);
      }
      outcomes[record.answer?.kind ?? 'none']++;
      doors[record.door] = (doors[record.door] ?? 0) + 1;
      for (const a of record.attempts) {
        const name = `${a.kind}:${a.behaviour}`;
        attempts[name] = (attempts[name] ?? 0) + 1;
        totals.toldWorkers += a.payments.reduce((x, y) => x + y, 0);
      }
      totals.charged += ledger.charged;
      totals.credited += ledger.credited;
      totals.expectedCharged += price(
        record.answer?.kind === 'success' ? record.answer.text : '',
        pricing,
      ).charge;
    }
    for (const worker of [...ws.map((w) => w.key), ...pops.map((p) => p.key), ...reals.map((r) => r.key)]) {
      totals.workersEarned += grid.core.account(worker).earned;
    }
    const refusedSubmits: Record<string, number> = {};
    for (const pop of pops)
      for (const [rc, n] of pop.refused) refusedSubmits[rc] = (refusedSubmits[rc] ?? 0) + n;
    for (const key of Object.keys(totals) as Array<keyof typeof totals>)
      totals[key] = Math.round(totals[key] * 100) / 100;
    return {
      counts,
      jobs: book.jobs.size,
      outcomes,
      doors,
      attempts,
      totals,
      stuck,
      unacked: book.unacked,
      harnessErrors: book.errors,
      refusedSubmits,
      real: {
        spawned: reals.reduce((n, r) => n + r.spawned, 0),
        killed: reals.reduce((n, r) => n + r.killed, 0),
        unexpected: reals.reduce((n, r) => n + r.unexpected, 0),
      },
      failures,
      examples,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    clearInterval(watchdog);
    unsubscribe();
    book.end();
    for (const slot of ws) slot.stop();
    const popsStopped = Promise.all(pops.map((pop) => pop.stop()));
    await Promise.allSettled(reals.map((real) => real.stop()));
    await grid.close();
    await popsStopped;
  }
}
