import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  host: string;
  auth: 'open' | 'strict';
  keysFile?: string;
  rateLimits: boolean;
  /** Refuse results without a worker signature (`allowUnsignedResults: false`); set only by the flag. */
  requireSignatures?: true;
  help: boolean;
}

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const USAGE = `Usage: aipg-mock-grid [options]

  --port N          port to listen on (default 7001; 0 picks a free port)
  --host H          interface to bind (default 127.0.0.1)
  --auth MODE       open (any non-empty key works, all scopes) | strict (only --keys) (default open)
  --keys FILE       JSON or YAML list of {key, scopes, username?, trusted?, balance?}
  --no-rate-limits  turn the per-key rate limits off
  --require-signatures
                    refuse results without a worker signature (a strike, no payment, the job retried)
  -h, --help        show this help
`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
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
  return out;
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
      'no-rate-limits': { type: 'boolean' },
      'require-signatures': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
