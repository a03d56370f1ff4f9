import type { Middleware as OpenAPIFetchMiddleware } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChatCompletion,
  type ChatCompletionChoice,
  type ChatCompletionChunk,
  type ChatCompletionChunkChoice,
  type ChatCompletionDelta,
  type ChatCompletionMessage,
  type ChatCompletionMessageToolCall,
  type ChatCompletionSnapshot,
  ChatCompletionStream,
  type CompletionUsage,
  Grid,
  type GridMetadata,
  type Health,
  type HordeTextGeneration,
  type HordeTextStatus,
  type Model,
  type ModelList,
  type ModelStatus,
  type TextJobResult,
  type TextJobStatus,
  type WithRequestID,
  type WorkerList,
  type WorkerSummary,
} from '../src/index';

const grid = new Grid({ apiKey: 'grid_x' });
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('chat.completions.create', () => {
  it('returns ChatCompletion without stream, the stream type with stream: true', () => {
    expectTypeOf(
      grid.chat.completions.create({ model: 'auto', messages }),
    ).resolves.toMatchTypeOf<ChatCompletion>();
    expectTypeOf(
      grid.chat.completions.create({ model: 'auto', messages, stream: false }),
    ).resolves.toMatchTypeOf<ChatCompletion>();
    expectTypeOf(
      grid.chat.completions.create({ model: 'auto', messages, stream: true }),
    ).resolves.toEqualTypeOf<ChatCompletionStream>();
    expectTypeOf(
      grid.chat.completions.create({ model: 'auto', messages, stream: true }),
    ).resolves.not.toMatchTypeOf<ChatCompletion>();
  });

  it('a boolean stream flag gives the union', async () => {
    const stream = Math.random() > 0.5;
    const result = await grid.chat.completions.create({ model: 'auto', messages, stream });
    expectTypeOf(result).toEqualTypeOf<WithRequestID<ChatCompletion> | ChatCompletionStream>();
  });

  it('single-request calls offer withResponse()', async () => {
    const { data, response, request_id } = await grid.models.list().withResponse();
    expectTypeOf(data).toMatchTypeOf<ModelList>();
    expectTypeOf(response).toEqualTypeOf<Response>();
    expectTypeOf(request_id).toEqualTypeOf<string | undefined>();
  });

  it('the completion carries grid metadata and _request_id', async () => {
    const reply = await grid.chat.completions.create({ model: 'auto', messages });
    expectTypeOf(reply.grid?.worker).toEqualTypeOf<string | undefined>();
    expectTypeOf(reply._request_id).toEqualTypeOf<string | undefined>();
    expectTypeOf(reply.choices[0]!.finish_reason).toEqualTypeOf<string>();
    // The reply's content is the assembled text (or null for a tool-call-only turn), not the request's union.
    expectTypeOf(reply.choices[0]!.message.content).toEqualTypeOf<string | null>();
    expectTypeOf(reply.choices[0]!.message.role).toEqualTypeOf<'assistant'>();
  });

  it('the stream yields chunks and resolves a ChatCompletion', async () => {
    const stream = await grid.chat.completions.create({ model: 'auto', messages, stream: true });
    for await (const chunk of stream)
      expectTypeOf(chunk.choices[0]!.delta.content).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(stream.finalChatCompletion()).resolves.toEqualTypeOf<WithRequestID<ChatCompletion>>();
    expectTypeOf((await stream.finalChatCompletion())._request_id).toEqualTypeOf<string | undefined>();
    expectTypeOf((await stream.finalChatCompletion()).choices[0]!.message.content).toEqualTypeOf<
      string | null
    >();
    // The streamed and the non-streamed result are one type: one function handles both.
    const final: ChatCompletion = await stream.finalChatCompletion();
    expectTypeOf(final.usage).toEqualTypeOf<CompletionUsage>();
    expectTypeOf(final.usage.total_tokens).toEqualTypeOf<number>();
    expectTypeOf(final.choices[0]!.finish_reason).toEqualTypeOf<string>();
    // While streaming, the snapshot says what is not there yet.
    expectTypeOf(stream.currentChatCompletion).toEqualTypeOf<ChatCompletionSnapshot | undefined>();
    expectTypeOf<ChatCompletionSnapshot['usage']>().toEqualTypeOf<CompletionUsage | undefined>();
    expectTypeOf<ChatCompletionSnapshot['choices'][number]['finish_reason']>().toEqualTypeOf<string | null>();
    expectTypeOf(stream.finalText()).resolves.toEqualTypeOf<string>();
    stream.on('text', (delta, snapshot) => {
      expectTypeOf(delta).toEqualTypeOf<string>();
      expectTypeOf(snapshot).toEqualTypeOf<string>();
    });
    expectTypeOf(ChatCompletionStream.fromReadableStream).returns.toEqualTypeOf<ChatCompletionStream>();
  });

  it('rejects wrong field names and types', () => {
    // @ts-expect-error: `max_token` is not a field (typo of max_tokens)
    grid.chat.completions.create({ model: 'auto', messages, max_token: 5 });
    // @ts-expect-error: temperature is a number
    grid.chat.completions.create({ model: 'auto', messages, temperature: 'hot' });
    // @ts-expect-error: model is required
    grid.chat.completions.create({ messages });
    // @ts-expect-error: role must be one of the spec's roles
    grid.chat.completions.create({ model: 'auto', messages: [{ role: 'robot', content: 'x' }] });
    // @ts-expect-error: a message needs its role
    grid.chat.completions.create({ model: 'auto', messages: [{ content: 'x' }] });
    // @ts-expect-error: `contnet` is not a message field (typo of content)
    grid.chat.completions.create({ model: 'auto', messages: [{ role: 'user', contnet: 'x' }] });
  });

  it('rejects unknown stream event names', async () => {
    const stream = await grid.chat.completions.create({ model: 'auto', messages, stream: true });
    // @ts-expect-error: there is no `token` event (it is `text`)
    stream.on('token', () => {});
  });

  it('still lets extra wire fields through a spread variable', () => {
    const extra = { repetition_penalty: 1.1 };
    grid.chat.completions.create({ model: 'auto', messages, ...extra });
    const refusal = { refusal: null };
    grid.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'assistant', content: 'x', ...refusal }],
    });
  });
});

describe('result types', () => {
  it('are named, as the openai package names them', async () => {
    const reply = await grid.chat.completions.create({ model: 'auto', messages });
    expectTypeOf(reply.choices).toEqualTypeOf<ChatCompletionChoice[]>();
    expectTypeOf(reply.choices[0]!.message).toEqualTypeOf<ChatCompletionMessage>();
    expectTypeOf(reply.choices[0]!.message.tool_calls).toEqualTypeOf<
      ChatCompletionMessageToolCall[] | undefined
    >();
    expectTypeOf(reply.usage).toEqualTypeOf<CompletionUsage>();
    expectTypeOf(reply.grid).toEqualTypeOf<GridMetadata | undefined>();
    expectTypeOf<ChatCompletionChunk['choices']>().toEqualTypeOf<ChatCompletionChunkChoice[]>();
    expectTypeOf<ChatCompletionChunkChoice['delta']>().toEqualTypeOf<ChatCompletionDelta>();
    expectTypeOf<ChatCompletionChunk['usage']>().toEqualTypeOf<CompletionUsage | null | undefined>();
    expectTypeOf(grid.models.retrieve('m')).resolves.toEqualTypeOf<WithRequestID<Model>>();
    expectTypeOf<ModelList['data']>().toEqualTypeOf<Model[]>();
    expectTypeOf(grid.status.models()).resolves.toEqualTypeOf<WithRequestID<ModelStatus[]>>();
    expectTypeOf(grid.workers.list()).resolves.toEqualTypeOf<WithRequestID<WorkerList>>();
    expectTypeOf<WorkerList['workers']>().toEqualTypeOf<WorkerSummary[]>();
    expectTypeOf(grid.health()).resolves.toEqualTypeOf<WithRequestID<Health>>();
    expectTypeOf<TextJobStatus>().toEqualTypeOf<HordeTextStatus>();
    expectTypeOf<HordeTextStatus['generations']>().toEqualTypeOf<HordeTextGeneration[]>();
  });

  it('have no index signature, so a misspelt field does not compile', async () => {
    const reply = await grid.chat.completions.create({ model: 'auto', messages });
    // @ts-expect-error: `contnet` is not a field (content)
    reply.choices[0]!.message.contnet;
    // @ts-expect-error: `workr` is not a field (worker)
    reply.grid?.workr;
    // @ts-expect-error: `total_token` is not a field (total_tokens)
    reply.usage.total_token;
    // @ts-expect-error: `argumnts` is not a field (arguments)
    reply.choices[0]!.message.tool_calls?.[0]?.function?.argumnts;
    const stream = await grid.chat.completions.create({ model: 'auto', messages, stream: true });
    for await (const chunk of stream) {
      // @ts-expect-error: `contnet` is not a delta field (content)
      chunk.choices[0]!.delta.contnet;
    }
    // @ts-expect-error: `workr` is not a field, on the streamed completion either
    (await stream.finalChatCompletion()).grid?.workr;
    const status = await grid.status.models();
    // @ts-expect-error: `tokens_per_sec` is not a field (tokens_per_s)
    status[0]!.tokens_per_sec;
    const models = await grid.models.list();
    // @ts-expect-error: `owner` is not a field (owned_by)
    models.data[0]!.owner;
    const job = await grid.text.generate({ prompt: 'x' });
    // @ts-expect-error: `txt` is not a field (text)
    job.generations[0]!.txt;
  });

  it('type nested request parts exactly too', () => {
    grid.chat.completions.create({
      model: 'auto',
      messages,
      // @ts-expect-error: `parameter` is not a field (parameters)
      tools: [{ type: 'function', function: { name: 'f', parameter: {} } }],
    });
    // @ts-expect-error: `include_usge` is not a field (include_usage)
    grid.chat.completions.create({ model: 'auto', messages, stream_options: { include_usge: true } });
  });
});

describe('text.generate', () => {
  it('returns the finished job with its id', () => {
    expectTypeOf(grid.text.generate({ prompt: 'x' })).resolves.toEqualTypeOf<TextJobResult>();
    expectTypeOf<TextJobResult['id']>().toEqualTypeOf<string>();
    expectTypeOf<TextJobResult['generations']>().toEqualTypeOf<TextJobStatus['generations']>();
  });

  it('rejects wrong field names and types, in the body and in params', () => {
    // @ts-expect-error: `prompts` is not a field
    grid.text.generate({ prompts: 'x' });
    // @ts-expect-error: prompt is a string
    grid.text.generate({ prompt: 42 });
    // @ts-expect-error: `max_tokens` is not a Horde param (it is `max_length`)
    grid.text.generate({ prompt: 'x', params: { max_tokens: 80 } });
    // @ts-expect-error: max_length is a number
    grid.text.generate({ prompt: 'x', params: { max_length: '80' } });
    // @ts-expect-error: onProgress receives a status, not a string
    grid.text.generate({ prompt: 'x' }, { onProgress: (s: string) => s });
  });

  it('onProgress receives the typed status', () => {
    grid.text.generate(
      { prompt: 'x' },
      {
        onProgress: (status) => {
          expectTypeOf(status.queue_position).toEqualTypeOf<number>();
          expectTypeOf(status.done).toEqualTypeOf<boolean>();
        },
      },
    );
  });
});

describe('other resources', () => {
  it('models.list returns the ModelList', () => {
    expectTypeOf(grid.models.list()).resolves.toMatchTypeOf<ModelList>();
    // @ts-expect-error: retrieve needs an id
    grid.models.retrieve();
  });
});

describe('middleware', () => {
  it('takes middleware typed for openapi-fetch, and hooks that return nothing', () => {
    const typed: OpenAPIFetchMiddleware = {
      onRequest: ({ request, schemaPath }) => {
        request.headers.set('x-path', schemaPath);
      },
    };
    expectTypeOf(grid.use(typed, { onResponse: () => {} })).toEqualTypeOf<Grid>();
    expectTypeOf(new Grid({ middleware: [typed] })).toEqualTypeOf<Grid>();
  });
});
