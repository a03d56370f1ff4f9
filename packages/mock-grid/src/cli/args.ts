import { parseArgs } from 'node:util';
import { isLogLevel, type LogLevel } from '../log/grid-log.js';
import { scenarioHelp } from '../scenarios/catalog.js';

/** `--grace` when not given: how long a SIGTERM lets jobs in flight finish. */
export const DEFAULT_GRACE_MS = 10_000;

/** `--verify` without `--canary-every`: a canary every 10 min. */
export const VERIFY_CANARY_MS = 600_000;

export interface CliOptions {
  port: number;
  host: string;
  auth: 'open' | 'strict';
  keysFile?: string;
  /** `--allow-anonymous`: strict mode lets the anonymous key request too (set only when given). */
  allowAnonymous?: true;
  rateLimits: boolean;
  /** `--rate-limits`: keep the rate limits on for a simulated grid (which has them off otherwise). */
  forceRateLimits?: true;
  /** `--simulate` (true: the default fleet) or `--simulate FILE` (a fleet YAML/JSON file). */
  simulate?: true | string;
  /**
   * `--verify`: probe each new text worker and send canaries (docs/mock-grid-core.md "Verification");
   * `canaryEveryMs` from `--canary-every` (null: no canaries). Set only by the flag.
   */
  verify?: { canaryEveryMs: number | null };
  /** Refuse results without a worker signature (`allowUnsignedResults: false`); set only by the flag. */
  requireSignatures?: true;
  help: boolean;
  /** `--grace` in ms; absent: `DEFAULT_GRACE_MS`. */
  graceMs?: number;
  /** `--log-level`; absent: info. */
  logLevel?: LogLevel;
  /** `--log-json`. */
  logJson?: boolean;
}

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const USAGE = `Usage: aipg-mock-grid [options]

  --port N          port to listen on (default 7001; 0 picks a free port)
  --host H          interface to bind (default 127.0.0.1)
  --auth MODE       open (any non-empty key works, all scopes) | strict (only --keys) (default open)
  --keys FILE       JSON or YAML list of {key, scopes, username?, trusted?, moderator?, balance?}
  --allow-anonymous with --auth strict: the anonymous key 0000000000 may request too
  --no-rate-limits  turn the rate limits off (per key, and the door's per-caller ones)
  --simulate [FILE] run simulated workers inside the grid: the default fleet, or the one a JSON or YAML
                    FILE describes ({workers: [{name, models, tokens_per_second?, …}]}); rate limits
                    are then off unless --rate-limits is given
  --rate-limits     keep the rate limits on with --simulate
  --verify          probe each new text worker with a known-answer job before its first real one, and
                    send it a canary every 10 min (docs/mock-grid-core.md "Verification")
  --canary-every SECONDS
                    with --verify: seconds between a worker's canaries (0: none; default 600)
  --require-signatures
                    refuse results without a worker signature (a strike, no payment, the job retried)
  --grace SECONDS   on SIGTERM/SIGINT, let jobs in flight finish for this long before handing back
                    what is left (default 10; a second signal hands back at once)
  --log-level L     debug | info | warn | error (default info); log lines go to stderr
  --log-json        write each log line as one JSON object
  -h, --help        show this help

Scenarios (docs/mock-grid.md "Scenarios and faults"): a request asks for one with the header
\`Prefer: scenario=<name>; <param>=<value>\`; a test queues one with POST /_mock/faults
{"scenario", "params", "times", "path"} or sets one for every request with PUT /_mock/scenario.
An unknown one is a 400 naming these:
${scenarioHelp('  ')}`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  const { args, simulate } = takeSimulate(argv);
  try {
    parsed = parse(args);
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }
  const v = parsed.values;
  const port = v.port === undefined ? 7001 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliUsageError(`--port: expected an integer 0..65535, got ${JSON.stringify(v.port)}`);
  }
  const auth = v.auth ?? 'open';
  if (auth !== 'open' && auth !== 'strict')
    throw new CliUsageError(`--auth: expected open or strict, got ${JSON.stringify(auth)}`);
  if (auth === 'strict' && v.keys === undefined)
    throw new CliUsageError('--auth strict needs --keys FILE (no key would work)');
  const out: CliOptions = {
    port,
    host: v.host ?? '127.0.0.1',
    auth,
    rateLimits: !v['no-rate-limits'],
    help: v.help === true,
  };
  if (v.keys !== undefined) out.keysFile = v.keys;
  if (v['require-signatures']) out.requireSignatures = true;
  if (v.grace !== undefined) {
    const seconds = Number(v.grace);
    if (v.grace.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
      throw new CliUsageError(`--grace: expected seconds >= 0, got ${JSON.stringify(v.grace)}`);
    out.graceMs = Math.round(seconds * 1000);
  }
  if (v['log-level'] !== undefined) {
    const level = v['log-level'];
    if (!isLogLevel(level))
      throw new CliUsageError(
        `--log-level: expected debug, info, warn or error, got ${JSON.stringify(level)}`,
      );
    out.logLevel = level;
  }
  if (v['log-json']) out.logJson = true;
  if (v['allow-anonymous']) out.allowAnonymous = true;
  if (v['rate-limits']) {
    if (v['no-rate-limits'])
      throw new CliUsageError('--rate-limits and --no-rate-limits contradict each other');
    out.forceRateLimits = true;
  }
  if (simulate !== undefined) out.simulate = simulate;
  if (v['canary-every'] !== undefined && !v.verify) throw new CliUsageError('--canary-every needs --verify');
  if (v.verify) {
    let canaryEveryMs: number | null = VERIFY_CANARY_MS;
    if (v['canary-every'] !== undefined) {
      const seconds = Number(v['canary-every']);
      if (v['canary-every'].trim() === '' || !Number.isFinite(seconds) || seconds < 0)
        throw new CliUsageError(
          `--canary-every: expected seconds >= 0, got ${JSON.stringify(v['canary-every'])}`,
        );
      canaryEveryMs = seconds === 0 ? null : Math.round(seconds * 1000);
    }
    out.verify = { canaryEveryMs };
  }
  return out;
}

/**
 * `--simulate` takes an optional value, which node's parseArgs cannot express: `--simulate=FILE`, or
 * `--simulate` followed by an argument that is not a flag, names the file; alone it means the default fleet.
 */
function takeSimulate(argv: string[]): { args: string[]; simulate?: true | string } {
  const args: string[] = [];
  let simulate: true | string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (arg !== '--simulate' && !arg.startsWith('--simulate=')) {
      args.push(arg);
      continue;
    }
    if (simulate !== undefined) throw new CliUsageError('--simulate: given twice');
    if (arg.startsWith('--simulate=')) {
      const file = arg.slice('--simulate='.length);
      if (file === '') throw new CliUsageError('--simulate=: expected a file after =');
      simulate = file;
    } else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) {
      simulate = argv[++i]!;
    } else simulate = true;
  }
  return simulate === undefined ? { args } : { args, simulate };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      auth: { type: 'string' },
      keys: { type: 'string' },
      'allow-anonymous': { type: 'boolean' },
      'no-rate-limits': { type: 'boolean' },
      'rate-limits': { type: 'boolean' },
      'require-signatures': { type: 'boolean' },
      verify: { type: 'boolean' },
      'canary-every': { type: 'string' },
      grace: { type: 'string' },
      'log-level': { type: 'string' },
      'log-json': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
