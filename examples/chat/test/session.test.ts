import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedConversation } from '../src/session.js';
import { MODEL_A, MODEL_B, startTestGrid, type TestGrid } from './helpers/grid.js';
import { startTranscript } from './helpers/transcript.js';

/** The answer text printed after `<model>> `, up to the end of its line. */
function answersIn(output: string, model: string): string[] {
  return [...output.matchAll(new RegExp(`^${model}> (.*)$`, 'gm'))].map((m) => m[1]!);
}

describe('a conversation on a mock grid with a demo worker', () => {
  let t: TestGrid;
  let dir: string;
  beforeAll(async () => {
    t = await startTestGrid(400);
    dir = await mkdtemp(join(tmpdir(), 'aipg-chat-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the whole history with each question, switches models mid-way and saves it all', async () => {
    const file = join(dir, 'chat.json');
    const chat = startTranscript(t.grid.url, { model: MODEL_A, system: 'Answer in one line.' });
    chat.type(
      '/temperature 0.3',
      'What is the grid?',
      '/model demo/beta',
      'And who runs the workers?',
      `/save ${file}`,
      '/exit',
      'never read',
    );
    await chat.done;
    const output = chat.output();

    const [first] = answersIn(output, MODEL_A);
    const [second] = answersIn(output, MODEL_B);
    expect(first).toMatch(/^Demo /);
    expect(second).toMatch(/^Demo /);
    // Grid metadata after each answer: the worker serving each model.
    expect(output).toMatch(/↳ worker alpha-worker · model demo\/alpha · ttft \d+\.\d\d s · [\d.]+ tokens\/s/);
    expect(output).toMatch(/↳ worker beta-worker · model demo\/beta/);

    // The second request carried the first turn, to the new model.
    expect(chat.requests.map((r) => r.model)).toEqual([MODEL_A, MODEL_B]);
    expect(chat.requests[1]!.messages).toEqual([
      { role: 'system', content: 'Answer in one line.' },
      { role: 'user', content: 'What is the grid?' },
      { role: 'assistant', content: first },
      { role: 'user', content: 'And who runs the workers?' },
    ]);
    expect(chat.requests[1]!.temperature).toBe(0.3);

    const saved = JSON.parse(await readFile(file, 'utf8')) as SavedConversation;
    expect(saved).toEqual({
      model: MODEL_B,
      settings: { system: 'Answer in one line.', temperature: 0.3, max_tokens: null },
      messages: [...chat.requests[1]!.messages, { role: 'assistant', content: second }],
    });
    // What /save says it wrote is what the file holds.
    expect(output).toContain(`saved 5 messages (the system prompt, 2 questions, 2 answers) to ${file}\n`);
    // /exit ends the loop: the line after it was never sent.
    expect(output).not.toContain('never read');
  });

  it('lists the online models, marking the current one', async () => {
    const chat = startTranscript(t.grid.url, { model: MODEL_B });
    chat.type('/models');
    await chat.waitForOutput(/demo\/beta\n/);
    expect(chat.output()).toContain(`  ${MODEL_A}\n* ${MODEL_B}\n`);
    chat.type('/exit');
    await chat.done;
  });

  it('rejects bad settings with the limit and keeps the old value', async () => {
    const chat = startTranscript(t.grid.url, { model: MODEL_A });
    chat.type(
      '/help',
      '/temperature 0.5',
      '/temperature 3',
      '/max-tokens 0',
      '/max-tokens 64',
      '/bogus',
      'Hi',
    );
    chat.type('/max-tokens', '/system', 'Hi again');
    chat.type('/exit');
    await chat.done;
    const output = chat.output();
    expect(output).toContain('temperature must be a number from 0 to 2 (got "3")');
    expect(output).toContain('max tokens must be a whole number from 1 to 32768 (got "0")');
    expect(output).toContain('unknown command /bogus (/help lists them)');
    expect(output).toContain(
      '  /save <file>        write the conversation (messages, model, settings) as JSON\n',
    );
    expect(chat.session.settings.temperature).toBe(0.5);
    expect(chat.requests[0]).toMatchObject({ temperature: 0.5, max_tokens: 64 });
    // A setting command with no value goes back to the grid's default: nothing is sent.
    expect(chat.requests[1]).not.toHaveProperty('max_tokens');
  });

  it('refuses /model for a model the grid does not serve and keeps the current one', async () => {
    const chat = startTranscript(t.grid.url, { model: MODEL_A });
    chat.type('/model grid/nope', '/model auto', '/model demo/beta', '/exit');
    await chat.done;
    const output = chat.output();
    expect(output).toContain(
      `the grid serves no model "grid/nope" (online: auto, ${MODEL_A}, ${MODEL_B}); model stays ${MODEL_A}\n`,
    );
    expect(output).toContain('/model auto\nmodel: auto\n');
    expect(output).toContain('/model demo/beta\nmodel: demo/beta\n');
    expect(chat.session.settings.model).toBe(MODEL_B);
  });

  it('reports a grid error and keeps the failed question out of the history', async () => {
    const chat = startTranscript(t.grid.url, { model: 'no/such-model' });
    chat.type('Hello?', '/model demo/alpha', 'Hello!', '/exit');
    await chat.done;
    expect(chat.output()).toMatch(/no\/such-model> \nerror: .*no\/such-model/);
    expect(chat.session.history.map((m) => m.content)).toEqual([
      'Hello!',
      answersIn(chat.output(), MODEL_A)[0],
    ]);
  });
});

describe('stopping an answer', () => {
  let t: TestGrid;
  beforeAll(async () => {
    t = await startTestGrid(10); // 12+ tokens: over a second per answer, time to interrupt it
  });
  afterAll(() => t.close());

  it('aborts the stream, cancels the job on the grid and leaves the turn out of the history', async () => {
    const chat = startTranscript(t.grid.url, { model: MODEL_A });
    expect(chat.session.interrupt()).toBe(false); // nothing to stop yet
    chat.type('Tell me a long story');
    const token = await t.waitFor('token');
    expect(chat.session.interrupt()).toBe(true);
    await chat.waitForOutput(/\(answer stopped; not kept in the history\)\n/);
    await t.waitFor('cancelled', (e) => e.jobId === token.jobId);
    expect(chat.session.history).toEqual([]);
    expect(t.events.some((e) => e.type === 'done' && e.jobId === token.jobId)).toBe(false);
    chat.type('/exit');
    await chat.done;
  });
});
