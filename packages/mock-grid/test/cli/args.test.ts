import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../src/cli/args.js';

describe('CLI arguments', () => {
  it('--verify probes workers and sends canaries every 10 min, or as --canary-every says', () => {
    expect(parseCliArgs(['--verify']).verify).toEqual({ canaryEveryMs: 600_000 });
    expect(parseCliArgs(['--verify', '--canary-every', '30']).verify).toEqual({ canaryEveryMs: 30_000 });
    expect(parseCliArgs(['--verify', '--canary-every', '0']).verify).toEqual({ canaryEveryMs: null });
    expect(parseCliArgs([]).verify).toBeUndefined();
    expect(() => parseCliArgs(['--canary-every', '30'])).toThrow(/--canary-every needs --verify/);
    expect(() => parseCliArgs(['--verify', '--canary-every', 'soon'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['--verify', '--canary-every=-1'])).toThrow(/seconds >= 0/);
  });

  it('has defaults', () => {
    expect(parseCliArgs([])).toEqual({
      port: 7001,
      host: '127.0.0.1',
      auth: 'open',
      rateLimits: true,
      help: false,
    });
  });

  it('reads every flag', () => {
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--auth',
        'strict',
        '--keys',
        'k.yaml',
        '--no-rate-limits',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      auth: 'strict',
      keysFile: 'k.yaml',
      rateLimits: false,
      help: false,
    });
    expect(parseCliArgs(['-h']).help).toBe(true);
    expect(parseCliArgs(['--auth', 'strict', '--keys', 'k.yaml', '--allow-anonymous']).allowAnonymous).toBe(
      true,
    );
  });

  it('reads the shutdown and log flags', () => {
    expect(parseCliArgs(['--grace', '2.5', '--log-level', 'debug', '--log-json'])).toMatchObject({
      graceMs: 2500,
      logLevel: 'debug',
      logJson: true,
    });
    expect(parseCliArgs(['--grace', '0']).graceMs).toBe(0);
  });

  it.each([
    [['--grace=-1'], /--grace: expected seconds >= 0/],
    [['--grace', 'soon'], /--grace: expected seconds >= 0/],
    [['--log-level', 'loud'], /--log-level: expected debug, info, warn or error/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it.each([
    [['--port', '70000'], /--port: expected an integer 0\.\.65535/],
    [['--port', 'x'], /--port/],
    [['--auth', 'maybe'], /--auth: expected open or strict/],
    [['--auth', 'strict'], /--auth strict needs --keys FILE/],
    [['--colour'], /Unknown option '--colour'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
