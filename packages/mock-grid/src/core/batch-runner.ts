/**
 * The Batch API's rules (spec: openapi/components/batch.yaml; docs/mock-grid-core.md "Batches"): a batch reads
 * its input file (`validating`), runs every request line as an ordinary grid job through the core's own submit
 * (`in_progress`), a few at a time, writes one output or error line per input line (`finalizing`) and ends
 * `completed`, or `failed` / `expired` / `cancelling` → `cancelled`. It sits above the rules: it reaches the grid
 * only through the calls `BatchHost` names, the ones a door makes, so an item is matched, served, paid and
 * charged exactly as a `POST /v1/chat/completions` is. Every step runs on the core clock (a 0 ms timer for
 * "the next step", so nothing runs inside another call's delivery).
 */
import type {
  Batch,
  BatchError,
  BatchList,
  BatchStatus,
  ChatCompletionRequest,
  FileDeleted,
  FileList,
  FileObject,
} from '@aipg/sdk';
import { cursorPage, type FileBook, fileView, type StoredFile, utf8Bytes } from './books/files.js';
import type { Clock, TimerHandle } from './clock.js';
import { completionChoice } from './convert.js';
import type { Account } from './entities.js';
import { GridError, isGridError } from './errors.js';
import { uuid } from './ids.js';
import type { BatchSettings } from './settings.js';
import type { JobEvent, JobListener, JobState, Submission } from './types.js';
import { chatSpec } from './validate.js';

/** What the batch rules may do with the grid: the calls the /v1 door makes, for an account already checked. */
export interface BatchHost {
  clock: Clock;
  settings: BatchSettings;
  files: FileBook;
  /** The account of a key that may submit (throws as `authenticate`; the anonymous key is refused). */
  account(apiKey: string | undefined): Account;
  /** The core's submit for `account` (in-flight cap, model online, upfront kudos; no rate limit). */
  submit(account: Account, request: ChatCompletionRequest, listener: JobListener): Submission;
  jobState(jobId: string): JobState | undefined;
  /** Cancels a job or a whole request (the core's `cancel`). */
  cancel(id: string): void;
}

export interface CreateFileInput {
  apiKey: string | undefined;
  filename: string;
  purpose: 'batch';
  /** The file's content (UTF-8 JSONL; the door refuses bytes that are not UTF-8). */
  text: string;
}

export interface CreateBatchInput {
  apiKey: string | undefined;
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  metadata?: Record<string, string> | null | undefined;
  /**
   * The door's check of a line's `body` against the endpoint's request schema (the spec's validators are the
   * door's): a message naming the field, or undefined when it passes. The core's own checks run after it.
   */
  checkBody?: ((body: unknown) => string | undefined) | undefined;
}

export const BATCH_ENDPOINTS = ['/v1/chat/completions'] as const;
/** At most this many `errors.data` entries (spec `BatchErrors`). */
const MAX_ERRORS = 100;
const TERMINAL: ReadonlySet<BatchStatus> = new Set(['completed', 'failed', 'expired', 'cancelled']);

type Stamp =
  | 'created'
  | 'in_progress'
  | 'expires'
  | 'finalizing'
  | 'completed'
  | 'failed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

interface Item {
  /** 1-based line of the input file. */
  line: number;
  customId: string | null;
  body: ChatCompletionRequest | null;
  state: 'pending' | 'running' | 'ended';
  requestId: string | null;
  jobId: string | null;
  model: string | null;
  /** The output or error line, once ended. */
  outcome: string | null;
  ok: boolean;
  /** The line is a JSON object (a file none of whose lines is one is not JSONL at all). */
  object: boolean;
}

interface BatchRecord {
  id: string;
  account: Account;
  endpoint: string;
  inputFileId: string;
  completionWindow: string;
  metadata: Record<string, string> | null;
  /** The input file's text until it is read (the file may be deleted meanwhile). */
  text: string | null;
  checkBody: CreateBatchInput['checkBody'];
  status: BatchStatus;
  at: Partial<Record<Stamp, number>>;
  errors: BatchError[] | null;
  model: string | null;
  items: Item[];
  /** The next item to submit. */
  next: number;
  running: number;
  counts: { total: number; completed: number; failed: number };
  usage: { input: number; output: number };
  outputFileId: string | null;
  errorFileId: string | null;
  /** Set while a 429 holds the batch back: its submits resume when it fires. */
  retry: TimerHandle | null;
  expiry: TimerHandle | null;
  /** The batch is being expired: its requests cancelled now end as `batch_expired`. */
  expiring: boolean;
}

const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.floor(ms / 1000));

function lineId(): string {
  return `batch_req_${uuid().replace(/-/g, '')}`;
}

function errorLine(item: Pick<Item, 'line' | 'customId'>, code: string, message: string): string {
  return JSON.stringify({
    id: lineId(),
    custom_id: item.customId,
    response: null,
    error: { code, message, line: item.line },
  });
}

export class BatchRunner {
  readonly #byId = new Map<string, BatchRecord>();
  /** Each account's batches, oldest first. */
  readonly #byAccount = new Map<number, BatchRecord[]>();
  /** Batches with a step to take, run together by one 0 ms timer. */
  readonly #due = new Set<BatchRecord>();
  #timer: TimerHandle | null = null;

  constructor(private readonly host: BatchHost) {}

  // ---- files -------------------------------------------------------------------------------------------

  createFile(input: CreateFileInput): FileObject {
    const { host } = this;
    const account = host.account(input.apiKey);
    const limits = host.settings;
    const bytes = utf8Bytes(input.text);
    if (bytes > limits.maxFileBytes) {
      throw new GridError(
        'PayloadTooLarge',
        `file: ${bytes} bytes, over the limit of ${limits.maxFileBytes} bytes per file`,
        { field: 'file', limit: limits.maxFileBytes },
      );
    }
    if (input.purpose !== 'batch') {
      throw new GridError('InvalidField', "purpose: must be 'batch'", { field: 'purpose', limit: 'batch' });
    }
    const held = host.files.count(account.id);
    if (held >= limits.maxFilesPerKey) {
      throw new GridError(
        'TooManyFiles',
        `Too many files: ${held} stored, the limit is ${limits.maxFilesPerKey} per key`,
        { field: 'file', limit: limits.maxFilesPerKey },
      );
    }
    const file = host.files.add(account.id, input.filename, 'batch', input.text, host.clock.now());
    return fileView(file);
  }

  file(apiKey: string | undefined, id: string): FileObject {
    return fileView(this.#file(apiKey, id));
  }

  fileContent(apiKey: string | undefined, id: string): string {
    return this.#file(apiKey, id).text;
  }

  deleteFile(apiKey: string | undefined, id: string): FileDeleted {
    const account = this.host.account(apiKey);
    this.host.files.delete(account.id, id);
    return { id, object: 'file', deleted: true };
  }

  listFiles(
    apiKey: string | undefined,
    query: { after?: string; limit?: number; order?: 'asc' | 'desc'; purpose?: string } = {},
  ): FileList {
    const account = this.host.account(apiKey);
    const files = this.host.files.list(account.id, query.order ?? 'desc', query.purpose).map(fileView);
    return cursorPage(files, query.after, query.limit ?? 10_000);
  }

  #file(apiKey: string | undefined, id: string): StoredFile {
    return this.host.files.get(this.host.account(apiKey).id, id);
  }

  // ---- batches -----------------------------------------------------------------------------------------

  create(input: CreateBatchInput): Batch {
    const { host } = this;
    const account = host.account(input.apiKey);
    if (!(BATCH_ENDPOINTS as readonly string[]).includes(input.endpoint)) {
      throw new GridError('InvalidField', `endpoint: must be one of ${BATCH_ENDPOINTS.join(', ')}`, {
        field: 'endpoint',
        limit: BATCH_ENDPOINTS.join(', '),
      });
    }
    if (input.completion_window !== '24h') {
      throw new GridError('InvalidField', "completion_window: must be '24h'", {
        field: 'completion_window',
        limit: '24h',
      });
    }
    let file: StoredFile;
    try {
      file = host.files.get(account.id, input.input_file_id);
    } catch (err) {
      if (isGridError(err, 'RequestNotFound')) {
        throw new GridError('RequestNotFound', `No such File object: ${input.input_file_id}`, {
          field: 'input_file_id',
        });
      }
      throw err;
    }
    if (file.purpose !== 'batch') {
      throw new GridError(
        'InvalidField',
        `input_file_id: ${file.id} has purpose '${file.purpose}', not 'batch'`,
        { field: 'input_file_id', limit: 'batch' },
      );
    }
    const mine = this.#byAccount.get(account.id) ?? [];
    const active = mine.filter((b) => !TERMINAL.has(b.status)).length;
    const cap = host.settings.maxActiveBatches;
    if (active >= cap) {
      throw new GridError(
        'TooManyBatches',
        `Too many active batches: ${active}, the limit is ${cap} per key`,
        {
          field: 'input_file_id',
          limit: cap,
          // A batch slot frees when one ends, which the grid cannot foresee: a fixed hint, as for the in-flight cap.
          retryAfterMs: 60_000,
        },
      );
    }
    const now = host.clock.now();
    const batch: BatchRecord = {
      id: `batch_${uuid().replace(/-/g, '')}`,
      account,
      endpoint: input.endpoint,
      inputFileId: file.id,
      completionWindow: input.completion_window,
      metadata: input.metadata ?? null,
      text: file.text,
      checkBody: input.checkBody,
      status: 'validating',
      at: { created: now, expires: now + host.settings.completionWindowMs },
      errors: null,
      model: null,
      items: [],
      next: 0,
      running: 0,
      counts: { total: 0, completed: 0, failed: 0 },
      usage: { input: 0, output: 0 },
      outputFileId: null,
      errorFileId: null,
      retry: null,
      expiry: null,
      expiring: false,
    };
    batch.expiry = host.clock.setTimer(() => this.#expire(batch), host.settings.completionWindowMs);
    this.#byId.set(batch.id, batch);
    mine.push(batch);
    this.#byAccount.set(account.id, mine);
    this.#schedule(batch);
    return this.#view(batch);
  }

  retrieve(apiKey: string | undefined, id: string): Batch {
    return this.#view(this.#batch(apiKey, id));
  }

  list(apiKey: string | undefined, query: { after?: string; limit?: number } = {}): BatchList {
    const account = this.host.account(apiKey);
    const mine = (this.#byAccount.get(account.id) ?? []).slice().reverse();
    return cursorPage(
      mine.map((b) => this.#view(b)),
      query.after,
      query.limit ?? 20,
    );
  }

  /** Stops queuing, cancels the queued requests and lets the running ones finish (`cancelling` → `cancelled`). */
  cancel(apiKey: string | undefined, id: string): Batch {
    const batch = this.#batch(apiKey, id);
    // A batch whose every request has ended (`finalizing`) is only writing its files: it completes.
    if (batch.status === 'validating' || batch.status === 'in_progress') {
      batch.status = 'cancelling';
      batch.at.cancelling = this.host.clock.now();
      this.#schedule(batch);
    }
    return this.#view(batch);
  }

  /** Stops every timer (the grid's `dispose`). */
  dispose(): void {
    const clock = this.host.clock;
    if (this.#timer) clock.clearTimer(this.#timer);
    this.#timer = null;
    for (const batch of this.#byId.values()) {
      if (batch.retry) clock.clearTimer(batch.retry);
      if (batch.expiry) clock.clearTimer(batch.expiry);
      batch.retry = batch.expiry = null;
    }
  }

  #batch(apiKey: string | undefined, id: string): BatchRecord {
    const account = this.host.account(apiKey);
    const batch = this.#byId.get(id);
    if (!batch || batch.account !== account) {
      throw new GridError('RequestNotFound', `No such Batch object: ${id}`, { field: 'batch_id' });
    }
    return batch;
  }

  // ---- steps -------------------------------------------------------------------------------------------

  #schedule(batch: BatchRecord): void {
    this.#due.add(batch);
    if (this.#timer !== null) return;
    this.#timer = this.host.clock.setTimer(() => {
      this.#timer = null;
      const due = [...this.#due];
      this.#due.clear();
      for (const b of due) this.#step(b);
    }, 0);
  }

  /** One step of a batch: whatever its state calls for next. */
  #step(batch: BatchRecord): void {
    if (batch.text !== null) this.#validate(batch);
    switch (batch.status) {
      case 'in_progress':
        this.#fill(batch);
        break;
      case 'cancelling':
        this.#cancelQueued(batch);
        if (batch.running === 0) this.#end(batch, 'cancelled', 'batch_cancelled', 'The batch was cancelled.');
        break;
      case 'finalizing':
        this.#end(batch, 'completed', 'batch_cancelled', 'The batch was cancelled.');
        break;
      default:
        break;
    }
  }

  /** Reads the input file into items; fails the batch when the file cannot be run at all. */
  #validate(batch: BatchRecord): void {
    const text = batch.text!;
    batch.text = null;
    const limits = this.host.settings;
    const lines: { line: number; text: string }[] = [];
    const rows = text.split('\n');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!.endsWith('\r') ? rows[i]!.slice(0, -1) : rows[i]!;
      if (row.trim() !== '') lines.push({ line: i + 1, text: row });
    }
    const errors: BatchError[] = [];
    const fail = (code: string, message: string, line: number | null = null, param: string | null = null) => {
      if (errors.length < MAX_ERRORS) errors.push({ code, message, line, param });
    };
    if (lines.length === 0) fail('empty_file', 'The input file has no request lines.');
    if (lines.length > limits.maxFileLines) {
      fail(
        'too_many_requests',
        `The input file has ${lines.length} request lines, over the limit of ${limits.maxFileLines} per batch`,
      );
    }
    for (const l of lines) {
      const bytes = utf8Bytes(l.text);
      if (bytes > limits.maxLineBytes) {
        fail(
          'line_too_large',
          `Line ${l.line} is ${bytes} bytes, over the limit of ${limits.maxLineBytes}`,
          l.line,
        );
      }
    }
    const items: Item[] = [];
    const seen = new Map<string, number>();
    let objects = 0;
    if (errors.length === 0) {
      for (const l of lines) {
        const item = this.#parse(batch, l.line, l.text);
        if (item.object) objects++;
        items.push(item);
        if (item.customId === null) continue;
        const first = seen.get(item.customId);
        if (first === undefined) seen.set(item.customId, l.line);
        else {
          fail(
            'duplicate_custom_id',
            `custom_id '${item.customId}' on line ${l.line} is already used on line ${first}; custom_id must be unique`,
            l.line,
            'custom_id',
          );
        }
      }
      if (errors.length === 0 && objects === 0) {
        fail('invalid_jsonl', 'No line of the input file is a JSON object: the file is not JSONL.');
      }
    }
    const now = this.host.clock.now();
    batch.counts.total = lines.length;
    if (errors.length > 0) {
      batch.errors = errors;
      batch.status = 'failed';
      batch.at.failed = now;
      this.#stopTimers(batch);
      return;
    }
    batch.items = items;
    batch.model = items.find((i) => i.body)?.body?.model ?? null;
    for (const item of items) if (item.state === 'ended') batch.counts.failed++;
    if (batch.status === 'validating') {
      batch.status = 'in_progress';
      batch.at.in_progress = now;
    }
  }

  /** One request line → an item: pending with its body, or ended with its error line. */
  #parse(batch: BatchRecord, line: number, text: string): Item {
    const item: Item = {
      line,
      customId: null,
      body: null,
      state: 'ended',
      requestId: null,
      jobId: null,
      model: null,
      outcome: null,
      ok: false,
      object: false,
    };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      item.outcome = errorLine(
        item,
        'invalid_json',
        `Line ${line} is not valid JSON: ${(err as Error).message}`,
      );
      return item;
    }
    const refuse = (message: string) => {
      item.outcome = errorLine(item, 'invalid_request', message);
      return item;
    };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return refuse(`Line ${line} is JSON but not an object`);
    }
    item.object = true;
    const o = value as Record<string, unknown>;
    if (typeof o.custom_id === 'string' && o.custom_id.length > 0) item.customId = o.custom_id;
    else return refuse('custom_id: a non-empty string is required');
    if (o.method !== 'POST') return refuse("method: must be 'POST'");
    if (o.url !== batch.endpoint) return refuse(`url: must be the batch's endpoint ${batch.endpoint}`);
    if (typeof o.body !== 'object' || o.body === null || Array.isArray(o.body)) {
      return refuse('body: an object is required');
    }
    const body = { ...(o.body as Record<string, unknown>) };
    // A batch answers with whole responses: a line's stream settings are ignored.
    delete body.stream;
    delete body.stream_options;
    const problem = batch.checkBody?.(body);
    if (problem !== undefined) return refuse(`body.${problem}`);
    if (body.n !== undefined && body.n !== null && body.n !== 1) {
      return refuse('body.n: a batch request makes one completion (n must be 1)');
    }
    try {
      chatSpec(body as unknown as ChatCompletionRequest);
    } catch (err) {
      if (!isGridError(err)) throw err;
      return refuse(`body.${err.message}`);
    }
    item.body = body as unknown as ChatCompletionRequest;
    item.state = 'pending';
    return item;
  }

  /** Submits pending items until the batch has `inFlightPerBatch` running, or a 429 holds it back. */
  #fill(batch: BatchRecord): void {
    const window = this.host.settings.inFlightPerBatch;
    while (batch.running < window && batch.next < batch.items.length && batch.retry === null) {
      const item = batch.items[batch.next]!;
      if (item.state !== 'pending') {
        batch.next++;
        continue;
      }
      item.state = 'running';
      batch.running++;
      try {
        const submission = this.host.submit(batch.account, item.body!, (e) => this.#onEvent(batch, item, e));
        item.requestId = submission.id;
        item.jobId = submission.jobIds[0]!;
        item.model = submission.model;
        batch.next++;
      } catch (err) {
        item.state = 'pending';
        batch.running--;
        if (isGridError(err, 'TooManyPrompts') || isGridError(err, 'RateLimited')) {
          // The key's in-flight cap (or rate limit): the item waits and is sent again when the 429 says.
          batch.retry = this.host.clock.setTimer(() => {
            batch.retry = null;
            this.#schedule(batch);
          }, err.retryAfterMs ?? 1_000);
          break;
        }
        const code = isGridError(err) ? err.code : 'internal_error';
        this.#settle(batch, item, false, errorLine(item, code, (err as Error).message));
        batch.next++;
      }
    }
    if (batch.status === 'in_progress' && batch.next >= batch.items.length && batch.running === 0) {
      batch.status = 'finalizing';
      batch.at.finalizing = this.host.clock.now();
      this.#schedule(batch);
    }
  }

  /** A running item's job event (inside the core's delivery: records the outcome, schedules the next step). */
  #onEvent(batch: BatchRecord, item: Item, e: JobEvent): void {
    if (item.state !== 'running') return;
    if (e.type === 'requeued') {
      // A requeued job of a cancelling batch is queued again: the next step cancels it.
      if (batch.status === 'cancelling') this.#schedule(batch);
      return;
    }
    if (e.type === 'done') {
      batch.usage.input += e.usage.prompt_tokens;
      batch.usage.output += e.usage.completion_tokens;
      const body = {
        id: `chatcmpl-${e.requestId}`,
        object: 'chat.completion',
        created: Math.floor(e.at / 1000),
        model: item.model ?? item.body!.model,
        choices: [completionChoice(e)],
        usage: e.usage,
        grid: e.grid,
      };
      const line = JSON.stringify({
        id: lineId(),
        custom_id: item.customId,
        response: { status_code: 200, request_id: e.requestId, body },
        error: null,
      });
      this.#settle(batch, item, true, line);
    } else if (e.type === 'failed') {
      this.#settle(batch, item, false, errorLine(item, 'failed', e.message));
    } else if (e.type === 'faulted') {
      this.#settle(batch, item, false, errorLine(item, 'faulted', e.message));
    } else if (e.type === 'cancelled') {
      const [code, message] = batch.expiring
        ? ['batch_expired', 'This request could not be executed before the completion window expired.']
        : ['batch_cancelled', 'The batch was cancelled before this request finished.'];
      this.#settle(batch, item, false, errorLine(item, code, message));
    } else return;
    this.#schedule(batch);
  }

  #settle(batch: BatchRecord, item: Item, ok: boolean, line: string): void {
    if (item.state === 'running') batch.running--;
    item.state = 'ended';
    item.ok = ok;
    item.outcome = line;
    item.body = null;
    if (ok) batch.counts.completed++;
    else batch.counts.failed++;
  }

  /** A cancelling batch: its queued jobs are cancelled; running ones finish. */
  #cancelQueued(batch: BatchRecord): void {
    for (const item of batch.items) {
      if (item.state !== 'running' || item.jobId === null) continue;
      if (this.host.jobState(item.jobId) === 'queued') this.host.cancel(item.jobId);
    }
  }

  #expire(batch: BatchRecord): void {
    batch.expiry = null;
    if (TERMINAL.has(batch.status)) return;
    if (batch.text !== null) this.#validate(batch);
    if (TERMINAL.has(batch.status)) return;
    batch.expiring = true;
    for (const item of batch.items) {
      if (item.state === 'running' && item.requestId !== null) this.host.cancel(item.requestId);
    }
    this.#end(
      batch,
      'expired',
      'batch_expired',
      'This request could not be executed before the completion window expired.',
    );
  }

  /** Writes the output and error files (an item that never ran gets `code`) and ends the batch. */
  #end(
    batch: BatchRecord,
    status: 'completed' | 'cancelled' | 'expired',
    code: string,
    message: string,
  ): void {
    const { files, clock } = this.host;
    for (const item of batch.items) {
      if (item.state !== 'ended') this.#settle(batch, item, false, errorLine(item, code, message));
    }
    const now = clock.now();
    const ok = batch.items.filter((i) => i.ok).map((i) => `${i.outcome}\n`);
    const bad = batch.items.filter((i) => !i.ok).map((i) => `${i.outcome}\n`);
    const owner = batch.account.id;
    if (ok.length > 0) {
      batch.outputFileId = files.add(
        owner,
        `batch_${batch.id}_output.jsonl`,
        'batch_output',
        ok.join(''),
        now,
      ).id;
    }
    if (bad.length > 0) {
      batch.errorFileId = files.add(
        owner,
        `batch_${batch.id}_error.jsonl`,
        'batch_output',
        bad.join(''),
        now,
      ).id;
    }
    // The lines are in the files now.
    batch.items = [];
    batch.status = status;
    batch.at[status] = now;
    this.#stopTimers(batch);
  }

  #stopTimers(batch: BatchRecord): void {
    const clock = this.host.clock;
    if (batch.retry) clock.clearTimer(batch.retry);
    if (batch.expiry) clock.clearTimer(batch.expiry);
    batch.retry = batch.expiry = null;
  }

  #view(batch: BatchRecord): Batch {
    const at = batch.at;
    const ran = batch.counts.completed > 0 || batch.usage.input + batch.usage.output > 0;
    return {
      id: batch.id,
      object: 'batch',
      endpoint: batch.endpoint,
      model: batch.model,
      errors: batch.errors ? { object: 'list', data: batch.errors } : null,
      input_file_id: batch.inputFileId,
      completion_window: batch.completionWindow,
      status: batch.status,
      output_file_id: batch.outputFileId,
      error_file_id: batch.errorFileId,
      created_at: seconds(at.created)!,
      in_progress_at: seconds(at.in_progress),
      expires_at: seconds(at.expires),
      finalizing_at: seconds(at.finalizing),
      completed_at: seconds(at.completed),
      failed_at: seconds(at.failed),
      expired_at: seconds(at.expired),
      cancelling_at: seconds(at.cancelling),
      cancelled_at: seconds(at.cancelled),
      request_counts: { ...batch.counts },
      ...(ran
        ? {
            usage: {
              input_tokens: batch.usage.input,
              input_tokens_details: { cached_tokens: 0 },
              output_tokens: batch.usage.output,
              output_tokens_details: { reasoning_tokens: 0 },
              total_tokens: batch.usage.input + batch.usage.output,
            },
          }
        : {}),
      metadata: batch.metadata,
    };
  }
}
