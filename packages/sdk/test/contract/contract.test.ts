// The cross-language contract suite, TypeScript runner: every case of openapi/contract/*.json through the
// public `@aipg/sdk` API against a real mock grid and reference worker (openapi/contract/README.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../../src/index';
import { Grid } from '../../src/index';
import {
  assertionProblem,
  type ClientSpec,
  type LoadedCase,
  loadCases,
  resolve,
  Shapes,
  type Step,
} from './cases';
import { type Harness, startHarness } from './harness';

const cases = loadCases();
const shapes = new Shapes();
let harness: Harness;

// Two node start-ups and a worker registration on a saturated machine: a generous backstop, not a measure.
beforeAll(async () => {
  harness = await startHarness();
}, 180_000);
afterAll(async () => {
  await harness?.stop();
}, 60_000);

describe('contract suite (openapi/contract)', () => {
  it('has cases', () => {
    // Guards the loader: a folder it could not read would run nothing and pass.
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of cases) {
    it(c.title, () => runCase(c), 120_000);
  }
});

async function runCase(c: LoadedCase): Promise<void> {
  const saved: Record<string, unknown> = {};
  for (const [i, step] of c.steps.entries()) {
    const label = c.steps.length > 1 ? `step ${i + 1} (${step.call})` : step.call;
    const args = resolve(step.args ?? [], saved) as unknown[];
    const params = resolve(step.params, saved) as Record<string, unknown> | undefined;
    let result: unknown;
    let thrown: unknown;
    try {
      result = await invoke(client(step.client), step.call, args, params);
    } catch (error) {
      thrown = error;
    }
    if (step.error) {
      expect(thrown, `${label}: expected ${step.error.type}, got a result`).toBeDefined();
      const problems = errorProblems(thrown, step.error);
      expect(problems, `${label}: ${String(thrown)}`).toEqual([]);
      continue;
    }
    if (thrown) throw thrown;
    const expectation = step.expect ?? {};
    if (expectation.shape) expect(shapes.problems(result, expectation.shape), label).toEqual([]);
    if (expectation.chunk_shape) {
      const chunks = (result as StreamSummary).chunks;
      const problems = chunks.flatMap((chunk, n) =>
        shapes.problems(chunk, expectation.chunk_shape!).map((p) => `chunk ${n}: ${p}`),
      );
      expect(problems, label).toEqual([]);
    }
    const failed = (expectation.assert ?? []).flatMap((a) => assertionProblem(result, a) ?? []);
    expect(failed, `${label}: ${JSON.stringify(result)}`).toEqual([]);
    if (step.save) saved[step.save] = result;
  }
}

function client(spec: ClientSpec = {}): Grid {
  const apiKey = spec.api_key ?? harness.keys[spec.as ?? 'requester'];
  if (apiKey === undefined) throw new Error(`no account "${spec.as}" in openapi/contract/harness/keys.json`);
  return new Grid({
    baseURL: spec.base_url ?? harness.url,
    apiKey,
    logLevel: 'off',
    ...(spec.max_retries === undefined ? {} : { maxRetries: spec.max_retries }),
  });
}

/** What a streamed call's expectation sees (openapi/contract/README.md, "Streams"). */
interface StreamSummary {
  chunks: unknown[];
  text: string;
  finish_reason: string | null;
}

/**
 * The TypeScript adapter: `call` is a method path on the client; `args` are passed positionally, else
 * `params` as the one argument (the SDK's methods take one params object). A `stream: true` call resolves
 * to a stream, which is read to its end into a {@link StreamSummary}.
 */
async function invoke(
  grid: Grid,
  call: string,
  args: unknown[],
  params: Record<string, unknown> | undefined,
) {
  const path = call.split('.');
  let owner: unknown = grid;
  for (const key of path.slice(0, -1)) owner = (owner as Record<string, unknown>)[key];
  const method = (owner as Record<string, unknown> | undefined)?.[path.at(-1)!];
  if (typeof method !== 'function') throw new Error(`${call} is not a method of the TypeScript client`);
  const result: unknown = await method.apply(owner, args.length > 0 ? args : params ? [params] : []);
  return params?.stream === true ? readStream(result as AsyncIterable<ChunkLike>) : result;
}

interface ChunkLike {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
}

async function readStream(stream: AsyncIterable<ChunkLike>): Promise<StreamSummary> {
  const summary: StreamSummary = { chunks: [], text: '', finish_reason: null };
  for await (const chunk of stream) {
    summary.chunks.push(chunk);
    const choice = chunk.choices?.[0];
    summary.text += choice?.delta?.content ?? '';
    summary.finish_reason = choice?.finish_reason ?? summary.finish_reason;
  }
  return summary;
}

/** How a thrown error differs from the case's `error`. */
function errorProblems(thrown: unknown, want: Step['error'] & object): string[] {
  const Class = (sdk as Record<string, unknown>)[want.type];
  if (typeof Class !== 'function') return [`${want.type} is not an error class of @aipg/sdk`];
  const problems: string[] = [];
  if (!(thrown instanceof (Class as new () => Error))) {
    problems.push(`expected ${want.type}, got ${(thrown as Error)?.name ?? typeof thrown}`);
  }
  const error = thrown as { status?: number; rc?: string; message?: string };
  if (want.status !== undefined && error.status !== want.status) {
    problems.push(`status is ${error.status}, expected ${want.status}`);
  }
  if (want.rc !== undefined && error.rc !== want.rc) problems.push(`rc is ${error.rc}, expected ${want.rc}`);
  if (want.detail_contains !== undefined && !error.message?.includes(want.detail_contains)) {
    problems.push(`message ${JSON.stringify(error.message)} lacks ${JSON.stringify(want.detail_contains)}`);
  }
  return problems;
}
