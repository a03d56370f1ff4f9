import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { KeysFileError, parseKeys, readKeysFile } from '../../src/cli/keys-file.js';
import { toKeyEntries } from '../../src/keys.js';

describe('keys file', () => {
  it('reads a YAML list', () => {
    const keys = parseKeys(
      '- key: grid_alice_key_000001\n  scopes: [inference.submit]\n  username: alice\n  balance: 50\n' +
        '- key: grid_rig_key_00000001\n  scopes: [worker.connect]\n  trusted: true\n' +
        '- key: grid_mod_key_00000001\n  scopes: [inference.submit]\n  moderator: true\n',
    );
    expect(keys).toEqual([
      { key: 'grid_alice_key_000001', scopes: ['inference.submit'], username: 'alice', balance: 50 },
      { key: 'grid_rig_key_00000001', scopes: ['worker.connect'], trusted: true },
      { key: 'grid_mod_key_00000001', scopes: ['inference.submit'], moderator: true },
    ]);
    expect(toKeyEntries(keys)[2]).toEqual({
      key: 'grid_mod_key_00000001',
      scopes: ['inference.submit'],
      moderator: true,
    });
    expect(toKeyEntries(keys)[0]).toEqual({
      key: 'grid_alice_key_000001',
      scopes: ['inference.submit'],
      name: 'alice',
      balance: 50,
    });
  });

  it('reads JSON, as a list or as {keys: [...]}', () => {
    const entry = { key: 'k1', scopes: ['inference.submit', 'worker.connect'] };
    expect(parseKeys(JSON.stringify([entry]))).toEqual([entry]);
    expect(parseKeys(JSON.stringify({ keys: [entry] }))).toEqual([entry]);
  });

  it.each([
    ['{key: [', /not valid JSON or YAML/],
    ['key: k', /expected a list/],
    ['- scopes: [worker.connect]', /\[0\]\.key: required/],
    [
      '- key: k\n  scopes: [admin]',
      /\[0\]\.scopes: required list, each one of inference\.submit, worker\.connect/,
    ],
    ['- key: k\n  scopes: []\n  balance: -1', /\[0\]\.balance: a number >= 0/],
    ['- key: k\n  scopes: []\n  moderator: yes please', /\[0\]\.moderator: true or false/],
    ['- key: k\n  scopes: []\n  trusted: yes please', /\[0\]\.trusted: true or false/],
    ['- key: k\n  scopes: []\n  colour: red', /\[0\]\.colour: unknown field/],
  ])('refuses %j naming the field', (text, message) => {
    expect(() => parseKeys(text)).toThrow(KeysFileError);
    expect(() => parseKeys(text)).toThrow(message);
  });

  it('reads a file and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-grid-keys-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'keys.yaml');
    await writeFile(file, '- key: grid_file_key_01\n  scopes: [worker.connect]\n');
    expect(await readKeysFile(file)).toEqual([{ key: 'grid_file_key_01', scopes: ['worker.connect'] }]);
    await expect(readKeysFile(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read \(ENOENT\)/);
  });
});
