// The dependency direction of docs/architecture.md ("Dependency direction", "One grid core, many doors"),
// checked over import statements. The checker is a pure function of a file map, so a test can feed it a
// violation and see it caught; `readWorkspace` builds that map from the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** The repository as the checker sees it. Paths are repository-relative, with `/`. */
export interface Workspace {
  /** Source files under packages/ and examples/, path → text. */
  files: Map<string, string>;
  /** Workspace package names → their folder, e.g. `@aipg/sdk` → `packages/sdk`. */
  packages: Map<string, string>;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** One import in a file: every `import`, `export … from`, `import()`, `require()` and `import('…')` type. */
export interface ImportRef {
  specifier: string;
  line: number;
}

/**
 * The layers, lowest first: a unit imports only from lower layers (or from itself). The worker and the
 * mock grid share a layer, so neither imports the other.
 */
const LAYERS: Record<string, number> = { openapi: 0, sdk: 1, worker: 2, 'mock-grid': 2, examples: 3 };
const DIRECTION = 'openapi → sdk → (worker, mock-grid) → examples';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage']);

const CORE = 'packages/mock-grid/src/core/';
/** What the transport-free core may not reach inside its own package (docs/architecture.md). */
const CORE_FORBIDDEN_FOLDERS = ['doors', 'validation', 'cli'].map((dir) => `packages/mock-grid/src/${dir}/`);
const CORE_FORBIDDEN_FILES = ['server', 'msw', 'cli'].map((file) => `packages/mock-grid/src/${file}`);
const CORE_FORBIDDEN_PACKAGES = ['ws', 'msw'];
const SDK_ENTRY = 'packages/sdk/src/index.ts';

export function checkImports(workspace: Workspace): Violation[] {
  const violations: Violation[] = [];
  const report = (file: string, ref: ImportRef, rule: string) =>
    violations.push({ file, line: ref.line, specifier: ref.specifier, rule });

  for (const [file, text] of workspace.files) {
    const from = unitOf(file);
    if (!from) continue;
    const inPackageSource = /^packages\/[^/]+\/src\//.test(file);
    for (const ref of importsOf(file, text)) {
      const target = targetOf(file, ref.specifier, workspace);
      const to = target.path ? unitOf(target.path) : undefined;

      if (file.startsWith('packages/') && to === 'examples') {
        report(
          file,
          ref,
          'nothing in packages/ imports an example (docs/architecture.md, Dependency direction)',
        );
      } else if (
        (inPackageSource || from === 'examples') &&
        to &&
        to !== from &&
        LAYERS[to]! >= LAYERS[from]!
      ) {
        report(
          file,
          ref,
          `${from} may not import ${to}: the direction is ${DIRECTION} (docs/architecture.md, Dependency direction)`,
        );
      } else if (inPackageSource && to === from && !ref.specifier.startsWith('.')) {
        report(
          file,
          ref,
          `${from} imports itself by name, which loads its built dist: use a relative import`,
        );
      }

      if (file.startsWith(CORE)) {
        const why = coreBreach(ref.specifier, target.path);
        if (why) {
          report(
            file,
            ref,
            `the mock-grid core is transport-free: it imports ${why} (docs/architecture.md, One grid core, many doors)`,
          );
        }
      }
    }
  }

  violations.push(...nodeInSdkEntry(workspace));
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `file:line imports 'x' — rule`, one line per violation. */
export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line} imports '${v.specifier}' — ${v.rule}`).join('\n');
}

/** Every module specifier a file names, type-only imports included. */
export function importsOf(file: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const refs: ImportRef[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      refs.push({ specifier: node.text, line: line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const directive of source.typeReferenceDirectives) {
    // `/// <reference types="node" />` pulls Node's types in like an import of them.
    const { line } = source.getLineAndCharacterOfPosition(directive.pos);
    refs.push({ specifier: directive.fileName, line: line + 1 });
  }
  return refs;
}

/** Reads packages/ and examples/ (sources and package names), skipping node_modules, dist and coverage. */
export function readWorkspace(root: string): Workspace {
  const files = new Map<string, string>();
  const packages = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(path);
      } else if (entry.name === 'package.json') {
        const { name } = JSON.parse(readFileSync(join(root, path), 'utf8')) as { name?: string };
        if (name) packages.set(name, dir);
      } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
        files.set(path, readFileSync(join(root, path), 'utf8'));
      }
    }
  };
  walk('packages');
  walk('examples');
  return { files, packages };
}

/** Which unit of the direction a repository path belongs to, if any. */
function unitOf(path: string): string | undefined {
  if (path === 'openapi' || path.startsWith('openapi/')) return 'openapi';
  if (path.startsWith('examples/')) return 'examples';
  const match = /^packages\/([^/]+)\//.exec(path);
  return match && match[1]! in LAYERS ? match[1] : undefined;
}

/**
 * Where a specifier leads: a repository path for relative imports and workspace packages (`path`), nothing
 * for third-party packages and Node built-ins.
 */
function targetOf(file: string, specifier: string, workspace: Workspace): { path?: string } {
  if (specifier.startsWith('.')) return { path: posix.join(posix.dirname(file), specifier) };
  for (const [name, dir] of workspace.packages) {
    if (specifier === name || specifier.startsWith(`${name}/`)) return { path: `${dir}/` };
  }
  return {};
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

function coreBreach(specifier: string, path: string | undefined): string | undefined {
  if (isNodeBuiltin(specifier)) return 'a Node built-in';
  if (CORE_FORBIDDEN_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))) {
    return `'${specifier.split('/')[0]}', a transport`;
  }
  if (!path) return undefined;
  const stem = path.replace(/\.(m|c)?(j|t)s$/, '');
  if (
    CORE_FORBIDDEN_FOLDERS.some((dir) => `${path}/`.startsWith(dir)) ||
    CORE_FORBIDDEN_FILES.includes(stem)
  ) {
    return 'a door, the validation or the CLI (server.ts, msw.ts, cli.ts)';
  }
  return undefined;
}

/**
 * The SDK's main entry runs in browsers and edge runtimes: nothing reachable from src/index.ts through
 * relative imports (type-only ones too: they reach users' declarations) may import a Node built-in.
 */
function nodeInSdkEntry(workspace: Workspace): Violation[] {
  const violations: Violation[] = [];
  const via = new Map<string, string | undefined>([[SDK_ENTRY, undefined]]);
  const queue = workspace.files.has(SDK_ENTRY) ? [SDK_ENTRY] : [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const ref of importsOf(file, workspace.files.get(file)!)) {
      if (isNodeBuiltin(ref.specifier)) {
        const chain: string[] = [];
        for (let at: string | undefined = file; at; at = via.get(at)) chain.unshift(at);
        violations.push({
          file,
          line: ref.line,
          specifier: ref.specifier,
          rule: `the sdk's main entry runs in browsers: no Node built-in is reachable from it (${chain.join(' → ')})`,
        });
        continue;
      }
      if (!ref.specifier.startsWith('.')) continue;
      const next = resolveSource(posix.join(posix.dirname(file), ref.specifier), workspace.files);
      if (next && !via.has(next)) {
        via.set(next, file);
        queue.push(next);
      }
    }
  }
  return violations;
}

/** The source file a relative import means: as written, `.js` written for `.ts`, extensionless, or a folder. */
function resolveSource(path: string, files: Map<string, string>): string | undefined {
  const stem = path.replace(/\.(m|c)?js$/, '');
  const candidates = [
    path,
    ...['.ts', '.tsx', '.mts', '.cts', '.d.ts'].map((ext) => stem + ext),
    `${path}/index.ts`,
  ];
  return candidates.find((candidate) => files.has(candidate));
}

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.(m|c)?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
