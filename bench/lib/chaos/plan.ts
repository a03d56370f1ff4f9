// What every attempt at every job does, decided up front from the run's seed (bench/chaos.ts explains the
// definitions). Nothing here depends on timing: an attempt's behaviour and text are functions of
// (seed, job, attempt number), so the harness always knows what a correct complete answer is.

export type Door = 'v1-stream' | 'v1' | 'horde';

/** WS worker behaviours (openapi/components/ws.yaml frames). */
export type WsBehaviour =
  | 'ok' // every token, one done, wait for the ack
  | 'die' // some tokens, then the socket is cut (terminate or close); the slot reconnects
  | 'error' // some tokens, then an error frame (a worker failure: the job is requeued)
  | 'freeze-cancelled' // some tokens, then silence until the grid's cancel; done cancelled: true, partial
  | 'freeze-late-done' // some tokens, then silence until cancel; then the rest and a full done (late)
  | 'dup-done' // every token, then done twice
  | 'liar'; // every token, then done whose full_text is the text plus 2,000 characters never streamed

/** Horde pop worker behaviours (openapi/paths/api_v2_generate_text_pop.yaml, _submit.yaml). */
export type PopBehaviour =
  | 'ok' // submit once
  | 'never' // pop and never submit (the lease expires)
  | 'twice' // submit, then submit the same again
  | 'late'; // submit only after the job was handed to another attempt or answered

const WS_WEIGHTS: Array<[WsBehaviour, number]> = [
  ['ok', 50],
  ['die', 14],
  ['error', 6],
  ['freeze-cancelled', 6],
  ['freeze-late-done', 6],
  ['dup-done', 8],
  ['liar', 10],
];
const POP_WEIGHTS: Array<[PopBehaviour, number]> = [
  ['ok', 60],
  ['never', 12],
  ['twice', 14],
  ['late', 14],
];
const DOORS: Door[] = ['v1-stream', 'v1', 'horde'];

/** 32-bit FNV-1a of the parts, so each (seed, job, attempt, purpose) gets its own stream. */
function hash(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator; returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(weights: Array<[T, number]>, r: number): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let x = r * total;
  for (const [value, w] of weights) {
    x -= w;
    if (x < 0) return value;
  }
  return weights[weights.length - 1]![0];
}

const WORDS = [
  'grid',
  'power',
  'token',
  'worker',
  'lease',
  'ledger',
  'stream',
  'queue',
  'den',
  'kudos',
  'retry',
];

export class Plan {
  /** `calm`: every attempt behaves (the harness's own check: a calm run must count nothing on any grid). */
  constructor(
    readonly seed: number,
    readonly calm = false,
  ) {}

  door(job: number): Door {
    return DOORS[Math.floor(rng(hash(this.seed, 'door', job))() * DOORS.length)]!;
  }

  ws(job: number, attempt: number): WsBehaviour {
    if (this.calm) return 'ok';
    return pick(WS_WEIGHTS, rng(hash(this.seed, 'ws', job, attempt))());
  }

  pop(job: number, attempt: number): PopBehaviour {
    if (this.calm) return 'ok';
    return pick(POP_WEIGHTS, rng(hash(this.seed, 'pop', job, attempt))());
  }

  /**
   * The complete text of attempt `attempt` (1-based) at job `job`: distinct per attempt (it starts with the
   * job and attempt number), 3 to 12 words, so a spliced or truncated delivery never equals any attempt's
   * text.
   */
  text(job: number, attempt: number): string {
    const r = rng(hash(this.seed, 'text', job, attempt));
    const words = [`j${job}a${attempt}`];
    const count = 3 + Math.floor(r() * 10);
    for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]!);
    return `${words.join(' ')}.`;
  }

  /** The text cut into stream pieces of 1 to 6 characters (at least 2 pieces). */
  tokens(job: number, attempt: number): string[] {
    const text = this.text(job, attempt);
    const r = rng(hash(this.seed, 'tokens', job, attempt));
    const pieces: string[] = [];
    for (let at = 0; at < text.length; ) {
      const size = 1 + Math.floor(r() * 6);
      pieces.push(text.slice(at, at + size));
      at += size;
    }
    return pieces;
  }

  /** How many tokens a misbehaving attempt sends before it stops: 1 … pieces − 1 (0 too when `zero`). */
  cut(job: number, attempt: number, pieces: number, zero = false): number {
    const r = rng(hash(this.seed, 'cut', job, attempt))();
    const low = zero ? 0 : 1;
    return low + Math.floor(r * (pieces - 1 - low + 1));
  }

  /** Whether the real worker CLI is SIGKILLed during this attempt (a third of its attempts). */
  realKill(job: number, attempt: number): boolean {
    if (this.calm) return false;
    return rng(hash(this.seed, 'sigkill', job, attempt))() < 1 / 3;
  }

  /** Whether a dying WS attempt closes its socket gracefully (true) or cuts it (false). */
  graceful(job: number, attempt: number): boolean {
    return rng(hash(this.seed, 'graceful', job, attempt))() < 0.5;
  }
}

/** The job number a prompt carries (every client prompt is `chaos-job-<n>: …`). */
export function jobOfPrompt(prompt: string): number | undefined {
  const match = /chaos-job-(\d+)/.exec(prompt);
  return match ? Number(match[1]) : undefined;
}

export const promptOf = (job: number) => `chaos-job-${job}: say something about the grid`;
