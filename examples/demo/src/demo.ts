// The main job: a mock grid in this process, the example worker and the example chat as child
// processes, one Horde-style job and one image from the sdk — every step of every job printed as the grid sees it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GridEvent, type MockGrid, startMockGrid } from '@aipg/mock-grid';
import { Grid, type RoutingExplanation } from '@aipg/sdk';
import { saveImages } from '@aipg/sdk/node';
import { runBatch } from './batch.js';
import { describeExit, type Example, runExample } from './children.js';
import { Lifecycle } from './lifecycle.js';
import { runPricing } from './pricing.js';
import { Printer, step } from './printer.js';
import { showPushedEvents } from './pushed-events.js';
import { runScenarios } from './scenarios.js';

export const OPERATOR_KEY = 'grid_demo_operator_key';
export const SMALL = 'grid/demo-small';
export const LARGE = 'grid/demo-large';
export const IMAGE = 'grid/demo-image';
/** The demo image: small and few steps, at 10 steps a second, so it shows its progress without a long wait. */
const IMAGE_REQUEST = { size: '512x512', steps: 30, seed: 1234 } as const;

/** The worker's bridgeData.yaml (JSON is YAML): two demo text models and a demo image model, each its own worker. */
function workerConfig(gridUrl: string) {
  const endpoint = (name: string, gridModel: string, tokensPerSecond: number) => ({
    type: 'demo',
    name,
    tokens_per_second: tokensPerSecond,
    models: [{ name, grid_model: gridModel }],
  });
  return {
    grid_url: gridUrl,
    api_key: OPERATOR_KEY,
    endpoints: [
      endpoint('demo-small', SMALL, 40),
      endpoint('demo-large', LARGE, 25),
      // No model: a deterministic PNG of the requested size (docs/worker.md "Image backends").
      { type: 'demo-image', steps_per_second: 10, models: [{ name: 'demo-painter', grid_model: IMAGE }] },
    ],
  };
}

/** What is typed into the chat. */
function chatScript(saveTo: string): string[] {
  return [
    '/models',
    'What is the AI Power Grid?',
    `/model ${LARGE}`,
    '/temperature 0.3',
    'And who runs its workers?',
    `/save ${saveTo}`,
    '/exit',
  ];
}

export class DemoError extends Error {
  override name = 'DemoError';
}

export interface DemoOptions {
  write: (text: string) => void;
  color?: boolean;
  /** Where the image is saved (it outlives the demo). */
  imageDir: string;
  /** Told each part as it starts (for the "stuck at" message of a timeout). */
  onPart?: (part: string) => void;
  /** Called with a clean-up step as soon as there is something to clean up (children, the grid). */
  onCleanup: (cleanup: () => Promise<unknown>) => void;
}

export interface DemoResult {
  jobs: number;
  denCredited: number;
  balance: number;
}

/** One line of a routing explanation: how it was decided, and the winner's scores. */
function routingLine(r: RoutingExplanation): string {
  const w = r.winner;
  const scores = w
    ? ` — ${w.worker} scored ${w.weight} (speed ${w.speed}, reliability ${w.reliability}, reputation ${w.reputation})`
    : '';
  return `${r.decided}, ${r.considered ?? 0} free worker(s) considered: ${r.rule}${scores}`;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const out = new Printer(options.write, options.color);
  const part = (text: string) => {
    options.onPart?.(text);
    out.heading(text);
  };
  const dir = await mkdtemp(join(tmpdir(), 'aipg-demo-'));
  options.onCleanup(() => rm(dir, { recursive: true, force: true }));

  part('0. a grid and a worker');
  const grid = await startMockGrid({ port: 0 });
  options.onCleanup(() => grid.close());
  const lifecycle = new Lifecycle(grid.core, out, OPERATOR_KEY);
  grid.core.onEvent(lifecycle.handle);
  out.line('grid', `mock grid on ${grid.url} (/v1, /api/v2 and the worker WebSocket)`);

  const bridgeData = join(dir, 'bridgeData.yaml');
  await writeFile(bridgeData, JSON.stringify(workerConfig(grid.url), null, 2));
  const online = waitForEvents(grid, (e) => e.type === 'worker.online', 3);
  const worker = runExample('worker', {
    args: [bridgeData],
    // Its [debug] lines repeat what the grid's events already show.
    onLine: (line) => {
      if (!line.startsWith('[debug]')) out.line('worker', line);
    },
  });
  options.onCleanup(() => worker.stop());
  out.line(
    'worker',
    `started examples/worker (pid ${worker.child.pid}) with 2 demo text models and 1 image model`,
  );
  await orExit(online, worker, 'the worker');

  part('1. a conversation over /v1 (examples/chat, scripted)');
  const saved = join(dir, 'conversation.json');
  const script = chatScript(saved);
  const chat = runExample('chat', {
    args: ['--base-url', grid.url, '--model', SMALL, '--system', 'Answer in one sentence.'],
    input: script.map((line) => `${line}\n`).join(''),
    onLine: (line) => out.line('chat', line),
  });
  options.onCleanup(() => chat.stop());
  out.line('chat', `started examples/chat (pid ${chat.child.pid}), typing ${script.length} lines into it`);
  const chatExit = await chat.exited;
  if (chatExit !== 0) throw new DemoError(`the chat ${describeExit(chatExit)}`);
  const conversation = JSON.parse(await readFile(saved, 'utf8')) as { model: string; messages: unknown[] };
  // system + 2 × (question, answer): an answer that failed would be missing here.
  if (conversation.model !== LARGE || conversation.messages.length !== 5) {
    throw new DemoError(`the saved conversation is incomplete: ${JSON.stringify(conversation)}`);
  }
  out.line(
    'demo',
    `the saved conversation has the system prompt and both turns (${conversation.messages.length} messages), model ${conversation.model}`,
  );

  part(
    '2. a Horde-style async job over /api/v2 (sdk grid.text.generate: submit, wait on its pushed events, result)',
  );
  const sdk = new Grid({
    baseURL: grid.url,
    apiKey: '0000000000',
    clientAgent: 'aipg-example-demo:0.0.0:local',
  });
  let updates = 0;
  const result = await sdk.text.generate(
    { prompt: 'Write a haiku about spare GPUs.', params: { max_length: 48 }, models: [SMALL] },
    { pollIntervalMs: 250, onProgress: () => void updates++ },
  );
  const generation = result.generations?.[0];
  const text = generation?.text ?? '';
  const preview = text.length > 48 ? `${text.slice(0, 48)}…` : text;
  out.line(
    'horde',
    `${step('result')}from ${generation?.worker_name} after ${updates} progress updates: "${preview}"`,
  );
  // Why it went to that worker: the grid's routing explanation (docs/mock-grid.md "Routing").
  const routing = generation?.routing;
  if (!routing) throw new DemoError('the Horde generation carries no routing explanation');
  out.line('horde', `${step('routed')}${routingLine(routing)}`);

  part(
    '2b. a job followed by its pushed events (sdk grid.jobs.watch, GET /v1/jobs/{id}/events: AIPG extension)',
  );
  const pushed = await showPushedEvents(sdk, out, SMALL);
  if (pushed.at(-1)?.type !== 'done')
    throw new DemoError(`the pushed events did not end with done: ${pushed.at(-1)?.type}`);

  part('3. an image over /v1 (sdk grid.images.generate; saved with @aipg/sdk/node saveImages)');
  // Its progress is printed from the grid's events (an app would pass `onProgress` to poll /v1/progress).
  const picture = await sdk.images.generate({
    prompt: 'a lighthouse at dusk',
    model: IMAGE,
    n: 1,
    ...IMAGE_REQUEST,
  });
  const [path] = await saveImages(picture, options.imageDir, { prefix: 'demo-lighthouse' });
  const image = picture.images[0]!;
  out.line(
    'image',
    `${step('saved')}${path} (${image.mime}, ${image.width}×${image.height}, seed ${image.seed}, ${image.bytes.length} bytes)`,
  );

  const gaps = [...lifecycle.missing({ v1: 2, horde: 2, image: 1 }), ...lifecycle.problems];
  if (gaps.length > 0) throw new DemoError(`not every step happened:\n  ${gaps.join('\n  ')}`);
  await runBatch({ gridUrl: grid.url, model: SMALL, out, part, DemoError });
  await runScenarios({ grid, model: SMALL, out, part, DemoError });
  await runPricing({ grid, model: SMALL, out, part, DemoError });

  part('4. shutting down');
  const workerExit = await worker.stop();
  if (workerExit !== 0) throw new DemoError(`the worker ${describeExit(workerExit)}`);
  await grid.close();
  return {
    jobs: lifecycle.jobs.size,
    denCredited: Math.round(lifecycle.denCredited * 100) / 100,
    balance: grid.core.account(OPERATOR_KEY).balance,
  };
}

/** Resolves once `count` grid events match. */
function waitForEvents(grid: MockGrid, match: (e: GridEvent) => boolean, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = grid.core.onEvent((event) => {
      if (match(event) && ++seen === count) {
        off();
        resolve();
      }
    });
  });
}

/** `promise`, unless the example exits first. */
async function orExit<T>(promise: Promise<T>, example: Example, what: string): Promise<T> {
  const exited = example.exited.then((exit) => {
    throw new DemoError(`${what} ${describeExit(exit)} before it was ready`);
  });
  return Promise.race([promise, exited]);
}
