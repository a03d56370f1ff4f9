// The four counts (definitions at the top of bench/chaos.ts and in bench/README.md), job by job, from what
// the harness saw (Book) and the grid's ledger (the requester's account, the `credited` events).
import type { Attempt, JobRecord } from './book.js';

export interface Pricing {
  denPerToken: number;
  hordeTax: number;
  /** The job's completion cap in tokens. */
  maxTokens: number;
}

/** docs/mock-grid-core.md "Rewards and the ledger": tokens = ceil(chars / 4) (≥ 1, ≤ cap). */
export function price(text: string, p: Pricing): { reward: number; charge: number } {
  if (text.length === 0) return { reward: 0, charge: 0 };
  const tokens = Math.min(Math.max(1, Math.ceil(text.length / 4)), p.maxTokens);
  const reward = round2(tokens * p.denPerToken);
  return { reward, charge: round2(reward + p.hordeTax) };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const sum = (values: number[]) => round2(values.reduce((a, b) => a + b, 0));
const differs = (a: number, b: number) => Math.abs(a - b) > 0.001;

/** What the grid's ledger says about one job. */
export interface JobLedger {
  /** The requester's `spent` (one account per job). */
  charged: number;
  /** How many `spent` records the requester's account has. */
  charges: number;
  /** Sum of the grid's `credited` events for the job. */
  credited: number;
  /** How many `credited` events the job has. */
  credits: number;
}

export type Problem = 'lost' | 'duplicated' | 'wronglyDelivered' | 'wronglyCharged';

export interface JobVerdict {
  job: number;
  problems: Problem[];
  /** One line saying what went wrong, for the report. */
  why: string[];
}

export function judge(record: JobRecord, ledger: JobLedger, p: Pricing): JobVerdict {
  const problems: Problem[] = [];
  const why: string[] = [];
  const answer = record.answer ?? { kind: 'none' as const, detail: 'the client never finished' };
  const delivered = answer.kind === 'success' ? answer.text : undefined;
  const paid = (a: Attempt) => sum(a.payments);

  if (answer.kind === 'none') {
    problems.push('lost');
    why.push(answer.detail);
  }

  const nonZeroPayments = record.attempts.flatMap((a) => a.payments.filter((den) => den > 0));
  const answers = answer.kind === 'success' ? answer.answers : 0;
  if (answers > 1 || ledger.charges > 1 || ledger.credits > 1 || nonZeroPayments.length > 1) {
    problems.push('duplicated');
    why.push(
      `answers ${answers}, charges ${ledger.charges}, credits ${ledger.credits}, ` +
        `paid answers ${nonZeroPayments.length}`,
    );
  }

  if (delivered !== undefined && !record.attempts.some((a) => a.complete && a.text === delivered)) {
    problems.push('wronglyDelivered');
    why.push(
      `received ${JSON.stringify(delivered.slice(0, 120))}, complete attempts ${completeTexts(record)}`,
    );
  }

  const expected = price(delivered ?? '', p);
  const paidElsewhere = record.attempts.filter((a) => paid(a) > 0 && a.text !== delivered);
  if (
    differs(ledger.charged, expected.charge) ||
    differs(ledger.credited, expected.reward) ||
    differs(sum(record.attempts.map(paid)), expected.reward) ||
    paidElsewhere.length > 0
  ) {
    problems.push('wronglyCharged');
    why.push(
      `charged ${ledger.charged} (expected ${expected.charge}), workers credited ${ledger.credited} ` +
        `(told ${sum(record.attempts.map(paid))}, expected ${expected.reward})` +
        (paidElsewhere.length > 0 ? `, paid for undelivered attempts ${paidElsewhere.map((a) => a.n)}` : ''),
    );
  }
  if (problems.length > 0) {
    why.push(
      `${record.door}; attempts ${record.attempts.map((a) => `${a.n} ${a.kind}:${a.behaviour}`).join(', ')}`,
    );
  }
  return { job: record.job, problems, why };
}

function completeTexts(record: JobRecord): string {
  return JSON.stringify(record.attempts.filter((a) => a.complete).map((a) => a.text));
}
