// The grid's event stream, printed as it happens, and checked afterwards: every text job must have gone
// queued → assigned → tokens → done → den credited, every image job queued → worker → progress → uploaded →
// verified → done → den credited.
import type { Grid as GridCore, GridEvent, ImageDone } from '@aipg/mock-grid';
import { type Printer, step } from './printer.js';

/** Where a job's lines go: the door a text job came through, or `image` for an image job (either door). */
export type Door = 'v1' | 'horde' | 'image';
export const STEPS = ['queued', 'assigned', 'tokens', 'done', 'den credited'] as const;
export const IMAGE_STEPS = [
  'queued',
  'worker',
  'progress',
  'uploaded',
  'verified',
  'done',
  'den credited',
] as const;
export type Step = (typeof STEPS)[number] | (typeof IMAGE_STEPS)[number];

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
        if (job.door === 'image') {
          job.steps.add('worker');
          say('worker', `${event.worker.name} (${kind(event.worker.kind)}) renders it`);
          break;
        }
        job.steps.add('assigned');
        say('assigned', `to worker ${event.worker.name} (${kind(event.worker.kind)})`);
        break;
      case 'progress':
        job.steps.add('progress');
        say('progress', `${Math.round(event.pct)}% (the worker's report)`);
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
        if (event.image) {
          this.#imageDone(job, event.image, say);
          break;
        }
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
  missing(expected: Partial<Record<Door, number>>): string[] {
    const gaps: string[] = [];
    for (const door of ['v1', 'horde', 'image'] as const) {
      const jobs = [...this.jobs.entries()].filter(([, job]) => job.door === door);
      const want = expected[door] ?? 0;
      if (jobs.length !== want) gaps.push(`[${door}] ${jobs.length} job(s), expected ${want}`);
      const steps: readonly Step[] = door === 'image' ? IMAGE_STEPS : STEPS;
      for (const [id, job] of jobs) {
        const lacking = steps.filter((s) => !job.steps.has(s));
        if (lacking.length > 0)
          gaps.push(`[${door}] job ${id.slice(0, 8)} never reached: ${lacking.join(', ')}`);
      }
    }
    return gaps;
  }

  /**
   * A verified image's `done`. The grid reports an image done only after it checked the upload (the object
   * store has the bytes, they are an image of the slot's type by their magic bytes, their SHA-256 is the one
   * the worker reported: docs/mock-grid.md "Verification"), so the upload and the check are printed from it.
   */
  #imageDone(job: { steps: Set<Step> }, image: ImageDone, say: (name: string, text: string) => void): void {
    job.steps.add('uploaded');
    say('uploaded', `${image.contentType} in the grid's object store as ${image.key}`);
    job.steps.add('verified');
    say('verified', `${image.contentType} by its magic bytes; SHA-256 as the worker reported`);
    job.steps.add('done');
    say('done', `seed ${image.seed} · ${image.genTimeS} s · by ${image.worker} · ${image.den} den charged`);
  }

  #job(jobId: string) {
    let job = this.jobs.get(jobId);
    if (!job) {
      const view = this.core.job(jobId);
      if (!view) return undefined;
      // An image request has an image progress (0 while it waits); a text request has none.
      const door = this.core.imageProgress(view.requestId) === null ? view.source : 'image';
      job = { door, requestId: view.requestId, steps: new Set() };
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
