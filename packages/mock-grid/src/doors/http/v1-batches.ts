import { fieldName } from '../../validation/spec.js';
import { v1ValidationError } from '../errors.js';
import { formBoundary, parseForm } from './multipart.js';
import { type DoorContext, type Route, type RouteInput, v1ApiKey } from './router.js';
import { type DoorResponse, json } from './types.js';

/**
 * The OpenAI-compatible Batch API door (spec: openapi/paths/v1_files*.yaml, v1_batches*.yaml): files in and out
 * and batches over them. Each handler is a translation to one core call (src/core/batch-runner.ts); the door's
 * own parts are the multipart upload and the check of each request line's body against the endpoint's schema.
 */

/** Room for the form's boundaries and part headers around an upload of the largest file allowed. */
export const UPLOAD_OVERHEAD_BYTES = 64 * 1024;
/** While a batch runs, `retrieveBatch` says to read it again after this (`x-poll-after-ms`). */
export const BATCH_POLL_AFTER_MS = 1_000;

/** The body cap of a request: the upload takes a whole batch file, every other request `maxBodyBytes`. */
export function bodyLimitFor(ctx: DoorContext, method: string, path: string): number {
  if (method.toUpperCase() === 'POST' && path === '/v1/files') {
    return Math.max(ctx.limits.maxBodyBytes, ctx.grid.batchSettings.maxFileBytes + UPLOAD_OVERHEAD_BYTES);
  }
  return ctx.limits.maxBodyBytes;
}

function authenticated(input: RouteInput): undefined {
  input.ctx.grid.authenticate(v1ApiKey(input.req), 'inference.submit');
  return undefined;
}

function createFile(input: RouteInput): DoorResponse {
  const { req, ctx } = input;
  const boundary = formBoundary(req.headers['content-type']);
  if (boundary === undefined) {
    return json(415, {
      detail: `Unsupported Media Type: the upload must be multipart/form-data with a boundary (got ${
        req.headers['content-type']?.split(';')[0]?.trim() || 'no type'
      })`,
    });
  }
  if (req.bodyProblem !== undefined) {
    return json(400, { detail: `file: a batch file must be UTF-8 JSONL; ${req.bodyProblem}` });
  }
  const parts = parseForm(req.bodyText ?? '', boundary);
  if (typeof parts === 'string')
    return json(400, { detail: `There was an error parsing the body: ${parts}` });
  const file =
    parts.find((p) => p.name === 'file' && p.filename !== undefined) ?? parts.find((p) => p.name === 'file');
  const purpose = parts.find((p) => p.name === 'purpose');
  if (purpose === undefined) {
    return v1ValidationError('body', [{ path: ['purpose'], message: 'field required', keyword: 'missing' }]);
  }
  if (purpose.value !== 'batch') {
    return v1ValidationError('body', [
      { path: ['purpose'], message: 'must be one of ["batch"]', keyword: 'enum' },
    ]);
  }
  if (file === undefined) {
    return json(400, { detail: 'file: the upload needs a part named file (multipart/form-data)' });
  }
  const created = ctx.grid.createFile({
    apiKey: v1ApiKey(req),
    filename: file.filename || 'file.jsonl',
    purpose: 'batch',
    text: file.value,
  });
  return json(200, created);
}

const fileId = (input: RouteInput) => input.params.file_id ?? '';
const batchId = (input: RouteInput) => input.params.batch_id ?? '';

function fileContent(input: RouteInput): DoorResponse {
  const text = input.ctx.grid.fileContent(v1ApiKey(input.req), fileId(input));
  return { kind: 'raw', status: 200, contentType: 'application/jsonl', body: text };
}

/** The endpoint's request schema, as the line check the core runs on each line's `body`. */
function bodyCheck(input: RouteInput): (body: unknown) => string | undefined {
  const validate = input.ctx.spec.operation('createChatCompletion').body!;
  return (body) => {
    const problems = validate(body);
    if (problems.length === 0) return undefined;
    const first = problems[0]!;
    return `${fieldName(first.path) || 'body'}: ${first.message}`;
  };
}

function createBatch(input: RouteInput): DoorResponse {
  const { ctx } = input;
  const body = input.body as {
    input_file_id: string;
    endpoint: string;
    completion_window: string;
    metadata?: Record<string, string> | null;
  };
  const batch = ctx.grid.createBatch({
    apiKey: v1ApiKey(input.req),
    input_file_id: body.input_file_id,
    endpoint: body.endpoint,
    completion_window: body.completion_window,
    metadata: body.metadata ?? null,
    checkBody: bodyCheck(input),
  });
  return json(200, batch);
}

function retrieveBatch(input: RouteInput): DoorResponse {
  const batch = input.ctx.grid.batch(v1ApiKey(input.req), batchId(input));
  const ended = ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status);
  return ended ? json(200, batch) : json(200, batch, { 'x-poll-after-ms': String(BATCH_POLL_AFTER_MS) });
}

interface ListQuery {
  after?: string;
  limit?: number;
  order?: 'asc' | 'desc';
  purpose?: string;
}

export const v1BatchRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/files$/,
    operationId: 'createFile',
    before: authenticated,
    handler: createFile,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/files$/,
    operationId: 'listFiles',
    before: authenticated,
    handler: (input) => json(200, input.ctx.grid.listFiles(v1ApiKey(input.req), input.query as ListQuery)),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/files\/(?<file_id>[^/]+)\/content$/,
    operationId: 'retrieveFileContent',
    before: authenticated,
    handler: fileContent,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/files\/(?<file_id>[^/]+)$/,
    operationId: 'retrieveFile',
    before: authenticated,
    handler: (input) => json(200, input.ctx.grid.file(v1ApiKey(input.req), fileId(input))),
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/files\/(?<file_id>[^/]+)$/,
    operationId: 'deleteFile',
    before: authenticated,
    handler: (input) => json(200, input.ctx.grid.deleteFile(v1ApiKey(input.req), fileId(input))),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/batches$/,
    operationId: 'createBatch',
    before: authenticated,
    handler: createBatch,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/batches$/,
    operationId: 'listBatches',
    before: authenticated,
    handler: (input) => json(200, input.ctx.grid.listBatches(v1ApiKey(input.req), input.query as ListQuery)),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/batches\/(?<batch_id>[^/]+)$/,
    operationId: 'retrieveBatch',
    before: authenticated,
    handler: retrieveBatch,
  },
  {
    method: 'POST',
    pattern: /^\/v1\/batches\/(?<batch_id>[^/]+)\/cancel$/,
    operationId: 'cancelBatch',
    before: authenticated,
    handler: (input) => json(200, input.ctx.grid.cancelBatch(v1ApiKey(input.req), batchId(input))),
  },
];
