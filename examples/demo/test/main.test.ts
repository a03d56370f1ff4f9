// `pnpm start`'s program as a child process, the way the root script runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { IMAGE_STEPS, STEPS } from '../src/lifecycle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where the demos of these tests save their image (`--out`). */
const out = mkdtempSync(join(tmpdir(), 'aipg-demo-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function startDemo(...args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--out', out, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

/** The lines of one door's lifecycle steps, e.g. `queued` for `[v1]     queued        request …`. */
function stepsOf(output: string, door: 'v1' | 'horde' | 'image'): string[] {
  const prefix = `[${door}]`.padEnd(8);
  return output
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length + 1, prefix.length + 15).trim());
}

it('runs a chat over /v1, a Horde job and an image, printing every lifecycle step, and exits 0', async () => {
  const demo = startDemo();
  const code = await demo.exited;
  const output = demo.output();
  expect(code, output).toBe(0);
  // Two chat questions, then one Horde job: each goes all the way, in order. (The batch's requests, after its
  // heading, are /v1 jobs too.)
  const beforeBatch = output.slice(0, output.indexOf('\n3b. a batch'));
  expect(stepsOf(beforeBatch, 'v1')).toEqual([...STEPS, ...STEPS]);
  // (A streamed line cut short by a pushed-events line goes on under `…`.)
  const horde = stepsOf(output, 'horde').filter((name) => name !== '…');
  expect(horde).toEqual([...STEPS, 'result', 'routed', ...STEPS]);
  // Why the Horde job went where it went: the grid's routing explanation.
  expect(output).toMatch(/\[horde\] {2}routed {8}(routed|queued), \d+ free worker\(s\) considered: .+/);
  // The second Horde job's events as the client was pushed them, numbered from 1, ending with done.
  const pushed = output.split('\n').filter((line) => line.startsWith('[events]'));
  expect(pushed[0]).toMatch(/^\[events\] #1 queued {5}position \d+ in the queue$/);
  expect(pushed[1]).toMatch(/^\[events\] #2 assigned {3}worker demo-small, model grid\/demo-small$/);
  expect(pushed.at(-1)).toMatch(/^\[events\] #\d+ +done +".+" \(\w+, \d+ tokens\)$/);
  expect(pushed.some((line) => /^\[events\] #\d+(–\d+)? token +×\d+ ".+"$/.test(line))).toBe(true);
  expect(output).toMatch(/\[v1\] {5}assigned {6}to worker demo-small \(WebSocket\)/);
  expect(output).toMatch(/\[v1\] {5}assigned {6}to worker demo-large \(WebSocket\)/);
  expect(output).toMatch(
    /\[v1\] {5}den credited {2}[\d.]+ den to .+, who runs demo-small \(balance [\d.]+\)/,
  );
  // The chat's own output: the answers streamed to it, and the model switch.
  expect(output).toMatch(/\[chat\] {3}grid\/demo-small> Demo /);
  expect(output).toMatch(/\[chat\] {3}grid\/demo-large> Demo /);
  // One image: every step once (progress as often as the worker reported), then the saved file.
  const imageSteps = stepsOf(output, 'image').filter((name, i, all) => name !== all[i - 1]);
  expect(imageSteps).toEqual([...IMAGE_STEPS, 'saved']);
  expect(output).toMatch(/\[image\] {2}worker {8}demo-painter \(WebSocket\) renders it/);
  expect(output).toMatch(/\[image\] {2}progress {6}\d+% \(the worker's report\)/);
  expect(output).toMatch(/\[image\] {2}uploaded {6}image\/png in the grid's object store as [\w-]+\.png/);
  expect(output).toMatch(/\[image\] {2}done {10}seed 1234 · [\d.]+ s · by demo-painter · 7\.86 den charged/);
  expect(output).toMatch(/\[image\] {2}den credited {2}7\.86 den to .+, who runs demo-painter/);
  const saved = output.match(/\[image\] {2}saved {9}(\S+) \(image\/png, 512×512, seed 1234, (\d+) bytes\)/);
  expect(saved?.[1]).toBe(join(out, 'demo-lighthouse-0.png'));
  const png = readFileSync(saved![1]!);
  expect(png.length).toBe(Number(saved![2]));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]); // PNG IHDR width, height
  // A small batch: uploaded, run to completion, and one output line per request line, in input order.
  expect(output).toMatch(
    /\[batch\] {2}uploaded {6}demo-batch\.jsonl: 3 request lines, \d+ bytes \(file-\w+\)/,
  );
  expect(output).toMatch(/\[batch\] {2}completed {5}completed: 3 of 3 answered, 0 failed/);
  expect([...output.matchAll(/\[batch\] {2}output {8}(q\d): "Demo /g)].map((m) => m[1])).toEqual([
    'q1',
    'q2',
    'q3',
  ]);
  // The grid misbehaving on purpose: a 429 the sdk retried, a stream cut mid-answer.
  expect(output).toMatch(
    /\[fault\] {2}rate-limited {2}429 → 200: the sdk waited out Retry-After: 1 and retried; "Demo /,
  );
  expect(output).toMatch(
    /\[fault\] {2}stream-cut {4}StreamInterruptedError after 3 chunks, partial text ".*"/,
  );
  // Pricing: a quote, the answer charged at its rate, and the key's usage row.
  expect(output).toMatch(
    /\[v1\] {5}quote {9}grid\/demo-small: 0\.1 den\/token \(size ×1, context ×1\) \+ 1 fee, at most 3\.4 den for 24 tokens/,
  );
  const charged = output.match(/\[v1\] {5}charged {7}([\d.]+) den for (\d+) tokens, as quoted/);
  expect(Number(charged?.[1])).toBe(Math.round((Number(charged?.[2]) * 0.1 + 1) * 100) / 100);
  expect(output).toMatch(
    new RegExp(
      `\\[v1\\] {5}usage {9}\\d{4}-\\d{2}-\\d{2} grid/demo-small: 1 request\\(s\\), 5 \\+ ${charged?.[2]} tokens, ${charged?.[1]} den`,
    ),
  );
  expect(output).toMatch(/✔ demo finished in [\d.]+ s: 11 jobs through 2 doors/);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the children's pids once the demo is mid-answer (worker busy, chat streaming). */
function midAnswer(demo: ReturnType<typeof startDemo>): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const pids = [...demo.output().matchAll(/started examples\/\w+ \(pid (\d+)\)/g)].map((m) =>
        Number(m[1]),
      );
      if (pids.length === 2 && demo.output().includes('[v1]     tokens')) {
        demo.child.stdout?.off('data', check);
        resolve(pids);
      }
    };
    demo.child.stdout?.on('data', check);
    demo.exited.then(() => reject(new Error(`the demo ended first:\n${demo.output()}`)));
  });
}

it('on SIGTERM stops its children, says where it was, and exits 143', async () => {
  const demo = startDemo();
  const pids = await midAnswer(demo);
  demo.child.kill('SIGTERM');
  expect(await demo.exited).toBe(143);
  expect(demo.output()).toContain(
    '✖ demo failed during "1. a conversation over /v1 (examples/chat, scripted)": stopped by SIGTERM',
  );
  // It waited for them before exiting.
  expect(pids.filter(alive)).toEqual([]);
});

it('leaves no child process behind when it is killed outright (SIGKILL)', async () => {
  const demo = startDemo();
  const pids = await midAnswer(demo);
  demo.child.kill('SIGKILL');
  await demo.exited;
  // The children notice they were orphaned and end themselves; wait for that (the test timeout bounds it).
  while (pids.some(alive)) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pids.filter(alive)).toEqual([]);
});

it('gives up after its time limit, saying where it was, and leaves no child behind', async () => {
  // Two node processes starting and two answers streaming (12+ tokens at 40 and 25 tokens/s) take longer.
  const demo = startDemo('--time-limit', '1');
  expect(await demo.exited).toBe(1);
  expect(demo.output()).toMatch(/✖ demo failed during "\d\. [^"]+": not finished after 1 s/);
  const pids = [...demo.output().matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
  expect(pids.length).toBeGreaterThan(0); // the worker had started
  expect(pids.filter(alive)).toEqual([]);
});
