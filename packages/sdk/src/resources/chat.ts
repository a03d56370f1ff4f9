import type { RequestOptions } from '../client';
import { APIPromise } from '../core/api-promise';
import { APIError } from '../core/errors';
import type { ChatCompletion, ChatCompletionRequest, ChatMessage, ChatQuote } from '../generated/openapi';
import { parseJSONOrText } from '../internal/json';
import { linkedController } from '../internal/signals';
import { ChatCompletionStream } from '../lib/chat-completion-stream';
import { APIResource } from './resource';

// The chat types, named as in the spec (openapi/components/v1.yaml) — each field's doc comment is its
// `description` there. They mirror the `openai` package's names.
export type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionContentPart,
  ChatCompletionDelta,
  ChatCompletionMessage,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
  ChatQuote,
  CompletionUsage,
  GridMetadata,
  RoutingExplanation,
  RoutingPreferences,
  RoutingScores,
} from '../generated/openapi';

/**
 * One message of `messages`: the spec's `ChatMessage` without its open index signature, so a typo
 * such as `contnet` does not compile (with `content` optional, it otherwise would, and send an empty turn).
 */
export interface ChatCompletionMessageParam extends KnownKeys<ChatMessage> {}

/**
 * The spec's `ChatCompletionRequest` without its open index signatures (top level and per message). The
 * wire accepts unknown fields (the grid forwards them to the worker), but a typo such as `max_token`
 * should not compile. Extra knobs can still be sent by spreading a variable: `create({ ...params, ...extra })`
 * is not excess-checked.
 */
export interface ChatCompletionCreateParamsBase
  extends Omit<KnownKeys<ChatCompletionRequest>, 'messages' | 'dry_run'> {
  /** The conversation so far, oldest first (at most 500 messages). */
  messages: ChatCompletionMessageParam[];
}
export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  /** Omitted or `false`: the call resolves one `ChatCompletion`. */
  stream?: false | undefined;
}
export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  /** `true`: the call resolves a `ChatCompletionStream` of `ChatCompletionChunk`s. */
  stream: true;
}
export type ChatCompletionCreateParams =
  | ChatCompletionCreateParamsNonStreaming
  | ChatCompletionCreateParamsStreaming;

/** Drops `[key: string]: …` index signatures, keeping the declared properties (and their optionality). */
type KnownKeys<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

export class Chat extends APIResource {
  readonly completions: Completions = new Completions(this._client);
}

export class Completions extends APIResource {
  /**
   * `POST /v1/chat/completions`. Without `stream` it resolves to the `ChatCompletion` (with its `grid`
   * metadata). With `stream: true` it resolves — once the response headers are in — to a
   * {@link ChatCompletionStream}; retries happen only before that point, never mid-stream.
   */
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(body: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<ChatCompletionStream>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion> | Promise<ChatCompletionStream>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion> | Promise<ChatCompletionStream> {
    if (options?.transport === 'websocket') {
      const over = this._client.sharedRealtime().then((rt) => rt.chat.completions.create(body, options));
      if (body.stream) return over as Promise<ChatCompletionStream>;
      // No HTTP response exists: `withResponse()` gives a bodiless 200 in its place.
      return new APIPromise<ChatCompletion>(
        (over as Promise<ChatCompletion>).then((data) => ({
          data,
          response: new Response(null),
          requestId: undefined,
        })),
      );
    }
    if (body.stream) return this.#stream(body, options);
    return this._client.call<ChatCompletion>(options, { method: 'POST', path: '/v1/chat/completions', body });
  }

  /**
   * The price of a chat request before it is sent (`POST /v1/chat/completions` with `dry_run: true`, an AIPG
   * extension of the mock grid): nothing is queued or charged. `den` is the most it can cost (every choice
   * at `max_tokens`); a reply is charged `round2(round2(completion_tokens × den_per_token) + fee)` per
   * choice, what its `grid.den` then says.
   */
  quote(body: ChatCompletionCreateParamsBase, options?: RequestOptions): APIPromise<ChatQuote> {
    // Over HTTP (a quote is one JSON answer), whatever `stream` and `transport` say.
    return this._client.call<ChatQuote>(options, {
      method: 'POST',
      path: '/v1/chat/completions',
      body: { ...body, stream: false, dry_run: true },
    });
  }

  async #stream(body: ChatCompletionCreateParams, options?: RequestOptions): Promise<ChatCompletionStream> {
    // The stream's own controller: `stream.abort()` and the caller's signal both end the request.
    const { controller, dispose } = linkedController([options?.signal]);
    try {
      const { data, response, requestId, bodyError } = await this._client.callWithResponse<
        ReadableStream<Uint8Array>
      >(
        { ...options, signal: controller.signal },
        { method: 'POST', path: '/v1/chat/completions', body, headers: { Accept: 'text/event-stream' } },
        'stream',
      );
      const type = response.headers.get('content-type') ?? '';
      if (/json/i.test(type)) {
        // A server that ignores `stream: true` sends one JSON body: say so, rather than report it as a
        // stream that broke off before `[DONE]`.
        const text = await new Response(data).text();
        throw new APIError(
          response.status,
          parseJSONOrText(text),
          response.headers,
          requestId,
          `${response.status} expected text/event-stream, got ${type}: the server did not stream this request (call it without \`stream: true\`)`,
        );
      }
      return ChatCompletionStream.fromSSEResponse(response, data, controller, {
        requestId,
        bodyError,
        // The same limit as the attempt's: a stream may run long, but not go silent for longer.
        idleTimeout: options?.timeout ?? this._client.timeout,
        onEnd: dispose,
      });
    } catch (error) {
      dispose();
      throw error;
    }
  }
}
