// A Python tool pinned to one version and installed from PyPI into its own virtual environment under
// node_modules/.cache, once: what scripts/uv.mjs (uv) and scripts/schemathesis.mjs (schemathesis) stand on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `node_modules/.cache/<name>-<version>`: the tool's virtual environment. */
export const toolVenv = (name, version) => join(root, 'node_modules', '.cache', `${name}-${version}`);

/** An executable of a virtual environment (`bin/` on POSIX, `Scripts\` on Windows). */
export const venvBin = (dir, name) =>
  process.platform === 'win32' ? join(dir, 'Scripts', `${name}.exe`) : join(dir, 'bin', name);

export function run(file, args) {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Prints `<tool>: <message>` on stderr and exits 1. */
export function fail(tool, message) {
  process.stderr.write(`${tool}: ${message}\n`);
  process.exit(1);
}

function findPython(tool, minor) {
  for (const candidate of ['python3', 'python']) {
    try {
      const ok = run(candidate, ['-c', `import sys; print(sys.version_info >= (3, ${minor}))`]).trim();
      if (ok === 'True') return candidate;
    } catch {
      // not on PATH; try the next name
    }
  }
  return fail(tool, `needs Python ≥ 3.${minor} as python3 (with the venv module); none was found`);
}

/**
 * Installs `<name>==<version>` into toolVenv(name, version) with `python3 -m venv` and pip. Built beside the
 * final place and renamed when complete, so an interrupted install never looks finished. `hint` is added to the
 * message when PyPI cannot be reached.
 */
export function installTool({ name, version, minPython = 9, hint = '' }) {
  const venv = toolVenv(name, version);
  const python = findPython(name, minPython);
  mkdirSync(dirname(venv), { recursive: true });
  const partial = `${venv}.partial-${process.pid}`;
  rmSync(venv, { recursive: true, force: true });
  rmSync(partial, { recursive: true, force: true });
  process.stderr.write(`${name}: installing ${name}==${version} into ${venv}\n`);
  try {
    run(python, ['-m', 'venv', partial]);
    const pip = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet'];
    run(venvBin(partial, 'python'), [...pip, `${name}==${version}`]);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    const said = String(err.stderr || err.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join('\n');
    return fail(name, `could not install ${name}==${version} from PyPI (offline?):\n${said}${hint}`);
  }
  if (existsSync(venv)) rmSync(partial, { recursive: true, force: true });
  else renameSync(partial, venv);
  return venv;
}
