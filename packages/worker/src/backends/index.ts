import { resolve } from 'node:path';
import type { EndpointConfig, ImageEndpointConfig, ImageModelConfig, ModelConfig } from '../config/types.js';
import type { ImageBackend } from '../image-job.js';
import type { Backend } from '../job.js';
import { createDemoBackend } from './demo.js';
import { createAutomatic1111Backend } from './images/automatic1111.js';
import { createComfyUIBackend } from './images/comfyui/backend.js';
import { createDemoImageBackend } from './images/demo.js';
import { createKoboldBackend } from './kobold.js';
import { createOpenAICompatibleBackend } from './openai-compatible.js';

/** The backend a config endpoint + model entry describes. */
export function createBackend(endpoint: EndpointConfig, model: ModelConfig): Backend {
  switch (endpoint.type) {
    case 'openai':
      return createOpenAICompatibleBackend({
        url: endpoint.url,
        model: model.model,
        apiKey: endpoint.apiKey || undefined,
      });
    case 'koboldai':
      return createKoboldBackend({ url: endpoint.url });
    case 'demo':
      return createDemoBackend({ tokensPerSecond: endpoint.tokensPerSecond });
  }
}

/** The image backend a config image endpoint + model entry describes. */
export function createImageBackend(endpoint: ImageEndpointConfig, model: ImageModelConfig): ImageBackend {
  switch (endpoint.type) {
    case 'comfyui':
      return createComfyUIBackend({
        url: endpoint.url,
        model: model.model,
        family: model.family,
        // A relative workflow file is looked up in workflow_dir (else the working directory), as comfy-bridge does.
        workflowFile: model.workflowFile
          ? resolve(endpoint.workflowDir || '.', model.workflowFile)
          : undefined,
      });
    case 'automatic1111':
      return createAutomatic1111Backend({ url: endpoint.url, model: model.model });
    case 'demo-image':
      return createDemoImageBackend({ stepsPerSecond: endpoint.stepsPerSecond });
  }
}
