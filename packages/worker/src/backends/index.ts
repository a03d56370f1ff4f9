import type { EndpointConfig, ModelConfig } from '../config/types.js';
import type { Backend } from '../job.js';
import { createDemoBackend } from './demo.js';
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
