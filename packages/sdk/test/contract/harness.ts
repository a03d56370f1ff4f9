// The contract suite's grid (openapi/contract/README.md, "The harness"): the built mock grid CLI in strict
// mode with the suite's keys file, and one reference worker on the demo backend. Waits end on output or
// on the model appearing; their limits are backstops for a hung process, never assertions.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const CONTRACT_DIR = join(ROOT, 'openapi/contract');
const HARNESS_DIR = join(CONTRACT_DIR, 'harness');
const GRID_CLI = join(ROOT, 'packages/mock-grid/dist/cli.js');
const WORKER_CLI = join(ROOT, 'packages/worker/dist/cli.js');

/** The model the harness's worker serves (openapi/contract/harness/bridgeData.yaml). */
export const MODEL = 'grid/demo';
/** Generous: on a saturated 2-core machine two node start-ups and a registration can take long. */
const READY_LIMIT_MS = 120_000;

export interface Harness {
  url: string;
  /** The API key of each account in harness/keys.json, by its username. */
  keys: Record<string, string>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  for (const cli of [GRID_CLI, WORKER_CLI]) {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);
  }
  const keysFile = join(HARNESS_DIR, 'keys.json');
  const keys = Object.fromEntries(
    (JSON.parse(readFileSync(keysFile, 'utf8')) as Array<{ key: string; username: string }>).map((entry) => [
      entry.username,
      entry.key,
    ]),
  );
  const temp = mkdtempSync(join(tmpdir(), 'aipg-contract-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    // The worker first, so it drains while the grid still answers.
    for (const child of [...children].reverse()) await stopChild(child);
    rmSync(temp, { recursive: true, force: true });
  };
  try {
    // stdout carries only the `listening on` line (docs/mock-grid.md, "Start it"); the log goes to a file.
    const grid = spawnLogged(
      GRID_CLI,
      ['--port', '0', '--auth', 'strict', '--keys', keysFile, '--no-rate-limits'],
      join(temp, 'grid.log'),
      true,
    );
    children.push(grid);
    const url = await firstMatch(grid, /listening on (http:\/\/\S+)/, join(temp, 'grid.log'));
    const worker = spawnLogged(
      WORKER_CLI,
      ['--config', join(HARNESS_DIR, 'bridgeData.yaml'), '--url', url, '--key', join(temp, 'worker.key')],
      join(temp, 'worker.log'),
    );
    children.push(worker);
    await untilModelListed(url, keys.requester!, [grid, worker], temp);
    return { url, keys, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A child whose output goes to a file (never an unread pipe); with `readStdout`, its stdout is a pipe that
 * {@link firstMatch} reads to the end.
 */
function spawnLogged(cli: string, args: string[], logFile: string, readStdout = false): ChildProcess {
  // A file descriptor: the child writes straight to it, so nothing in this process has to drain it.
  const log = openSync(logFile, 'w');
  try {
    return spawn(process.execPath, [cli, ...args], {
      cwd: ROOT,
      stdio: ['ignore', readStdout ? 'pipe' : log, log],
    });
  } finally {
    closeSync(log); // the child holds its own copy
  }
}

/** Resolves the first capture of the first stdout line matching `pattern`; rejects if the child exits first. */
function firstMatch(child: ChildProcess, pattern: RegExp, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let found = false;
    const limit = setTimeout(() => fail('printed no listening line'), READY_LIMIT_MS);
    const fail = (why: string) => {
      clearTimeout(limit);
      reject(new Error(`mock grid ${why}:\n${readLog(logFile)}`));
    };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = pattern.exec(line);
      if (match && !found) {
        found = true;
        clearTimeout(limit);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      if (!found) fail(`exited (${code ?? signal}) before listening`);
    });
  });
}

/** Polls `GET /v1/models` until the worker's model is listed (the worker has registered). */
async function untilModelListed(url: string, key: string, children: ChildProcess[], temp: string) {
  const giveUp = Date.now() + READY_LIMIT_MS;
  for (;;) {
    const exited = children.find((child) => child.exitCode !== null || child.signalCode !== null);
    if (exited) throw new Error(`a harness process exited early:\n${logs(temp)}`);
    try {
      const response = await fetch(`${url}/v1/models`, { headers: { apikey: key } });
      const body = (await response.json()) as { data?: Array<{ id: string }> };
      if (body.data?.some((model) => model.id === MODEL)) return;
    } catch {}
    if (Date.now() > giveUp) throw new Error(`${MODEL} never appeared on ${url}/v1/models:\n${logs(temp)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(kill);
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function logs(temp: string): string {
  return ['grid.log', 'worker.log'].map((name) => `--- ${name}\n${readLog(join(temp, name))}`).join('\n');
}
