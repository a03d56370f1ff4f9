// The image entries of bridgeData.yaml's `endpoints:` list (`type: comfyui | automatic1111 | demo-image`),
// with the keys comfy-bridge and horde-worker-reGen users know: `max_pixels` and the Horde pop's `allow_*`
// capability flags, reGen's `max_batch` (the pop's `amount`), plus `workflow_dir` / `workflow_file` for ComfyUI (docs/worker.md, "Image backends").
import {
  type Issues,
  join,
  listOf,
  type PathOf,
  type Raw,
  readBool,
  readEnum,
  readInt,
  readRate,
  readString,
  readUrl,
} from './fields.js';
import {
  DEFAULTS,
  type ImageCapabilities,
  type ImageEndpointConfig,
  type ImageEndpointType,
  type ImageModelConfig,
  type ImageModelFamily,
  LIMITS,
} from './types.js';

export const IMAGE_ENDPOINT_TYPES: readonly ImageEndpointType[] = ['comfyui', 'automatic1111', 'demo-image'];
const FAMILIES: readonly ImageModelFamily[] = ['sd15', 'sdxl', 'flux'];

/** Capability key in the config → field, and whether this worker's image backends can do it yet. */
const CAPABILITIES: readonly { key: string; field: keyof ImageCapabilities; supported: boolean }[] = [
  { key: 'allow_img2img', field: 'img2img', supported: true },
  { key: 'allow_lora', field: 'lora', supported: true },
  { key: 'allow_painting', field: 'painting', supported: false },
  { key: 'allow_post_processing', field: 'postProcessing', supported: false },
  { key: 'allow_controlnet', field: 'controlnet', supported: false },
];

export function isImageEndpoint(raw: Raw): boolean {
  return (
    typeof raw.type === 'string' &&
    (IMAGE_ENDPOINT_TYPES as readonly string[]).includes(raw.type.trim().toLowerCase())
  );
}

/** A well-known default URL per backend: ComfyUI's port 8188, the A1111 web UI's 7860. */
const DEFAULT_URLS: Record<ImageEndpointType, string> = {
  comfyui: 'http://127.0.0.1:8188',
  automatic1111: 'http://127.0.0.1:7860',
  'demo-image': '',
};

export function parseImageEndpoint(
  raw: Raw,
  pathOf: PathOf,
  index: number,
  issues: Issues,
): ImageEndpointConfig {
  const type = readEnum(raw.type, pathOf('type'), issues, IMAGE_ENDPOINT_TYPES, 'demo-image');
  const name = readString(raw.name, pathOf('name'), issues, { fallback: `endpoint-${index}` });
  const url =
    type === 'demo-image'
      ? ''
      : readUrl(raw.url, pathOf('url'), issues, { fallback: DEFAULT_URLS[type] }) || DEFAULT_URLS[type];
  const maxPixels = readInt(
    raw.max_pixels,
    pathOf('max_pixels'),
    issues,
    LIMITS.maxPixels,
    DEFAULTS.maxPixels,
  );
  const capabilities: ImageCapabilities = { ...DEFAULTS.capabilities };
  for (const { key, field, supported } of CAPABILITIES) {
    const value = readBool(raw[key], pathOf(key), issues, DEFAULTS.capabilities[field]);
    if (value && !supported)
      issues.add(pathOf(key), `not supported by this worker's image backends yet; set it to false`);
    else capabilities[field] = value;
  }
  const workflowDir = readString(raw.workflow_dir, pathOf('workflow_dir'), issues);
  if (workflowDir && type !== 'comfyui')
    issues.add(pathOf('workflow_dir'), 'only a comfyui endpoint uses workflows');
  const stepsPerSecond = readRate(
    raw.steps_per_second,
    pathOf('steps_per_second'),
    issues,
    DEFAULTS.stepsPerSecond,
  );
  const amount = readInt(raw.max_batch, pathOf('max_batch'), issues, LIMITS.amount, DEFAULTS.amount);
  const models = listOf(raw.models, 'models', pathOf, issues).map(({ item, path }) =>
    parseImageModel(item, (key) => pathOf(join(path, key)), type, issues),
  );
  return { type, name, url, maxPixels, capabilities, workflowDir, stepsPerSecond, amount, models };
}

function parseImageModel(
  raw: Raw,
  pathOf: PathOf,
  type: ImageEndpointType,
  issues: Issues,
): ImageModelConfig {
  const name = readString(raw.name, pathOf('name'), issues, {
    required: 'the worker name on the grid',
    maxLength: 100,
  });
  const gridModelRaw = readString(raw.grid_model, pathOf('grid_model'), issues, {
    maxLength: LIMITS.gridModel.max,
  });
  const model = readString(raw.model, pathOf('model'), issues, {
    fallback: type === 'demo-image' ? 'demo-image' : '',
    ...(type === 'comfyui' && !gridModelRaw ? { required: 'the checkpoint file ComfyUI loads' } : {}),
  });
  const gridModel = gridModelRaw || model.replace(/\.(safetensors|ckpt|pt|gguf)$/i, '');
  if (!gridModel) issues.add(pathOf('grid_model'), 'required: the model name to advertise (or set `model`)');
  else if (gridModel.length < LIMITS.gridModel.min) {
    const { min, max } = LIMITS.gridModel;
    issues.add(
      pathOf(gridModelRaw ? 'grid_model' : 'model'),
      `the advertised model name must be ${min}–${max} characters, got "${gridModel}"`,
    );
  }
  const familyRaw = raw.family === undefined || raw.family === '' ? undefined : raw.family;
  const family =
    familyRaw === undefined
      ? guessFamily(model || gridModel)
      : readEnum(familyRaw, pathOf('family'), issues, FAMILIES, 'sd15');
  const workflowFile = readString(raw.workflow_file, pathOf('workflow_file'), issues);
  if (workflowFile && type !== 'comfyui')
    issues.add(pathOf('workflow_file'), 'only a comfyui endpoint uses workflows');
  const maxThreads = readInt(
    raw.max_threads,
    pathOf('max_threads'),
    issues,
    LIMITS.maxThreads,
    DEFAULTS.maxThreads,
  );
  return { name, model: model || gridModel, gridModel, family, workflowFile, maxThreads };
}

/** The family a model name suggests: "flux…" → flux, "…xl…" (or Pony / Illustrious) → sdxl, else sd15. */
export function guessFamily(model: string): ImageModelFamily {
  const name = model.toLowerCase();
  if (name.includes('flux')) return 'flux';
  if (/xl|pony|illustrious/.test(name)) return 'sdxl';
  return 'sd15';
}
