import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configFromEnv,
  createImageBackend,
  type ImageEndpointConfig,
  parseConfigText,
} from '../../src/index.js';

const IMAGE_BRIDGE_DATA = `
api_key: "grid_abcdefghijklmnop"
endpoints:
  - type: demo
    models:
      - name: text-worker
  - type: comfyui
    name: gpu-box
    url: http://127.0.0.1:8188/
    max_pixels: 2097152
    allow_img2img: false
    workflow_dir: ./workflows
    models:
      - name: comfy-sdxl
        model: sd_xl_base_1.0.safetensors
        grid_model: SDXL 1.0
        max_threads: 2
      - name: comfy-flux
        model: flux1-dev-fp8.safetensors
        workflow_file: my_flux.json
  - type: automatic1111
    models:
      - name: forge-worker
        grid_model: stable_diffusion
  - type: demo-image
    steps_per_second: .inf
    models:
      - name: demo-painter
`;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('image endpoints in bridgeData.yaml', () => {
  it('go to imageEndpoints with their limits, capabilities, families and workflows', () => {
    const { config, warnings } = parseConfigText(IMAGE_BRIDGE_DATA);
    // Image endpoints are served now: no "not yet served" warning any more.
    expect(warnings).toEqual([]);
    expect(config.endpoints.map((e) => e.type)).toEqual(['demo']);
    const [comfy, a1111, demo] = config.imageEndpoints!;
    expect(comfy).toEqual({
      type: 'comfyui',
      name: 'gpu-box',
      url: 'http://127.0.0.1:8188',
      maxPixels: 2097152,
      capabilities: { img2img: false, painting: false, postProcessing: false, lora: true, controlnet: false },
      workflowDir: './workflows',
      stepsPerSecond: 20,
      amount: 4,
      models: [
        {
          name: 'comfy-sdxl',
          model: 'sd_xl_base_1.0.safetensors',
          gridModel: 'SDXL 1.0',
          family: 'sdxl',
          workflowFile: '',
          maxThreads: 2,
        },
        {
          name: 'comfy-flux',
          model: 'flux1-dev-fp8.safetensors',
          gridModel: 'flux1-dev-fp8',
          family: 'flux',
          workflowFile: 'my_flux.json',
          maxThreads: 1,
        },
      ],
    });
    // Defaults: the web UI's usual port, 1024 × 1024, img2img + LoRA; the model is the grid model.
    expect(a1111).toMatchObject({
      type: 'automatic1111',
      url: 'http://127.0.0.1:7860',
      maxPixels: 1048576,
      capabilities: { img2img: true, lora: true, painting: false },
      models: [
        { name: 'forge-worker', model: 'stable_diffusion', gridModel: 'stable_diffusion', family: 'sd15' },
      ],
    });
    expect(demo).toMatchObject({ type: 'demo-image', url: '', stepsPerSecond: Infinity });
    expect(demo!.models[0]).toMatchObject({ model: 'demo-image', gridModel: 'demo-image' });
  });

  it('a text-only config has no imageEndpoints', () => {
    const { config } = parseConfigText(
      'api_key: k\nendpoints:\n  - type: demo\n    models:\n      - name: w\n',
    );
    expect(config.imageEndpoints).toBeUndefined();
  });

  it('names every bad field with its limit', () => {
    const issues = issuesOf(() =>
      parseConfigText(`
api_key: k
endpoints:
  - type: comfyui
    url: ftp://nope
    max_pixels: 100
    allow_controlnet: true
    allow_lora: sometimes
    models:
      - name: a
        family: sd3
        max_threads: 0
      - name: a
        model: abc.safetensors
  - type: automatic1111
    max_pixels: 99999999
    workflow_dir: ./workflows
    models: []
  - type: comfyiu
    models:
      - name: b
`),
    );
    expect(issues).toEqual([
      'endpoints[0].url: must be an http/https URL, got "ftp://nope"',
      'endpoints[0].max_pixels: must be an integer from 4096 to 9437184, got 100',
      'endpoints[0].allow_lora: must be true or false, got "sometimes"',
      "endpoints[0].allow_controlnet: not supported by this worker's image backends yet; set it to false",
      'endpoints[0].models[0].model: required: the checkpoint file ComfyUI loads',
      'endpoints[0].models[0].grid_model: required: the model name to advertise (or set `model`)',
      'endpoints[0].models[0].family: must be one of sd15, sdxl, flux, got "sd3"',
      'endpoints[0].models[0].max_threads: must be an integer from 1 to 50, got 0',
      'endpoints[1].max_pixels: must be an integer from 4096 to 9437184, got 99999999',
      'endpoints[1].workflow_dir: only a comfyui endpoint uses workflows',
      'endpoints[1].models: must be a non-empty list, got an empty list',
      'endpoints[2].type: must be one of openai, koboldai, demo, comfyui, automatic1111, demo-image, got "comfyiu"',
      "endpoints[2].url: required: the koboldai backend's base URL",
      'endpoints[0].models[1].name: duplicate worker name "a" (also endpoints[0].models[0].name)',
    ]);
  });
});

describe('image endpoints from comfy-bridge env vars', () => {
  it('COMFYUI_URL, GRID_MODEL (comma list), GRID_MAX_PIXELS, GRID_THREADS, WORKFLOW_DIR / WORKFLOW_FILE', () => {
    const { config } = configFromEnv({
      GRID_API_KEY: 'grid_abcdefghijklmnop',
      GRID_WORKER_NAME: 'MyComfyWorker',
      COMFYUI_URL: 'http://gpu:8188',
      GRID_MODEL: 'stable_diffusion, Flux.1-Krea-dev',
      GRID_MAX_PIXELS: '1048576',
      GRID_THREADS: '2',
      WORKFLOW_DIR: '/srv/workflows',
      WORKFLOW_FILE: 'my_workflow.json',
      GRID_ALLOW_IMG2IMG: 'false',
    });
    expect(config.endpoints).toEqual([]);
    const endpoint = config.imageEndpoints![0]!;
    expect(endpoint).toMatchObject({
      type: 'comfyui',
      url: 'http://gpu:8188',
      maxPixels: 1048576,
      workflowDir: '/srv/workflows',
      capabilities: { img2img: false, lora: true },
    });
    expect(endpoint.models).toEqual([
      {
        name: 'MyComfyWorker-stable-diffusion',
        model: 'stable_diffusion',
        gridModel: 'stable_diffusion',
        family: 'sd15',
        workflowFile: 'my_workflow.json',
        maxThreads: 2,
      },
      {
        name: 'MyComfyWorker-Flux-1-Krea-dev',
        model: 'Flux.1-Krea-dev',
        gridModel: 'Flux.1-Krea-dev',
        family: 'flux',
        workflowFile: 'my_workflow.json',
        maxThreads: 2,
      },
    ]);
  });

  it('BACKEND_TYPE=automatic1111 / demo-image, and errors name the env var', () => {
    const a1111 = configFromEnv({
      GRID_API_KEY: 'k',
      BACKEND_TYPE: 'automatic1111',
      A1111_URL: 'http://127.0.0.1:7861',
      GRID_MODEL: 'SDXL 1.0',
      MODEL_NAME: 'sd_xl_base_1.0.safetensors',
    }).config.imageEndpoints![0]!;
    expect(a1111).toMatchObject({ type: 'automatic1111', url: 'http://127.0.0.1:7861' });
    expect(a1111.models[0]).toMatchObject({
      name: 'Image-Worker-local',
      model: 'sd_xl_base_1.0.safetensors',
      family: 'sdxl',
    });
    const demo = configFromEnv({
      GRID_API_KEY: 'k',
      BACKEND_TYPE: 'demo-image',
      GRID_DEMO_STEPS_PER_SECOND: '0',
    });
    expect(demo.config.imageEndpoints![0]).toMatchObject({ type: 'demo-image', stepsPerSecond: 0 });

    expect(
      issuesOf(() =>
        configFromEnv({
          GRID_API_KEY: 'k',
          COMFYUI_URL: 'not a url',
          GRID_MAX_PIXELS: 'lots',
          GRID_MAX_THREADS: '99',
          GRID_ALLOW_PAINTING: 'true',
        }),
      ),
    ).toEqual([
      'COMFYUI_URL: must be an http/https URL, got "not a url"',
      'GRID_MAX_PIXELS: must be an integer from 4096 to 9437184, got "lots"',
      "GRID_ALLOW_PAINTING: not supported by this worker's image backends yet; set it to false",
      'MODEL_NAME: required: the checkpoint file ComfyUI loads',
      'GRID_MODEL: required: the model name to advertise (or set `model`)',
      'GRID_MAX_THREADS: must be an integer from 1 to 50, got "99"',
    ]);
  });
});

describe('createImageBackend', () => {
  it('builds the backend each endpoint type names', async () => {
    const { config } = parseConfigText(IMAGE_BRIDGE_DATA);
    const labels = config.imageEndpoints!.map(
      (e: ImageEndpointConfig) => createImageBackend(e, e.models[0]!).label,
    );
    expect(labels).toEqual([
      'comfyui http://127.0.0.1:8188',
      'automatic1111 http://127.0.0.1:7860',
      'demo-image (unlimited)',
    ]);
    const demo = config.imageEndpoints![2]!;
    const images = await createImageBackend(demo, demo.models[0]!).generate(
      {
        id: 'j',
        model: 'demo-image',
        prompt: 'p',
        negative_prompt: '',
        width: 64,
        height: 64,
        steps: 2,
        cfg_scale: 7,
        sampler_name: 'k_euler',
        karras: false,
        clip_skip: 1,
        seeds: [1],
        loras: [],
      },
      { signal: new AbortController().signal },
    );
    expect(images[0]).toMatchObject({ mime: 'image/png', width: 64, height: 64, seed: 1 });
  });
});

describe('images per job (max_batch / GRID_BATCH_SIZE)', () => {
  it('is the pop and register `amount`: 1–20, default 4', () => {
    const yaml = (value: string) =>
      `api_key: k\nendpoints:\n  - type: demo-image\n${value}    models:\n      - name: p\n`;
    expect(parseConfigText(yaml('')).config.imageEndpoints![0]!.amount).toBe(4);
    expect(parseConfigText(yaml('    max_batch: 8\n')).config.imageEndpoints![0]!.amount).toBe(8);
    expect(issuesOf(() => parseConfigText(yaml('    max_batch: 21\n')))).toEqual([
      'endpoints[0].max_batch: must be an integer from 1 to 20, got 21',
    ]);
    const env = configFromEnv({
      GRID_API_KEY: 'grid_abcdefghijklmnop',
      BACKEND_TYPE: 'demo-image',
      GRID_BATCH_SIZE: '2',
    });
    expect(env.config.imageEndpoints![0]!.amount).toBe(2);
    expect(
      issuesOf(() =>
        configFromEnv({
          GRID_API_KEY: 'grid_abcdefghijklmnop',
          BACKEND_TYPE: 'demo-image',
          GRID_BATCH_SIZE: '0',
        }),
      ),
    ).toEqual(['GRID_BATCH_SIZE: must be an integer from 1 to 20, got "0"']);
  });
});
