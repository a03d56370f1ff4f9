import { estimateTokens } from '@aipg/mock-grid';
import { describe, expect, it } from 'vitest';
import { createDemoBackend, demoTokens } from '../../src/backends/demo.js';
import { makeJob, recorder } from '../helpers/jobs.js';

describe('demo backend', () => {
  it('is deterministic for a prompt and seed, and differs across seeds', async () => {
    const backend = createDemoBackend({ tokensPerSecond: 0 });
    const job = makeJob({
      prompt: 'Tell me a story',
      params: { max_length: 512, max_context_length: 1024, seed: 1 },
    });
    const a = await backend.handle(job, recorder().ctx);
    const b = await backend.handle(job, recorder().ctx);
    expect(a).toEqual(b);
    expect(a.text).toBe(demoTokens('Tell me a story', 1).join(''));
    expect(a.text).toMatch(/^Demo( \w+)+\.$/);
    expect(a.finish_reason).toBe('stop');
    expect(a.usage!.completion_tokens).toBe(demoTokens('Tell me a story', 1).length);
    const other = await backend.handle({ ...job, params: { ...job.params, seed: 2 } }, recorder().ctx);
    expect(other.text).not.toBe(a.text);
  });

  it('counts its tokens as the grid does (~4 characters each), so worker and grid report the same number', async () => {
    const backend = createDemoBackend({ tokensPerSecond: 0 });
    for (let seed = 0; seed < 100; seed++) {
      for (const max_length of [8, 20, 512]) {
        const job = makeJob({
          prompt: `prompt ${seed}`,
          params: { max_length, max_context_length: 1024, seed },
        });
        const result = await backend.handle(job, recorder().ctx);
        expect(result.usage!.completion_tokens, result.text).toBe(estimateTokens(result.text));
      }
    }
  });

  it('streams one delta per token and stops at max_length', async () => {
    const { ctx, deltas } = recorder();
    const result = await createDemoBackend({ tokensPerSecond: Infinity }).handle(
      makeJob({ params: { max_length: 5, max_context_length: 100 } }),
      ctx,
    );
    expect(deltas).toHaveLength(5);
    expect(deltas.map((d) => d.content).join('')).toBe(result.text);
    expect(result.finish_reason).toBe('length');
    expect(result.usage!.completion_tokens).toBe(5);
  });

  it('paces output at tokens/s through the injected sleep', async () => {
    const sleeps: number[] = [];
    const backend = createDemoBackend({ tokensPerSecond: 20, sleep: async (ms) => void sleeps.push(ms) });
    await backend.handle(makeJob({ params: { max_length: 4, max_context_length: 100 } }), recorder().ctx);
    expect(sleeps).toEqual([50, 50, 50, 50]);
  });

  it('honours abort', async () => {
    const controller = new AbortController();
    const deltas: unknown[] = [];
    const backend = createDemoBackend({
      tokensPerSecond: 10,
      sleep: async () => {
        if (deltas.length === 2) controller.abort();
      },
    });
    const error = await backend
      .handle(makeJob({ params: { max_length: 100, max_context_length: 100 } }), {
        signal: controller.signal,
        emit: (d) => void deltas.push(d),
      })
      .catch((e) => e);
    expect(error.name).toBe('AbortError');
    expect(deltas).toHaveLength(2);
  });
});
