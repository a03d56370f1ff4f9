// The live status line as the CLI draws it on a terminal, around a real drain on a real mock grid: once the worker
// has stopped, the last line on screen must say so.
import { type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorker, parseConfig, type Worker } from '../src/index.js';
import { createDisplay, showStatus } from '../src/status.js';

const KEY = 'grid_status_test_key';
let grid: MockGrid | undefined;
let worker: Worker | undefined;
afterEach(async () => {
  await worker?.stop();
  await grid?.close();
  grid = worker = undefined;
});

/** A terminal: what is on its last line is what follows the last "clear line". */
function terminal() {
  let written = '';
  const stream = { isTTY: true, write: (s: string) => (written += s) } as unknown as NodeJS.WriteStream;
  return { stream, lastLine: () => written.split('\r\x1b[2K').at(-1)!.replace(/\n$/, '') };
}

describe('the live status line', () => {
  it('ends on `stopped | … 0 in flight` after a drain, not on the last tick before it', async () => {
    grid = await startMockGrid({ port: 0 });
    const { config } = parseConfig({
      grid_url: grid.url,
      api_key: KEY,
      endpoints: [{ type: 'demo', tokens_per_second: 20, models: [{ name: 'status-worker' }] }],
    });
    let online!: () => void;
    const isOnline = new Promise<void>((resolve) => {
      online = resolve;
    });
    const w = createWorker({ config, log: (_l, m) => m.includes('registered') && online() });
    worker = w;
    const screen = terminal();
    const status = showStatus(w, createDisplay(screen.stream, false), { intervalMs: 10 });
    const running = w.run();
    await isOnline;
    const reply = fetch(`${grid.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'grid/demo',
        messages: [{ role: 'user', content: 'Hi' }],
        max_tokens: 12,
      }),
    });
    while (!screen.lastLine().startsWith('busy')) await new Promise((resolve) => setTimeout(resolve, 10));
    void w.drain();
    await running;
    status.stop();
    expect((await reply).status).toBe(200);
    expect(screen.lastLine()).toMatch(
      /^stopped \| jobs 1 done, 0 failed \| 12 tokens in the last 10 s \|.* 0 in flight \| 0 connected$/,
    );
  });
});
