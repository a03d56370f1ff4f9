// The ways a user's program loads a package: plain ESM and CommonJS, and TypeScript compiled to each with
// `moduleResolution` node16 and bundler (types from the package's `.d.ts` / `.d.cts`, as tsc picks them).

import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { run } from './processes.js';
import type { Program } from './programs.js';

export interface Format {
  /** Test-name label, e.g. `require (CommonJS)`. */
  label: string;
  /** Short and file-name safe. */
  id: string;
  /** TypeScript: which compiler setup (a folder of its own); plain JS: none. */
  tsconfig?: 'node16' | 'bundler';
  /** The source file's extension; it decides ESM or CommonJS for both node and tsc. */
  ext: '.mjs' | '.cjs' | '.mts' | '.cts';
  /** How the file loads a module into `name`. */
  load(name: string, specifier: string): string;
}

const esmImport = (name: string, specifier: string) => `import * as ${name} from '${specifier}';`;

export const FORMATS: Format[] = [
  { label: 'import (ESM)', id: 'esm', ext: '.mjs', load: esmImport },
  {
    label: 'require (CommonJS)',
    id: 'cjs',
    ext: '.cjs',
    load: (name, specifier) => `const ${name} = require('${specifier}');`,
  },
  {
    label: 'TypeScript → ESM, node16',
    id: 'ts-node16-esm',
    tsconfig: 'node16',
    ext: '.mts',
    load: esmImport,
  },
  // An ESM-syntax import in a .cts: tsc emits `require()` and reads the `require` types (.d.cts).
  {
    label: 'TypeScript → CommonJS, node16',
    id: 'ts-node16-cjs',
    tsconfig: 'node16',
    ext: '.cts',
    load: esmImport,
  },
  {
    label: 'TypeScript → ESM, bundler',
    id: 'ts-bundler-esm',
    tsconfig: 'bundler',
    ext: '.mts',
    load: esmImport,
  },
  // `moduleResolution: bundler` needs `module: preserve` (or ES) — CommonJS is then `import x = require()`.
  {
    label: 'TypeScript → CommonJS, bundler',
    id: 'ts-bundler-cjs',
    tsconfig: 'bundler',
    ext: '.cts',
    load: (name, specifier) => `import ${name} = require('${specifier}');`,
  },
];

const TSCONFIGS = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'preserve', moduleResolution: 'bundler' },
};

/** The program as a file in this format: load, run `main`, print one JSON line (or fail with exit 1). */
export function render(program: Program, format: Format): string {
  const loads = Object.entries({ m: program.entry, ...program.uses }).map(([name, specifier]) =>
    format.load(name, specifier),
  );
  return `${loads.join('\n')}

async function main() {
  // Every exported class keeps its own name (esbuild renames self-referencing classes unless told not to).
  const misnamed = Object.entries(m).flatMap(([key, value]) =>
    typeof value === 'function' && /^[A-Z]/.test(key) && value.name !== key ? [key + ' is named ' + value.name] : [],
  );
  const result = await (async () => {${program.body}
  })();
  return { misnamed, result };
}

main().then(
  (out) => console.log(JSON.stringify(out)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
`;
}

/** `sdk`, `mock-grid-msw`: a file-name safe form of an entry specifier. */
export const fileStem = (entry: string) => entry.replace(/^@aipg\//, '').replace(/\//g, '-');

export interface Compiled {
  /** The JS file to run with node, per format id + entry. */
  file(format: Format, entry: string): string;
  /** tsc's diagnostics that concern this program (its own file, or the packages' declarations it reads). */
  diagnostics(format: Format, entry: string): string[];
}

/**
 * Writes every program in every format under `dir` and compiles the TypeScript ones with the workspace's tsc
 * (one run per tsconfig, both in parallel). Compile errors are returned, not thrown: each test reports its own.
 */
export async function writeAndCompile(dir: string, programs: Program[]): Promise<Compiled> {
  const folderOf = (format: Format) => join(dir, format.tsconfig ? `ts-${format.tsconfig}` : 'js');
  const sourceOf = (format: Format, entry: string) => `${fileStem(entry)}.${format.id}${format.ext}`;
  for (const format of FORMATS) {
    await mkdir(folderOf(format), { recursive: true });
    for (const program of programs) {
      await writeFile(join(folderOf(format), sourceOf(format, program.entry)), render(program, format));
    }
  }

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const output = new Map<string, string[]>();
  await Promise.all(
    (Object.keys(TSCONFIGS) as Array<keyof typeof TSCONFIGS>).map(async (name) => {
      const cwd = join(dir, `ts-${name}`);
      const compilerOptions = {
        ...TSCONFIGS[name],
        target: 'es2022',
        strict: true,
        types: ['node'],
        // As `tsc --init` writes it. (msw 2.15's own CommonJS declarations import ESM-only packages, which
        // tsc reports under node16 when libraries are checked: not ours to fix, and every user skips it.)
        skipLibCheck: true,
        outDir: 'out',
      };
      await writeFile(
        join(cwd, 'tsconfig.json'),
        JSON.stringify({ compilerOptions, include: ['*.mts', '*.cts'] }),
      );
      const done = await run(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], {
        cwd,
        limitMs: 300_000,
      });
      // One diagnostic per entry: its `file(line,col): error …` line plus the indented lines under it.
      const diagnostics: string[] = [];
      for (const line of `${done.stdout}${done.stderr}`.split('\n')) {
        if (line.trim() === '') continue;
        if (/^\s/.test(line) && diagnostics.length > 0) diagnostics[diagnostics.length - 1] += `\n${line}`;
        else diagnostics.push(line);
      }
      if (done.code !== 0 && diagnostics.length === 0) diagnostics.push(`tsc ended with ${done.code}`);
      output.set(name, diagnostics);
    }),
  );

  const programFile = /^[\w-]+\.[\w-]+\.[cm]ts\(/;
  return {
    file(format, entry) {
      const source = sourceOf(format, entry);
      const js = format.tsconfig ? join('out', source.replace(/\.([cm])ts$/, '.$1js')) : source;
      return join(folderOf(format), js);
    },
    diagnostics(format, entry) {
      if (!format.tsconfig) return [];
      const source = sourceOf(format, entry);
      // A diagnostic in another program's file is that program's; anything else (a package's .d.ts, the
      // config) may concern every program compiled with this config.
      return (output.get(format.tsconfig) ?? []).filter(
        (diagnostic) => diagnostic.startsWith(`${source}(`) || !programFile.test(diagnostic),
      );
    },
  };
}
