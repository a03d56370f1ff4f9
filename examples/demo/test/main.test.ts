// `pnpm start`'s program as a child process, the way the root script runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { STEPS } from '../src/lifecycle.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function startDemo(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
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
function stepsOf(output: string, door: 'v1' | 'horde'): string[] {
  const prefix = `[${door}]`.padEnd(8);
  return output
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length + 1, prefix.length + 15).trim());
}

it('runs a chat over /v1 and a Horde job, printing every lifecycle step, and exits 0', async () => {
  const demo = startDemo();
  const code = await demo.exited;
  const output = demo.output();
  expect(code, output).toBe(0);
  // Two chat questions, then one Horde job: each goes all the way, in order.
  expect(stepsOf(output, 'v1')).toEqual([...STEPS, ...STEPS]);
  expect(stepsOf(output, 'horde')).toEqual([...STEPS, 'result']);
  expect(output).toMatch(/\[v1\] {5}assigned {6}to worker demo-small \(WebSocket\)/);
  expect(output).toMatch(/\[v1\] {5}assigned {6}to worker demo-large \(WebSocket\)/);
  expect(output).toMatch(
    /\[v1\] {5}den credited {2}[\d.]+ den to .+, who runs demo-small \(balance [\d.]+\)/,
  );
  // The chat's own output: the answers streamed to it, and the model switch.
  expect(output).toMatch(/\[chat\] {3}grid\/demo-small> Demo /);
  expect(output).toMatch(/\[chat\] {3}grid\/demo-large> Demo /);
  expect(output).toMatch(/✔ demo finished in [\d.]+ s: 3 jobs through 2 doors/);
}, 30_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('leaves no child process behind when it is killed outright', async () => {
  const demo = startDemo();
  const pids = await new Promise<number[]>((resolve, reject) => {
    const check = () => {
      const found = [...demo.output().matchAll(/started examples\/\w+ \(pid (\d+)\)/g)].map((m) =>
        Number(m[1]),
      );
      // Kill it mid-answer: the worker is busy and the chat is streaming.
      if (found.length === 2 && demo.output().includes('tokens')) resolve(found);
    };
    demo.child.stdout?.on('data', check);
    demo.exited.then(() => reject(new Error(`the demo ended first:\n${demo.output()}`)));
  });
  demo.child.kill('SIGKILL');
  await demo.exited;
  // The children notice they were orphaned and end themselves; wait for that (the test timeout bounds it).
  while (pids.some(alive)) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pids.filter(alive)).toEqual([]);
}, 15_000);
