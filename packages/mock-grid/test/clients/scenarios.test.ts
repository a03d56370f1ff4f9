// Every scenario (docs/mock-grid.md "Scenarios and faults") through the two clients an app uses, @aipg/sdk and the
// official `openai` package, as an app's contract test would: what each returns, or the error type each raises.
// Retries are off, so each client shows what the one faulty answer looks like to it.
import {
  APIConnectionError,
  APIError,
  BadRequestError,
  Grid as Client,
  InternalServerError,
  RateLimitError,
  StreamInterruptedError,
} from '@aipg/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../src/scenarios/catalog.js';
import { type MockGrid, startMockGrid } from '../../src/server.js';

const MODEL = 'sim-model';
const messages = [{ role: 'user' as const, content: 'Tell me about the grid.' }];
let grid: MockGrid;
let sdk: Client;
let openai: OpenAI;

beforeAll(async () => {
  // Two fast workers: a job a scenario takes back has another worker to go to.
  const worker = { models: [MODEL], tokens_per_second: 2000, ttft_ms: 0, concurrency: 4 };
  grid = await startMockGrid({
    simulate: {
      workers: [
        { name: 'sim-a', ...worker },
        { name: 'sim-b', ...worker },
      ],
    },
  });
  sdk = new Client({ baseURL: grid.url, apiKey: 'grid_scenario_key', maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${grid.url}/v1`, apiKey: 'grid_scenario_key', maxRetries: 0 });
});
afterAll(() => grid.close());

const prefer = (scenario: string) => ({ headers: { prefer: `scenario=${scenario}` } });

/** The answer without a scenario, for the same seed: what a scenario that recovers must still give. */
async function plain(seed: number): Promise<string> {
  const reply = await sdk.chat.completions.create({ model: MODEL, messages, seed });
  return reply.choices[0]!.message.content ?? '';
}

async function sdkJson(scenario: string, seed = 1) {
  return sdk.chat.completions.create({ model: MODEL, messages, seed }, prefer(scenario));
}
async function sdkStream(scenario: string, seed = 1) {
  const stream = await sdk.chat.completions.create(
    { model: MODEL, messages, seed, stream: true },
    prefer(scenario),
  );
  return stream.finalChatCompletion();
}
async function openaiJson(scenario: string, seed = 1) {
  return openai.chat.completions.create({ model: MODEL, messages, seed }, prefer(scenario));
}
async function openaiStream(scenario: string, seed = 1) {
  const stream = await openai.chat.completions.create(
    { model: MODEL, messages, seed, stream: true },
    prefer(scenario),
  );
  let text = '';
  let finish: string | null = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { text, finish };
}

const tested = new Set<string>();
function scenario(name: string, body: () => Promise<void>) {
  tested.add(name);
  it(name, body);
}

describe('every scenario through @aipg/sdk and openai', () => {
  scenario('rate-limited', async () => {
    const error = await sdkJson('rate-limited; retry_after=9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(9000);
    await expect(sdkStream('rate-limited')).rejects.toBeInstanceOf(RateLimitError);
    const theirs = await openaiJson('rate-limited').catch((e: unknown) => e);
    expect(theirs).toBeInstanceOf(OpenAI.RateLimitError);
    expect((theirs as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('1');
  });

  scenario('server-error', async () => {
    await expect(sdkJson('server-error')).rejects.toBeInstanceOf(InternalServerError);
    await expect(sdkStream('server-error; status=502')).rejects.toMatchObject({ status: 502 });
    await expect(openaiJson('server-error; status=503')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  scenario('connection-reset', async () => {
    await expect(sdkJson('connection-reset')).rejects.toBeInstanceOf(APIConnectionError);
    await expect(openaiStream('connection-reset')).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });

  scenario('slow-body', async () => {
    const expected = await plain(3);
    const reply = await sdkJson('slow-body; bytes=32; every_ms=1', 3);
    expect(reply.choices[0]?.message.content).toBe(expected);
    expect((await openaiStream('slow-body; bytes=32; every_ms=1', 3)).text).toBe(expected);
  });

  scenario('stream-cut', async () => {
    const full = await plain(4);
    const error = await sdkStream('stream-cut; after=3', 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    const partial = (error as StreamInterruptedError).partialText;
    expect(partial.length).toBeGreaterThan(0);
    expect(full.startsWith(partial) && partial.length < full.length).toBe(true);
    // openai ends quietly at a body without [DONE]: the app sees a reply with no finish_reason.
    const theirs = await openaiStream('stream-cut; after=3', 4);
    expect(theirs).toEqual({ text: partial, finish: null });
    // Not for a reply that does not stream: the 400 says where it applies.
    await expect(sdkJson('stream-cut')).rejects.toBeInstanceOf(BadRequestError);
  });

  scenario('error-chunk', async () => {
    const error = await sdkStream('error-chunk; message="GPU melted"').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as Error).message).toContain('GPU melted');
    await expect(openaiStream('error-chunk')).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  scenario('queue-delay', async () => {
    const expected = await plain(5);
    const reply = await sdkJson('queue-delay; ms=200', 5);
    expect(reply.choices[0]?.message.content).toBe(expected);
    const held = grid.requests.at(-1)!;
    // A lower bound only: a busy machine makes it longer, never shorter. (A timer may end a millisecond or two
    // before the wall clock says it should: the clock reads whole ms.)
    expect(held.durationMs).toBeGreaterThanOrEqual(195);
    expect((await openaiJson('queue-delay; ms=1', 5)).choices[0]?.message.content).toBe(expected);
  });

  scenario('faulted', async () => {
    const error = await sdkJson('faulted').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(502);
    await expect(sdkStream('faulted')).rejects.toThrow("The job faulted (mock scenario 'faulted')");
    await expect(openaiJson('faulted')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(openaiStream('faulted')).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  scenario('slow-first-token', async () => {
    const expected = await plain(6);
    const reply = await sdkStream('slow-first-token; ms=250', 6);
    expect(reply.choices[0]?.message.content).toBe(expected);
    expect(reply.grid?.ttft).toBeGreaterThanOrEqual(0.245); // a lower bound, as above
    expect((await openaiStream('slow-first-token; ms=1', 6)).text).toBe(expected);
  });

  scenario('worker-disconnect', async () => {
    const expected = await plain(7);
    const requeued: string[] = [];
    const off = grid.core.onEvent((e) => {
      if (e.type === 'requeued') requeued.push(e.reason);
    });
    // The job goes back to the queue and another worker gives the same answer (same request and seed).
    expect((await sdkJson('worker-disconnect', 7)).choices[0]?.message.content).toBe(expected);
    expect((await openaiStream('worker-disconnect', 7)).text).toBe(expected);
    off();
    expect(requeued).toHaveLength(2);
    // After tokens reached a streaming client, the answer is not retried: the stream ends with an error.
    await expect(sdkStream('worker-disconnect; after=2', 7)).rejects.toBeInstanceOf(APIError);
  });

  scenario('empty-completion', async () => {
    const reply = await sdkJson('empty-completion');
    expect(reply.choices[0]?.message.content).toBe('');
    expect(reply.choices[0]?.finish_reason).toBe('stop');
    expect(await openaiStream('empty-completion')).toEqual({ text: '', finish: 'stop' });
  });

  it('covers every scenario of the catalog', () => {
    expect([...tested].sort()).toEqual([...SCENARIO_NAMES].sort());
  });
});
