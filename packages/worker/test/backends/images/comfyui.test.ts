import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  BackendError,
  BUILT_IN_WORKFLOWS,
  createComfyUIBackend,
  createDemoImageBackend,
  type ImageJobProgress,
} from '../../../src/index.js';
import {
  type FakeComfyOptions,
  type FakeComfyUI,
  type Graph,
  startFakeComfyUI,
} from '../../helpers/fake-comfyui.js';
import { decodePng, makeImageJob, until } from '../../helpers/images.js';

let fake: FakeComfyUI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(
  options: FakeComfyOptions = {},
  extra: { workflowFile?: string; family?: 'sd15' | 'sdxl' | 'flux' } = {},
) {
  fake = await startFakeComfyUI(options);
  return createComfyUIBackend({
    url: `${fake.url}/`,
    model: 'v1-5-pruned-emaonly.safetensors',
    pollMs: 50,
    ...extra,
  });
}
const ctx = (progress: ImageJobProgress[] = [], signal = new AbortController().signal) => ({
  signal,
  onProgress: (p: ImageJobProgress) => void progress.push(p),
});
const byClass = (graph: Graph, type: string) =>
  Object.entries(graph).filter(([, n]) => n.class_type === type);

describe('comfyui backend', () => {
  it('txt2img: queues the filled workflow with our client id, reports WebSocket progress, fetches the output', async () => {
    const backend = await setup();
    const progress: ImageJobProgress[] = [];
    const job = makeImageJob({
      width: 80,
      height: 64,
      steps: 5,
      seeds: [11, 12],
      sampler_name: 'k_dpmpp_2m',
    });
    const images = await backend.generate(job, ctx(progress));

    expect(fake!.prompts).toHaveLength(2); // one prompt per seed
    const [first, second] = fake!.prompts;
    expect(first!.client_id).toEqual(expect.any(String));
    const graph = first!.prompt;
    expect(graph['1']!.inputs.ckpt_name).toBe('v1-5-pruned-emaonly.safetensors');
    expect(graph['3']!.inputs.text).toBe('a lighthouse at dusk');
    expect(graph['4']!.inputs.text).toBe('blurry');
    expect(graph['5']!.inputs).toMatchObject({ width: 80, height: 64, batch_size: 1 });
    expect(graph['6']!.inputs).toMatchObject({
      seed: 11,
      steps: 5,
      cfg: 7,
      sampler_name: 'dpmpp_2m',
      scheduler: 'karras',
      denoise: 1,
    });
    expect(graph['2']!.inputs.stop_at_clip_layer).toBe(-1);
    expect(JSON.stringify(graph)).not.toContain('{{');
    expect(second!.prompt['6']!.inputs.seed).toBe(12);

    expect(images.map((i) => [i.seed, i.mime, i.width, i.height])).toEqual([
      [11, 'image/png', 80, 64],
      [12, 'image/png', 80, 64],
    ]);
    expect(decodePng(images[0]!.bytes).width).toBe(80);
    expect(Buffer.from(images[0]!.bytes).equals(Buffer.from(images[1]!.bytes))).toBe(false);
    // Progress only grows, and it ends at steps × images.
    expect(progress[0]).toEqual({ step: 1, steps: 10 });
    expect(progress.at(-1)).toEqual({ step: 10, steps: 10 });
    expect(progress.every((p, i) => i === 0 || p.step > progress[i - 1]!.step)).toBe(true);
  });

  it('img2img: uploads the source with POST /upload/image and loads it in the img2img graph', async () => {
    const backend = await setup();
    const [source] = await createDemoImageBackend({ stepsPerSecond: 0 }).generate(makeImageJob(), ctx());
    const job = makeImageJob({
      id: 'job-42',
      source_image: { bytes: source!.bytes, mime: 'image/png' },
      denoising_strength: 0.6,
      width: 64,
      height: 64,
    });
    const [image] = await backend.generate(job, ctx());
    expect(fake!.uploads).toHaveLength(1);
    expect(fake!.uploads[0]!.type).toBe('input');
    expect(fake!.uploads[0]!.filename).toBe('grid_job-42.png');
    expect(fake!.uploads[0]!.bytes.equals(Buffer.from(source!.bytes))).toBe(true);
    const graph = fake!.prompts[0]!.prompt;
    expect(byClass(graph, 'EmptyLatentImage')).toHaveLength(0);
    expect(byClass(graph, 'LoadImage')[0]![1].inputs.image).toBe('grid_job-42.png');
    expect(byClass(graph, 'VAEEncode')).toHaveLength(1);
    expect(graph['6']!.inputs.denoise).toBe(0.6);
    expect(image).toMatchObject({ width: 64, height: 64, seed: 1234 });
  });

  it('LoRA: chains LoraLoader nodes after the checkpoint and rewires its MODEL and CLIP consumers', async () => {
    const backend = await setup();
    const loras = [
      { name: 'add_detail', model: 0.8, clip: 1 },
      { name: 'style.safetensors', model: 1, clip: 0.5 },
    ];
    await backend.generate(makeImageJob({ loras }), ctx());
    const graph = fake!.prompts[0]!.prompt;
    const loaders = byClass(graph, 'LoraLoader');
    expect(loaders.map(([, n]) => n.inputs)).toEqual([
      {
        model: ['1', 0],
        clip: ['1', 1],
        lora_name: 'add_detail.safetensors',
        strength_model: 0.8,
        strength_clip: 1,
      },
      {
        model: [loaders[0]![0], 0],
        clip: [loaders[0]![0], 1],
        lora_name: 'style.safetensors',
        strength_model: 1,
        strength_clip: 0.5,
      },
    ]);
    const last = loaders[1]![0];
    expect(graph['6']!.inputs.model).toEqual([last, 0]);
    expect(graph['2']!.inputs.clip).toEqual([last, 1]);
  });

  it('flux: uses the flux graph (FluxGuidance from cfg_scale, an SD3 latent, cfg 1)', async () => {
    const backend = await setup({}, { family: 'flux' });
    await backend.generate(makeImageJob({ cfg_scale: 3.5 }), ctx());
    const graph = fake!.prompts[0]!.prompt;
    expect(byClass(graph, 'FluxGuidance')[0]![1].inputs.guidance).toBe(3.5);
    expect(byClass(graph, 'EmptySD3LatentImage')).toHaveLength(1);
    expect(graph['6']!.inputs.cfg).toBe(1);
  });

  it('finds the result in /history when the WebSocket sends no completion message', async () => {
    const backend = await setup({ silentCompletion: true });
    const [image] = await backend.generate(makeImageJob(), ctx());
    expect(image!.width).toBe(64);
  });

  it('abort reaches ComfyUI: POST /interrupt and the prompt deleted from the queue', async () => {
    const backend = await setup({ holdAtStep: 2 });
    const controller = new AbortController();
    const progress: ImageJobProgress[] = [];
    const running = backend.generate(makeImageJob({ steps: 10 }), ctx(progress, controller.signal));
    await until(() => progress.length > 0, 'progress before the abort');
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    const promptId = fake!.prompts[0]!.prompt_id;
    await until(
      () => fake!.interrupts.length > 0 && fake!.queueDeletes.length > 0,
      'interrupt + queue delete',
    );
    expect(fake!.interrupts[0]).toEqual({ prompt_id: promptId });
    expect(fake!.queueDeletes[0]).toEqual({ delete: [promptId] });
  });

  it("a refused workflow (HTTP 400) is a BackendError carrying ComfyUI's node error", async () => {
    const backend = await setup({ rejectPrompt: true });
    const error = await backend.generate(makeImageJob(), ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ status: 400, clientError: true });
    expect((error as Error).message).toContain('Value not in list');
    expect((error as Error).message).toContain('missing.safetensors');
  });

  it('an execution_error fails the job with its exception message', async () => {
    const backend = await setup({ failExecution: true });
    await expect(backend.generate(makeImageJob(), ctx())).rejects.toThrow(/KSampler 6: CUDA out of memory/);
  });

  it('an output that is no picture is a clear BackendError', async () => {
    const backend = await setup({ corruptOutput: true });
    const error = await backend.generate(makeImageJob(), ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as Error).message).toMatch(/is not a PNG, JPEG or WebP picture/);
  });

  it('an unreachable ComfyUI is a BackendError', async () => {
    fake = await startFakeComfyUI();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const backend = createComfyUIBackend({ url, model: 'x.safetensors', sleep: async () => {} });
    await expect(backend.generate(makeImageJob(), ctx())).rejects.toBeInstanceOf(BackendError);
  });

  it("runs a user's own workflow file with placeholders and refuses unknown placeholders", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aipg-comfy-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const custom = structuredClone(BUILT_IN_WORKFLOWS.sd15.txt2img);
    custom['3']!.inputs.text = '{{prompt}}, masterpiece';
    custom['8']!.inputs.filename_prefix = 'mine';
    await writeFile(join(dir, 'mine.json'), JSON.stringify(custom));
    const backend = await setup({}, { workflowFile: join(dir, 'mine.json') });
    await backend.generate(makeImageJob(), ctx());
    expect(fake!.prompts[0]!.prompt['3']!.inputs.text).toBe('a lighthouse at dusk, masterpiece');
    // No img2img graph in that file: an img2img job fails clearly.
    const source = { bytes: new Uint8Array(8), mime: 'image/png' as const };
    await expect(backend.generate(makeImageJob({ source_image: source }), ctx())).rejects.toThrow(
      /has no img2img graph/,
    );

    custom['3']!.inputs.text = '{{promt}}';
    await writeFile(join(dir, 'typo.json'), JSON.stringify(custom));
    const typo = createComfyUIBackend({ url: fake!.url, model: 'x', workflowFile: join(dir, 'typo.json') });
    await expect(typo.generate(makeImageJob(), ctx())).rejects.toThrow(/unknown placeholders \{\{promt\}\}/);
  });
});
