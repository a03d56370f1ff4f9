// Command-line flags → the client options and the first settings.
import { parseArgs } from 'node:util';
import {
  DEFAULT_IMAGE_DIR,
  DEFAULT_MODEL,
  parseMaxTokens,
  parseTemperature,
  SettingError,
  type Settings,
} from './settings.js';

/** The grid's anonymous key: works for public models, at the lowest priority. */
export const ANONYMOUS_KEY = '0000000000';

export const USAGE = `Usage: pnpm start [options]   (or: tsx src/main.ts [options])

  --base-url <url>        grid to talk to (default: AIPG_BASE_URL, else https://api.aipowergrid.io)
  --api-key <key>         default: AIPG_API_KEY, else the anonymous key ${ANONYMOUS_KEY}
  --model <id>            default: ${DEFAULT_MODEL} (the grid picks an online model)
  --system <text>         system prompt
  --temperature <0-2>     default: the grid's
  --max-tokens <n>        default: the grid's
  --image-model <id>      the model /image asks for (default: the grid's image model)
  --image-dir <dir>       where /image saves pictures (default: ./${DEFAULT_IMAGE_DIR})
  -h, --help
`;

export interface ChatArgs {
  baseURL: string | undefined;
  apiKey: string;
  settings: Settings;
}

/** Parses `argv` (without node and the script); `'help'` when help was asked for. Throws `SettingError`. */
export function parseChatArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ChatArgs | 'help' {
  let values: ReturnType<typeof parse>['values'];
  try {
    // `pnpm start -- --model x` passes the `--` through; npm does not. Accept both.
    values = parse(argv[0] === '--' ? argv.slice(1) : argv).values;
  } catch (error) {
    throw new SettingError((error as Error).message);
  }
  if (values.help) return 'help';
  return {
    baseURL: values['base-url'],
    // An empty AIPG_API_KEY counts as unset.
    apiKey: values['api-key'] ?? (env.AIPG_API_KEY || ANONYMOUS_KEY),
    settings: {
      model: values.model ?? DEFAULT_MODEL,
      system: values.system,
      temperature:
        values.temperature === undefined ? undefined : parseTemperature(values.temperature, '--temperature'),
      maxTokens:
        values['max-tokens'] === undefined ? undefined : parseMaxTokens(values['max-tokens'], '--max-tokens'),
      imageModel: values['image-model'],
      imageDir: values['image-dir'],
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      model: { type: 'string' },
      system: { type: 'string' },
      temperature: { type: 'string' },
      'max-tokens': { type: 'string' },
      'image-model': { type: 'string' },
      'image-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
