import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DecodedBody, decodeBody } from './body.js';
import { normalisePath } from './paths.js';
import { type DoorRequest, type DoorResponse, SSE_HEADERS, sseFrame } from './types.js';

/** Thrown by `readBody` when the raw body passes the cap; the router turns it into the surface's 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<DecodedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      // Stop reading; the response goes out and the connection is closed after it.
      req.unpipe?.();
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(chunk);
  }
  return decodeBody(Buffer.concat(chunks));
}

/** Builds the door request; the body is read by the caller (so the size cap can answer with the right shape). */
export function toDoorRequest(req: IncomingMessage, res: ServerResponse, body: DecodedBody): DoorRequest {
  const { path, query } = normalisePath(req.url ?? '/');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const aborter = new AbortController();
  // `close` before `finish` means the client went away mid-response (e.g. a dropped SSE stream).
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    query,
    headers,
    bodyText: body.text,
    ...(body.problem === undefined ? {} : { bodyProblem: body.problem }),
    signal: aborter.signal,
  };
}

export async function writeDoorResponse(res: ServerResponse, out: DoorResponse): Promise<void> {
  if (out.kind === 'json') {
    const text = JSON.stringify(out.body);
    res.writeHead(out.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...out.headers,
    });
    res.end(text);
    return;
  }
  res.writeHead(out.status, { ...SSE_HEADERS, ...out.headers });
  res.flushHeaders();
  for await (const data of out.events) {
    if (res.destroyed) break;
    res.write(sseFrame(data));
  }
  if (!res.destroyed) res.end();
}
