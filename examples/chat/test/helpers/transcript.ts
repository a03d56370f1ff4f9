// Runs the chat's read loop in process over scripted lines, capturing what it prints.
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { Grid } from '@aipg/sdk';
import { ANONYMOUS_KEY } from '../../src/args.js';
import { repl } from '../../src/repl.js';
import { ChatSession } from '../../src/session.js';
import { DEFAULT_MODEL, type Settings } from '../../src/settings.js';

export interface Transcript {
  session: ChatSession;
  /** Everything printed so far. */
  output(): string;
  /** Resolves once the printed output matches. */
  waitForOutput(pattern: RegExp): Promise<string>;
  /** Types lines into the chat. */
  type(...lines: string[]): void;
  /** The JSON bodies the chat POSTed to /v1/chat/completions, in order. */
  requests: Array<{
    model: string;
    messages: Array<{ role: string; content: string }>;
    temperature?: number;
  }>;
  /** Resolves when the loop ends (/exit or the end of the input). */
  done: Promise<void>;
}

export function startTranscript(baseURL: string, settings: Partial<Settings> = {}): Transcript {
  let printed = '';
  const listeners = new Set<() => void>();
  const write = (text: string) => {
    printed += text;
    for (const l of listeners) l();
  };
  const requests: Transcript['requests'] = [];
  const grid = new Grid({
    baseURL,
    apiKey: ANONYMOUS_KEY,
    fetch: (url, init) => {
      // The sdk hands fetch the JSON body as a string (bytes when a middleware rebuilt the request).
      if (init.method === 'POST') {
        const body = init.body as string | ArrayBuffer;
        requests.push(JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)));
      }
      return fetch(url, init);
    },
  });
  const session = new ChatSession(
    grid,
    { model: DEFAULT_MODEL, system: undefined, temperature: undefined, maxTokens: undefined, ...settings },
    write,
  );
  const input = new PassThrough();
  const rl = createInterface({ input, terminal: false });
  return {
    session,
    requests,
    output: () => printed,
    waitForOutput: (pattern) =>
      new Promise((resolve) => {
        const check = () => {
          const match = printed.match(pattern);
          if (!match) return;
          listeners.delete(check);
          resolve(match[0]);
        };
        listeners.add(check);
        check();
      }),
    type: (...lines) => input.write(lines.map((l) => `${l}\n`).join('')),
    done: repl(session, rl, write),
  };
}
