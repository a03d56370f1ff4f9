// The README's and docs/sdk's snippets, type-checked so the docs cannot drift from the API.
import { expectTypeOf, it } from 'vitest';
import {
  type AIPGError,
  type BatchResult,
  type ChatCompletion,
  type ChatCompletionMessageParam,
  ChatCompletionStream,
  type ChatQuote,
  Grid,
  type GridImage,
  type HordeImageCheck,
  type ImageQuote,
  type ImagesResponse,
  type Middleware,
  NotFoundError,
  RateLimitError,
  RealtimeDisconnectedError,
  StreamInterruptedError,
  type TextJobResult,
  type UsageReport,
} from '../src/index';
import { batchOutputFile, nodeWebSocket, readImageFile, saveImages } from '../src/node';
import { rawClient } from '../src/raw';
import { verifyResult } from '../src/verify';
import { contentText, limits } from '../src/wire';

it('quick start, streaming and errors', async () => {
  const grid = new Grid();
  const messages = [{ role: 'user' as const, content: 'Say hello.' }];
  const reply = await grid.chat.completions.create({ model: 'auto', messages });
  // The reply's content is the assembled text, or null for a turn that only calls tools.
  expectTypeOf(reply.choices[0]?.message.content).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(reply.usage.total_tokens).toEqualTypeOf<number>();

  const stream = await grid.chat.completions.create({ model: 'auto', messages, stream: true });
  for await (const chunk of stream)
    expectTypeOf(chunk.choices[0]?.delta.content ?? '').toEqualTypeOf<string>();
  stream.on('text', (delta, snapshot) => [delta, snapshot]);
  const final = await stream.finalChatCompletion();
  expectTypeOf(final.grid?.worker).toEqualTypeOf<string | undefined>();

  try {
    await stream.finalText();
  } catch (e) {
    if (e instanceof StreamInterruptedError) expectTypeOf(e.partialText).toEqualTypeOf<string>();
    if (e instanceof NotFoundError) expectTypeOf(e.requestId).toEqualTypeOf<string | undefined>();
    if (e instanceof RateLimitError) expectTypeOf(e.retryAfterMs).toEqualTypeOf<number | undefined>();
  }

  const relayed = ChatCompletionStream.fromReadableStream(stream.toReadableStream());
  await relayed.done();
});

it('job events (README, docs/sdk/jobs.md)', async () => {
  const grid = new Grid({ baseURL: 'http://127.0.0.1:7001', apiKey: '0000000000' });
  const { id } = await grid.text.submit({ prompt: 'Name three rivers.', params: { max_length: 64 } });
  for await (const event of grid.jobs.watch(id, { after: 0 })) {
    if (event.type === 'queued') expectTypeOf(event.position).toEqualTypeOf<number>();
    else if (event.type === 'assigned') expectTypeOf(event.worker.name).toEqualTypeOf<string>();
    else if (event.type === 'token')
      expectTypeOf(event.delta.content).toEqualTypeOf<string | null | undefined>();
    else if (event.type === 'done') expectTypeOf(event.image?.url).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.seq).toEqualTypeOf<number>();
  }
  await grid.text.generate(
    { prompt: 'Hi', params: { max_length: 32 } },
    {
      wait: 'poll',
      onEvent: (event) => event.type === 'token' && event.delta.content,
      onProgress: (status) => status.queue_position,
    },
  );
});

it('Horde text jobs', async () => {
  const horde = new Grid({ baseURL: 'https://aihorde.net', apiKey: '0000000000' });
  const job = await horde.text.generate(
    { prompt: 'User: Say hello.\nAssistant:', params: { max_length: 80 } },
    { onProgress: (s) => `queue position ${s.queue_position}, ~${s.wait_time}s`, timeout: 15 * 60_000 },
  );
  expectTypeOf(job).toEqualTypeOf<TextJobResult>();
  expectTypeOf(job.generations[0]?.text).toEqualTypeOf<string | undefined>();
  const { id } = await horde.text.submit({ prompt: 'Hi', params: { max_length: 32 } });
  await horde.text.status(id);
  await horde.text.cancel(id);
  const rig = new Grid({
    baseURL: 'https://aihorde.net',
    apiKey: process.env.HORDE_KEY,
    clientAgent: 'my-rig:1.0:me@example.com',
  });
  const pop = await rig.text.worker.pop({
    name: 'my-rig',
    models: ['koboldcpp/llama-3.1-8b-instruct'],
    max_length: 512,
  });
  expectTypeOf(pop.id).toEqualTypeOf<string | null>();
  if (pop.id) {
    const { reward } = await rig.text.worker.submit({ id: pop.id, generation: ' Hello!', state: 'ok' });
    expectTypeOf(reward).toEqualTypeOf<number>();
  }
  const { response } = await horde.models.list().withResponse();
  expectTypeOf(response.headers.get('x-ratelimit-remaining')).toEqualTypeOf<string | null>();
});

it('images (docs/sdk/images.md)', async () => {
  const grid = new Grid();
  const result = await grid.images.generate(
    {
      prompt: 'a lighthouse at dusk, oil painting',
      model: 'FLUX.2 [klein]',
      n: 2,
      size: '1024x1024',
      steps: 4,
    },
    { onProgress: (percent) => `${percent}%` },
  );
  expectTypeOf(result.images).toEqualTypeOf<GridImage[]>();
  expectTypeOf(result.images[0]?.mime).toEqualTypeOf<'image/png' | 'image/jpeg' | 'image/webp' | undefined>();
  expectTypeOf(result.grid?.den).toEqualTypeOf<number | undefined>();
  const horde = new Grid({ baseURL: 'https://aihorde.net', apiKey: '0000000000' });
  const job = await horde.images.createAndWait(
    {
      prompt: 'a lighthouse at dusk###blurry, text',
      params: { width: 512, height: 512, steps: 30, n: 2, sampler_name: 'k_euler_a' },
      models: ['stable_diffusion'],
    },
    {
      onProgress: (c) => [c.queue_position, c.wait_time, c.progress?.progress_percent],
      timeout: 20 * 60_000,
    },
  );
  expectTypeOf(job.images.map((i) => i.seed)).toEqualTypeOf<Array<number | undefined>>();
  expectTypeOf(job.generations[0]?.censored).toEqualTypeOf<boolean | undefined>();
  const { id } = await horde.images.create({ prompt: 'x', params: { width: 512, height: 512 } });
  expectTypeOf(await horde.images.check(id)).toMatchTypeOf<HordeImageCheck>();
  await horde.images.status(id);
  await horde.images.cancel(id);
  const { progress } = await grid.images.progress('my-token');
  expectTypeOf(progress).toEqualTypeOf<number | null>();
  const winter = await grid.images.generate({
    prompt: 'the same scene in winter',
    image: await readImageFile('lighthouse.png'),
    strength: 0.6,
  });
  const paths = await saveImages(winter, 'out', { prefix: 'lighthouse' });
  expectTypeOf(paths).toEqualTypeOf<string[]>();
  await saveImages(job.images, 'out');
  await grid.images.generate({
    prompt: 'the same in winter',
    image: await readImageFile(paths[0]!),
    strength: 0.6,
  });
  await grid.images.generate({ prompt: 'x', image: new Blob([]) });
  await grid.images.generate({ prompt: 'x', image: 'https://example.com/cat.png' });
});

it('types: one ChatCompletion for a reply and a finished stream', async () => {
  const grid = new Grid();
  const messages = [{ role: 'user' as const, content: 'Say hello.' }];
  const show = (c: ChatCompletion) => [c.choices[0]?.message.content, c.usage.total_tokens, c.grid?.worker];
  show(await grid.chat.completions.create({ model: 'auto', messages }));
  const stream = await grid.chat.completions.create({ model: 'auto', messages, stream: true });
  show(await stream.finalChatCompletion());
  const extra = { repetition_penalty: 1.1 };
  await grid.chat.completions.create({ model: 'auto', messages, ...extra });
});

it('limits and message text', () => {
  const history: ChatCompletionMessageParam[] = [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }];
  const wanted = 100_000;
  const { messages, max_tokens } = limits.ChatCompletionRequest;
  const chars = history.reduce((n, m) => n + contentText(m.content).length, 0);
  if (history.length > messages.maxItems || chars > messages.maxTextChars) history.splice(1, 2);
  const maxTokens = Math.min(wanted, max_tokens.maximum);
  expectTypeOf(maxTokens).toEqualTypeOf<number>();
});

it('signed results', async () => {
  const grid = new Grid();
  const messages = [{ role: 'user' as const, content: 'Say hello.' }];
  const reply = await grid.chat.completions.create({ model: 'auto', messages });
  expectTypeOf(await verifyResult(reply)).toEqualTypeOf<boolean>();
  const job = await grid.text.generate({ prompt: 'Once upon a time' });
  const signed = await Promise.all((job.generations ?? []).map((g) => verifyResult(g)));
  expectTypeOf(signed).toEqualTypeOf<boolean[]>();
});

it('routing', async () => {
  const grid = new Grid();
  const messages = [{ role: 'user' as const, content: 'Say hello.' }];
  const routed = await grid.chat.completions.create({
    model: 'llama-3.1-8b-instruct',
    models: ['qwen2.5-7b-instruct'],
    routing: { region: 'eu-west', min_tokens_per_s: 30, sort: 'speed' },
    messages,
  });
  expectTypeOf(routed.grid?.routing?.decided).toEqualTypeOf<'routed' | 'queued' | undefined>();
  expectTypeOf(routed.grid?.routing?.winner?.reputation).toEqualTypeOf<number | undefined>();
  // @ts-expect-error: sort is one of speed, latency, reputation, price
  await grid.chat.completions.create({ model: 'auto', messages, routing: { sort: 'cheapest' } });
});

it('the raw client and middleware (docs/sdk/errors-and-retries.md)', async () => {
  const timing: Middleware = {
    onRequest({ request, schemaPath, id }) {
      console.log(request.method, schemaPath, id);
    },
    onResponse({ response }) {
      console.log(response.status);
    },
  };
  const grid = new Grid({ middleware: [timing] });
  expectTypeOf(grid.use(timing)).toEqualTypeOf<Grid>();
  const raw = rawClient(grid);
  const { data, error, response } = await raw.GET('/api/v2/workers', { params: { query: { type: 'text' } } });
  expectTypeOf(response).toEqualTypeOf<Response>();
  if (data) expectTypeOf(data[0]?.name).toEqualTypeOf<string | undefined>();
  expectTypeOf(error).not.toBeAny();
  await raw.GET('/health', { fetch: (request) => grid.send(request, { maxRetries: 0 }) });
});

it('batches (docs/sdk/batch.md)', async () => {
  const grid = new Grid();
  const questions = ['What is a GPU?', 'What is a TPU?'];
  const items = questions.map((q) => ({ model: 'auto', messages: [{ role: 'user' as const, content: q }] }));
  const results = await grid.batch(items, {
    concurrency: 8,
    onProgress: (p) => console.log(`${p.done}/${p.total}, ${p.inFlight} in flight, at ${p.concurrency}`),
  });
  expectTypeOf(results).toEqualTypeOf<BatchResult<ChatCompletion>[]>();
  for (const r of results) {
    if (r.type === 'succeeded') console.log(r.custom_id, r.data.choices[0]?.message.content, r.resumed);
    else if (r.type === 'errored') expectTypeOf(r.error).toEqualTypeOf<AIPGError>();
  }
  for await (const r of grid.batch(items)) expectTypeOf(r.index).toEqualTypeOf<number>();

  const [image] = await grid.batch([
    { custom_id: 'lighthouse', url: '/v1/images/generations', body: { prompt: 'a lighthouse at dusk' } },
  ]);
  if (image?.type === 'succeeded') expectTypeOf(image.data).toEqualTypeOf<ImagesResponse>();
  // A typo in a chat item does not compile, as in chat.completions.create.
  // @ts-expect-error
  await grid.batch([{ model: 'auto', messages: [{ role: 'user', contnet: 'x' }] }]);

  const file = await batchOutputFile('out.jsonl');
  await grid.batch(items, { ...file, concurrency: 16 });
  const writer = new WritableStream<string>().getWriter();
  await grid.batch(items, { output: (line) => writer.write(line), resume: file.resume });
});

it('the client WebSocket (docs/sdk/realtime.md)', async () => {
  const grid = new Grid({ webSocket: nodeWebSocket });
  const messages = [{ role: 'user' as const, content: 'Say hello.' }];
  const rt = await grid.realtime();
  const stream = await rt.chat.completions.create({ model: 'auto', messages, stream: true });
  expectTypeOf(stream).toEqualTypeOf<ChatCompletionStream>();
  expectTypeOf(await rt.chat.completions.create({ model: 'auto', messages })).toEqualTypeOf<ChatCompletion>();
  const job = await rt.jobs.submit({ prompt: 'Once upon a time', params: { max_length: 64 } });
  for await (const event of rt.jobs.subscribe(job.id, { after: 0 })) {
    expectTypeOf(event.seq).toEqualTypeOf<number>();
  }
  rt.close();
  const shared = await grid.chat.completions.create(
    { model: 'auto', messages, stream: true },
    { transport: 'websocket' },
  );
  expectTypeOf(shared).toEqualTypeOf<ChatCompletionStream>();
  try {
    await rt.chat.completions.create({ model: 'auto', messages });
  } catch (e) {
    if (e instanceof RealtimeDisconnectedError) expectTypeOf(e.closeCode).toEqualTypeOf<number | undefined>();
  }
});

it('pricing and usage (README, docs/sdk/pricing.md)', async () => {
  const grid = new Grid();
  const params = {
    model: 'llama-3.1-70b-instruct',
    messages: [{ role: 'user' as const, content: 'Hi' }],
    max_tokens: 64,
  };
  const quote = await grid.chat.completions.quote(params);
  expectTypeOf(quote).toMatchTypeOf<ChatQuote>();
  expectTypeOf(quote.den_per_token).toEqualTypeOf<number>();
  const reply = await grid.chat.completions.create(params);
  expectTypeOf(reply.grid?.den).toEqualTypeOf<number | undefined>();
  // A quote is one JSON answer even for a streamed request.
  expectTypeOf(await grid.chat.completions.quote({ ...params, stream: true })).toMatchTypeOf<ChatQuote>();
  const priced = await grid.images.quote({
    prompt: 'a lighthouse',
    model: 'FLUX.2 [klein]',
    size: '1024x1024',
    steps: 4,
  });
  expectTypeOf(priced).toMatchTypeOf<ImageQuote>();
  const week = await grid.account.usage({ startDate: new Date(Date.now() - 6 * 86_400_000) });
  expectTypeOf(week).toMatchTypeOf<UsageReport>();
  for (const row of week.data) expectTypeOf(row.date).toEqualTypeOf<string>();
  await grid.account.usage({ startDate: '2026-12-01' });
  // `dry_run` is not a create() param: quote() is the one way to it.
  // @ts-expect-error dry_run is quote()'s
  await grid.chat.completions.create({ ...params, dry_run: true });
});
