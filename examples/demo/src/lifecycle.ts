// The grid's event stream, printed as it happens, and checked afterwards: every job must have gone
// queued → assigned → tokens → done → den credited.
import type { Grid as GridCore, GridEvent } from '@aipg/mock-grid';
import { type Printer, step } from './printer.js';

export type Door = 'v1' | 'horde';
export const STEPS = ['queued', 'assigned', 'tokens', 'done', 'den credited'] as const;
export type Step = (typeof STEPS)[number];

type WorkerEvent = Extract<GridEvent, { type: `worker.${string}` }>;

const kind = (k: 'ws' | 'pop') => (k === 'ws' ? 'WebSocket' : 'Horde pop');

export class Lifecycle {
  /** The steps each job went through, by job id, in the order the jobs were queued. */
  readonly jobs = new Map<string, { door: Door; requestId: string; steps: Set<Step> }>();
  /** Problems the grid reported (failed, faulted, cancelled jobs; workers going away). */
  readonly problems: string[] = [];
  denCredited = 0;
  #streaming: string | undefined;

  constructor(
    private readonly core: GridCore,
    private readonly out: Printer,
    /** The worker operator's key: whose balance `den credited` shows. */
    private readonly operatorKey: string,
  ) {}

  readonly handle = (event: GridEvent): void => {
    if (event.type.startsWith('worker.')) {
      this.#worker(event as WorkerEvent);
      return;
    }
    if (!('jobId' in event)) return;
    const job = this.#job(event.jobId);
    if (!job) return;
    const say = (name: string, text: string) => this.out.line(job.door, `${step(name)}${text}`);
    const request = job.requestId.slice(0, 8);
    switch (event.type) {
      case 'queued': {
        const view = this.core.job(event.jobId);
        job.steps.add('queued');
        say('queued', `request ${request} for ${view?.model ?? (view?.models.join(' | ') || 'any model')}`);
        break;
      }
      case 'assigned':
        job.steps.add('assigned');
        say('assigned', `to worker ${event.worker.name} (${kind(event.worker.kind)})`);
        break;
      case 'token':
        // One line for the whole answer, growing as the tokens arrive.
        if (this.#streaming !== event.jobId) this.out.begin(job.door, step('tokens'));
        this.#streaming = event.jobId;
        job.steps.add('tokens');
        this.out.append(event.delta.content ?? '');
        break;
      case 'done':
        this.#streaming = undefined;
        job.steps.add('done');
        say(
          'done',
          `${event.usage.completion_tokens} tokens (as the grid counts them) · ttft ${event.grid.ttft ?? '?'} s · ${event.grid.tokens_per_s ?? '?'} tokens/s`,
        );
        break;
      case 'credited':
        job.steps.add('den credited');
        this.denCredited += event.den;
        say(
          'den credited',
          `${event.den} den to ${event.account}, who runs ${event.workerName} (balance ${this.core.account(this.operatorKey).balance})`,
        );
        break;
      case 'requeued':
        say('requeued', event.reason);
        break;
      case 'failed':
      case 'faulted':
        this.problems.push(`request ${request} ${event.type}: ${event.message}`);
        say(event.type, event.message);
        break;
      case 'cancelled':
        this.problems.push(`request ${request} was cancelled`);
        say('cancelled', '');
        break;
    }
  };

  /** What is missing: one line per job (or door) that did not go all the way. */
  missing(expected: Record<Door, number>): string[] {
    const gaps: string[] = [];
    for (const door of ['v1', 'horde'] as const) {
      const jobs = [...this.jobs.entries()].filter(([, job]) => job.door === door);
      if (jobs.length !== expected[door])
        gaps.push(`[${door}] ${jobs.length} job(s), expected ${expected[door]}`);
      for (const [id, job] of jobs) {
        const lacking = STEPS.filter((s) => !job.steps.has(s));
        if (lacking.length > 0)
          gaps.push(`[${door}] job ${id.slice(0, 8)} never reached: ${lacking.join(', ')}`);
      }
    }
    return gaps;
  }

  #job(jobId: string) {
    let job = this.jobs.get(jobId);
    if (!job) {
      const view = this.core.job(jobId);
      if (!view) return undefined;
      job = { door: view.source, requestId: view.requestId, steps: new Set() };
      this.jobs.set(jobId, job);
    }
    return job;
  }

  #worker(event: WorkerEvent): void {
    if (event.type === 'worker.online') {
      this.out.line('grid', `worker ${event.name} online (${kind(event.kind)})`);
      return;
    }
    const detail = event.type === 'worker.offline' ? event.reason : event.type.slice('worker.'.length);
    this.out.line('grid', `worker ${event.name}: ${detail}`);
  }
}
