/**
 * `grid.batch(items, options)`: many requests through the client's one pipeline, on any grid (no batch
 * endpoint needed) — bounded concurrency that backs off on 429, results in input order, one result per
 * item, and output lines in the OpenAI Batch output format, from which a later run resumes
 * (docs/sdk/batch.md).
 */
import type { CallResult, Grid } from '../client';
import { AIPGError, type APIConnectionError, APIError, RateLimitError } from '../core/errors';
import type { ChatCompletion, ImageGenerationRequest, ImagesResponse, paths } from '../generated/openapi';
import { retryWait } from '../internal/retry';
import { linkedController } from '../internal/signals';
import { sleep } from '../internal/sleep';
import { uuid4 } from '../internal/uuid';
import type { ChatCompletionCreateParamsNonStreaming } from '../resources/chat';

export const DEFAULT_BATCH_CONCURRENCY = 8;
/** Times one item is sent again after a 429; a 429 after that is its result (`errored`, the `RateLimitError`). */
export const MAX_RATE_LIMITED = 10;

const CHAT: keyof paths = '/v1/chat/completions';

/** A chat request of a batch, as a line of an OpenAI Batch input file (`method` is always `POST`). */
export interface BatchChatRequest {
  custom_id?: string | undefined;
  method?: 'POST' | undefined;
  url?: '/v1/chat/completions' | undefined;
  body: ChatCompletionCreateParamsNonStreaming;
}

/** An image request of a batch, as a line of an OpenAI Batch input file. */
export interface BatchImageRequest {
  custom_id?: string | undefined;
  method?: 'POST' | undefined;
  url: '/v1/images/generations';
  body: ImageGenerationRequest;
}

/** A chat completion's params (its `custom_id` is its index) or a {@link BatchChatRequest}. */
export type BatchChatItem = ChatCompletionCreateParamsNonStreaming | BatchChatRequest;

/** Anything `grid.batch` takes: chat items and image requests, mixed. */
export type BatchItem = BatchChatItem | BatchImageRequest;

/** One item's outcome. `index` is its place in `items`; `custom_id` its own or, by default, `String(index)`. */
export type BatchResult<T = ChatCompletion | ImagesResponse> = { index: number; custom_id: string } & (
  | {
      type: 'succeeded';
      data: T;
      request_id: string | null;
      /** Taken from the `resume` output, not run again. */
      resumed?: true;
    }
  | { type: 'errored'; error: AIPGError }
  | { type: 'cancelled' }
);

/** One line of the output, the OpenAI Batch output file's format. */
export interface BatchOutputLine<T = unknown> {
  id: string;
  custom_id: string;
  /** The HTTP answer: the success body, or the error body with its 4xx/5xx status. */
  response: { status_code: number; request_id: string | null; body: T } | null;
  /** Why no answer came: a connection error, a timeout, `batch_cancelled`. */
  error: { code: string; message: string } | null;
}

export interface BatchProgress {
  /** Items with a final result (succeeded, errored or cancelled; resumed ones included). */
  done: number;
  /** Of those, errored. */
  failed: number;
  total: number;
  inFlight: number;
  /** The concurrency now: `concurrency`, lowered on 429s and raised again as requests succeed. */
  concurrency: number;
}

export interface BatchOptions {
  /** Requests in flight at most. Default 8. */
  concurrency?: number | undefined;
  /** Called after each item's result and each back-off. */
  onProgress?: ((progress: BatchProgress) => void) | undefined;
  /**
   * Aborts the batch: requests in flight are aborted, and they and every item not yet sent are
   * `cancelled`. The batch still resolves, with every item's result.
   */
  signal?: AbortSignal | undefined;
  /**
   * Called with each item's output line (JSON ending in `\n`) once it is final, one at a time; a returned
   * promise is awaited before the next line. For a `WritableStream`: `(line) => writer.write(line)`.
   */
  output?: ((line: string) => unknown) | undefined;
  /**
   * A previous run's output (its text, or its lines): an item whose `custom_id` has a succeeded line there
   * is not run again (its result is that line's body, `resumed: true`); every other item runs.
   */
  resume?: string | Iterable<string | BatchOutputLine> | undefined;
  /** The pipeline's retries per request (connection errors, timeouts, 5xx; never 429). Default: the client's. */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt. Default: the client's. */
  timeout?: number | undefined;
}

/**
 * A running batch: `await` it for every result in input order, or `for await` its results as they finish.
 * It rejects only if `output` or `onProgress` fails (the run then stops, its remaining items cancelled).
 */
export class BatchRun<T> implements PromiseLike<BatchResult<T>[]>, AsyncIterable<BatchResult<T>> {
  readonly #results: Promise<BatchResult<T>[]>;
  /** In the order they finished. */
  readonly #finished: BatchResult<T>[] = [];
  readonly #changed = notifier();
  #ended = false;

  /** @internal Use `grid.batch()`. */
  constructor(start: (emit: (result: BatchResult<T>) => void) => Promise<BatchResult<T>[]>) {
    this.#results = start((result) => {
      this.#finished.push(result);
      this.#changed.notify();
    }).finally(() => {
      this.#ended = true;
      this.#changed.notify();
    });
    this.#results.catch(() => {});
  }

  // biome-ignore lint/suspicious/noThenProperty: a BatchRun is awaited for its results, by design.
  then<A = BatchResult<T>[], B = never>(
    onfulfilled?: ((results: BatchResult<T>[]) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#results.then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<BatchResult<T>> {
    for (let i = 0; ; i++) {
      while (i >= this.#finished.length) {
        if (this.#ended) {
          await this.#results;
          return;
        }
        await this.#changed.next;
      }
      yield this.#finished[i]!;
    }
  }
}

/** `grid.batch()`. */
export function runBatch<T>(
  grid: Grid,
  items: readonly BatchItem[],
  options: BatchOptions = {},
): BatchRun<T> {
  const max = options.concurrency ?? DEFAULT_BATCH_CONCURRENCY;
  if (!Number.isInteger(max) || max < 1) {
    throw new AIPGError(`concurrency must be an integer ≥ 1 (got ${String(max)})`);
  }
  const ids = new Map<string, number>();
  const requests = items.map((item, index): { id: string; url: keyof paths; body: unknown } => {
    const request =
      'body' in item
        ? { id: String(item.custom_id ?? index), url: item.url ?? CHAT, body: item.body }
        : { id: String(index), url: CHAT, body: item };
    const seen = ids.get(request.id);
    if (seen !== undefined) {
      throw new AIPGError(
        `items[${index}].custom_id "${request.id}" repeats items[${seen}]'s: it must be unique`,
      );
    }
    ids.set(request.id, index);
    return request;
  });
  const previous = succeededLines(options.resume);
  const { onProgress, output } = options;

  return new BatchRun<T>(async (emit) => {
    const total = requests.length;
    const results: BatchResult<T>[] = [];
    const { controller, dispose } = linkedController([options.signal]);
    const signal = controller.signal;
    const changed = notifier();
    const queue: number[] = [];
    const rateLimited: number[] = [];
    let limit = max;
    let credit = 0;
    let epoch = 0;
    let inFlight = 0;
    let done = 0;
    let failed = 0;
    let pausedUntil = 0;
    let writing: Promise<unknown> = Promise.resolve();
    let fatal: { error: unknown } | undefined;
    // A failing `output` or `onProgress` stops the run: what is in flight is aborted, the rest cancelled.
    const stop = (error: unknown) => {
      fatal ??= { error };
      controller.abort(error);
    };
    const progress = () => {
      try {
        onProgress?.({ done, failed, total, inFlight, concurrency: limit });
      } catch (error) {
        stop(error);
      }
    };

    const finish = (
      result: BatchResult<T>,
      response?: BatchOutputLine['response'],
      error?: BatchOutputLine['error'],
    ) => {
      results[result.index] = result;
      done++;
      if (result.type === 'errored') failed++;
      emit(result);
      // A resumed item has its line in the previous output already.
      if (output && (response || error)) {
        const line = `${JSON.stringify({
          id: `batch_req_${uuid4()}`,
          custom_id: result.custom_id,
          response: response ?? null,
          error: error ?? null,
        } satisfies BatchOutputLine)}\n`;
        writing = writing.then(() => fatal || output(line)).catch(stop);
      }
      progress();
    };

    const send = async (index: number) => {
      const { id, url, body } = requests[index]!;
      const started = epoch;
      inFlight++;
      let answer: CallResult<T> | undefined;
      let error: AIPGError | undefined;
      try {
        answer = await grid.callWithResponse<T>(
          { signal, maxRetries: options.maxRetries, timeout: options.timeout, retryRateLimited: false },
          { method: 'POST', path: url, body },
        );
      } catch (e) {
        error = e as AIPGError;
      }
      inFlight--;
      if (error instanceof RateLimitError) rateLimited[index] = (rateLimited[index] ?? 0) + 1;
      const tries = rateLimited[index] ?? 0;
      if (answer) {
        // Additive increase: one more in flight after a full round of successes at this level.
        if (limit < max && ++credit >= limit) {
          limit++;
          credit = 0;
        }
        const { data, response } = answer;
        const request_id = answer.requestId ?? null;
        finish(
          { index, custom_id: id, type: 'succeeded', data, request_id },
          { status_code: response.status, request_id, body: data },
        );
      } else if (signal.aborted) {
        finish({ index, custom_id: id, type: 'cancelled' }, null, CANCELLED);
      } else if (error instanceof RateLimitError && tries <= MAX_RATE_LIMITED) {
        // Multiplicative decrease, once per round: a 429 for a request sent before the last decrease
        // says nothing new. Every start waits for the server's Retry-After; the item goes first again.
        if (started === epoch) {
          epoch++;
          limit = Math.max(1, limit >> 1);
          credit = 0;
        }
        pausedUntil = Math.max(pausedUntil, Date.now() + retryWait(error.headers, tries - 1).ms);
        queue.unshift(index);
        progress();
      } else if (error instanceof APIError && error.status !== undefined) {
        finish(
          { index, custom_id: id, type: 'errored', error },
          { status_code: error.status, request_id: error.requestId ?? null, body: error.body },
        );
      } else {
        const e = error as AIPGError;
        const code = (e as APIConnectionError).code ?? e.name;
        finish({ index, custom_id: id, type: 'errored', error: e }, null, { code, message: e.message });
      }
      changed.notify();
    };

    requests.forEach(({ id }, index) => {
      const line = previous.get(id);
      if (!line) queue.push(index);
      else {
        const { body, request_id } = line.response!;
        finish({ index, custom_id: id, type: 'succeeded', data: body as T, request_id, resumed: true });
      }
    });
    for (;;) {
      if (signal.aborted ? inFlight === 0 : queue.length === 0 && inFlight === 0) break;
      const wait = pausedUntil - Date.now();
      if (signal.aborted || queue.length === 0 || inFlight >= limit) await changed.next;
      else if (wait > 0) await sleep(wait, signal).catch(() => {});
      else void send(queue.shift()!);
    }
    for (const index of queue)
      finish({ index, custom_id: requests[index]!.id, type: 'cancelled' }, null, CANCELLED);
    await writing;
    dispose();
    if (fatal) throw fatal.error;
    return results;
  });
}

const CANCELLED = { code: 'batch_cancelled', message: 'The batch was cancelled first.' };

/** The succeeded lines of a previous output, by `custom_id`. A line that does not parse is left out. */
function succeededLines(resume: BatchOptions['resume']): Map<string, BatchOutputLine> {
  const found = new Map<string, BatchOutputLine>();
  for (let line of typeof resume === 'string' ? resume.split('\n') : (resume ?? [])) {
    if (typeof line === 'string') {
      try {
        line = JSON.parse(line) as BatchOutputLine;
      } catch {
        continue;
      }
    }
    const status = line?.response?.status_code ?? 0;
    if (status >= 200 && status < 300 && !line.error) found.set(line.custom_id, line);
  }
  return found;
}

/** A promise `next` that settles on each `notify()`, for loops that wait for something to change. */
function notifier(): { readonly next: Promise<void>; notify(): void } {
  let wake!: () => void;
  const make = () => new Promise<void>((resolve) => (wake = resolve));
  let next = make();
  return {
    get next() {
      return next;
    },
    notify() {
      wake();
      next = make();
    },
  };
}
