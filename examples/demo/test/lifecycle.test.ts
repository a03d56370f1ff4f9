import { Grid } from '@aipg/mock-grid';
import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../src/lifecycle.js';
import { Printer } from '../src/printer.js';

describe('Lifecycle', () => {
  it('prints each step with its door and names what a job never reached', () => {
    const core = new Grid();
    let printed = '';
    const lifecycle = new Lifecycle(core, new Printer((text) => (printed += text)), 'grid_operator');
    core.onEvent(lifecycle.handle);

    const { id } = core.submit({
      source: 'horde',
      apiKey: 'grid_user',
      request: { prompt: 'Hello', params: { max_length: 16 } },
    });
    expect(printed).toBe(`[horde]  queued        request ${id.slice(0, 8)} for any model\n`);
    expect(lifecycle.missing({ v1: 1, horde: 1 })).toEqual([
      '[v1] 0 job(s), expected 1',
      `[horde] job ${[...lifecycle.jobs.keys()][0]!.slice(0, 8)} never reached: assigned, tokens, done, den credited`,
    ]);
    core.cancel(id);
    expect(lifecycle.problems).toEqual([`request ${id.slice(0, 8)} was cancelled`]);
    core.dispose();
  });
});
