// What the CLI shows: a live one-line status on a TTY, plain log lines otherwise.
import type { LogLineLevel } from './log.js';
import type { WorkerStats } from './runtime/stats.js';

/**
 * The one-line status. Tokens are the backend's count (its `usage`, else the deltas it streamed), summed as jobs
 * end; the grid counts tokens itself (docs/worker.md, "The CLI"), so the two can differ.
 */
export function statusLine(stats: WorkerStats, recentTokens: number): string {
  const { jobs } = stats;
  const failed = jobs.failed + jobs.lost + jobs.handed_back;
  return [
    stats.state,
    `jobs ${jobs.done} done, ${failed} failed${jobs.cancelled ? `, ${jobs.cancelled} cancelled` : ''}`,
    `${recentTokens} tokens in the last ${RECENT_MS / 1000} s`,
    // Image workers: the images delivered so far (shown once there are any).
    ...(stats.images
      ? [`${stats.images} images (${twoDecimals(stats.megapixelSteps ?? 0)} megapixel-steps)`]
      : []),
    `${twoDecimals(stats.den)} den`,
    `${stats.inFlight} in flight`,
    `${stats.connected} connected`,
  ].join(' | ');
}

function twoDecimals(den: number): string {
  return Number.isInteger(den) ? String(den) : den.toFixed(2);
}

/** The window of the status line's token figure. */
export const RECENT_MS = 10_000;

/** Tokens of the jobs that ended in the last `windowMs`, from samples of the running total. */
export class RecentCounter {
  private samples: { at: number; tokens: number }[] = [];
  constructor(private readonly windowMs = RECENT_MS) {}

  sample(at: number, tokens: number): number {
    this.samples.push({ at, tokens });
    // Keep the newest sample taken at or before the window's start: the total then is what to subtract.
    while (this.samples.length > 1 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
    return tokens - this.samples[0]!.tokens;
  }
}

/** Redraws the status from `source` every `intervalMs` until stopped; `stop()` draws the final state once more. */
export function showStatus(
  source: { stats(): WorkerStats },
  display: Display,
  options: { intervalMs?: number; now?: () => number } = {},
): { stop(): void } {
  const now = options.now ?? Date.now;
  const recent = new RecentCounter();
  const draw = () => {
    const stats = source.stats();
    display.update(stats, recent.sample(now(), stats.tokens));
  };
  const tick = setInterval(draw, options.intervalMs ?? 500);
  return {
    stop() {
      clearInterval(tick);
      draw(); // the last tick may be up to an interval old: `draining … 1 in flight` after the job ended
      display.end();
    },
  };
}

export interface Display {
  log(level: LogLineLevel, message: string): void;
  update(stats: WorkerStats, recentTokens: number): void;
  end(): void;
}

export function createDisplay(stream: NodeJS.WriteStream, verbose: boolean): Display {
  const tty = Boolean(stream.isTTY);
  let line = '';
  let lastState = '';
  const write = (level: LogLineLevel, message: string) => {
    const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    stream.write(`${stamp} ${level.padEnd(5)} ${message}\n`);
  };
  return {
    log(level, message) {
      if (level === 'debug' && !verbose) return;
      if (tty && line) stream.write('\r\x1b[2K');
      write(level, message);
      if (tty && line) stream.write(line);
    },
    update(stats, recentTokens) {
      if (tty) {
        line = statusLine(stats, recentTokens);
        stream.write(`\r\x1b[2K${line}`);
      } else if (stats.state !== lastState) {
        write('info', `state ${stats.state}`);
      }
      lastState = stats.state;
    },
    end() {
      if (tty && line) stream.write('\n');
      line = '';
    },
  };
}
