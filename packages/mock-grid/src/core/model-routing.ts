/** Which model a /v1 request is served with (docs/mock-grid-core.md "Accounts, keys, limits"). */

import type { WorkerBook } from './books/workers.js';
import { GridError } from './errors.js';

/** `auto` and other `auto*` virtual models (`auto-fast`, `auto:code`, …) are routed by the grid. */
export function isAutoModel(model: string): boolean {
  return model === 'auto' || model.startsWith('auto-') || model.startsWith('auto:');
}

/** How `auto*` is resolved, in words (the answer's `grid.routing.model_rule`). */
export const AUTO_MODEL_RULE = 'the online model with the most online workers';

/** /v1: `auto*` picks the online model with the most online workers; an offline model is refused. */
export function resolveChatModel(workers: WorkerBook, model: string): string {
  // The common case stays cheap: a concrete model with an online worker.
  if (!isAutoModel(model) && workers.possible([model])) return model;
  const online = workers.onlineModels();
  if (online.length === 0) {
    throw new GridError('NoModelOnline', 'No compatible text workers are currently online.', {
      field: 'model',
    });
  }
  if (isAutoModel(model)) {
    let best = online[0]!;
    let bestCount = -1;
    for (const m of online) {
      const count = workers.onlineCount(m);
      if (count > bestCount) {
        best = m;
        bestCount = count;
      }
    }
    return best;
  }
  if (!online.includes(model)) {
    throw new GridError(
      'ModelNotOnline',
      `Model '${model}' is not available. Online models: [${online.join(', ')}]`,
      {
        field: 'model',
      },
    );
  }
  return model;
}
