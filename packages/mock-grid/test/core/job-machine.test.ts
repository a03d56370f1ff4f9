import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/entities.js';
import {
  GENERATION_TRANSITIONS,
  JOB_TRANSITIONS,
  type JobState,
  type JobTrigger,
} from '../../src/core/index.js';
import { move } from '../../src/core/job-machine.js';
import { chat, makeGrid, popBody, wsWorker } from './helpers.js';

// The declared table, walked two ways: `move()` on bare records (every state × every trigger: the
// declared moves land where the table says, every other one throws), and every declared job move made
// through the public GridCore API by the trigger the table names.

const JOB_STAGES = [
  'new',
  'queued',
  'leased',
  'streaming',
  'completed',
  'failed',
  'faulted',
  'cancelled',
] as const;
const GEN_STAGES = ['new', 'active', 'done', 'aborted'] as const;

function bareJob(state: (typeof JOB_STAGES)[number]) {
  const account = { inFlight: 5 };
  const req = { open: 5, account };
  return { id: 'job-1', state, req } as unknown as Job & { req: typeof req };
}

describe('the job state machine', () => {
  it('every (state, trigger) pair either makes the declared move or throws', () => {
    let legal = 0;
    let illegal = 0;
    for (const [trigger, t] of Object.entries(JOB_TRANSITIONS)) {
      for (const from of JOB_STAGES) {
        const job = bareJob(from);
        const allowed = (t.from as readonly string[]).includes(from);
        if (allowed) {
          move(job, trigger as JobTrigger);
          expect(job.state, `${trigger} from ${from}`).toBe(t.to);
          legal++;
        } else {
          expect(() => move(job, trigger as JobTrigger), `${trigger} from ${from}`).toThrow(
            `Illegal job move '${trigger}' from '${from}'`,
          );
          expect(job.state).toBe(from);
          illegal++;
        }
      }
    }
    expect(legal).toBe(16);
    expect(legal + illegal).toBe(Object.keys(JOB_TRANSITIONS).length * JOB_STAGES.length);
    for (const [trigger, t] of Object.entries(GENERATION_TRANSITIONS)) {
      for (const from of GEN_STAGES) {
        const gen = { id: 'gen-1', state: from } as unknown as { id: string; state: string };
        const run = () => move(gen as never, trigger as keyof typeof GENERATION_TRANSITIONS);
        if ((t.from as readonly string[]).includes(from)) {
          run();
          expect(gen.state).toBe(t.to);
        } else expect(run).toThrow(`Illegal generation move '${trigger}' from '${from}'`);
      }
    }
  });

  it('the counters follow the state: a job is open and in flight from submit until its terminal move', () => {
    for (const [trigger, t] of Object.entries(JOB_TRANSITIONS)) {
      const from = t.from[0]!;
      const job = bareJob(from);
      move(job, trigger as JobTrigger);
      const terminal = ['completed', 'failed', 'faulted', 'cancelled'].includes(t.to);
      const delta = (from === 'new' ? 1 : 0) - (terminal ? 1 : 0);
      expect(job.req.open, trigger).toBe(5 + delta);
      expect(job.req.account.inFlight, trigger).toBe(5 + delta);
    }
  });

  /** A grid with a /v1 job in `from` (a WS worker or a pop worker serves it), and the job's events. */
  function jobIn(
    from: JobState | 'new',
    options: { maxAttempts?: number; pop?: boolean; stream?: boolean } = {},
  ) {
    const { grid, clock } = makeGrid(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {});
    const ws = options.pop ? null : wsWorker(grid);
    if (options.pop) grid.pop(popBody()); // online, so /v1 accepts m1; the queue is still empty
    if (from === 'new') return { grid, clock, ws, gen: '', by: undefined, busy: null, job: () => chat(grid) };
    const busy = from === 'queued' && ws ? chat(grid) : null; // keeps the only WS connection busy
    const job = chat(grid, options.stream ? { stream: true } : {});
    let gen = '';
    if (from !== 'queued') gen = options.pop ? grid.pop(popBody()).job!.id : ws!.sink.last.id;
    const by = ws ? ws.by : { apiKey: 'pop-key' };
    if (from === 'streaming') grid.progress({ generationId: gen, by, delta: { content: 'Hi' } });
    return { grid, clock, ws, gen, by, busy, job: () => job };
  }

  const TERMINAL_EVENT: Partial<Record<JobState, string>> = {
    completed: 'done',
    failed: 'failed',
    faulted: 'faulted',
    cancelled: 'cancelled',
  };

  /** Makes `trigger` happen to a job in `from` through the public API; returns the job's id and events. */
  function trigger(name: JobTrigger, from: JobState | 'new') {
    // No idle WS connection to take it at once; for `orphan`, a pop worker that then goes offline.
    const pop = name === 'assign' || name === 'submit' || name === 'orphan';
    const s = jobIn(from, { pop, maxAttempts: name === 'fault' ? 1 : 3, stream: name === 'interrupt' });
    const by = s.by!;
    const job = s.job(); // for 'new', this is the submit
    switch (name) {
      case 'submit':
        break;
      case 'assign':
        s.grid.pop(popBody());
        break;
      case 'token':
        s.grid.progress({ generationId: s.gen, by, delta: { content: 'Hi' } });
        break;
      case 'complete':
        s.grid.complete({ generationId: s.gen, by, text: 'Hi there' });
        break;
      case 'reject':
        s.grid.fail({ generationId: s.gen, by, message: 'bad prompt', clientError: true });
        break;
      case 'retry':
        s.grid.release(s.ws!.by.connectionId);
        break;
      case 'orphan':
        // The only worker stops polling: offline after 300 s, then answered within the no-worker timeout.
        s.clock.advance(300_000 + 60_000 + 15_000);
        break;
      case 'interrupt':
        // The same worker loss as `retry`, but its tokens already went to a streaming client.
        s.grid.release(s.ws!.by.connectionId);
        break;
      case 'fault':
        s.grid.fail({ generationId: s.gen, by, message: 'out of memory' });
        break;
      case 'cancel':
        s.grid.cancel(job.sub.jobIds[0]!);
        break;
    }
    return { grid: s.grid, jobId: job.sub.jobIds[0]!, events: job.events, busy: s.busy !== null };
  }

  for (const [name, t] of Object.entries(JOB_TRANSITIONS) as [
    JobTrigger,
    (typeof JOB_TRANSITIONS)[JobTrigger],
  ][]) {
    for (const from of t.from) {
      it(`${name}: ${from} → ${t.to} (${t.when})`, () => {
        const { grid, jobId, events, busy } = trigger(name, from);
        const ending = TERMINAL_EVENT[t.to];
        if (ending) {
          // A finished /v1 request is forgotten at once: its last event says how it ended.
          expect(events.at(-1)?.type).toBe(ending);
          expect(grid.job(jobId)).toBeUndefined();
        } else expect(grid.job(jobId)?.state).toBe(t.to);
        const open = (ending ? 0 : 1) + (busy ? 1 : 0);
        expect(grid.account('client-key').inFlight).toBe(open);
      });
    }
  }
});
