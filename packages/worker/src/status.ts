// What the CLI shows: a live one-line status on a TTY, plain log lines otherwise.
import type { LogLevel } from './runtime/context.js';
import type { WorkerStats } from './runtime/stats.js';

export function statusLine(stats: WorkerStats, tokensPerSecond: number): string {
  const { jobs } = stats;
  const failed = jobs.failed + jobs.lost + jobs.handed_back;
  return [
    stats.state,
    `jobs ${jobs.done} done, ${failed} failed${jobs.cancelled ? `, ${jobs.cancelled} cancelled` : ''}`,
    `${tokensPerSecond.toFixed(1)} tok/s`,
    `${formatDen(stats.den)} den`,
    `${stats.inFlight} in flight`,
    `${stats.connected} connected`,
  ].join(' | ');
}

function formatDen(den: number): string {
  return Number.isInteger(den) ? String(den) : den.toFixed(2);
}

/** Tokens/s over a sliding window of samples. */
export class RateMeter {
  private samples: { at: number; tokens: number }[] = [];
  constructor(private readonly windowMs = 10_000) {}

  sample(at: number, tokens: number): number {
    this.samples.push({ at, tokens });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const span = (at - first.at) / 1000;
    return span > 0 ? (tokens - first.tokens) / span : 0;
  }
}

export interface Display {
  log(level: LogLevel, message: string): void;
  update(stats: WorkerStats, tokensPerSecond: number): void;
  end(): void;
}

export function createDisplay(stream: NodeJS.WriteStream, verbose: boolean): Display {
  const tty = Boolean(stream.isTTY);
  let line = '';
  let lastState = '';
  const write = (level: LogLevel, message: string) => {
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
    update(stats, rate) {
      if (tty) {
        line = statusLine(stats, rate);
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
