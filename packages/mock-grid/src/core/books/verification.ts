/**
 * The verification book: the grid's own account, which asks for every probe and canary, and each checked
 * worker's one timer — its next canary, or its next probe after a failed one (docs/mock-grid-core.md
 * "Verification"). The rule that runs when a timer fires is rules/verify.ts `due`, called by GridCore.
 */
import type { Clock } from '../clock.js';
import type { Account, Worker } from '../entities.js';

export class VerificationBook {
  /**
   * The grid's own account. It is in no key's reach (the accounts book does not hold it), so no client can
   * find, see or be billed for what it asks; it pays the workers that pass a check.
   */
  readonly account: Account;
  /** Workers with a timer running (for `disarmAll`). */
  readonly #armed = new Set<Worker>();

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (worker: Worker) => void,
  ) {
    this.account = {
      id: -1,
      name: 'grid',
      anonymous: false,
      trusted: true,
      moderator: false,
      scopes: new Set(),
      balance: 0,
      earned: 0,
      spent: 0,
      tokensGenerated: 0,
      tokensUsed: 0,
      jobsFulfilled: 0,
      jobsRequested: 0,
      inFlight: 0,
      mediaInFlight: 0,
      maxInFlight: Number.POSITIVE_INFINITY,
      createdAt: clock.now(),
      workerIds: new Set(),
      records: [],
    };
  }

  /** The worker's next check is due in `ms` (replacing any timer it had). */
  arm(worker: Worker, ms: number): void {
    const check = worker.check;
    if (!check) return;
    if (check.timer) this.clock.clearTimer(check.timer);
    this.#armed.add(worker);
    check.timer = this.clock.setTimer(() => {
      check.timer = null;
      this.#armed.delete(worker);
      this.onDue(worker);
    }, ms);
  }

  disarm(worker: Worker): void {
    const check = worker.check;
    if (check?.timer) {
      this.clock.clearTimer(check.timer);
      check.timer = null;
    }
    this.#armed.delete(worker);
  }

  /** Stops every worker's timer (`GridCore.dispose`). */
  disarmAll(): void {
    for (const worker of [...this.#armed]) this.disarm(worker);
  }
}
