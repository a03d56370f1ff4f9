// One AI Horde v2 text lifecycle against a server, as four HTTP requests (openapi/paths/api_v2_generate_text_*.yaml):
// the client's `POST async` → a worker's `POST pop` → its `POST submit` → the client's `GET status/{id}`.
// The workers are tiny in-process pollers with no backend: each pops as soon as a client has queued a job,
// submits a fixed text at once and then tells that job's client, which asks for the status once. That
// signal stands in for a requester's status polling, so every lifecycle is exactly those four requests,
// on the grid and on the plain baseline alike. Every step checks its answer; the client's last check is
// that the submitted text arrived in the status.
import { MODEL } from './fixtures.js';
import { poster } from './http-client.js';

const BASE = '/api/v2/generate/text';
export const PATHS = {
  async: `${BASE}/async`,
  pop: `${BASE}/pop`,
  submit: `${BASE}/submit`,
  status: `${BASE}/status/`,
} as const;

/** What every pop worker submits: 8 tokens' worth, like the /v1 lifecycles' tiny WS workers send. */
export const GENERATION = Array.from({ length: 8 }, (_, i) => `tok${i} `).join('');

/** A job's client and its worker find each other by this tag in the prompt (the pop hands out prompts,
 *  not the requester's id). Fixed width, so every request body has the same size. */
export const tag = (n: number): string => String(n).padStart(10, '0');
const TAGGED = /\[lifecycle (\d{10})\]/;

export const asyncBody = (jobTag: string): string =>
  JSON.stringify({
    prompt: `User: Say hello to the benchmark. [lifecycle ${jobTag}]\nAssistant:`,
    models: [MODEL],
    params: { max_length: 64, max_context_length: 1024 },
  });
export const popBody = (name: string): string =>
  JSON.stringify({
    name,
    models: [MODEL],
    max_length: 512,
    max_context_length: 4096,
    bridge_agent: 'aipg-bench:0:pop',
  });
export const submitBody = (id: string): string => JSON.stringify({ id, generation: GENERATION, state: 'ok' });

export interface HordeRig {
  /** One lifecycle; `jobTag` names it in the prompt. Throws on any wrong answer. */
  lifecycle(jobTag: string): Promise<void>;
  /** Lifecycles the pollers completed, and pops that found no job (a correct run has none). */
  stats(): { submitted: number; emptyPops: number };
  close(): void;
}

export function hordeRig(options: { url: string; clients: number; workers: number }): HordeRig {
  const clients = poster(options.url, options.clients, 'apikey');
  const workers = poster(options.url, options.workers, 'apikey');
  const meeting = new Rendezvous();
  const work = new Semaphore();
  let submitted = 0;
  let emptyPops = 0;
  let closed = false;

  const poll = async (name: string): Promise<void> => {
    const body = popBody(name);
    for (;;) {
      await work.take();
      if (closed) return;
      let pop = JSON.parse(await workers.post(PATHS.pop, body)) as PopAnswer;
      // A client queued a job before it signalled, so a pop finds one; if not, the grid gets asked again.
      while (!pop.id) {
        emptyPops += 1;
        await new Promise((resolve) => setImmediate(resolve));
        pop = JSON.parse(await workers.post(PATHS.pop, body)) as PopAnswer;
      }
      const jobTag = TAGGED.exec(pop.payload?.prompt ?? '')?.[1];
      if (jobTag === undefined) throw new Error(`pop without a tagged prompt: ${JSON.stringify(pop)}`);
      const answer = JSON.parse(await workers.post(PATHS.submit, submitBody(pop.id))) as { reward?: number };
      if (typeof answer.reward !== 'number')
        throw new Error(`submit not rewarded: ${JSON.stringify(answer)}`);
      submitted += 1;
      meeting.arrive(jobTag);
    }
  };
  for (let i = 0; i < options.workers; i++) {
    // A poller that breaks fails every waiting client, so the benchmark stops with its error, not a hang.
    poll(`bench-pop-${i}`).catch((err: unknown) => meeting.fail(err));
  }

  return {
    async lifecycle(jobTag) {
      const accepted = JSON.parse(await clients.post(PATHS.async, asyncBody(jobTag))) as { id?: string };
      if (typeof accepted.id !== 'string')
        throw new Error(`async without an id: ${JSON.stringify(accepted)}`);
      const served = meeting.wait(jobTag);
      work.give();
      await served;
      const status = JSON.parse(await clients.get(`${PATHS.status}${accepted.id}`)) as StatusAnswer;
      if (status.done !== true || status.generations?.[0]?.text !== GENERATION)
        throw new Error(`status without the generation: ${JSON.stringify(status).slice(0, 300)}`);
    },
    stats: () => ({ submitted, emptyPops }),
    close() {
      closed = true;
      work.give(options.workers);
      clients.close();
      workers.close();
    },
  };
}

interface PopAnswer {
  id?: string | null;
  payload?: { prompt?: string };
}
interface StatusAnswer {
  done?: boolean;
  generations?: { text?: string }[];
}

/** Jobs queued by clients and not yet popped: a poller takes one, a client gives one. */
class Semaphore {
  private count = 0;
  private readonly waiting: (() => void)[] = [];
  give(n = 1): void {
    for (let i = 0; i < n; i++) {
      const next = this.waiting.shift();
      if (next) next();
      else this.count += 1;
    }
  }
  take(): Promise<void> {
    if (this.count > 0) {
      this.count -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/**
 * Clients wait here for their job's submit. A submit may be answered before its client got to wait (its
 * job was popped for another client's signal), so an arrival without a waiter is kept for it. Keys may
 * repeat (the baseline replays one prompt): each arrival then serves the longest-waiting client.
 */
class Rendezvous {
  private readonly waiters = new Map<string, { resolve(): void; reject(err: unknown): void }[]>();
  private readonly early = new Map<string, number>();
  private failure: unknown;

  wait(key: string): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const arrived = this.early.get(key) ?? 0;
    if (arrived > 0) {
      if (arrived === 1) this.early.delete(key);
      else this.early.set(key, arrived - 1);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiters.set(key, [{ resolve, reject }]);
    });
  }

  arrive(key: string): void {
    const list = this.waiters.get(key);
    const first = list?.shift();
    if (list?.length === 0) this.waiters.delete(key);
    if (first) first.resolve();
    else this.early.set(key, (this.early.get(key) ?? 0) + 1);
  }

  fail(err: unknown): void {
    this.failure = err;
    for (const list of this.waiters.values()) for (const waiter of list) waiter.reject(err);
    this.waiters.clear();
  }
}
