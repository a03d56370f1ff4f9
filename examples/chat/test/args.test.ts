import { describe, expect, it } from 'vitest';
import { ANONYMOUS_KEY, parseChatArgs } from '../src/args.js';
import { SettingError } from '../src/settings.js';

describe('parseChatArgs', () => {
  it('takes every flag', () => {
    const args = parseChatArgs(
      [
        '--base-url=http://127.0.0.1:3000',
        '--api-key',
        'grid_k',
        '--model',
        'm',
        '--system',
        'Be brief.',
        '--temperature',
        '0',
        '--max-tokens',
        '100',
      ],
      {},
    );
    expect(args).toEqual({
      baseURL: 'http://127.0.0.1:3000',
      apiKey: 'grid_k',
      settings: { model: 'm', system: 'Be brief.', temperature: 0, maxTokens: 100 },
    });
  });

  it('takes the image model and folder for /image; both unset by default', () => {
    const args = parseChatArgs(['--image-model', 'grid/demo-image', '--image-dir', 'out/pictures'], {});
    expect(args).toMatchObject({ settings: { imageModel: 'grid/demo-image', imageDir: 'out/pictures' } });
    expect(parseChatArgs([], {})).toMatchObject({ settings: { imageModel: undefined, imageDir: undefined } });
  });

  it('falls back to AIPG_API_KEY, then to the anonymous key; the model to auto', () => {
    expect(parseChatArgs([], { AIPG_API_KEY: 'grid_env' })).toMatchObject({ apiKey: 'grid_env' });
    expect(parseChatArgs([], {})).toMatchObject({ apiKey: ANONYMOUS_KEY, settings: { model: 'auto' } });
    expect(parseChatArgs([], { AIPG_API_KEY: '' })).toMatchObject({ apiKey: ANONYMOUS_KEY });
  });

  it('names the flag and the limit on bad values', () => {
    expect(() => parseChatArgs(['--temperature', 'hot'], {})).toThrow(
      new SettingError('--temperature must be a number from 0 to 2 (got "hot")'),
    );
    expect(() => parseChatArgs(['--max-tokens', '1.5'], {})).toThrow(
      '--max-tokens must be a whole number from 1 to 32768 (got "1.5")',
    );
    expect(() => parseChatArgs(['--modle', 'x'], {})).toThrow(SettingError);
  });

  it('asks for help, also after the `--` pnpm passes through', () => {
    expect(parseChatArgs(['-h'], {})).toBe('help');
    expect(parseChatArgs(['--', '--help'], {})).toBe('help');
  });
});
