// Prometheus text exposition of a worker's stats on GET /metrics (node:http, no dependency).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerStats } from './runtime/stats.js';

export interface MetricsServer {
  /** e.g. http://127.0.0.1:9100 */
  url: string;
  close(): Promise<void>;
}

export function renderMetrics(stats: WorkerStats): string {
  const lines = [
    '# HELP aipg_worker_jobs_total Jobs that ended, by result.',
    '# TYPE aipg_worker_jobs_total counter',
    ...Object.entries(stats.jobs).map(([result, n]) => `aipg_worker_jobs_total{result="${result}"} ${n}`),
    '# HELP aipg_worker_tokens_total Completion tokens of ended jobs, as the backend counts them (the grid counts its own).',
    '# TYPE aipg_worker_tokens_total counter',
    `aipg_worker_tokens_total ${stats.tokens}`,
    '# HELP aipg_worker_images_total Images delivered by image jobs that ended done.',
    '# TYPE aipg_worker_images_total counter',
    `aipg_worker_images_total ${stats.images ?? 0}`,
    '# HELP aipg_worker_megapixel_steps_total Megapixel-steps of those images (width × height / 1e6 × steps).',
    '# TYPE aipg_worker_megapixel_steps_total counter',
    `aipg_worker_megapixel_steps_total ${stats.megapixelSteps ?? 0}`,
    '# HELP aipg_worker_den_total den (rewards) credited by the grid.',
    '# TYPE aipg_worker_den_total counter',
    `aipg_worker_den_total ${stats.den}`,
    '# HELP aipg_worker_in_flight Jobs being served now.',
    '# TYPE aipg_worker_in_flight gauge',
    `aipg_worker_in_flight ${stats.inFlight}`,
    '# HELP aipg_worker_connected Slots registered with (or polling) the grid.',
    '# TYPE aipg_worker_connected gauge',
    `aipg_worker_connected ${stats.connected}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function startMetricsServer(
  source: { stats(): WorkerStats },
  options: { port: number; host?: string },
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(renderMetrics(source.stats()));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found; try /metrics\n');
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
