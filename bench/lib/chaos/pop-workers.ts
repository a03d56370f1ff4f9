// Horde pop workers we control request by request (openapi/paths/api_v2_generate_text_pop.yaml,
// api_v2_generate_text_submit.yaml): pop, then submit as Plan.pop(job, attempt) says. A worker pops again
// as soon as it is done with a job (a `late` submit runs in the background), and every `pollMs` when the
// queue had nothing for it.
import type { Attempt, Book } from './book.js';
import { jobOfPrompt, type Plan } from './plan.js';

export interface PopWorkerOptions {
  url: string;
  model: string;
  plan: Plan;
  book: Book;
  pollMs: number;
}

export class PopWorker {
  private stopping = false;
  private failure: unknown;
  private loop?: Promise<void>;
  /** Submits the grid refused (400 AbortedGen / DuplicateGen …), by rc. */
  readonly refused = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly key: string,
    private readonly o: PopWorkerOptions,
  ) {}

  start(): void {
    // Once stopping, a request the closing grid cuts is the end of the loop, not an error.
    this.loop = this.run().catch((err) => {
      if (!this.stopping) this.failure = err;
    });
  }

  /** Stops popping; throws what broke the loop if anything did before. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    if (this.failure) throw this.failure;
  }

  private post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.o.url}/api/v2/generate/text/${path}`, {
      method: 'POST',
      headers: { apikey: this.key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const res = await this.post('pop', {
        name: this.name,
        models: [this.o.model],
        max_length: 512,
        max_context_length: 4096,
        bridge_agent: 'aipg-chaos:0:bench/chaos.ts',
      });
      const pop = (await res.json()) as { id?: string | null; payload?: { prompt?: string } };
      if (!res.ok) throw new Error(`pop refused: ${res.status} ${JSON.stringify(pop)}`);
      if (!pop.id) {
        await new Promise((resolve) => setTimeout(resolve, this.o.pollMs));
        continue;
      }
      await this.serve(pop.id, pop.payload?.prompt ?? '');
    }
  }

  private async submit(attempt: Attempt, id: string): Promise<void> {
    const res = await this.post('submit', { id, generation: attempt.text, state: 'ok' });
    const body = (await res.json()) as { reward?: number; rc?: string };
    if (res.ok) attempt.payments.push(Number(body.reward ?? 0));
    else {
      const rc = body.rc ?? String(res.status);
      this.refused.set(rc, (this.refused.get(rc) ?? 0) + 1);
    }
  }

  private async serve(id: string, prompt: string): Promise<void> {
    const job = jobOfPrompt(prompt);
    if (job === undefined) throw new Error(`pop ${id} carries no chaos-job prompt`);
    const { plan, book } = this.o;
    const attempt = book.attempt(job, {
      kind: 'pop',
      worker: this.name,
      generationId: id,
      behaviour: '',
      text: '',
    });
    attempt.behaviour = plan.pop(job, attempt.n);
    attempt.text = plan.text(job, attempt.n);
    switch (attempt.behaviour) {
      case 'ok':
        attempt.complete = true;
        await this.submit(attempt, id);
        return;
      case 'twice':
        attempt.complete = true;
        await this.submit(attempt, id);
        await this.submit(attempt, id);
        return;
      case 'never':
        return;
      case 'late':
        // Held until the grid moved on (another attempt got the job, or the client has its answer).
        book.track(
          book.movedOn(job, attempt.n).then(() => {
            attempt.complete = true;
            return this.submit(attempt, id);
          }),
        );
        return;
      default:
        throw new Error(`unknown behaviour ${attempt.behaviour}`);
    }
  }
}
