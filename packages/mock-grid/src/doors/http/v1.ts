import type { ChatCompletionRequest, CompletionUsage, GridMetadata } from '@aipg/sdk';
import { contentText } from '@aipg/sdk/wire';
import type { GridCore, GridJobEvent, Submission } from '../../core/index.js';
import { chatQuoteView, completionChoice, isGridError } from '../../core/index.js';
import { AsyncQueue } from '../async-queue.js';
import { v1Error } from '../errors.js';
import { type Route, type RouteInput, v1ApiKey } from './router.js';
import { type DoorResponse, json, SSE_HEADERS } from './types.js';

/**
 * The live `/v1` client door (spec: openapi/paths/v1_*.yaml): OpenAI-compatible chat completions (JSON and SSE),
 * models, status, workers, health. Each handler is a translation: wire body → one core call → wire body.
 */

const OWNED_BY = 'aipowergrid';

function modelEntry(id: string) {
  return { id, object: 'model', created: 0, owned_by: OWNED_BY, input_modalities: ['text'] };
}

/** `auto` is listed first whenever any text model is online (it is routed by the core). */
function listedModels(grid: GridCore): string[] {
  const online = grid.onlineModels();
  return online.length ? ['auto', ...online] : [];
}

function modelNotAvailable(id: string, grid: GridCore): DoorResponse {
  const online = grid.onlineModels();
  // The live text is a Python list repr: ['a', 'b'].
  const list = `[${online.map((m) => `'${m}'`).join(', ')}]`;
  return json(404, { detail: `Model '${id}' is not available. Online models: ${list}` });
}

/** The 413 the live grid answers before anything else for oversized conversations. */
function tooLarge(input: RouteInput): DoorResponse | undefined {
  const body = input.body as { messages?: unknown } | undefined;
  const messages = body && typeof body === 'object' ? body.messages : undefined;
  if (!Array.isArray(messages)) return undefined;
  const { maxMessages, maxMessageChars } = input.ctx.limits;
  if (messages.length > maxMessages) return json(413, { detail: `too many messages (max ${maxMessages})` });
  // The body is not validated yet: `contentText` reads any value, by the rule the core and the worker use.
  let chars = 0;
  for (const m of messages) chars += contentText((m as { content?: unknown } | null)?.content).length;
  if (chars > maxMessageChars) {
    return json(413, { detail: `messages too large: ${chars} characters (max ${maxMessageChars})` });
  }
  return undefined;
}

function beforeChat(input: RouteInput): DoorResponse | undefined {
  // Auth is a FastAPI dependency: it answers before the body is validated.
  input.ctx.grid.authenticate(v1ApiKey(input.req), 'inference.submit');
  return tooLarge(input);
}

interface ChoiceState {
  streamed: boolean;
  text: string;
  reasoning: string;
  finished: boolean;
}

type Terminal = Extract<GridJobEvent, { type: 'done' | 'failed' | 'faulted' | 'cancelled' }>;

function chatRequest(input: RouteInput): { request: ChatCompletionRequest } | { error: DoorResponse } {
  const body = input.body as ChatCompletionRequest & { max_completion_tokens?: number | null };
  const alias = body.max_completion_tokens;
  if (alias !== undefined && alias !== null) {
    if (body.max_tokens !== undefined && body.max_tokens !== null && body.max_tokens !== alias) {
      const error = json(422, {
        detail: [
          {
            loc: ['body', 'max_completion_tokens'],
            msg: `max_completion_tokens (${alias}) and max_tokens (${body.max_tokens}) differ; send one of them`,
            type: 'value_error',
          },
        ],
      });
      return { error };
    }
    return { request: { ...body, max_tokens: alias } };
  }
  return { request: body };
}

/**
 * The `X-Grid-Region` header is the client's region, a default for `routing.region` (spec:
 * `RoutingPreferences.region`); the body's own wins.
 */
function withRegionHeader(request: ChatCompletionRequest, header: string | undefined): ChatCompletionRequest {
  const region = header?.trim();
  if (!region || request.routing?.region) return request;
  return { ...request, routing: { ...request.routing, region } };
}

async function createChatCompletion(input: RouteInput): Promise<DoorResponse> {
  const { grid } = input.ctx;
  const parsed = chatRequest(input);
  if ('error' in parsed) return parsed.error;
  const request = withRegionHeader(parsed.request, input.req.headers['x-grid-region']);
  // The listener is attached inside `submit`: a request can end there (the mock's `faulted` scenario), and a
  // finished /v1 request is forgotten at once. Its events wait here until the stream below is set up.
  const early: GridJobEvent[] = [];
  let onEvent = (e: GridJobEvent) => {
    early.push(e);
  };
  let submission: Submission;
  try {
    submission = grid.submit({
      source: 'v1',
      apiKey: v1ApiKey(input.req),
      request,
      mock: input.req.mock,
      listener: (e) => onEvent(e),
    });
  } catch (err) {
    // The live text lists the online models as a Python list repr; the wording is this door's.
    if (isGridError(err, 'ModelNotOnline')) return modelNotAvailable(request.model, grid);
    throw err;
  }
  // A quote: nothing was queued (docs/mock-grid.md "Pricing").
  if (request.dry_run === true && submission.quote.kind === 'text') {
    return json(200, chatQuoteView(submission.quote));
  }
  const created = Math.floor(grid.clock.now() / 1000);
  const model = submission.model ?? request.model;
  const completionId = `chatcmpl-${submission.id}`;

  const stream = (input.body as { stream?: boolean }).stream === true;
  const remaining = new Set(submission.jobIds.map((_, i) => i));
  const events = new AsyncQueue<GridJobEvent>(() => close());
  let closed = false;
  onEvent = (e) => {
    if (closed) return;
    // A non-streamed answer is made from the terminal events alone (`collect`): tokens need not wait in line.
    if (stream || e.type !== 'token') events.push(e);
    if (isTerminal(e)) remaining.delete(e.index);
    if (remaining.size === 0) events.end();
  };
  for (const e of early) onEvent(e);
  // Runs once, however the response ends: finished, failed, or the client went away.
  const close = () => {
    if (closed) return;
    closed = true;
    input.req.signal.removeEventListener('abort', onAbort);
    // Choices still open here were abandoned: the grid cancels them (a leased job's worker gets `cancel`).
    if (remaining.size > 0) {
      try {
        grid.cancel(submission.id);
      } catch {
        // Already gone (finished or expired): nothing left to cancel.
      }
    }
  };
  const onAbort = () => {
    close();
    void events.return();
  };
  input.req.signal.addEventListener('abort', onAbort, { once: true });
  if (input.req.signal.aborted) onAbort();

  if (stream) {
    return {
      kind: 'sse',
      status: 200,
      headers: SSE_HEADERS,
      // The role chunk of each choice (`sse` below) comes first.
      opening: submission.jobIds.length,
      events: sse(submission, events, model, created, completionId, close),
    };
  }
  try {
    return await collect(events, model, created, completionId);
  } finally {
    close();
  }
}

function isTerminal(e: GridJobEvent): e is Terminal {
  return e.type === 'done' || e.type === 'failed' || e.type === 'faulted' || e.type === 'cancelled';
}

function addUsage(total: CompletionUsage | undefined, u: CompletionUsage): CompletionUsage {
  if (!total) return { ...u };
  return {
    prompt_tokens: total.prompt_tokens + u.prompt_tokens,
    completion_tokens: total.completion_tokens + u.completion_tokens,
    total_tokens: total.total_tokens + u.total_tokens,
  };
}

/** The answer's `grid`: the last choice's metadata, with `den` the whole request's charge (spec: GridMetadata.den). */
function answerGrid(grid: GridMetadata, den: number): GridMetadata {
  return { ...grid, den: Math.round(den * 100) / 100 };
}

function errorType(e: Terminal): 'invalid_request_error' | 'upstream_error' {
  return e.type === 'failed' && e.clientError ? 'invalid_request_error' : 'upstream_error';
}

function errorMessage(e: Terminal): string {
  if (e.type === 'failed' || e.type === 'faulted') return e.message;
  return 'The request was cancelled.';
}

async function* sse(
  submission: Submission,
  events: AsyncQueue<GridJobEvent>,
  model: string,
  created: number,
  id: string,
  finish: () => void,
): AsyncGenerator<string> {
  // Every chunk starts with the same fields: serialised once, then only `choices` (and the last chunk's
  // `usage` and `grid`) per chunk. The text is what `JSON.stringify` of the whole object gives.
  const head = JSON.stringify({ id, object: 'chat.completion.chunk', created, model }).slice(0, -1);
  const chunk = (choices: unknown[], extra?: { usage: unknown; grid: unknown }) =>
    extra === undefined
      ? `${head},"choices":${JSON.stringify(choices)}}`
      : JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra });
  const choices: ChoiceState[] = submission.jobIds.map(() => ({
    streamed: false,
    text: '',
    reasoning: '',
    finished: false,
  }));
  let usage: CompletionUsage | undefined;
  let den = 0;
  try {
    for (let i = 0; i < choices.length; i++) {
      yield chunk([
        { index: i, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
      ]);
    }
    let open = choices.length;
    for await (const e of events) {
      const c = choices[e.index];
      if (!c || c.finished) continue;
      if (e.type === 'token') {
        // Text streamed (not an empty or tool-call-only delta) means `done` brings nothing new to send.
        if (e.delta.content || e.delta.reasoning_content) c.streamed = true;
        yield chunk([{ index: e.index, delta: e.delta, logprobs: null, finish_reason: null }]);
      } else if (e.type === 'done') {
        c.finished = true;
        open--;
        usage = addUsage(usage, e.usage);
        den += e.grid.den ?? 0;
        // A pop worker (or a worker that never streamed) delivers its whole text at once: one delta.
        if (!c.streamed && (e.text || e.reasoning)) {
          const delta: Record<string, string> = {};
          if (e.reasoning) delta.reasoning_content = e.reasoning;
          if (e.text) delta.content = e.text;
          yield chunk([{ index: e.index, delta, logprobs: null, finish_reason: null }]);
        }
        const final = [{ index: e.index, delta: {}, logprobs: null, finish_reason: e.finish_reason }];
        yield open === 0 ? chunk(final, { usage, grid: answerGrid(e.grid, den) }) : chunk(final);
      } else if (isTerminal(e)) {
        c.finished = true;
        open--;
        yield JSON.stringify({ error: { message: errorMessage(e), type: errorType(e) } });
        break;
      }
      if (open === 0) break;
    }
    yield '[DONE]';
  } finally {
    finish();
    await events.return();
  }
}

async function collect(
  events: AsyncQueue<GridJobEvent>,
  model: string,
  created: number,
  id: string,
): Promise<DoorResponse> {
  const choices: unknown[] = [];
  let usage: CompletionUsage | undefined;
  let grid: GridMetadata | undefined;
  let den = 0;
  for await (const e of events) {
    if (e.type === 'done') {
      usage = addUsage(usage, e.usage);
      den += e.grid.den ?? 0;
      grid = answerGrid(e.grid, den);
      choices[e.index] = completionChoice(e);
    } else if (isTerminal(e)) {
      if (e.type === 'failed' && e.clientError) return json(400, { detail: e.message });
      // Every worker that could serve it went away: the same 503 a new request for the model gets.
      if (e.type === 'faulted' && e.noWorker) return json(503, { detail: e.message });
      return json(502, { detail: errorMessage(e) });
    }
  }
  return json(200, {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: choices.filter(Boolean),
    usage,
    grid,
  });
}

function listModels({ ctx }: RouteInput): DoorResponse {
  return json(200, { object: 'list', data: listedModels(ctx.grid).map(modelEntry) });
}

function retrieveModel({ ctx, params }: RouteInput): DoorResponse {
  const id = params.model_id ?? '';
  // Live wording for this route (chat completions list the online models instead).
  if (!listedModels(ctx.grid).includes(id)) return json(404, { detail: `Model '${id}' not found` });
  return json(200, modelEntry(id));
}

function health({ ctx }: RouteInput): DoorResponse {
  const workers = ctx.grid.workerList();
  return json(200, {
    status: 'ok',
    build_commit: null,
    redis: true,
    workers_connected: workers.count,
    models_available: ctx.grid.onlineModels(),
  });
}

export const v1Routes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/chat\/completions$/,
    operationId: 'createChatCompletion',
    before: beforeChat,
    handler: createChatCompletion,
  },
  { method: 'GET', pattern: /^\/v1\/models$/, operationId: 'listModels', handler: listModels },
  // Model ids contain slashes (`grid/llama-3-8b`): the parameter takes the rest of the path. (Live cannot
  // retrieve such an id, a 404 "Not Found"; the mock deliberately can.)
  {
    method: 'GET',
    pattern: /^\/v1\/models\/(?<model_id>.+)$/,
    operationId: 'retrieveModel',
    handler: retrieveModel,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/status\/models$/,
    operationId: 'listModelStatus',
    handler: ({ ctx }) => json(200, ctx.grid.modelStatus()),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/workers$/,
    operationId: 'listWorkers',
    handler: ({ ctx }) => json(200, ctx.grid.workerList()),
  },
  { method: 'GET', pattern: /^\/health$/, operationId: 'getHealth', handler: health },
  // A plain GET (no Upgrade header) on the worker socket path; upgrades never reach the HTTP router.
  {
    method: 'GET',
    pattern: /^\/v1\/workers\/ws$/,
    operationId: 'connectWorker',
    handler: () => json(400, { detail: 'WebSocket upgrade required' }),
  },
  // The same for the client socket (doors/ws/client-door.ts).
  {
    method: 'GET',
    pattern: /^\/v1\/ws$/,
    operationId: 'connectClient',
    handler: () => json(400, { detail: 'WebSocket upgrade required' }),
  },
];

export { v1Error };
