import { readFile } from 'node:fs/promises';
import { parseConfigText } from './config-text.js';

/**
 * The `--keys FILE` format: a JSON or YAML list (or `{keys: [...]}`) of accounts' API keys.
 *
 * ```yaml
 * - key: grid_requester_key_0001
 *   scopes: [inference.submit]
 *   username: alice        # optional, default `user`
 *   trusted: false         # optional
 *   moderator: false       # optional: a Horde moderator (sees raid_mode on /api/v2/status/modes)
 *   balance: 1000          # optional, den
 * ```
 */
export const SCOPES = ['inference.submit', 'worker.connect'] as const;

export interface KeyFileEntry {
  key: string;
  /** `inference.submit` (clients, Horde requesters) and/or `worker.connect` (WS and pop workers). */
  scopes: Array<(typeof SCOPES)[number]>;
  username?: string;
  trusted?: boolean;
  moderator?: boolean;
  balance?: number;
}

export class KeysFileError extends Error {
  override readonly name = 'KeysFileError';
}

export function parseKeys(text: string, source = 'keys file'): KeyFileEntry[] {
  let data: unknown;
  try {
    data = parseConfigText(text);
  } catch (err) {
    throw new KeysFileError(`${source}: ${(err as Error).message}`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'keys' in data) {
    data = (data as { keys: unknown }).keys;
  }
  if (!Array.isArray(data)) throw new KeysFileError(`${source}: expected a list of {key, scopes, …} entries`);
  return data.map((raw, i) => checkEntry(raw, `${source}[${i}]`));
}

function checkEntry(raw: unknown, at: string): KeyFileEntry {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new KeysFileError(`${at}: expected an object`);
  const e = raw as Record<string, unknown>;
  if (typeof e.key !== 'string' || e.key.length === 0)
    throw new KeysFileError(`${at}.key: required non-empty string`);
  if (!Array.isArray(e.scopes) || !e.scopes.every((s) => (SCOPES as readonly unknown[]).includes(s))) {
    throw new KeysFileError(`${at}.scopes: required list, each one of ${SCOPES.join(', ')}`);
  }
  const out: KeyFileEntry = { key: e.key, scopes: e.scopes as KeyFileEntry['scopes'] };
  if (e.username !== undefined) {
    if (typeof e.username !== 'string' || e.username.length === 0)
      throw new KeysFileError(`${at}.username: string`);
    out.username = e.username;
  }
  if (e.trusted !== undefined) {
    if (typeof e.trusted !== 'boolean') throw new KeysFileError(`${at}.trusted: true or false`);
    out.trusted = e.trusted;
  }
  if (e.moderator !== undefined) {
    if (typeof e.moderator !== 'boolean') throw new KeysFileError(`${at}.moderator: true or false`);
    out.moderator = e.moderator;
  }
  if (e.balance !== undefined) {
    if (typeof e.balance !== 'number' || !Number.isFinite(e.balance) || e.balance < 0) {
      throw new KeysFileError(`${at}.balance: a number >= 0`);
    }
    out.balance = e.balance;
  }
  for (const k of Object.keys(e)) {
    if (!['key', 'scopes', 'username', 'trusted', 'moderator', 'balance'].includes(k)) {
      throw new KeysFileError(
        `${at}.${k}: unknown field (allowed: key, scopes, username, trusted, moderator, balance)`,
      );
    }
  }
  return out;
}

export async function readKeysFile(path: string): Promise<KeyFileEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new KeysFileError(
      `--keys ${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseKeys(text, path);
}
