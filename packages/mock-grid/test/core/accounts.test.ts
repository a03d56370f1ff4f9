import { describe, expect, it } from 'vitest';
import { type GridErrorCode, type GridOptions, isGridError } from '../../src/core/index.js';
import { chat, FakeSink, horde, makeGrid, popBody, wsWorker } from './helpers.js';

function code(fn: () => unknown): GridErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (isGridError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('accounts and API keys', () => {
  it('open mode: any non-empty key becomes an account with the starting balance', () => {
    const { grid } = makeGrid({ startingBalance: 50 });
    const account = grid.authenticate('some-new-key', 'inference.submit');
    expect(account).toMatchObject({
      balance: 50,
      anonymous: false,
      scopes: ['inference.submit', 'worker.connect'],
    });
    expect(account.username).toBe(`user#${account.id}`);
    expect(grid.authenticate('some-new-key', 'worker.connect').id).toBe(account.id);
    expect(code(() => grid.authenticate('', 'inference.submit'))).toBe('MissingAPIKey');
    expect(code(() => grid.authenticate(undefined, 'inference.submit'))).toBe('MissingAPIKey');
  });

  it('the anonymous key may request but not work', () => {
    const { grid } = makeGrid();
    wsWorker(grid);
    expect(chat(grid, {}, '0000000000').sub.jobIds).toHaveLength(1);
    expect(
      code(() => grid.register({ apikey: '0000000000', name: 'anon', models: ['m1'] }, new FakeSink())),
    ).toBe('AnonForbiddenWorker');
    expect(code(() => grid.pop(popBody({ apikey: '0000000000' })))).toBe('AnonForbiddenWorker');
    expect(grid.findUser('0000000000')).toMatchObject({ username: 'Anonymous#0', id: 0 });
  });

  it('anonymous requests can be switched off', () => {
    const { grid } = makeGrid({ allowAnonymous: false });
    expect(code(() => horde(grid, {}, '0000000000'))).toBe('InvalidAPIKey');
  });

  it('strict mode: only listed keys, each with its scopes', () => {
    const { grid } = makeGrid({
      authMode: 'strict',
      keys: [
        { key: 'client-key', name: 'alice', scopes: ['inference.submit'] },
        { key: 'worker-key', name: 'bob', scopes: ['worker.connect'], trusted: true, balance: 5 },
      ],
    });
    expect(code(() => grid.authenticate('stranger', 'inference.submit'))).toBe('InvalidAPIKey');
    expect(code(() => horde(grid, {}, 'stranger'))).toBe('InvalidAPIKey');
    expect(code(() => wsWorker(grid, { apikey: 'client-key' }))).toBe('MissingScope');
    expect(code(() => horde(grid, {}, 'worker-key'))).toBe('MissingScope');
    expect(horde(grid, {}, 'client-key').sub.jobIds).toHaveLength(1);
    expect(wsWorker(grid).reg.workerId).toBeTruthy();
    expect(grid.findUser('worker-key')).toMatchObject({
      username: 'bob#2',
      kudos: 5,
      trusted: true,
      worker_count: 1,
    });
    const added = grid.addKey({ key: 'late-key', name: 'carol' });
    expect(grid.authenticate('late-key', 'worker.connect').id).toBe(added.id);
  });

  it('strict mode refuses the anonymous key unless it is allowed', () => {
    const keys = [{ key: 'client-key' }];
    const strict = makeGrid({ authMode: 'strict', keys }).grid;
    expect(code(() => horde(strict, {}, '0000000000'))).toBe('InvalidAPIKey');
    expect(code(() => chat(strict, {}, '0000000000'))).toBe('InvalidAPIKey');
    expect(code(() => strict.findUser('0000000000'))).toBe('InvalidAPIKey');
    const allowed = makeGrid({ authMode: 'strict', keys, allowAnonymous: true }).grid;
    expect(horde(allowed, {}, '0000000000').sub.jobIds).toHaveLength(1);
  });

  it('keys are matched exactly (by their hash): a near miss is no key, in either mode', () => {
    const { grid } = makeGrid({ authMode: 'strict', keys: [{ key: 'grid_secret_key_0001', name: 'alice' }] });
    expect(grid.authenticate('grid_secret_key_0001', 'inference.submit').username).toBe('alice#1');
    for (const near of [
      'grid_secret_key_0002',
      'grid_secret_key_000',
      'grid_secret_key_00011',
      'GRID_SECRET_KEY_0001',
    ]) {
      expect(code(() => grid.authenticate(near, 'inference.submit'))).toBe('InvalidAPIKey');
    }
    const open = makeGrid().grid;
    const first = open.authenticate('key-a', 'inference.submit').id;
    expect(open.authenticate('key-b', 'inference.submit').id).not.toBe(first);
    expect(open.authenticate('key-a', 'inference.submit').id).toBe(first);
  });

  it('no error message repeats the key it refused', () => {
    const { grid } = makeGrid({
      authMode: 'strict',
      keys: [{ key: 'client-key', scopes: ['worker.connect'] }],
    });
    for (const [key, run] of [
      ['grid_guess_0001', () => horde(grid, {}, 'grid_guess_0001')],
      ['client-key', () => horde(grid, {}, 'client-key')],
      ['grid_guess_0002', () => wsWorker(grid, { apikey: 'grid_guess_0002' })],
    ] as const) {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(isGridError(error)).toBe(true);
        expect((error as Error).message).not.toContain(key);
      }
    }
  });

  it('a worker name belongs to the first account that registers it', () => {
    const { grid } = makeGrid();
    wsWorker(grid, { apikey: 'owner-key', name: 'shared' });
    expect(code(() => wsWorker(grid, { apikey: 'intruder-key', name: 'shared' }))).toBe('WrongCredentials');
    expect(code(() => grid.pop(popBody({ apikey: 'intruder-key', name: 'shared' })))).toBe(
      'WrongCredentials',
    );
  });

  it('rejects bad worker input naming the field', () => {
    const { grid } = makeGrid();
    try {
      grid.pop(popBody({ models: [] }));
      expect.unreachable();
    } catch (error) {
      expect(isGridError(error, 'InvalidField') && error.field).toBe('models');
    }
    try {
      grid.pop(popBody({ max_length: 0 }));
      expect.unreachable();
    } catch (error) {
      expect(isGridError(error, 'InvalidField') && error.field).toBe('max_length');
    }
  });

  it('a Horde submit checks the key before the generation id', () => {
    const { grid } = makeGrid({ authMode: 'strict', keys: [{ key: 'pop-key' }] });
    expect(code(() => grid.complete({ generationId: 'unknown', by: { apiKey: 'bad' }, text: 'x' }))).toBe(
      'InvalidAPIKey',
    );
    expect(code(() => grid.complete({ generationId: 'unknown', by: { apiKey: undefined }, text: 'x' }))).toBe(
      'MissingAPIKey',
    );
    expect(code(() => grid.complete({ generationId: 'unknown', by: { apiKey: 'pop-key' }, text: 'x' }))).toBe(
      'InvalidJobID',
    );
  });
});

describe('grid options', () => {
  it('rejects nonsensical numbers naming the option', () => {
    const cases: Array<[GridOptions, string]> = [
      [{ wsLeaseMs: 0 }, 'wsLeaseMs'],
      [{ maxInFlight: -1 }, 'maxInFlight'],
      [{ cooldownLadderMs: [] }, 'cooldownLadderMs'],
      [{ rateLimits: { chat: { limit: 0, windowMs: 1000 } } }, 'rateLimits.chat'],
    ];
    for (const [options, field] of cases) {
      try {
        makeGrid(options);
        expect.unreachable();
      } catch (error) {
        expect(isGridError(error, 'InvalidField') && error.field).toBe(field);
      }
    }
  });
});
