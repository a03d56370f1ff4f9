// The three kinds of client, each reading its answer the way that door states it:
// /v1 chat with `stream: true` (SSE: content deltas, one finish chunk, `[DONE]`; an `error` event is a
// failure), /v1 chat without streaming (200 with the message, or an error status), and Horde async +
// status polling (`done: true`, then `faulted` or `generations`). What each client received goes into
// Book.answer.
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { Answer } from './book.js';
import { type Door, promptOf } from './plan.js';

export interface ClientOptions {
  url: string;
  model: string;
  /** Completion cap of every job (tokens); the texts of Plan stay well under it. */
  maxTokens: number;
  /** Horde status poll period. */
  pollMs: number;
  /** Aborted when the run gives up on the jobs still open (they are lost). */
  signal: AbortSignal;
}

export async function runClient(door: Door, job: number, key: string, o: ClientOptions): Promise<Answer> {
  try {
    if (door === 'horde') return await horde(job, key, o);
    return await chat(job, key, o, door === 'v1-stream');
  } catch (err) {
    return { kind: 'none', detail: `no answer: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function chat(job: number, key: string, o: ClientOptions, stream: boolean): Promise<Answer> {
  const res = await fetch(`${o.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: o.model,
      messages: [{ role: 'user', content: promptOf(job) }],
      max_tokens: o.maxTokens,
      stream,
    }),
    signal: o.signal,
  });
  if (!res.ok) return { kind: 'error', detail: `HTTP ${res.status}: ${await res.text()}` };
  if (!stream) {
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: string | null } }> };
    const choices = body.choices ?? [];
    return { kind: 'success', text: choices[0]?.message?.content ?? '', answers: choices.length };
  }
  let text = '';
  let finishes = 0;
  let doneMarker = false;
  let error: string | undefined;
  const events = res
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  for (;;) {
    const { value: event, done } = await events.read();
    if (done) break;
    if (event.data === '[DONE]') {
      doneMarker = true;
      continue;
    }
    const chunk = JSON.parse(event.data) as {
      error?: { message?: string };
      choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
    };
    if (chunk.error) error ??= chunk.error.message ?? 'error event';
    for (const choice of chunk.choices ?? []) {
      text += choice.delta?.content ?? '';
      if (choice.finish_reason) finishes++;
    }
  }
  if (error !== undefined) return { kind: 'error', detail: `error event: ${error}` };
  if (finishes === 0 || !doneMarker) return { kind: 'none', detail: 'the stream ended without a finish' };
  return { kind: 'success', text, answers: finishes };
}

async function horde(job: number, key: string, o: ClientOptions): Promise<Answer> {
  const headers = { apikey: key, 'content-type': 'application/json' };
  const res = await fetch(`${o.url}/api/v2/generate/text/async`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      prompt: promptOf(job),
      models: [o.model],
      params: { max_length: o.maxTokens, n: 1 },
    }),
    signal: o.signal,
  });
  const accepted = (await res.json()) as { id?: string };
  if (!res.ok || !accepted.id)
    return { kind: 'error', detail: `HTTP ${res.status}: ${JSON.stringify(accepted)}` };
  for (;;) {
    const poll = await fetch(`${o.url}/api/v2/generate/text/status/${accepted.id}`, {
      headers,
      signal: o.signal,
    });
    const status = (await poll.json()) as {
      done?: boolean;
      faulted?: boolean;
      generations?: Array<{ text: string }>;
    };
    if (!poll.ok) return { kind: 'error', detail: `status HTTP ${poll.status}: ${JSON.stringify(status)}` };
    if (status.done) {
      if (status.faulted) return { kind: 'error', detail: 'faulted' };
      const generations = status.generations ?? [];
      return { kind: 'success', text: generations[0]?.text ?? '', answers: generations.length };
    }
    await new Promise((resolve) => setTimeout(resolve, o.pollMs));
  }
}
