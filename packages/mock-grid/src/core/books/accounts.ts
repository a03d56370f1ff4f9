/**
 * The accounts book: accounts, their API keys, balances and ledgers; `credit` and `charge` are the only
 * writers of a balance. The anonymous key `0000000000` may request but never run a worker. In `open` mode
 * any other non-empty key becomes an account on first use (starting balance configurable); in `strict`
 * mode only listed keys exist, each with its scopes, and the anonymous key only when `allowAnonymous` is set.
 *
 * Keys are never kept: the book holds the SHA-256 of each key, looks an account up by the hash of the key
 * presented, and compares the two hashes in constant time (docs/mock-grid-core.md "Keys"). No error message
 * repeats a key.
 */
import type { Account } from '../entities.js';
import { GridError } from '../errors.js';
import { constantTimeEqual, sha256Hex } from '../sha256.js';
import { round2 } from '../tokens.js';
import type { AccountView, KeyEntry, LedgerRecord, Scope } from '../types.js';
import { UsageBook } from './usage.js';

/** What a ledger record says besides its kind and amount. */
export type Receipt = Omit<LedgerRecord, 'kind' | 'amount'>;

export const ANONYMOUS_KEY = '0000000000';
export const RECORDS_KEPT = 50;
const ANONYMOUS_HASH = sha256Hex(ANONYMOUS_KEY);
const ALL_SCOPES: Scope[] = ['inference.submit', 'worker.connect'];

export interface AccountsOptions {
  mode: 'open' | 'strict';
  allowAnonymous: boolean;
  startingBalance: number;
  maxInFlight: number;
  now: () => number;
}

interface Keyed {
  /** SHA-256 of the key, hex. */
  hash: string;
  account: Account;
}

export class Accounts {
  /** By the SHA-256 (hex) of the key. */
  readonly #byHash = new Map<string, Keyed>();
  readonly #byId = new Map<number, Account>();
  readonly #opts: AccountsOptions;
  #nextId = 1;
  readonly anonymous: Account;
  /** What each account was charged for, by model and UTC day: written by `charge` only. */
  readonly usage = new UsageBook();

  constructor(opts: AccountsOptions, keys: KeyEntry[]) {
    this.#opts = opts;
    this.anonymous = this.#create({ key: ANONYMOUS_KEY, name: 'Anonymous', scopes: ['inference.submit'] }, 0);
    for (const entry of keys) this.add(entry);
  }

  #create(entry: KeyEntry, id: number, hash = sha256Hex(entry.key)): Account {
    const account: Account = {
      id,
      name: entry.name ?? 'user',
      anonymous: id === 0,
      trusted: entry.trusted ?? false,
      moderator: entry.moderator ?? false,
      scopes: new Set(entry.scopes ?? ALL_SCOPES),
      balance: entry.balance ?? (id === 0 ? 0 : this.#opts.startingBalance),
      earned: 0,
      spent: 0,
      tokensGenerated: 0,
      tokensUsed: 0,
      jobsFulfilled: 0,
      jobsRequested: 0,
      inFlight: 0,
      mediaInFlight: 0,
      maxInFlight: entry.maxInFlight ?? this.#opts.maxInFlight,
      createdAt: this.#opts.now(),
      workerIds: new Set(),
      records: [],
    };
    this.#byHash.set(hash, { hash, account });
    this.#byId.set(id, account);
    return account;
  }

  /** Adds (or replaces the settings of) a key. */
  add(entry: KeyEntry): Account {
    if (typeof entry.key !== 'string' || entry.key.length === 0) {
      throw new GridError('InvalidField', 'A key entry needs a non-empty key', { field: 'key' });
    }
    const hash = sha256Hex(entry.key);
    if (constantTimeEqual(hash, ANONYMOUS_HASH)) {
      throw new GridError('InvalidField', 'The anonymous key cannot be configured', { field: 'key' });
    }
    const existing = this.#find(hash);
    if (!existing) return this.#create(entry, this.#nextId++, hash);
    if (entry.name !== undefined) existing.name = entry.name;
    if (entry.scopes !== undefined) existing.scopes = new Set(entry.scopes);
    if (entry.balance !== undefined) existing.balance = entry.balance;
    if (entry.trusted !== undefined) existing.trusted = entry.trusted;
    if (entry.moderator !== undefined) existing.moderator = entry.moderator;
    if (entry.maxInFlight !== undefined) existing.maxInFlight = entry.maxInFlight;
    return existing;
  }

  byId(id: number): Account | undefined {
    return this.#byId.get(id);
  }

  /** The account of a key without scope checks (find_user). */
  lookup(apiKey: string | undefined): Account {
    if (apiKey === undefined || apiKey === '') throw new GridError('MissingAPIKey', 'Missing API key');
    const hash = sha256Hex(apiKey);
    if (constantTimeEqual(hash, ANONYMOUS_HASH) && !this.#opts.allowAnonymous) {
      throw new GridError('InvalidAPIKey', 'Anonymous requests are disabled on this grid');
    }
    const found = this.#find(hash);
    if (found) return found;
    if (this.#opts.mode === 'strict') throw new GridError('InvalidAPIKey', 'Invalid API key');
    return this.#create({ key: apiKey }, this.#nextId++, hash);
  }

  /** The account whose key hashes to `hash`. The map finds the candidate by the hash (which tells a
   *  caller nothing about any stored key); the final comparison takes the same time wherever they differ. */
  #find(hash: string): Account | undefined {
    const keyed = this.#byHash.get(hash);
    return keyed && constantTimeEqual(keyed.hash, hash) ? keyed.account : undefined;
  }

  /** The account of a key that must hold `scope`. */
  authenticate(apiKey: string | undefined, scope: Scope): Account {
    const account = this.lookup(apiKey);
    if (scope === 'worker.connect' && account.anonymous) {
      throw new GridError(
        'AnonForbiddenWorker',
        'Anonymous users cannot run workers. Use a registered API key.',
      );
    }
    if (!account.scopes.has(scope)) throw new GridError('MissingScope', `API key lacks ${scope} scope`);
    return account;
  }

  /** `n` more jobs asked for by `account` (its in-flight count follows the jobs' states: job-machine.ts). */
  requested(account: Account, n: number): void {
    account.jobsRequested += n;
  }

  /** The only way den reaches an account: a worker owner paid for `tokens` generated. */
  credit(account: Account, den: number, receipt: Receipt): void {
    account.balance = round2(account.balance + den);
    account.earned = round2(account.earned + den);
    account.tokensGenerated += receipt.tokens;
    account.jobsFulfilled++;
    this.#record(account, {
      at: receipt.at,
      kind: 'earned',
      amount: den,
      jobId: receipt.jobId,
      tokens: receipt.tokens,
      model: receipt.model,
    });
  }

  /**
   * The only way den leaves an account: a requester charged for `tokens` received. Each call is one
   * completed job in the account's usage (`use`: its prompt tokens and images).
   */
  charge(
    account: Account,
    den: number,
    receipt: Receipt,
    use: { promptTokens: number; images: number },
  ): void {
    this.usage.record(account.id, receipt.at, receipt.model, {
      promptTokens: use.promptTokens,
      completionTokens: receipt.tokens,
      images: use.images,
      den,
    });
    account.balance = round2(account.balance - den);
    account.spent = round2(account.spent + den);
    account.tokensUsed += receipt.tokens;
    this.#record(account, {
      at: receipt.at,
      kind: 'spent',
      amount: den,
      jobId: receipt.jobId,
      tokens: receipt.tokens,
      model: receipt.model,
    });
  }

  #record(account: Account, record: LedgerRecord): void {
    account.records.push(record);
    if (account.records.length > RECORDS_KEPT * 2)
      account.records.splice(0, account.records.length - RECORDS_KEPT);
  }
}

export function username(account: Account): string {
  return `${account.name}#${account.id}`;
}

export function accountView(account: Account): AccountView {
  return {
    id: account.id,
    username: username(account),
    anonymous: account.anonymous,
    trusted: account.trusted,
    moderator: account.moderator,
    scopes: [...account.scopes],
    balance: account.balance,
    earned: account.earned,
    spent: account.spent,
    tokensGenerated: account.tokensGenerated,
    tokensUsed: account.tokensUsed,
    jobsFulfilled: account.jobsFulfilled,
    jobsRequested: account.jobsRequested,
    inFlight: account.inFlight,
    maxInFlight: account.maxInFlight,
    createdAt: account.createdAt,
    workerIds: [...account.workerIds],
    records: account.records.slice(-RECORDS_KEPT),
  };
}
