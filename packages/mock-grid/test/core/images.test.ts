import { describe, expect, it } from 'vitest';
import {
  GridCore,
  imageFamilyFactor,
  imagePrice,
  ManualClock,
  megapixelSteps,
} from '../../src/core/index.js';

// Image jobs in the core (docs/mock-grid-core.md "Image jobs"): megapixel-step prices by family, charged to the
// requester and credited to the worker for verified images only, and `n` split by the worker's `amount`.
const CLIENT = 'client_key_0001';
const WORKER = 'worker_key_0001';

function grid() {
  return new GridCore({ clock: new ManualClock(), rateLimits: false });
}

describe('image rewards', () => {
  it('are megapixel-steps × the family factor read from the model name', () => {
    expect(megapixelSteps(512, 512, 30)).toBeCloseTo(7.864, 3);
    expect([
      imageFamilyFactor('FLUX.2 [klein]'),
      imageFamilyFactor('stable_cascade'),
      imageFamilyFactor('SDXL 1.0'),
      imageFamilyFactor('stable_diffusion'),
    ]).toEqual([8, 4, 2, 1]);
    // docs/spec.md "Image rewards": one 1024×1024 image at 4 steps on FLUX.2 [klein] is 33.55 den.
    expect(imagePrice('FLUX.2 [klein]', 1024, 1024, 4)).toBe(33.55);
  });

  it('are charged and credited for verified images only', () => {
    const g = grid();
    const sub = g.submitImage({
      source: 'horde',
      apiKey: CLIENT,
      request: { prompt: 'x', models: ['sdxl-base'], params: { width: 1024, height: 1024, steps: 20, n: 3 } },
    });
    expect(sub.kudos).toBe(Math.round(imagePrice('sdxl-base', 1024, 1024, 20) * 3 * 100) / 100);
    const popped = g.popImage({
      apikey: WORKER,
      name: 'rig',
      models: ['sdxl-base'],
      max_pixels: 2 ** 21,
      amount: 2,
    });
    expect(popped.job!.ids).toHaveLength(2);
    const by = { apiKey: WORKER };
    const paid = g.submitImageResult({
      generationId: popped.job!.ids[0]!,
      by,
      verdict: { ok: true, contentType: 'image/png' },
    });
    const refused = g.submitImageResult({
      generationId: popped.job!.ids[1]!,
      by,
      verdict: { ok: false, reason: 'x' },
    });
    const price = imagePrice('sdxl-base', 1024, 1024, 20);
    expect([paid.reward, refused.reward]).toEqual([price, 0]);
    expect(g.account(CLIENT).spent).toBe(price);
    expect(g.account(WORKER).earned).toBe(price);
    const status = g.imageStatus(sub.id);
    expect(status.check).toMatchObject({ finished: 1, waiting: 2, restarted: 1 });
    // The failed image is not handed back to the worker that failed it; the third one is.
    const next = g.popImage({
      apikey: WORKER,
      name: 'rig',
      models: ['sdxl-base'],
      max_pixels: 2 ** 21,
      amount: 2,
    });
    expect(next.job!.ids).toHaveLength(1);
    expect(popped.job!.payload.seeds).not.toContain(next.job!.payload.seed);
  });

  it('gives each image its own seed: seed + i × seed_variation', () => {
    const g = grid();
    g.submitImage({
      source: 'horde',
      apiKey: CLIENT,
      request: { prompt: 'x', models: ['m'], params: { n: 3, seed: '10', seed_variation: 5 } },
    });
    const popped = g.popImage({ apikey: WORKER, name: 'rig', models: ['m'], amount: 3 });
    expect(popped.job!.payload.seeds).toEqual([10, 15, 20]);
  });
});

describe('image progress', () => {
  it('is a progress event for every image of the reported job, and the request view follows it', () => {
    const g = grid();
    const sub = g.submitImage({
      source: 'horde',
      apiKey: CLIENT,
      request: { prompt: 'x', models: ['sdxl-base'], params: { width: 512, height: 512, steps: 10, n: 2 } },
    });
    const events: { type: string; jobId?: string; pct?: number }[] = [];
    g.onEvent((e) => void events.push(e));
    const popped = g.popImage({
      apikey: WORKER,
      name: 'rig',
      models: ['sdxl-base'],
      max_pixels: 2 ** 20,
      amount: 2,
    });
    const [first] = popped.job!.ids;
    g.reportImageProgress({ generationId: first!, by: { apiKey: WORKER }, currentStep: 5, totalSteps: 10 });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.pct)).toEqual([50, 50]);
    expect(new Set(progress.map((e) => e.jobId))).toEqual(new Set(sub.jobIds));
    expect(g.imageProgress(sub.id)).toBe(50);
  });
});
