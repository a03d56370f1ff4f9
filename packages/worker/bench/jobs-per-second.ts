// How many jobs/s one worker process sustains with the demo backend at unlimited speed, through a mock grid.
//   pnpm --filter @aipg/worker bench:jobs [jobs=2000] [threads=1,4,8] [protocol=websocket]
// Clients send non-streaming /v1/chat/completions (max_tokens 16) with 2 requests in flight per worker slot.
import { startMockGrid } from '@aipg/mock-grid';
import type { Protocol } from '../src/config/types.js';
import { createWorker } from '../src/worker.js';

const [jobsArg = '2000', threadsArg = '1,4,8', protocolArg = 'websocket'] = process.argv.slice(2);
const JOBS = Number(jobsArg);
const protocol = protocolArg as Protocol;
const KEY = 'grid_bench_key_000001';

for (const threads of threadsArg.split(',').map(Number)) {
  const grid = await startMockGrid({ port: 0, rateLimits: false });
  const worker = createWorker({
    config: {
      protocol,
      url: grid.url,
      apiKey: KEY,
      nsfw: false,
      queueSize: 0,
      drainTimeoutMs: 10_000,
      circuitBreaker: { failures: 5, pauseMs: 30_000 },
      endpoints: [
        {
          type: 'demo',
          name: 'demo',
          url: '',
          apiKey: '',
          tokensPerSecond: 0,
          models: [
            {
              name: 'bench-worker',
              model: 'demo',
              gridModel: 'grid/demo',
              maxThreads: threads,
              maxLength: 64,
              maxContextLength: 2048,
            },
          ],
        },
      ],
    },
    idleBackoff: { initialMs: 5, maxMs: 20 },
  });
  const running = worker.run();
  while (worker.stats().connected < threads) await new Promise((resolve) => setTimeout(resolve, 10));
  // With the Horde protocol the model is online only after a pop; wait for it too.
  while (
    !((await (await fetch(`${grid.url}/v1/models`)).json()) as { data: { id: string }[] }).data.some(
      (m) => m.id === 'grid/demo',
    )
  ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  let sent = 0;
  let failed = 0;
  const one = async (): Promise<void> => {
    while (sent < JOBS) {
      sent += 1;
      const response = await fetch(`${grid.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'grid/demo',
          messages: [{ role: 'user', content: `job ${sent}` }],
          max_tokens: 16,
        }),
      });
      if (!response.ok) failed += 1;
      await response.arrayBuffer();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(threads * 2, 24) }, one));
  const seconds = (performance.now() - started) / 1000;
  const { jobs, tokens } = worker.stats();
  console.log(
    `${protocol} threads=${threads}: ${JOBS} jobs in ${seconds.toFixed(2)} s = ${(JOBS / seconds).toFixed(0)} jobs/s ` +
      `(${(tokens / seconds).toFixed(0)} tokens/s; worker done=${jobs.done} failed=${jobs.failed}; client errors=${failed})`,
  );
  await worker.stop();
  await running;
  await grid.close();
}
