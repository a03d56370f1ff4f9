// Turning a workflow template into the graph for one image: placeholders filled from the job, LoRA loaders
// spliced in after the model loader, and reading a user's own workflow file.
import { readFile } from 'node:fs/promises';
import { isRecord } from '../../../config/fields.js';
import { BackendError } from '../../../errors.js';
import type { ImageJobLora } from '../../../image-job.js';
import { loraFileName } from '../samplers.js';
import {
  type ComfyNode,
  type ComfyWorkflow,
  PLACEHOLDERS,
  type Placeholder,
  type WorkflowPair,
} from './templates.js';

export type PlaceholderValues = Record<Placeholder, string | number>;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([a-z_]+)\s*\}\}$/;

/**
 * A copy of `workflow` with every placeholder filled: an input that is exactly "{{name}}" takes the value with
 * its type (numbers stay numbers), a longer string gets the value spliced in as text.
 */
export function fillWorkflow(workflow: ComfyWorkflow, values: PlaceholderValues): ComfyWorkflow {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const whole = WHOLE.exec(value);
      if (whole) return values[whole[1] as Placeholder];
      return value.replace(PLACEHOLDER, (_, name: string) => String(values[name as Placeholder]));
    }
    if (Array.isArray(value)) return value.map(fill);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(workflow) as ComfyWorkflow;
}

/** The placeholders a workflow uses. */
export function placeholdersOf(workflow: ComfyWorkflow): Set<string> {
  const found = new Set<string>();
  const text = JSON.stringify(workflow);
  for (const match of text.matchAll(PLACEHOLDER)) found.add(match[1]!);
  return found;
}

type Link = [string, number];

/** Where a graph's MODEL and CLIP come from: the checkpoint loader, or separate UNet and CLIP loaders. */
function modelSources(workflow: ComfyWorkflow): { model?: Link; clip?: Link } {
  const sources: { model?: Link; clip?: Link } = {};
  for (const [id, node] of Object.entries(workflow)) {
    if (/^(CheckpointLoaderSimple|CheckpointLoader|ImageOnlyCheckpointLoader)$/.test(node.class_type)) {
      sources.model ??= [id, 0];
      sources.clip ??= [id, 1];
    } else if (/^(UNETLoader|UnetLoaderGGUF)$/.test(node.class_type)) sources.model ??= [id, 0];
    else if (/^(CLIPLoader|DualCLIPLoader|TripleCLIPLoader)$/.test(node.class_type)) sources.clip ??= [id, 0];
  }
  return sources;
}

/**
 * Adds one LoraLoader per LoRA, chained after the model loader, and points every node that took the loader's
 * MODEL or CLIP at the last LoRA instead.
 */
export function addLoras(workflow: ComfyWorkflow, loras: readonly ImageJobLora[]): ComfyWorkflow {
  if (loras.length === 0) return workflow;
  const { model, clip } = modelSources(workflow);
  if (!model || !clip) {
    throw new BackendError(
      'the workflow has no checkpoint (or UNet + CLIP) loader to attach LoRAs to; add LoraLoader nodes yourself',
    );
  }
  const out: ComfyWorkflow = { ...workflow };
  let nextId =
    Math.max(
      0,
      ...Object.keys(out)
        .map((id) => Number(id))
        .filter(Number.isInteger),
    ) + 1;
  let modelLink: Link = model;
  let clipLink: Link = clip;
  const added = new Set<string>();
  for (const lora of loras) {
    const id = String(nextId++);
    out[id] = {
      class_type: 'LoraLoader',
      inputs: {
        model: modelLink,
        clip: clipLink,
        lora_name: loraFileName(lora.name),
        strength_model: lora.model,
        strength_clip: lora.clip,
      },
    };
    added.add(id);
    modelLink = [id, 0];
    clipLink = [id, 1];
  }
  const same = (value: unknown, link: Link) =>
    Array.isArray(value) && value.length === 2 && String(value[0]) === link[0] && value[1] === link[1];
  for (const [id, node] of Object.entries(out)) {
    if (added.has(id)) continue;
    const inputs = Object.fromEntries(
      Object.entries(node.inputs).map(([key, value]) => [
        key,
        same(value, model) ? modelLink : same(value, clip) ? clipLink : value,
      ]),
    );
    out[id] = { ...node, inputs } satisfies ComfyNode;
  }
  return out;
}

/**
 * Reads a user's workflow file: ComfyUI's "Export (API)" JSON with placeholders, used for every job (img2img
 * jobs need a `{{source_image}}` in it), or `{"txt2img": {…}, "img2img": {…}}` with one graph each.
 */
export async function loadWorkflowFile(file: string): Promise<Partial<WorkflowPair>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new BackendError(`cannot read the ComfyUI workflow ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const pair: Partial<WorkflowPair> = {};
  if (isRecord(raw) && (isRecord(raw.txt2img) || isRecord(raw.img2img)) && !('class_type' in raw)) {
    if (raw.txt2img !== undefined) pair.txt2img = checkGraph(raw.txt2img, `${file} (txt2img)`);
    if (raw.img2img !== undefined) pair.img2img = checkGraph(raw.img2img, `${file} (img2img)`);
  } else {
    const graph = checkGraph(raw, file);
    if (placeholdersOf(graph).has('source_image')) pair.img2img = graph;
    else pair.txt2img = graph;
  }
  return pair;
}

/** An API-format graph: every entry a node with class_type and inputs, every placeholder a known one. */
function checkGraph(raw: unknown, where: string): ComfyWorkflow {
  const fail = (why: string) => {
    throw new BackendError(`the ComfyUI workflow ${where} ${why}`);
  };
  if (!isRecord(raw)) fail('is not a JSON object of nodes (use "Export (API)" in ComfyUI)');
  const graph = raw as Record<string, unknown>;
  for (const [id, node] of Object.entries(graph)) {
    if (!isRecord(node) || typeof node.class_type !== 'string' || !isRecord(node.inputs)) {
      fail(`has node "${id}" without class_type and inputs (use "Export (API)", not the UI save format)`);
    }
  }
  const unknown = [...placeholdersOf(graph as ComfyWorkflow)].filter(
    (name) => !(PLACEHOLDERS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    fail(
      `uses unknown placeholders ${unknown.map((n) => `{{${n}}}`).join(', ')} (known: ${PLACEHOLDERS.join(', ')})`,
    );
  }
  return graph as ComfyWorkflow;
}
