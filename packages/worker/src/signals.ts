// SIGINT/SIGTERM → drain, as docs/worker.md ("Drain") describes: the first signal drains, a second one hands
// in-flight jobs back. One place for it, so the CLI, the example and programs built on the library agree.
import type { EventEmitter } from 'node:events';
import { type LogTarget, toLog } from './log.js';
import type { Worker } from './worker.js';

/**
 * A repeat within this long is the same press, not a second one: one Ctrl-C on a terminal reaches the process
 * twice — from the terminal (it signals the whole process group) and again passed on by a parent such as pnpm.
 */
export const SAME_PRESS_MS = 1000;

export interface SignalDrainOptions {
  /** Default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
  /** Says what a signal did (`SIGINT: draining …`): a `(level, message)` function or the SDK's `Logger`. */
  log?: LogTarget;
  /** Test seams: where signals are listened for (default `process`) and the clock. */
  emitter?: Pick<EventEmitter, 'on' | 'off'>;
  now?: () => number;
}

export interface SignalDrain {
  /**
   * Resolves once a repeat of the first signal can no longer arrive: at once when no signal came, else
   * SAME_PRESS_MS after it. Await it before `process.exit()`; a program that just ends waits for it by itself.
   */
  settled(): Promise<void>;
  /** Removes the listeners. */
  dispose(): void;
}

/** Drains `worker` on the first SIGINT/SIGTERM and hands its in-flight jobs back on a second press. */
export function drainOnSignals(worker: Worker, options: SignalDrainOptions = {}): SignalDrain {
  const { signals = ['SIGINT', 'SIGTERM'], emitter = process, now = Date.now } = options;
  const log = toLog(options.log);
  let firstAt: number | undefined;
  let settled: Promise<void> = Promise.resolve();
  const onSignal = (signal: NodeJS.Signals) => {
    const at = now();
    if (firstAt === undefined) {
      firstAt = at;
      log('info', `${signal}: draining (send it again to hand in-flight jobs back now)`);
      // Keep the process (and these listeners) alive through the repeat's window: a repeat that arrived while
      // Node is exiting, after it has dropped its signal handlers, would kill it by that signal, and a parent
      // such as pnpm would report the clean stop as a failure.
      settled = new Promise((resolve) => setTimeout(resolve, SAME_PRESS_MS));
      void worker.drain();
    } else if (at - firstAt >= SAME_PRESS_MS) {
      log('warn', `${signal}: handing in-flight jobs back`);
      void worker.stop();
    }
  };
  for (const signal of signals) emitter.on(signal, onSignal);
  return {
    settled: () => settled,
    dispose: () => {
      for (const signal of signals) emitter.off(signal, onSignal);
    },
  };
}
