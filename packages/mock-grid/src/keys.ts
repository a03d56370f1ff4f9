import type { KeyFileEntry } from './cli/keys-file.js';
import type { KeyEntry } from './core/index.js';

/** Keys-file entries (wire-ish names: `username`) → the core's `KeyEntry` (`name`). */
export function toKeyEntries(entries: KeyFileEntry[]): KeyEntry[] {
  return entries.map((e) => {
    const out: KeyEntry = { key: e.key, scopes: [...e.scopes] };
    if (e.username !== undefined) out.name = e.username;
    if (e.trusted !== undefined) out.trusted = e.trusted;
    if (e.moderator !== undefined) out.moderator = e.moderator;
    if (e.balance !== undefined) out.balance = e.balance;
    return out;
  });
}
