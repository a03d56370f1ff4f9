// The real program as a child process: piped (scripted) stdin, Ctrl-C as a SIGINT.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import type { SavedConversation } from '../src/session.js';
import { MODEL_A, startTestGrid, type TestGrid } from './helpers/grid.js';

const root = fileURLToPath(new URL('..', import.meta.url));

let t: TestGrid;
beforeAll(async () => {
  t = await startTestGrid(10);
});
afterAll(() => t.close());

function startChat(...args: string[]): { child: ChildProcessWithoutNullStreams; stdout: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, AIPG_API_KEY: '' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return { child, stdout: () => out };
}

/** Resolves once the chat has printed `text`; rejects if it exits first. */
function printed(text: string, chat: ReturnType<typeof startChat>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!chat.stdout().includes(text)) return;
      chat.child.stdout.off('data', check);
      resolve();
    };
    chat.child.stdout.on('data', check);
    chat.child.once('exit', (code) => reject(new Error(`chat exited (${code}) before printing ${text}`)));
    check();
  });
}

it('Ctrl-C stops the answer, not the program; piped input then carries on to /exit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aipg-chat-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'saved.json');
  const chat = startChat('--base-url', t.grid.url, '--model', MODEL_A);
  const { child } = chat;
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));

  child.stdin.write('Tell me a long story\n');
  const token = await t.waitFor('token');
  await printed(`${MODEL_A}> Demo`, chat);
  child.kill('SIGINT');
  await printed('(answer stopped; not kept in the history)', chat);
  await t.waitFor('cancelled', (e) => e.jobId === token.jobId);

  child.stdin.end(`/max-tokens 4\nHi\n/save ${file}\n/exit\n`);
  expect(await exit).toBe(0);
  const saved = JSON.parse(await readFile(file, 'utf8')) as SavedConversation;
  expect(saved.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(saved.messages[0]!.content).toBe('Hi');
  expect(saved.settings.max_tokens).toBe(4); // and the short answer keeps the test quick
}, 15_000);

it('exits 2 with the usage on a bad flag', async () => {
  const { child } = startChat('--temperature', '9');
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code).toBe(2);
  expect(err).toContain('--temperature must be a number from 0 to 2 (got "9")');
  expect(err).toContain('Usage:');
});
