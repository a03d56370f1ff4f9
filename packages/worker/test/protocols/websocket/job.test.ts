import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../../src/config/types.js';
import { jobFromFrame } from '../../../src/protocols/websocket/job.js';
import type { WsJob } from '../../../src/wire.js';

const limits: ModelConfig = {
  name: 'w',
  model: 'm',
  gridModel: 'grid/m',
  maxThreads: 1,
  maxLength: 200,
  maxContextLength: 4096,
};

describe('jobFromFrame', () => {
  it('flattens content parts, passes request params and clamps max_length', () => {
    const frame = {
      type: 'job',
      id: 'j',
      model: 'grid/m',
      payload: {
        request: {
          model: 'grid/m',
          messages: [
            { role: 'system', content: 'Be brief.' },
            {
              role: 'user',
              content: [
                { type: 'text', text: 'Look: ' },
                { type: 'image_url', image_url: { url: 'x' } },
                { type: 'text', text: 'a cat' },
              ],
            },
            { role: 'assistant', content: null },
          ],
          max_tokens: 1000,
          stop: 'END',
          seed: 42,
          presence_penalty: 0.5,
        },
        api_format: 'openai-chat',
        prompt: 'Be brief.\nUser: Look: a cat\nAssistant:',
        max_length: 1000,
        temperature: 0.7,
        top_p: 0.9,
      },
    } as WsJob;
    expect(jobFromFrame(frame, limits)).toEqual({
      id: 'j',
      protocol: 'websocket',
      model: 'grid/m',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Look: a cat' },
        { role: 'assistant', content: '' },
      ],
      prompt: 'Be brief.\nUser: Look: a cat\nAssistant:',
      params: {
        max_length: 200,
        max_context_length: 4096,
        temperature: 0.7,
        top_p: 0.9,
        stop: ['END'],
        seed: 42,
        frequency_penalty: undefined,
        presence_penalty: 0.5,
      },
      raw: frame.payload,
    });
  });

  it('falls back to the prompt as one user message when the request has no messages', () => {
    const job = jobFromFrame(
      {
        type: 'job',
        id: 'k',
        model: 'grid/m',
        payload: { prompt: 'Hi', max_length: 50, temperature: 1, top_p: 1 },
      } as unknown as WsJob,
      limits,
    );
    expect(job.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(job.params.max_length).toBe(50);
  });

  it('makes max_length a whole number of tokens, at least 1, as the Horde mapper does', () => {
    const frame = (max_length: number) =>
      ({ type: 'job', id: 'f', model: 'grid/m', payload: { prompt: 'Hi', max_length } }) as unknown as WsJob;
    expect(jobFromFrame(frame(10.7), limits).params.max_length).toBe(10);
    expect(jobFromFrame(frame(0), limits).params.max_length).toBe(1);
  });
});
