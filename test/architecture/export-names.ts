// Which names two packages both export from their public entries (docs/architecture.md, Dependency direction):
// read by the TypeScript checker over the sources, so a test can also feed it a fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { publishable } from '../packaging/scratch.js';

export interface PublicEntry {
  pkg: string;
  /** The `exports` key: `.`, `./msw`. */
  subpath: string;
  /** Its source file, absolute. */
  file: string;
}

/** Two packages may both export `name` only as `deprecatedAliasIn`'s `@deprecated` alias of its `of`. */
export interface AllowedName {
  name: string;
  packages: string[];
  why: string;
  deprecatedAliasIn: string;
  of: string;
}

/** Each public entry's source file: `exports` subpaths mapped from `dist/<name>.js` to `src/<name>.ts`. */
export function publicEntries(root: string): PublicEntry[] {
  return publishable().flatMap(({ dir, manifest }) =>
    Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
      const dist = JSON.stringify(target).match(/\.\/dist\/([\w/-]+)\.js"/)?.[1];
      return dist ? [{ pkg: manifest.name, subpath, file: join(root, dir, 'src', `${dist}.ts`) }] : [];
    }),
  );
}

interface Exported {
  name: string;
  /** What the name is, past every re-export: two entries exporting the same thing do not clash. */
  target: ts.Symbol;
  deprecated: boolean;
}

/**
 * Every exported name of each entry, types and values. The entries' package names resolve to the entries
 * themselves (`paths`), so a re-export of another package's export is seen as what it re-exports.
 */
function exportsOf(entries: PublicEntry[], tsconfig: string): Map<string, Exported[]> {
  const { options } = ts.parseJsonConfigFileContent(
    JSON.parse(readFileSync(tsconfig, 'utf8')),
    ts.sys,
    join(tsconfig, '..'),
  );
  const paths = Object.fromEntries(entries.map(({ pkg, subpath, file }) => [join(pkg, subpath), [file]]));
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    { ...options, types: ['node'], paths },
  );
  const checker = program.getTypeChecker();
  const result = new Map<string, Exported[]>();
  for (const { file } of entries) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} is not a module the TypeScript program could read`);
    result.set(
      file,
      checker.getExportsOfModule(module).map((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const tags = [...symbol.getJsDocTags(checker), ...target.getJsDocTags(checker)];
        return { name: symbol.name, target, deprecated: tags.some((tag) => tag.name === 'deprecated') };
      }),
    );
  }
  return result;
}

/**
 * `problems`: each name that two packages export as different things, e.g.
 * `JobEvent: @aipg/mock-grid (.), @aipg/worker (.)`, unless `allowed` lets it through. `stale`: allow-list
 * entries that no shared name needs any more.
 */
export function sharedNames(
  entries: PublicEntry[],
  allowed: AllowedName[],
  tsconfig: string,
): { problems: string[]; stale: string[] } {
  const exported = exportsOf(entries, tsconfig);
  // name → package → what it exports under that name, and from which subpaths
  const owners = new Map<string, Map<string, { subpaths: string[]; item: Exported }>>();
  for (const { pkg, subpath, file } of entries) {
    for (const item of exported.get(file)!) {
      const byPackage = owners.get(item.name) ?? new Map();
      owners.set(item.name, byPackage);
      byPackage.set(pkg, { subpaths: [...(byPackage.get(pkg)?.subpaths ?? []), subpath], item });
    }
  }
  const shared = [...owners].filter(([, byPackage]) => {
    const targets = new Set([...byPackage.values()].map(({ item }) => item.target));
    return byPackage.size > 1 && targets.size > 1;
  });

  const problems = shared.flatMap(([name, byPackage]) => {
    const where = [...byPackage].map(([pkg, { subpaths }]) => `${pkg} (${subpaths.join(', ')})`).join(', ');
    const entry = allowed.find((candidate) => candidate.name === name);
    if (!entry || entry.packages.join() !== [...byPackage.keys()].sort().join()) return [`${name}: ${where}`];
    const alias = byPackage.get(entry.deprecatedAliasIn)?.item;
    const beside = entries
      .filter(({ pkg }) => pkg === entry.deprecatedAliasIn)
      .flatMap(({ file }) => exported.get(file)!);
    if (!alias?.deprecated || !beside.some((item) => item.name === entry.of)) {
      return [`${name}: ${where} — allowed only as ${entry.why}, which it is not (yet)`];
    }
    return [];
  });
  const stale = allowed
    .filter(({ name }) => !shared.some(([sharedName]) => sharedName === name))
    .map(({ name, why }) => `${name} (${why})`);
  return { problems, stale };
}
