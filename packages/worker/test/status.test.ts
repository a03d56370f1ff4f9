import { describe, expect, it } from 'vitest';
import { renderMetrics } from '../src/metrics.js';
import type { WorkerStats } from '../src/runtime/stats.js';
import { createDisplay, RecentCounter, statusLine } from '../src/status.js';

const stats: WorkerStats = {
  state: 'busy',
  connected: 2,
  inFlight: 1,
  jobs: { done: 12, failed: 1, cancelled: 2, handed_back: 0, lost: 1 },
  tokens: 900,
  den: 18.5,
};

describe('status line and metrics', () => {
  it('renders the one-line status, its token figure labelled for what it counts', () => {
    expect(statusLine(stats, 412)).toBe(
      'busy | jobs 12 done, 2 failed, 2 cancelled | 412 tokens in the last 10 s | 18.50 den | 1 in flight | 2 connected',
    );
  });

  it('counts the tokens of the last 10 s from samples of the running total', () => {
    const recent = new RecentCounter(10_000);
    expect(recent.sample(0, 0)).toBe(0);
    expect(recent.sample(2_000, 100)).toBe(100);
    expect(recent.sample(10_000, 250)).toBe(250); // everything since 0, which is exactly 10 s ago
    expect(recent.sample(12_000, 300)).toBe(200); // since the sample at 2 s
    expect(recent.sample(30_000, 300)).toBe(0); // nothing ended in the last 10 s
  });

  it('prints plain log lines and state changes when not a TTY', () => {
    let out = '';
    const stream = { isTTY: false, write: (s: string) => (out += s) } as unknown as NodeJS.WriteStream;
    const display = createDisplay(stream, false);
    display.log('info', 'hello');
    display.log('debug', 'hidden');
    display.update(stats, 1);
    display.update(stats, 2);
    expect(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/^\S+ /, '')),
    ).toEqual(['info  hello', 'info  state busy']);
  });

  it('renders Prometheus text', () => {
    const text = renderMetrics(stats);
    expect(text).toContain(
      '# TYPE aipg_worker_jobs_total counter\naipg_worker_jobs_total{result="done"} 12\n',
    );
    expect(text).toContain('aipg_worker_jobs_total{result="lost"} 1\n');
    expect(text).toContain('aipg_worker_tokens_total 900\n');
    expect(text).toContain('aipg_worker_den_total 18.5\n');
    expect(text).toContain('# TYPE aipg_worker_in_flight gauge\naipg_worker_in_flight 1\n');
    expect(text).toContain('aipg_worker_connected 2\n');
  });

  it('adds the images of image jobs to the status line and the metrics', () => {
    const images: WorkerStats = { ...stats, images: 6, megapixelSteps: 47.18592 };
    expect(statusLine(images, 0)).toBe(
      'busy | jobs 12 done, 2 failed, 2 cancelled | 0 tokens in the last 10 s | 6 images (47.19 megapixel-steps) | 18.50 den | 1 in flight | 2 connected',
    );
    const text = renderMetrics(images);
    expect(text).toContain('# TYPE aipg_worker_images_total counter\naipg_worker_images_total 6\n');
    expect(text).toContain('aipg_worker_megapixel_steps_total 47.18592\n');
    expect(renderMetrics(stats)).toContain('aipg_worker_images_total 0\n');
  });
});
