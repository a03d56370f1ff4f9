import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from '../errors.js';
import { configFromEnv, type Env } from './env.js';
import { Issues, isRecord, readEnum, readUrl } from './fields.js';
import { type ParseResult, parseConfig } from './parse.js';
import type { Protocol } from './types.js';

export interface LoadConfigOptions {
  /** A bridgeData.yaml path. Without it the config comes from GRID_* env vars. */
  file?: string;
  /** Defaults to process.env. */
  env?: Env;
  /** Command-line overrides (`--protocol`, `--url`); they win over the file and env. */
  overrides?: { protocol?: string; url?: string };
}

/**
 * Loads and validates the worker config. A file wins; env vars only fill what it leaves out
 * (GRID_API_KEY for a missing `api_key`, GRID_API_URL for a missing `horde_url`/`grid_url`).
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ParseResult> {
  const env = options.env ?? process.env;
  let result: ParseResult;
  if (options.file) {
    const text = await readFile(options.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError([
        { path: options.file!, message: `cannot read the config file (${error.code ?? error.message})` },
      ]);
    });
    result = parseConfigText(text, env, options.file);
  } else {
    result = configFromEnv(env, hostname());
  }
  return applyOverrides(result, options.overrides ?? {});
}

/** Parses bridgeData.yaml text (YAML or JSON). */
export function parseConfigText(text: string, env: Env = {}, source = 'bridgeData.yaml'): ParseResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const line = error instanceof YAMLParseError ? `:${error.linePos?.[0]?.line ?? '?'}` : '';
    throw new ConfigError([
      { path: `${source}${line}`, message: `not valid YAML (${(error as Error).message.split('\n')[0]})` },
    ]);
  }
  if (isRecord(raw)) {
    raw = { ...raw };
    const doc = raw as Record<string, unknown>;
    if (doc.api_key === undefined && env.GRID_API_KEY) doc.api_key = env.GRID_API_KEY;
    if (doc.horde_url === undefined && doc.grid_url === undefined && env.GRID_API_URL)
      doc.grid_url = env.GRID_API_URL;
  }
  return parseConfig(raw);
}

function applyOverrides(result: ParseResult, overrides: { protocol?: string; url?: string }): ParseResult {
  const issues = new Issues();
  const config = { ...result.config };
  if (overrides.protocol !== undefined) {
    config.protocol = readEnum<Protocol>(
      overrides.protocol,
      '--protocol',
      issues,
      ['websocket', 'horde'],
      config.protocol,
    );
  }
  if (overrides.url !== undefined) {
    config.url = readUrl(overrides.url, '--url', issues, {
      required: 'a grid URL',
      fallback: config.url,
      schemes: ['http:', 'https:', 'ws:', 'wss:'],
    });
  }
  if (issues.list.length > 0) throw new ConfigError(issues.list);
  return { ...result, config };
}
