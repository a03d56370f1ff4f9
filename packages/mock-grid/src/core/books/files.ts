/**
 * The files book: the JSONL files of the Batch API (spec: openapi/components/batch.yaml `FileObject`) — what a
 * key uploaded (`batch`) and what its batches wrote (`batch_output`). Each file belongs to one account; another
 * account never finds it (docs/mock-grid-core.md "Batches").
 */
import type { FileObject, FilePurpose } from '@aipg/sdk';
import { GridError } from '../errors.js';
import { uuid } from '../ids.js';

export interface StoredFile {
  id: string;
  accountId: number;
  filename: string;
  purpose: FilePurpose;
  /** The content as text (a batch file is UTF-8 JSONL; the door refuses anything else). */
  text: string;
  bytes: number;
  /** Unix ms on the core clock. */
  createdAt: number;
}

/** UTF-8 length of a string without encoding it. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function fileNotFound(id: string): GridError {
  return new GridError('RequestNotFound', `No such File object: ${id}`, { field: 'file_id' });
}

export function fileView(f: StoredFile): FileObject {
  return {
    id: f.id,
    object: 'file',
    bytes: f.bytes,
    created_at: Math.floor(f.createdAt / 1000),
    filename: f.filename,
    purpose: f.purpose,
    status: 'processed',
    expires_at: null,
    status_details: null,
  };
}

export class FileBook {
  readonly #byId = new Map<string, StoredFile>();
  /** Each account's files, oldest first. */
  readonly #byAccount = new Map<number, StoredFile[]>();

  add(accountId: number, filename: string, purpose: FilePurpose, text: string, now: number): StoredFile {
    const file: StoredFile = {
      id: `file-${uuid().replace(/-/g, '')}`,
      accountId,
      filename,
      purpose,
      text,
      bytes: utf8Bytes(text),
      createdAt: now,
    };
    this.#byId.set(file.id, file);
    const list = this.#byAccount.get(accountId) ?? [];
    list.push(file);
    this.#byAccount.set(accountId, list);
    return file;
  }

  count(accountId: number): number {
    return this.#byAccount.get(accountId)?.length ?? 0;
  }

  /** The account's file `id`; throws RequestNotFound for an unknown id or another account's file. */
  get(accountId: number, id: string): StoredFile {
    const file = this.#byId.get(id);
    if (!file || file.accountId !== accountId) throw fileNotFound(id);
    return file;
  }

  delete(accountId: number, id: string): void {
    const file = this.get(accountId, id);
    this.#byId.delete(id);
    const list = this.#byAccount.get(accountId)!;
    list.splice(list.indexOf(file), 1);
  }

  /** The account's files, newest first (or oldest first), optionally of one purpose. */
  list(accountId: number, order: 'asc' | 'desc', purpose: string | undefined): StoredFile[] {
    const all = this.#byAccount.get(accountId) ?? [];
    const picked = purpose === undefined ? all.slice() : all.filter((f) => f.purpose === purpose);
    return order === 'asc' ? picked : picked.reverse();
  }
}

/** One page of a newest-first list by OpenAI's cursor rules: items after `after` (an id), at most `limit`. */
export function cursorPage<T extends { id: string }>(
  items: T[],
  after: string | undefined,
  limit: number,
): { object: 'list'; data: T[]; first_id: string | null; last_id: string | null; has_more: boolean } {
  let start = 0;
  if (after !== undefined) {
    const at = items.findIndex((item) => item.id === after);
    // An unknown cursor: nothing after it (OpenAI answers an empty page too).
    start = at === -1 ? items.length : at + 1;
  }
  const data = items.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: start + limit < items.length,
  };
}
